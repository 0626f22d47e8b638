"""The classic experiment with real Keras: tf_keras in TensorFlow-1 graph mode.

One trial is one tiny model: Dense(8) then Dense(1) on 4 inputs, adam, mse,
fitted for one epoch on one sample, then tested. Without clearing, every model
adds its operations to TensorFlow's default graph, and each one is slower to
build and to run than the one before it.

Run it under IsoRun with Config/keras-seed.toml; the adapter is `tf1-keras`,
which turns eager execution off before this module is imported. The parameters
come from the experiment file's `[workload]` table (all optional):

    inputs = 4, units = [8, 1], activation = "linear", optimizer = "adam",
    loss = "mse", epochs = 1, batch_size = 1, x = [[1, 1, 1, 1]], y = [[1]]
"""

import numpy as np
import tf_keras

import isorun_worker as iw


def build(params):
    """A compiled Sequential model as the params describe it."""
    units = params.get("units", [8, 1])
    activation = params.get("activation", "linear")
    layers = [tf_keras.layers.Dense(units[0], activation=activation, input_shape=(params.get("inputs", 4),))]
    layers += [tf_keras.layers.Dense(n, activation=activation) for n in units[1:]]
    model = tf_keras.Sequential(layers)
    model.compile(optimizer=params.get("optimizer", "adam"), loss=params.get("loss", "mse"))
    return model


@iw.trial
def seed(ctx):
    params = ctx.params
    x = np.array(params.get("x", [[1.0, 1.0, 1.0, 1.0]]), dtype="float32")
    y = np.array(params.get("y", [[1.0]]), dtype="float32")
    with ctx.phase("create"):
        model = build(params)
    with ctx.phase("fit"):
        model.fit(x, y, epochs=params.get("epochs", 1), batch_size=params.get("batch_size", 1), verbose=0)
    with ctx.phase("test"):
        model.test_on_batch(x, y)
