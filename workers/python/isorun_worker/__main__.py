"""Command line: a worker, or the fork-server zygote.

    python3 -m isorun_worker TARGET [--framework F] --connect E --id ID [--one-shot] --parent PID [--curve DIR]
    python3 -m isorun_worker TARGET [--framework F] fork-server --parent PID [--curve DIR]

TARGET is `path/to/file.py:function` or `package.module:function`. The coordinator
appends `--connect ENDPOINT --id WORKER_ID [--one-shot] --parent PID` and sets the
same in the environment (ISORUN_ENDPOINT, ISORUN_WORKER_ID, ISORUN_ONE_SHOT,
ISORUN_PARENT_PID); a flag wins over its variable. ISORUN_FRAMEWORK stands for
`--framework`, ISORUN_CURVE_DIR for `--curve` (which a coordinator with keys passes).
"""

from __future__ import annotations

import argparse
import os
import sys

from . import metrics
from .adapters import ADAPTERS, Adapter, adapter_named
from .trial import TargetError, TrialModule, load

USAGE_ERROR = 2

EXAMPLES = """\
examples:
  python3 -m isorun_worker examples/keras/seed.py:seed --framework tf1-keras --connect tcp://10.0.0.5:5555 --id host2-a
  python3 -m isorun_worker mypackage.trials:train --connect ipc:///tmp/run/coordinator --id local-1
"""


def parser() -> argparse.ArgumentParser:
    """The command line's parser (flags only; the environment is read in `main`)."""
    p = argparse.ArgumentParser(
        prog="python3 -m isorun_worker",
        description="Serve trials to an IsoRun coordinator (protocol isorun/2), or with `fork-server`, "
                    "be the zygote that forks a fresh worker per `process` trial.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", metavar="TARGET",
                   help="the trial: path/to/file.py:function or package.module:function "
                        "(without :function, the module's one @isorun_worker.trial function)")
    p.add_argument("mode", nargs="?", choices=["fork-server"], metavar="fork-server",
                   help="be the fork-server zygote (line protocol on stdin/stdout; needs --parent)")
    p.add_argument("--framework", choices=sorted(ADAPTERS), default=None,
                   help="isolation adapter (default: $ISORUN_FRAMEWORK or python)")
    p.add_argument("--connect", metavar="ENDPOINT", help="the coordinator's endpoint ($ISORUN_ENDPOINT)")
    p.add_argument("--id", metavar="WORKER_ID",
                   help="this worker's id: its routing id and the worker of its records "
                        "($ISORUN_WORKER_ID; default HOST-PID). Ids w1, w2, ... are reserved for spawned workers")
    p.add_argument("--one-shot", action="store_true", default=None,
                   help="exit after one trial, the process strategy ($ISORUN_ONE_SHOT=1)")
    p.add_argument("--parent", type=int, metavar="PID",
                   help="the coordinator's pid: exit as soon as it is gone ($ISORUN_PARENT_PID)")
    p.add_argument("--curve", metavar="DIR",
                   help="CURVE key folder (isorun keys generate): connect with DIR/client.public and "
                        "client.secret, checking the coordinator against DIR/server.public ($ISORUN_CURVE_DIR)")
    p.add_argument("--heartbeat-interval", type=float, metavar="SECONDS",
                   help="seconds between heartbeats ($ISORUN_HEARTBEAT_INTERVAL; default 1)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    p = parser()
    args = p.parse_intermixed_args(argv)
    env = os.environ
    framework = args.framework or env.get("ISORUN_FRAMEWORK") or "python"
    parent = args.parent if args.parent is not None else _int_env(p, "ISORUN_PARENT_PID")
    if framework not in ADAPTERS:
        p.error(f"ISORUN_FRAMEWORK={framework!r} is not a framework: use one of {', '.join(sorted(ADAPTERS))}")
    if parent is not None and parent <= 0:
        p.error(f"--parent {parent}: a process id is a positive number")
    keys = _keys(p, args.curve or env.get("ISORUN_CURVE_DIR"))

    if args.mode == "fork-server":
        if parent is None:
            p.error("fork-server needs --parent PID (the coordinator's pid)")
        from .forkserver import REFUSED, LineChannel, serve  # noqa: PLC0415

        channel = LineChannel()  # before any import can print to stdout
        loaded = _load(framework, args.target, channel.write)
        if isinstance(loaded, int):
            return REFUSED
        adapter, module = loaded
        interval = _interval(p, args)
        from .worker import Options  # noqa: PLC0415

        return serve(adapter, channel, parent, lambda worker_id, endpoint: _serve(
            adapter, module, framework,
            Options(endpoint=endpoint, id=worker_id, launch="fork-server", one_shot=True, heartbeat_interval=interval,
                    keys=keys)))

    endpoint = args.connect or env.get("ISORUN_ENDPOINT")
    if not endpoint:
        p.error("no endpoint: pass --connect ENDPOINT or set ISORUN_ENDPOINT")
    worker_id = args.id or env.get("ISORUN_WORKER_ID") or f"{metrics.host_name()}-{os.getpid()}"
    problem = _id_problem(worker_id)
    if problem:
        p.error(f"--id {worker_id!r}: {problem}")
    one_shot = args.one_shot if args.one_shot is not None else env.get("ISORUN_ONE_SHOT", "0") not in ("", "0")
    interval = _interval(p, args)
    from .worker import Options, early_heartbeat, exit_with_parent  # noqa: PLC0415

    launch = "exec" if parent is not None else "external"
    options = Options(endpoint=endpoint, id=worker_id, launch=launch, one_shot=one_shot, heartbeat_interval=interval,
                      keys=keys)
    early = None
    if parent is not None:
        exit_with_parent(parent)
        early = early_heartbeat(options)  # alive while the framework imports
    loaded = _load(framework, args.target, None)
    if isinstance(loaded, int):
        if early is not None:
            early[1].stop()
            early[0].term()
        return loaded
    adapter, module = loaded
    return _serve(adapter, module, framework, options, early)


def _serve(adapter: Adapter, module: TrialModule, framework: str, options, early=None) -> int:
    from .runner import Runner  # noqa: PLC0415
    from .worker import Worker  # noqa: PLC0415

    runner = Runner(adapter, module, worker=options.id, launch=options.launch)
    context, heartbeat = early if early is not None else (None, None)
    return Worker(options, runner, framework, context=context, heartbeat=heartbeat).serve()


def _load(framework: str, target: str, report) -> tuple[Adapter, TrialModule] | int:
    """The framework's adapter, loaded, and the trial; or an exit status after saying what failed."""
    adapter = adapter_named(framework)
    try:
        adapter.load()
    except ImportError as error:
        return _fail(report, f"framework {framework} cannot be loaded ({error}); "
                             f"{_INSTALL.get(framework, 'install it into this Python')}")
    try:
        module = load(target)
    except TargetError as error:
        return _fail(report, str(error))
    adapter.attach(module)
    return adapter, module


_INSTALL = {
    "tf1-keras": "pip install tensorflow-cpu, then tf-keras with --no-deps (or `make venv`)",
    "keras3": "pip install keras tensorflow-cpu",
}


def _fail(report, message: str) -> int:
    print(f"isorun-worker: {message}", file=sys.stderr, flush=True)
    if report is not None:
        report(f"error {message}")
    return USAGE_ERROR


def _id_problem(worker_id: str) -> str | None:
    size = len(worker_id.encode())
    if size == 0:
        return "an id cannot be empty"
    if worker_id.startswith("\0"):
        return "an id cannot start with a zero byte (ZeroMQ reserves those routing ids)"
    if size + len("#heartbeat") > 255:
        return f"an id is at most {255 - len('#heartbeat')} bytes (ZeroMQ routing ids are at most 255, with #heartbeat)"
    return None


def _keys(p: argparse.ArgumentParser, folder: str | None):
    """The CURVE keys in `folder`, or None without one; a folder that cannot be used is a usage error."""
    if not folder:
        return None
    from .curve import KeyProblem, load  # noqa: PLC0415

    try:
        return load(folder)
    except KeyProblem as error:
        p.error(f"--curve: {error}")


def _int_env(p: argparse.ArgumentParser, name: str) -> int | None:
    value = os.environ.get(name)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        p.error(f"{name}={value!r} is not a process id")


def _interval(p: argparse.ArgumentParser, args) -> float:
    value = args.heartbeat_interval
    if value is None:
        raw = os.environ.get("ISORUN_HEARTBEAT_INTERVAL")
        try:
            value = float(raw) if raw else 1.0
        except ValueError:
            p.error(f"ISORUN_HEARTBEAT_INTERVAL={raw!r} is not a number of seconds")
    if not 0 < value <= 60:
        p.error(f"heartbeat interval {value}: between 0 and 60 seconds")
    return value


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
