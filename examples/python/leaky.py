"""A pure-Python workload that leaks on purpose, to see IsoRun's strategies without a framework.

Every trial appends a "model" (a list of floats) to a module-level list, the way
a framework's global graph keeps every model built in it. The list is dropped
only by the `@iw.clear` hook, which the `clear` and `pool` strategies run after
each trial. `@iw.counts` reports the list's length as `live_variables`.

Parameters (the experiment file's `[workload]` table, all optional):
- `size`: floats per model (default 1000);
- `fail_trials`: trial indices that raise instead (default none), to see a
  `failed` record while the worker keeps serving.
"""

import isorun_worker as iw

MODELS = []  # what every trial leaves behind, until cleared


@iw.trial
def leaky(ctx):
    size = ctx.params.get("size", 1000)
    if ctx.trial in ctx.params.get("fail_trials", []):
        raise ValueError(f"trial {ctx.trial} fails on purpose (fail_trials)")
    with ctx.phase("create"):
        model = [float(i) for i in range(size)]
        MODELS.append(model)
    with ctx.phase("fit"):
        # touches everything left behind, so a trial slows down as MODELS grows
        total = sum(len(m) for m in MODELS)
    with ctx.phase("test"):
        assert total >= size


@iw.clear
def forget():
    MODELS.clear()


@iw.counts
def counts():
    return None, len(MODELS)
