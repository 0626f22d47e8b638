"""Takes a while to import, as a module that imports TensorFlow does."""

import time

import isorun_worker as iw

time.sleep(1.0)


@iw.trial
def trial(ctx):
    pass
