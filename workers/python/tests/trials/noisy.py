"""Prints to stdout when imported and in each trial: the fork server's protocol lines must survive it."""

import isorun_worker as iw

print("noisy: imported, and printing to stdout")


@iw.trial
def noisy(ctx):
    print("noisy: trial", ctx.trial)
