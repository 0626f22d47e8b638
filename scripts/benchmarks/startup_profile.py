#!/usr/bin/env python3
"""Where a `process` worker's start-up CPU goes, beside the exec floor's.

Usage: scripts/benchmarks/startup_profile.py ISORUN [TRIALS]

Runs, under `perf record -g -F 10000`, TRIALS (default 60) `process` trials by
exec of Config/quick.toml's model (`isorun run --strategies process --launch
exec --workers 1`), then TRIALS spawns of `isorun-floor` (beside ISORUN, as
`isorun bench` finds it). Each sample of the `isorun-trial` and `isorun-floor`
processes goes to the first phase its call chain shows, and the table gives
CPU per process in each (samples x 0.1 ms / TRIALS). perf slows both sides
alike; the trial body (`TrialHost.run`, which `isolation_s` leaves out) is
counted apart and not shown. Needs perf (Debian: linux-perf) and root or
kernel.perf_event_paranoid <= 1. Exit status 0, or 1 when a run fails.
"""
import os
import re
import subprocess
import sys
import tempfile

# (phase, pattern in a sample's call chain), first match wins.
PHASES = [
    ("trial body", r"HostC3run_8workload"),
    ("main: arguments, link, wire", r"isorun_trial_main|isorun_worker_main|isorun_floor_main"),
    ("exit", r"exit|_fini|__run_exit_handlers"),
    ("ld.so: map the libraries", r"_dl_map_object"),
    ("ld.so: relocate (data pages copied)", r"_dl_relocate_object|_dl_lookup_symbol|do_lookup_x"),
    ("ld.so: the rest, Swift runtime start", r"_dl_|dl_main|_GLOBAL__sub_I|__libc_start_main"),
]
UNMATCHED = "kernel (execve, faults), unattributed"
SHOWN = [UNMATCHED] + [name for name, _ in PHASES[3:]] + [PHASES[1][0], PHASES[2][0]]


def profile(command, comm, trials, folder):
    """CPU per process of `comm`, by phase, over `command` (which starts `trials` of them)."""
    data = os.path.join(folder, f"{comm}.data")
    subprocess.run(["perf", "record", "-q", "-F", "10000", "-g", "-o", data, "--", *command],
                   stdout=subprocess.DEVNULL, check=True)
    script = subprocess.run(["perf", "script", "-i", data, "--comm", comm, "-F", "comm,ip,sym"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True).stdout
    phases = dict.fromkeys([name for name, _ in PHASES] + [UNMATCHED], 0.0)
    for sample in filter(str.strip, script.split("\n\n")):
        name = next((name for name, pattern in PHASES if re.search(pattern, sample)), UNMATCHED)
        phases[name] += 0.1 / trials
    return phases


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    isorun = os.path.abspath(sys.argv[1])
    trials = int(sys.argv[2]) if len(sys.argv) == 3 else 60
    checkout = os.path.dirname(os.path.dirname(os.path.dirname(isorun)))
    floor = os.path.join(os.path.dirname(isorun), "isorun-floor")
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "exec.toml")
        with open(os.path.join(checkout, "Config", "quick.toml")) as source, open(config, "w") as target:
            target.write(re.sub(r"(?m)^trials = \d+", f"trials = {trials}", source.read()))
        run = [isorun, "run", config, "--strategies", "process", "--launch", "exec", "--workers", "1",
               "--quiet", "--out", os.path.join(folder, "records.jsonl")]
        spawns = ["sh", "-c", f'for i in $(seq {trials}); do "{floor}"; done']
        try:
            worker = profile(run, "isorun-trial", trials, folder)
            bare = profile(spawns, "isorun-floor", trials, folder)
        except subprocess.CalledProcessError as error:
            print(f"startup_profile: {error}", file=sys.stderr)
            sys.exit(1)
    print(f"{'CPU per process':42} {'isorun-trial':>13} {'isorun-floor':>13}   ({trials} of each)")
    for name in SHOWN:
        print(f"{name:42} {worker[name]:>10.2f} ms {bare[name]:>10.2f} ms")


if __name__ == "__main__":
    main()
