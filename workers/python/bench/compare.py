"""What process isolation costs a real Keras trial, and what dispatching a trial costs,
for isorun-worker beside Python's own multiprocessing, measured in one run.

    .venv/bin/python workers/python/bench/compare.py [--trials 10] [--dispatches 2000] [--json FILE]

1. Price of process isolation per trial (the seed trial: tf_keras, graph mode,
   Dense(8)+Dense(1), adam, mse, one epoch on one sample, then test_on_batch):
   - fork-server: isorun-worker's zygote (TensorFlow and the trial imported once)
     forks a one-shot worker per trial; from `spawn` to the record on a ROUTER;
   - exec: a fresh `python -m isorun_worker ... --one-shot` per trial; from
     spawning it to its record on the ROUTER;
   - mp-spawn: `multiprocessing.Pool(1, maxtasksperchild=1)` with the spawn start
     method, running the same trial function; from creating the pool to the
     result. A pool per trial: one pool shared by the turns below would start
     its replacement process while the other methods run, hiding that start.
   Each price is that wall time minus the trial's own create+fit+test, which
   every method reports from inside the child; the trial itself, and the sum,
   are printed beside it, since a forked child may run its trial at another
   speed than a fresh process (every page of the zygote's heap it writes,
   reference counts included, is copied first). The three take turns, trial by
   trial, so that load on the machine falls on all of them alike.
2. Pool dispatch overhead for an empty trial, per round trip:
   - isorun-worker: a minimal ROUTER driver (this script) sends `task`, the worker
     answers `record`; strategy `no-clear` (protocol only) and `pool` (plus the
     clear: the python adapter's gc.collect over what trials made);
   - multiprocessing: a fork `Pool(1)`'s `apply` of an empty function;
   - the floor under isorun-worker: a bare pyzmq DEALER that answers each task
     frame with a fixed record frame (no decoding, no trial, no measurement).
   Blocks of each alternate. The same through IsoRun's own coordinator, the path
   users run, is coordinator_dispatch.py.
Medians are the headline; means and 10th/90th percentiles are printed beside them.
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
SEED = f"{REPO / 'examples' / 'keras' / 'seed.py'}:seed"
EMPTY = f"{HERE / 'empty.py'}:empty"
PARAMS = {"inputs": 4, "units": [8, 1], "optimizer": "adam", "loss": "mse", "x": [[1, 1, 1, 1]], "y": [[1]]}
# This checkout's package first, whatever tree the venv's editable install points to.
CHILD_ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore",
             "PYTHONPATH": os.pathsep.join(filter(None, (str(HERE.parent), os.environ.get("PYTHONPATH"))))}


def _mp_keras_trial(target: str, params: dict) -> float:
    """In a multiprocessing child: load TensorFlow (graph mode), tf_keras and the seed
    trial, as the worker does, run it once; returns its create+fit+test seconds."""
    os.environ.update(TF_CPP_MIN_LOG_LEVEL="3")
    from isorun_worker.adapters import adapter_named
    from isorun_worker.trial import Context, load

    adapter = adapter_named("tf1-keras")
    adapter.load()
    module = load(target)
    context = Context(params, strategy="process")
    module.function(context)
    return context.times()[3]


class Router:
    """A minimal coordinator: a ROUTER on a private ipc endpoint."""

    def __init__(self) -> None:
        import zmq

        self.zmq = zmq
        self.folder = tempfile.mkdtemp(prefix="iwb-")
        self.endpoint = f"ipc://{self.folder}/coordinator"
        self.context = zmq.Context()
        self.socket = self.context.socket(zmq.ROUTER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.bind(self.endpoint)
        self.trial = 0

    def receive(self, kind: bytes) -> tuple[bytes, dict]:
        """The next message of `kind` (heartbeats and ready skipped)."""
        while True:
            identity, _version, got, body = self.socket.recv_multipart()
            if got == kind:
                return identity, json.loads(body)
            if got not in (b"heartbeat", b"ready"):
                raise RuntimeError(f"expected {kind!r}, got {got!r}: {body[:200]!r}")

    def task(self, identity: bytes, strategy: str) -> dict:
        """Sends one task and returns its record."""
        spec = {"run_id": "00000000000000b1", "experiment": "compare", "strategy": strategy, "trial": self.trial,
                "repeat": 0, "attempt": 1}
        self.trial += 1
        self.socket.send_multipart([identity, b"isorun/2", b"task", json.dumps({"spec": spec, "workload": PARAMS}).encode()])
        return self.receive(b"record")[1]

    def close(self) -> None:
        self.socket.close()
        self.context.term()


def worker_command(target: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "isorun_worker", target, *extra]


def process_isolation(trials: int) -> dict[str, list[float]]:
    """Seconds of isolation per trial for fork-server, exec and mp-spawn, in turns."""
    router = Router()
    prices: dict[str, list[float]] = {"fork-server": [], "exec": [], "mp-spawn": []}
    totals: dict[str, list[float]] = {name: [] for name in prices}
    zygote = subprocess.Popen(
        worker_command(SEED, "--framework", "tf1-keras", "fork-server", "--parent", str(os.getpid())),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=CHILD_ENV, cwd=REPO, stderr=subprocess.DEVNULL)
    spawn = multiprocessing.get_context("spawn")
    try:
        # The zygote's own start (importing TensorFlow once) is a one-time charge
        # of the run, not of a trial: one untimed spawn waits it out.
        zygote.stdin.write(f"spawn warm {router.endpoint}\n".encode())
        zygote.stdin.flush()
        zygote.stdout.readline()
        router.task(router.receive(b"hello")[0], "process")
        zygote.stdout.readline()
        for n in range(trials):
            # fork-server: spawn request to record
            start = time.perf_counter()
            zygote.stdin.write(f"spawn f{n} {router.endpoint}\n".encode())
            zygote.stdin.flush()
            spawned = zygote.stdout.readline().split()
            if spawned[:1] != [b"spawned"]:
                raise RuntimeError(f"fork server: {spawned}")
            record = router.task(router.receive(b"hello")[0], "process")
            wall = time.perf_counter() - start
            _keep(prices, totals, "fork-server", wall, record)
            zygote.stdout.readline()  # ended <pid> exited 0

            # exec: spawn to record
            start = time.perf_counter()
            child = subprocess.Popen(
                worker_command(SEED, "--framework", "tf1-keras", "--connect", router.endpoint, "--id", f"e{n}",
                               "--one-shot", "--parent", str(os.getpid())),
                env=CHILD_ENV, cwd=REPO, stderr=subprocess.DEVNULL)
            record = router.task(router.receive(b"hello")[0], "process")
            wall = time.perf_counter() - start
            _keep(prices, totals, "exec", wall, record)
            child.wait()

            # multiprocessing, spawn, a fresh process per task
            start = time.perf_counter()
            pool = spawn.Pool(1, maxtasksperchild=1)
            total = pool.apply_async(_mp_keras_trial, (SEED, PARAMS)).get()
            wall = time.perf_counter() - start
            pool.terminate()
            pool.join()
            prices["mp-spawn"].append(wall - total)
            totals["mp-spawn"].append(total)
            print(f"  trial {n}: " + ", ".join(f"{k} {v[-1] * 1e3:.0f} ms" for k, v in prices.items()), file=sys.stderr)
    finally:
        zygote.stdin.close()
        zygote.wait()
        router.close()
    return {"isolation": prices, "trial": totals}


def _keep(prices, totals, name, wall, record) -> None:
    if record["outcome"] != "ok":
        raise RuntimeError(f"{name}: trial failed: {record['reason']}")
    prices[name].append(wall - record["total_s"])
    totals[name].append(record["total_s"])


def echo(endpoint: str) -> None:
    """The floor: a DEALER that answers every message with a fixed record, until shutdown."""
    import zmq

    context = zmq.Context()
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.ROUTING_ID, b"echo")
    socket.connect(endpoint)
    socket.send_multipart([b"isorun/2", b"hello", b"{}"])
    record = [b"isorun/2", b"record", json.dumps({"outcome": "ok"}).encode()]
    while socket.recv_multipart()[1] != b"shutdown":
        socket.send_multipart(record)
    socket.close()
    context.term()


def dispatch(count: int, blocks: int = 5) -> dict[str, list[float]]:
    """Seconds per round trip: isorun-worker (no-clear, pool), multiprocessing's fork
    Pool.apply, and the bare pyzmq echo under isorun-worker."""
    router = Router()
    worker = subprocess.Popen(worker_command(EMPTY, "--connect", router.endpoint, "--id", "dispatch",
                                             "--parent", str(os.getpid())), env=CHILD_ENV, cwd=REPO)
    identity = router.receive(b"hello")[0]
    floor = subprocess.Popen([sys.executable, __file__, "--echo", router.endpoint], env=CHILD_ENV)
    router.receive(b"hello")
    pool = multiprocessing.get_context("fork").Pool(1)
    names = ("isorun-worker no-clear", "isorun-worker pool", "mp fork Pool.apply", "pyzmq echo (floor)")
    times: dict[str, list[float]] = {name: [] for name in names}
    calls = {
        names[0]: lambda: router.task(identity, "no-clear"),
        names[1]: lambda: router.task(identity, "pool"),
        names[2]: lambda: pool.apply(nothing),
        names[3]: lambda: router.task(b"echo", "no-clear"),
    }
    try:
        for _ in range(200):  # warm up all
            for call in calls.values():
                call()
        per_block = count // blocks
        for _ in range(blocks):
            for name, call in calls.items():
                samples = times[name]
                for _ in range(per_block):
                    start = time.perf_counter()
                    call()
                    samples.append(time.perf_counter() - start)
    finally:
        pool.terminate()
        for peer in (identity, b"echo"):
            router.socket.send_multipart([peer, b"isorun/2", b"shutdown", b"{}"])
        worker.wait()
        floor.wait()
        router.close()
    return times


def summary(samples: list[float], unit: float) -> dict:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"n": len(samples), "median": statistics.median(samples) / unit, "mean": statistics.fmean(samples) / unit,
            "p10": pick(0.1) / unit, "p90": pick(0.9) / unit}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=10, help="Keras trials per isolation method (default 10)")
    parser.add_argument("--dispatches", type=int, default=2000, help="empty-trial round trips per method (default 2000)")
    parser.add_argument("--json", metavar="FILE", help="also write the summaries and raw samples as JSON")
    parser.add_argument("--skip-keras", action="store_true", help="only the dispatch comparison")
    parser.add_argument("--echo", metavar="ENDPOINT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.echo:
        echo(args.echo)
        return 0
    report: dict = {"machine": {"cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg(), "python": sys.version.split()[0]}}

    if not args.skip_keras:
        print(f"Process isolation, real Keras seed trial, {args.trials} trials each (ms per trial):")
        measured = process_isolation(args.trials)
        report["process_isolation_ms"] = {k: summary(v, 1e-3) for k, v in measured["isolation"].items()}
        report["trial_total_ms"] = {k: summary(v, 1e-3) for k, v in measured["trial"].items()}
        report["raw_isolation_s"] = measured["isolation"]
        report["isolation_plus_trial_ms"] = {
            k: summary([a + b for a, b in zip(measured["isolation"][k], measured["trial"][k])], 1e-3)
            for k in measured["isolation"]}
        print(f"  {'method':<14}{'median':>9}{'mean':>9}{'p10':>9}{'p90':>9}   trial itself   isolation + trial (medians)")
        for name, s in report["process_isolation_ms"].items():
            t = report["trial_total_ms"][name]["median"]
            whole = report["isolation_plus_trial_ms"][name]["median"]
            print(f"  {name:<14}{s['median']:>9.0f}{s['mean']:>9.0f}{s['p10']:>9.0f}{s['p90']:>9.0f}   {t:>13.0f}   {whole:>17.0f}")

    print(f"Dispatch of an empty trial, {args.dispatches} round trips each (µs per trial):")
    times = dispatch(args.dispatches)
    report["dispatch_us"] = {k: summary(v, 1e-6) for k, v in times.items()}
    base = report["dispatch_us"]["mp fork Pool.apply"]["median"]
    print(f"  {'method':<26}{'median':>9}{'mean':>9}{'p10':>9}{'p90':>9}   median vs multiprocessing")
    for name, s in report["dispatch_us"].items():
        print(f"  {name:<26}{s['median']:>9.1f}{s['mean']:>9.1f}{s['p10']:>9.1f}{s['p90']:>9.1f}   {s['median'] / base:.2f}x")
    report["machine"]["loadavg_at_end"] = os.getloadavg()
    print(f"load average at start {report['machine']['loadavg_at_start'][0]:.2f}, at end {report['machine']['loadavg_at_end'][0]:.2f} "
          f"({os.cpu_count()} cpus)")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
