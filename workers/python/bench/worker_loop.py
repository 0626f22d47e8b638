"""The Python worker's own work per trial, without sockets: decoding a task as the
coordinator lays it out, running the empty trial, and encoding its record, in a
loop in this process.

    PYTHONPATH=workers/python .venv/bin/python workers/python/bench/worker_loop.py [--trials 20000] [--strategy no-clear]

Prints the median over 7 passes of µs per trial for each part and for the whole.
Under callgrind (`valgrind --tool=callgrind python worker_loop.py --trials 3000
--only whole`, or `--only decode`, `run`, `encode`), less a run with `--trials
0`, it counts instructions per trial.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from isorun_worker import wire
from isorun_worker.adapters import adapter_named
from isorun_worker.record_json import RecordEncoder
from isorun_worker.runner import Runner
from isorun_worker.trial import load

EMPTY = f"{Path(__file__).resolve().parent / 'empty.py'}:empty"


def task_frames(strategy: str, trial: int) -> list[bytes]:
    """A task's frames, byte for byte as the coordinator writes them (WireMessage+Task.swift)."""
    spec = (f'{{"run_id":"9f1c0e4a2b7d4c11","experiment":"python-dispatch","strategy":"{strategy}",'
            f'"trial":{trial},"repeat":0,"attempt":1}}')
    return [b"isorun/2", b"task", f'{{"spec":{spec},"workload":{{}}}}'.encode()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20000)
    parser.add_argument("--strategy", default="no-clear")
    parser.add_argument("--only", choices=["decode", "run", "encode", "whole"], help="just that part, once (for callgrind)")
    args = parser.parse_args()
    adapter = adapter_named("python")
    module = load(EMPTY)
    adapter.attach(module)
    runner = Runner(adapter, module, worker="w1", launch="exec")
    records = RecordEncoder()  # as the worker's loop encodes records
    tasks = [task_frames(args.strategy, n) for n in range(args.trials)]

    def decode() -> None:
        for frames in tasks:
            wire.parse_task(wire.decode(frames).payload)

    parsed = [wire.parse_task(wire.decode(frames).payload) for frames in tasks[:1]] * args.trials

    def run() -> None:
        for task in parsed:
            runner.run(task)

    record = runner.run(parsed[0]) if parsed else {}

    def encode() -> None:
        for _ in range(args.trials):
            records.encode(record)

    def whole() -> None:
        for frames in tasks:
            records.encode(runner.run(wire.parse_task(wire.decode(frames).payload)))

    parts = {"decode": decode, "run": run, "encode": encode, "whole": whole}
    if args.only:
        parts[args.only]()
        return 0
    for name, part in parts.items():
        passes = []
        for _ in range(7):
            start = time.perf_counter()
            part()
            passes.append((time.perf_counter() - start) / args.trials * 1e6)
        print(f"{name:<8}{statistics.median(passes):8.2f} µs  (min {min(passes):.2f}, max {max(passes):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
