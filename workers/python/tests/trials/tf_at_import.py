"""Runs TensorFlow when imported (a session.run), which starts its runtime's threads."""

import tensorflow as tf

import isorun_worker as iw

with tf.compat.v1.Session() as _session:
    _session.run(tf.constant(1.0) + 1.0)


@iw.trial
def trial(ctx):
    pass
