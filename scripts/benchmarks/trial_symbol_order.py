#!/usr/bin/env python3
"""Writes Sources/isorun-trial/symbol-order.txt: the functions a `process` trial runs.

Usage: scripts/benchmarks/trial_symbol_order.py [ISORUN] [TRIALS]
       scripts/benchmarks/trial_symbol_order.py --check [ISORUN]

ISORUN is a release `isorun` built by `make build` (default .build/release/isorun),
with `isorun-worker` and `isorun-trial` beside it. The script copies them to a
scratch folder, puts a wrapper in `isorun-trial`'s place that runs the real one
under `valgrind --tool=callgrind`, and runs TRIALS (default 2) `process` trials
of Config/quick.toml's model with each launch (exec, then fork-server). Every
function that any trial process (a zygote and its children included) executed,
and that the real program defines, goes into the file, one mangled name a line,
sorted, so that a regenerated file differs only where the code did. (Putting
first what every process ran, the model's functions after, faulted no less
than this order in a trial of the bench's empty workload: 125 faults against
124, times within the spread in four alternating rounds.)

`make build` links `isorun-trial` and its floor `isorun-floor` with lld's
`--symbol-ordering-file` of that list (Package.swift), and links them again
when the list is newer than they are (SwiftPM does not see it): the functions
a trial runs sit together at the front of the program's code instead of across
its 5 MB, so a fresh process faults in fewer pages of code (fault-around maps
64 KB at a time) and unmaps fewer at its exit. A name the code no longer has
is skipped without a warning, so a stale list costs speed, never correctness:
run this again after changes to what a trial runs, then `make bench`.

With --check it profiles nothing: it says on standard error when more than a
tenth of the list names functions `isorun-trial` no longer has (the code
changed since the list was written), and `make bench` runs it before it
measures. Always exit status 0.

Needs valgrind. Exit status 0, or 1 when a run fails or profiles nothing.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUTPUT = os.path.join(REPO, "Sources", "isorun-trial", "symbol-order.txt")
# A function's name where callgrind's profile first mentions it: `fn=(7) NAME`, also as a callee (`cfn=`).
FUNCTION = re.compile(r"^c?fn=\(\d+\) (\S+)$")


def defined_functions(binary):
    """The names of the functions `binary` defines (nm's T, t, W and w)."""
    listing = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    return {fields[2] for fields in (line.split() for line in listing.splitlines())
            if len(fields) == 3 and fields[1] in "TtWw"}


def profiled_functions(folder):
    """Every function named in the callgrind profiles in `folder`."""
    names = set()
    for entry in os.listdir(folder):
        if entry.startswith("callgrind."):
            with open(os.path.join(folder, entry)) as profile:
                names.update(match.group(1) for match in map(FUNCTION.match, profile) if match)
    return names


def check(built):
    """Warns when much of the list names functions the built `isorun-trial` no longer has."""
    with open(OUTPUT) as order:
        listed = order.read().split()
    missing = len(set(listed) - defined_functions(os.path.join(built, "isorun-trial")))
    if missing * 10 > len(listed):
        print(f"trial_symbol_order: {missing} of the {len(listed)} functions in {os.path.relpath(OUTPUT, REPO)} are "
              "no longer in isorun-trial, whose start-up is then slower than it need be: run `make trial-order`",
              file=sys.stderr)


def main():
    arguments = sys.argv[1:]
    checking = arguments[:1] == ["--check"]
    if checking:
        arguments = arguments[1:]
    isorun = os.path.abspath(arguments[0] if arguments else os.path.join(REPO, ".build/release/isorun"))
    trials = arguments[1] if len(arguments) > 1 else "2"
    built = os.path.dirname(isorun)
    if checking:
        return check(built)
    if not shutil.which("valgrind"):
        sys.exit("trial_symbol_order: needs valgrind (Debian: apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="isorun-order-") as scratch:
        # Copies, not links: isorun finds isorun-trial beside its own resolved path.
        for program in ("isorun", "isorun-worker"):
            shutil.copy2(os.path.join(built, program), scratch)
        real = os.path.join(scratch, "isorun-trial.real")
        # Without its DWARF, which this valgrind cannot read; the symbol table stays.
        subprocess.run(["strip", "--strip-debug", "-o", real, os.path.join(built, "isorun-trial")], check=True)
        profiles = os.path.join(scratch, "profiles")
        os.mkdir(profiles)
        wrapper = os.path.join(scratch, "isorun-trial")
        with open(wrapper, "w") as script:
            # valgrind's messages to a file of their own: its --log-file would take descriptor 3, the trial's link.
            script.write(f"#!/bin/sh\nexec valgrind --tool=callgrind --demangle=no "
                         f"--callgrind-out-file={profiles}/callgrind.%p {real} \"$@\" 2>>{profiles}/valgrind.log\n")
        os.chmod(wrapper, 0o755)
        for launch in ("exec", "fork-server"):
            command = [os.path.join(scratch, "isorun"), "run", os.path.join(REPO, "Config", "quick.toml"),
                       "--strategies", "process", "--trials", trials, "--workers", "1", "--launch", launch,
                       "--out", os.path.join(scratch, f"{launch}.jsonl"), "--quiet"]
            run = subprocess.run(command, capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"{run.stderr}trial_symbol_order: {' '.join(command)} failed")
        names = sorted(profiled_functions(profiles) & defined_functions(real))
    if not names:
        sys.exit("trial_symbol_order: the profiles name no function of isorun-trial")
    with open(OUTPUT, "w") as order:
        order.write("".join(name + "\n" for name in names))
    print(f"trial_symbol_order: {len(names)} functions written to {os.path.relpath(OUTPUT, REPO)}")


if __name__ == "__main__":
    main()
