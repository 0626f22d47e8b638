"""An empty trial: what dispatching one costs, and nothing else."""

import isorun_worker as iw


@iw.trial
def empty(ctx):
    pass


def nothing():
    """The same nothing, for multiprocessing's Pool.apply."""
