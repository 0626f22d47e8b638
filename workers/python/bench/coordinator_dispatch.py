"""Pool dispatch overhead of the Python worker through IsoRun's own coordinator,
beside multiprocessing's fork `Pool(1).apply` of an empty function, in one run.

    PATH=$PWD/.venv/bin:$PATH python3 workers/python/bench/coordinator_dispatch.py \
        [--isorun .build/release/isorun] [--rounds 5] [--calls 2000] [--json FILE]

Run from anywhere; it runs `isorun` from the repository root, with this
checkout's `workers/python` first on PYTHONPATH (or `--package DIR`) and the
folder of this script's Python first on PATH, so that the experiment file's
`python3` is this Python. Each round is these blocks, one after the other:

(a) `isorun run workers/python/bench/dispatch.toml`: 2000 empty trials under
    `no-clear`, then 2000 under `pool`, one worker never recycled. Taken from its
    records, each strategy's first 10% dropped as warm-up:
    - `pool isolation_s`: the coordinator's dispatch overhead per trial (its
      dispatch-to-record time less the worker's own `wall_s`, plus the clear),
      the figure `isorun bench` reports for its own worker's pool dispatch;
    - `pool wall_s` and `no-clear wall_s`: dispatch to record, whole.
(b) with `--before DIR`, the same again with the package in DIR (figures
    `before ...`), for a before/after comparison in the same run; then the same
    for `null_dispatch.toml`, whose worker (null_worker.py) answers each task
    with a fixed record and does nothing else: the floor that the coordinator,
    ZeroMQ and pyzmq set for any Python worker (figures `null ...`);
(c) a fork `multiprocessing.Pool(1)` (started before the block, untimed):
    `apply` of an empty function, `--calls` times, each call timed, the first
    10% dropped.

Prints, per round, the median, p10 and p90 of each in µs and the ratio of each
median to the `Pool.apply` median; then the median ratio over the rounds with
its lowest and highest. The load average is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from empty import nothing  # beside this script: the empty trial, and the same nothing for Pool.apply

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
EXPERIMENT = "workers/python/bench/dispatch.toml"
FLOOR = "workers/python/bench/null_dispatch.toml"
BASE = "mp fork Pool.apply"


def warm(samples: list[float]) -> list[float]:
    """`samples` without their first 10% (warm-up)."""
    return samples[len(samples) // 10:]


def isorun_block(isorun: str, package: str, experiment: str = EXPERIMENT, label: str = "") -> dict[str, list[float]]:
    """One `isorun run` of `experiment`: seconds per trial, by figure (named after `label`)."""
    env = {**os.environ, "PATH": os.pathsep.join((os.path.dirname(sys.executable), os.environ.get("PATH", ""))),
           "PYTHONPATH": os.pathsep.join(filter(None, (package, os.environ.get("PYTHONPATH"))))}
    with tempfile.TemporaryDirectory(prefix="iwd-") as folder:
        out = Path(folder) / "dispatch.jsonl"
        subprocess.run([isorun, "run", experiment, "--out", str(out)], cwd=REPO, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        records = [json.loads(line) for line in out.read_text().splitlines()]
    by_strategy: dict[str, list[dict]] = {}
    for record in sorted(records, key=lambda r: r["trial"]):
        if record["outcome"] != "ok":
            raise RuntimeError(f"trial {record['trial']} ({record['strategy']}): {record['outcome']} {record['reason']}")
        by_strategy.setdefault(record["strategy"], []).append(record)
    pool, plain = warm(by_strategy["pool"]), warm(by_strategy["no-clear"])
    return {f"{label}pool isolation_s": [r["isolation_s"] for r in pool], f"{label}pool wall_s": [r["wall_s"] for r in pool],
            f"{label}no-clear wall_s": [r["wall_s"] for r in plain]}


def pool_block(calls: int) -> list[float]:
    """Seconds per `Pool(1).apply` of an empty function, fork start method."""
    pool = multiprocessing.get_context("fork").Pool(1)
    try:
        samples = []
        for _ in range(calls):
            start = time.perf_counter()
            pool.apply(nothing)
            samples.append(time.perf_counter() - start)
    finally:
        pool.terminate()
        pool.join()
    return warm(samples)


def summary(samples: list[float]) -> dict:
    """Median, p10 and p90 in µs."""
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1e6  # noqa: E731
    return {"n": len(samples), "median": statistics.median(samples) * 1e6, "p10": pick(0.1), "p90": pick(0.9)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--isorun", default=str(REPO / ".build" / "release" / "isorun"), help="the isorun binary")
    parser.add_argument("--package", default=str(HERE.parent), help="folder of the isorun_worker package to use")
    parser.add_argument("--before", metavar="DIR", help="also run the dispatch experiment with the package in DIR")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the two blocks (default 5)")
    parser.add_argument("--calls", type=int, default=2000, help="Pool.apply calls per block (default 2000)")
    parser.add_argument("--json", metavar="FILE", help="also write every round's summaries as JSON")
    args = parser.parse_args()
    report = {"loadavg_at_start": os.getloadavg(), "python": sys.version.split()[0], "rounds": []}
    print(f"load average at start {report['loadavg_at_start'][0]:.2f} ({os.cpu_count()} cpus); µs per trial")
    print(f"{'round':<6}{'figure':<27}{'median':>9}{'p10':>9}{'p90':>9}{'ratio':>8}")
    for n in range(args.rounds):
        figures = isorun_block(args.isorun, args.package)
        if args.before:
            figures.update(isorun_block(args.isorun, args.before, label="before "))
        figures.update(isorun_block(args.isorun, args.package, FLOOR, label="null "))
        figures[BASE] = pool_block(args.calls)
        summaries = {name: summary(samples) for name, samples in figures.items()}
        for name, s in summaries.items():
            s["ratio"] = s["median"] / summaries[BASE]["median"]
            print(f"{n + 1:<6}{name:<27}{s['median']:>9.1f}{s['p10']:>9.1f}{s['p90']:>9.1f}{s['ratio']:>7.2f}x")
        report["rounds"].append(summaries)
    print("over the rounds: median of the medians (µs), median ratio to Pool.apply (lowest-highest)")
    report["over_rounds"] = {}
    for name in report["rounds"][0]:
        medians = [r[name]["median"] for r in report["rounds"]]
        ratios = [r[name]["ratio"] for r in report["rounds"]]
        report["over_rounds"][name] = {"median_us": statistics.median(medians), "ratio_median": statistics.median(ratios),
                                       "ratio_min": min(ratios), "ratio_max": max(ratios)}
        print(f"  {name:<27}{statistics.median(medians):>8.1f}  {statistics.median(ratios):.2f}x "
              f"({min(ratios):.2f}-{max(ratios):.2f})")
    report["loadavg_at_end"] = os.getloadavg()
    print(f"load average at end {report['loadavg_at_end'][0]:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
