"""Trials for the worker's tests."""

import time

import isorun_worker as iw


@iw.trial
def phases(ctx):
    """Enters each phase once; sleeps `sleep` seconds in fit when the params say so."""
    with ctx.phase("create"):
        pass
    with ctx.phase("fit"):
        time.sleep(ctx.params.get("sleep", 0))
    with ctx.phase("test"):
        pass


def no_phases(ctx):
    """A plain function (no decorator) that times nothing."""


@iw.trial
def raises(ctx):
    raise RuntimeError("line one\nline two")
