#!/usr/bin/env python3
"""Fault injection for `isorun run` (issue 10): kill or stop a random process of
a run at a random moment, and check that the run still ends, in time, with exit
status 0 and exactly one ok record per trial.

Each of --runs runs of scripts/faults.toml (no-clear, process through a fork
server, pool; 40 trials each) picks a target and a fault at random:

  targets  worker        a worker the coordinator spawned (no-clear's, or a pool worker)
           zygote        the fork server
           zygote-child  a one-shot worker the fork server forked (a process trial)
           collector     a standalone `isorun collect` the run streams to, started here
  faults   kill          SIGKILL (a killed collector is started again on the same
                         endpoint and file)
           stop-cont     SIGSTOP, then SIGCONT after 0.2-4 s
           stop          SIGSTOP, left stopped: the run's supervision must act
                         (not for the collector, which nobody supervises)

It waits until the run has written a random number of records (1 to 90% of
its trials: a random moment of the run), then takes a random process of that
kind as soon as there is one. A run passes when it ends within --timeout with exit status 0, its
records file holds exactly one ok record per planned trial and nothing but
whole records, no process of the run is left, and, with a collector, the
collector's file holds the same ok records once each.

Then --resume-runs runs are killed (the coordinator, SIGKILL, once it has
written a random number of records, 1 to 95% of its trials) and continued with
`isorun run --resume`: the final file must hold
exactly one ok record per trial, the same (strategy, repeat, trial) set as an
uninterrupted run's, under one run id.

Python 3.11+ standard library only. Run it with `make faults` (release
binaries; RUNS=100 RESUME_RUNS=20 by default).
"""
import argparse
import collections
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = ["worker", "zygote", "zygote-child", "collector"]
FAULTS = ["kill", "stop-cont", "stop"]


# ---- processes, from /proc ------------------------------------------------------

def processes():
    """Every live process: pid -> (parent pid, state, start time, argv)."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{name}/cmdline", "rb") as cmdline:
                argv = [part.decode(errors="replace") for part in cmdline.read().split(b"\0") if part]
        except OSError:
            continue
        if fields[0] in "ZX":
            continue
        table[int(name)] = (int(fields[1]), fields[0], int(fields[19]), argv)
    return table


def targets(kind, run_pid, collector_pid):
    """The (pid, start time) of every live process of `kind` in the run."""
    table = processes()
    children = [pid for pid, entry in table.items() if entry[0] == run_pid]
    zygotes = [pid for pid in children if "fork-server" in table[pid][3]]
    if kind == "worker":
        found = [pid for pid in children if table[pid][3][1:2] == ["worker"]
                 or table[pid][3][:1] and table[pid][3][0].endswith(("isorun-worker", "isorun-trial")) and pid not in zygotes]
    elif kind == "zygote":
        found = zygotes
    elif kind == "zygote-child":
        found = [pid for pid, entry in table.items() if entry[0] in zygotes]
    else:
        found = [collector_pid] if collector_pid in table else []
    return [(pid, table[pid][2]) for pid in found]


def same_process(pid, start):
    entry = processes().get(pid)
    return entry is not None and entry[2] == start


def left_behind(run_pid):
    """Processes started for the run (`--parent PID`) that are still alive."""
    marker = ["--parent", str(run_pid)]
    return [pid for pid, entry in processes().items()
            if any(entry[3][i:i + 2] == marker for i in range(len(entry[3])))]


def signal_process(pid, start, number):
    if same_process(pid, start):
        try:
            os.kill(pid, number)
        except ProcessLookupError:
            pass


# ---- records ------------------------------------------------------------------

def planned_trials(experiment_file):
    with open(experiment_file, "rb") as handle:
        experiment = tomllib.load(handle)["experiment"]
    return {(strategy, repeat, trial)
            for strategy in experiment["strategies"]
            for repeat in range(experiment.get("repeats", 1))
            for trial in range(experiment["trials"])}


def read_records(path):
    """(records, problems) of a JSONL file: only whole, valid lines are records."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return [], [f"{path}: {error.strerror}"]
    problems = [] if data.endswith(b"\n") or not data else [f"{path} ends in a torn line"]
    records = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except ValueError:
            problems.append(f"{path}:{number} is not JSON")
    return records, problems


def check_records(path, plan):
    """Problems with a records file: every planned trial has exactly one ok record."""
    records, problems = read_records(path)
    ok = collections.Counter((r["strategy"], r["repeat"], r["trial"]) for r in records if r["outcome"] == "ok")
    missing, twice = plan - set(ok), [key for key, count in ok.items() if count > 1]
    if missing:
        problems.append(f"{len(missing)} trials without an ok record, e.g. {sorted(missing)[:3]}")
    if twice:
        problems.append(f"{len(twice)} trials with more than one ok record, e.g. {sorted(twice)[:3]}")
    if set(ok) - plan:
        problems.append(f"ok records of trials not planned: {sorted(set(ok) - plan)[:3]}")
    if len({r["run_id"] for r in records}) > 1:
        problems.append("records of more than one run id")
    return records, problems


# ---- runs ---------------------------------------------------------------------

class Launched:
    """A process started here, its output in files of `folder`."""

    def __init__(self, argv, folder, name):
        self.out = open(os.path.join(folder, f"{name}.stdout"), "wb")
        self.err_path = os.path.join(folder, f"{name}.stderr")
        self.err = open(self.err_path, "wb")
        self.process = subprocess.Popen(argv, stdout=self.out, stderr=self.err, stdin=subprocess.DEVNULL)

    def wait(self, timeout):
        """The exit status (128+N when killed by signal N), or None after `timeout` (then it is killed)."""
        try:
            code = self.process.wait(timeout=max(0.0, timeout))
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None
        finally:
            self.out.close()
            self.err.close()
        return 128 - code if code < 0 else code

    def stderr_tail(self):
        with open(self.err_path, errors="replace") as handle:
            return handle.read()[-600:]


def wait_for_records(path, count, run, deadline):
    """Waits until `path` has `count` lines (a random moment of the run), or the run or the time is over."""
    while run.process.poll() is None and time.monotonic() < deadline:
        try:
            with open(path, "rb") as handle:
                if handle.read().count(b"\n") >= count:
                    return
        except OSError:
            pass
        time.sleep(0.005)


def start_collector(isorun, folder, endpoint, collected, name):
    collector = Launched([isorun, "collect", "--bind", endpoint, "--out", collected, "--runs", "1"], folder, name)
    socket_path = endpoint[len("ipc://"):]
    deadline = time.monotonic() + 10
    while not os.path.exists(socket_path) and time.monotonic() < deadline and collector.process.poll() is None:
        time.sleep(0.01)
    return collector


def fault_run(index, kind, fault, args, rng, plan):
    """One run with one fault; returns (exit status or None, records, problems, hit)."""
    folder = os.path.join(args.work, f"run-{index:03d}")
    os.makedirs(folder)
    out = os.path.join(folder, "records.jsonl")
    argv = [args.isorun, "run", args.experiment, "--out", out, "--quiet", "--heartbeat-timeout", "2"]
    collector, collected, endpoint = None, os.path.join(folder, "collected.jsonl"), f"ipc://{folder}/collect.ipc"
    if kind == "collector":
        collector = start_collector(args.isorun, folder, endpoint, collected, "collect-1")
        argv += ["--collector", endpoint]
    run = Launched(argv, folder, "run")
    deadline = time.monotonic() + args.timeout
    wait_for_records(out, rng.randrange(1, len(plan) * 9 // 10), run, deadline)
    victim = None
    while victim is None and run.process.poll() is None and time.monotonic() < deadline:
        found = targets(kind, run.process.pid, collector.process.pid if collector else None)
        if found:
            victim = rng.choice(found)
        else:
            time.sleep(0.005)
    if victim and fault == "kill":
        signal_process(*victim, signal.SIGKILL)
        if collector:
            collector.wait(10)
            time.sleep(rng.uniform(0.2, 1.5))
            collector = start_collector(args.isorun, folder, endpoint, collected, "collect-2")
    elif victim:
        signal_process(*victim, signal.SIGSTOP)
        if fault == "stop-cont":
            time.sleep(rng.uniform(0.2, 4.0))
            signal_process(*victim, signal.SIGCONT)
    status = run.wait(deadline - time.monotonic())
    records, problems = check_records(out, plan)
    if status is None:
        problems.append(f"still running after {args.timeout} s; killed")
    elif status != 0:
        problems.append(f"exit status {status}: {run.stderr_tail()}")
    if collector:
        collector_status = collector.wait(30)
        _, collector_problems = check_records(collected, plan)
        problems += [f"collector: {problem}" for problem in collector_problems]
        if collector_status != 0:
            problems.append(f"collector exit status {collector_status}")
    time.sleep(0.2)
    stray = left_behind(run.process.pid)
    if stray:
        problems.append(f"processes of the run left: {stray}")
        for pid in stray:
            os.kill(pid, signal.SIGKILL)
    if victim and fault.startswith("stop"):
        signal_process(*victim, signal.SIGCONT)
    return status, records, problems, victim is not None


def uninterrupted_run(args, plan):
    """The (strategy, repeat, trial) set of an uninterrupted run's ok records, and how long it took."""
    folder = os.path.join(args.work, "uninterrupted")
    os.makedirs(folder)
    out = os.path.join(folder, "records.jsonl")
    started = time.monotonic()
    run = Launched([args.isorun, "run", args.experiment, "--quiet", "--out", out], folder, "run")
    status = run.wait(args.timeout)
    seconds = time.monotonic() - started
    records, problems = check_records(out, plan)
    print(f"  uninterrupted run: exit {status}, {len(records)} records in {seconds:.1f} s"
          f"{'  FAIL: ' + '; '.join(problems) if problems else ''}", flush=True)
    return {(r["strategy"], r["repeat"], r["trial"]) for r in records if r["outcome"] == "ok"}, seconds


def resume_run(index, args, rng, plan):
    """A run killed at a random moment and resumed; returns (statuses, records, problems)."""
    folder = os.path.join(args.work, f"resume-{index:03d}")
    os.makedirs(folder)
    out = os.path.join(folder, "records.jsonl")
    argv = [args.isorun, "run", args.experiment, "--quiet", "--heartbeat-timeout", "2"]
    first = Launched(argv + ["--out", out], folder, "run")
    wait_for_records(out, rng.randrange(1, len(plan) * 19 // 20), first, time.monotonic() + args.timeout)
    first.process.send_signal(signal.SIGKILL)
    killed = first.wait(30)
    # Its workers and zygote notice that their coordinator is gone and exit.
    deadline = time.monotonic() + 10
    while left_behind(first.process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    second = Launched(argv + ["--resume", out], folder, "resume")
    status = second.wait(args.timeout)
    records, problems = check_records(out, plan)
    if status != 0:
        problems.append(f"resume exit status {status}: {second.stderr_tail()}")
    return (killed, status), records, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--isorun", default=".build/release/isorun", help="the isorun binary (make build)")
    parser.add_argument("--experiment", default=os.path.join(HERE, "faults.toml"))
    parser.add_argument("--runs", type=int, default=100, help="fault runs (default 100)")
    parser.add_argument("--resume-runs", type=int, default=20, help="kill-and-resume runs (default 20)")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated subset of " + ", ".join(TARGETS))
    parser.add_argument("--timeout", type=float, default=120, help="seconds a run may take (default 120)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: drawn, and printed)")
    parser.add_argument("--keep", action="store_true", help="keep the runs' folders")
    args = parser.parse_args()
    args.isorun = os.path.abspath(args.isorun)
    if not os.access(args.isorun, os.X_OK):
        sys.exit(f"faults.py: {args.isorun} is not an executable; run `make build` first")
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    chosen = [kind for kind in args.targets.split(",") if kind]
    if not chosen or set(chosen) - set(TARGETS):
        sys.exit(f"faults.py: --targets must name some of {', '.join(TARGETS)}")
    plan = planned_trials(args.experiment)
    args.work = tempfile.mkdtemp(prefix="isorun-faults-")
    print(f"faults.py: seed {seed}; {args.runs} fault runs, {args.resume_runs} resume runs of "
          f"{args.experiment} ({len(plan)} trials each); runs in {args.work}", flush=True)

    reference, args.run_seconds = uninterrupted_run(args, plan)
    reference_failures = [] if reference == plan else [
        ("the uninterrupted run", [f"its ok trials are not the plan's: {len(reference)} of {len(plan)}"])]

    by_fault, statuses, failures = collections.Counter(), collections.Counter(), []
    record_counts = collections.Counter()
    started = time.monotonic()
    for index in range(args.runs):
        kind = rng.choice(chosen)
        fault = rng.choice(FAULTS[:2] if kind == "collector" else FAULTS)
        status, records, problems, hit = fault_run(index, kind, fault, args, rng, plan)
        by_fault[(kind, fault if hit else "missed (no such process before the run ended)")] += 1
        statuses[status] += 1
        record_counts["records"] += len(records)
        for record in records:
            record_counts[record["outcome"]] += 1
        if problems:
            failures.append((f"run {index} ({kind}, {fault})", problems))
        print(f"  run {index:3d} {kind:12s} {fault:9s} {'hit ' if hit else 'miss'} exit {status}"
              f"{'  FAIL: ' + '; '.join(problems) if problems else ''}", flush=True)
    fault_seconds = time.monotonic() - started

    resume_statuses, resume_failures = collections.Counter(), reference_failures
    started = time.monotonic()
    for index in range(args.resume_runs):
        (killed, status), records, problems = resume_run(index, args, rng, plan)
        resume_statuses[(killed, status)] += 1
        if problems:
            resume_failures.append((f"resume run {index}", problems))
        print(f"  resume {index:3d} killed {killed} resumed exit {status} records {len(records)}"
              f"{'  FAIL: ' + '; '.join(problems) if problems else ''}", flush=True)
    resume_seconds = time.monotonic() - started

    print(f"\nuninterrupted run: {args.run_seconds:.1f} s, {len(reference)} trials ok")
    print(f"fault runs: {args.runs} in {fault_seconds:.0f} s, {args.runs - len(failures)} passed, {len(failures)} failed")
    for (kind, fault), count in sorted(by_fault.items()):
        print(f"  {kind:12s} {fault:9s} {count}")
    print("  exit statuses: " + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items(), key=str)))
    print("  records: " + ", ".join(f"{name} {count}" for name, count in sorted(record_counts.items())))
    print(f"resume runs: {args.resume_runs} in {resume_seconds:.0f} s, "
          f"{args.resume_runs - len(resume_failures)} passed, {len(resume_failures)} failed")
    print("  (killed, resumed) exit statuses: " + ", ".join(
        f"{key}: {count}" for key, count in sorted(resume_statuses.items(), key=str)))
    for name, problems in failures + resume_failures:
        print(f"FAILED {name}: " + "; ".join(problems))
    if not args.keep and not failures and not resume_failures:
        subprocess.run(["rm", "-rf", args.work], check=False)
    elif failures or resume_failures:
        print(f"the runs' records and output are in {args.work}")
    sys.exit(1 if failures or resume_failures else 0)


if __name__ == "__main__":
    main()
