"""isorun-worker: run Python trials, real Keras among them, under IsoRun's coordinator.

    import isorun_worker as iw

    @iw.trial
    def seed(ctx):
        with ctx.phase("create"): model = build(ctx.params)
        with ctx.phase("fit"):    model.fit(X, y, epochs=1, batch_size=1, verbose=0)
        with ctx.phase("test"):   model.test_on_batch(X, y)

Run it as a worker with `python3 -m isorun_worker path/to/file.py:seed --framework tf1-keras
--connect ENDPOINT --id ID` (the coordinator does this for you); docs/python-worker.md
has the whole story.
"""

from .trial import Context, clear, counts, trial
from .wire import VERSION as PROTOCOL_VERSION

__all__ = ["Context", "clear", "counts", "trial", "PROTOCOL_VERSION"]
__version__ = "0.1.0"
