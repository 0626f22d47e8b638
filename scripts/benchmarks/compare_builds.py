#!/usr/bin/env python3
"""Two builds of isorun benchmarked in one run, interleaved: A, B, A, B, ...

Usage: scripts/benchmarks/compare_builds.py A_ISORUN B_ISORUN [ROUNDS] [-- BENCH ARGS...]

Each round runs `A bench --format json BENCH ARGS` then the same with B (BENCH
ARGS default to --quick), so a change in the machine's load falls on both
alike. Prints, for every figure both builds report, the median value of each
over the rounds and B/A, with the load average (uptime) before each run.
Exit status 0, or 1 when a bench run fails.

Example (issue 8's "no slower", the build before the coordinator rewrite as A):
  scripts/benchmarks/compare_builds.py /work/wt-before/.build/release/isorun \\
      .build/release/isorun 3
"""
import json
import os
import re
import statistics
import subprocess
import sys


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def bench(isorun, args):
    """The rows of one `isorun bench` run of `isorun`, run from its own checkout."""
    checkout = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(isorun))))
    before = load()
    output = subprocess.run([isorun, "bench", "--format", "json", *args], cwd=checkout,
                            stdout=subprocess.PIPE, check=True).stdout
    rows = {}
    for row in json.loads(output):
        # Older builds name the ingest row with its losses: "…, one producer, 0 lost".
        figure = re.sub(r", \d+ lost$", "", row["figure"])
        rows[figure] = (row["value"], row["unit"])
    print(f"  {isorun}: load {before} before the run", file=sys.stderr)
    return rows


def main():
    argv = sys.argv[1:]
    extra = ["--quick"]
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    a, b = argv[0], argv[1]
    rounds = int(argv[2]) if len(argv) == 3 else 3
    runs = {a: [], b: []}
    try:
        for round_number in range(1, rounds + 1):
            print(f"round {round_number} of {rounds}", file=sys.stderr)
            for isorun in (a, b):
                runs[isorun].append(bench(isorun, extra))
    except subprocess.CalledProcessError as error:
        print(f"compare_builds: {error}", file=sys.stderr)
        sys.exit(1)
    figures = [f for f in runs[a][0] if all(f in r for r in runs[a] + runs[b])]
    print(f"{'figure':42} {'A median':>14} {'B median':>14} {'B/A':>6}   (A {a}, B {b}, {rounds} rounds)")
    for figure in figures:
        unit = runs[a][0][figure][1]
        median_a = statistics.median(r[figure][0] for r in runs[a])
        median_b = statistics.median(r[figure][0] for r in runs[b])
        ratio = f"{median_b / median_a:.2f}" if median_a else "—"
        print(f"{figure[:42]:42} {median_a:>10.4g} {unit:3} {median_b:>10.4g} {unit:3} {ratio:>6}")


if __name__ == "__main__":
    main()
