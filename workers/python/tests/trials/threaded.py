"""Starts a Python thread when imported: a fork server must refuse to fork it."""

import threading

import isorun_worker as iw

STOP = threading.Event()
threading.Thread(target=STOP.wait, name="importer-thread", daemon=True).start()


@iw.trial
def trial(ctx):
    pass
