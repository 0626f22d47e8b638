"""The seed trial with Keras 3 (eager, its default backend)."""

import keras
import numpy as np

import isorun_worker as iw

X = np.ones((1, 4), dtype="float32")
Y = np.ones((1, 1), dtype="float32")


@iw.trial
def seed(ctx):
    with ctx.phase("create"):
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
    with ctx.phase("fit"):
        model.fit(X, Y, epochs=1, batch_size=1, verbose=0)
    with ctx.phase("test"):
        model.test_on_batch(X, Y)
