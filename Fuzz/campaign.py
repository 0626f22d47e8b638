#!/usr/bin/env python3
"""Fuzz campaign against a running coordinator (`isorun run`) and a running
collector (`isorun collect`): mutated isorun/2 messages, sent while real runs
go on, then checks that nothing crashed or hung, that memory stayed bounded,
and that no record that breaks the rules was stored.

Usage: campaign.py --isorun .build/debug/isorun [--messages 1000000] [--trials 2000] [--curve]

The messages are mutations of valid hello, ready, record, heartbeat, end, open,
ack and error frames: bit flips, truncation, inserted bytes, huge and
non-finite numbers, bad UTF-8, wrong types, deep nesting, long strings, and
extra, missing or empty frames. Each round runs the pool stage of
Config/quick.toml while the fuzzer floods both processes, until the run ends;
rounds go on until --messages were sent. Exit status 0 when every check
passed, 1 otherwise. The rules the stored records are checked against here
are written independently of Sources/Wire/RecordRules.swift, from
docs/protocol.md.

With --curve, the coordinator and the collector listen on loopback tcp with
CURVE keys (`isorun keys generate`), and the messages come from peers that
hold no authorized key (Fuzz/unauthorized.py): then not one record beside the
runs' own may be stored, and no handshake may succeed.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import zmq

from mutations import VERSION, base_messages, mutate, template_record
from oracle import breaks_rules
from unauthorized import Unauthorized


def peak_rss(pid: int) -> int | None:
    """VmHWM of `pid` in bytes, None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class Watcher(threading.Thread):
    """Keeps the last VmHWM read of each process, every 50 ms."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.pids: dict[str, int] = {}
        self.peaks: dict[str, int] = {}
        self.stop = False

    def run(self) -> None:
        while not self.stop:
            for name, pid in list(self.pids.items()):
                value = peak_rss(pid)
                if value is not None:
                    self.peaks[name] = max(self.peaks.get(name, 0), value)
            time.sleep(0.05)


class Fuzzer:
    """Sends mutated messages to a coordinator's ROUTER and a collector's ROUTER."""

    def __init__(self, context: zmq.Context, rng: random.Random, coordinator: str, collector: str) -> None:
        self.rng = rng
        self.sent = {"coordinator": 0, "collector": 0}
        self.replies = 0
        self.sockets: list[tuple[str, str, zmq.Socket]] = []
        # Ids the run never gives its own workers (w<N> is reserved for them), their
        # heartbeat connections, and anonymous peers (libzmq gives them a binary id).
        identities = [f"w9{n:04d}" for n in range(6)] + [f"w9{n:04d}#heartbeat" for n in range(3)] + [None] * 3
        for identity in identities:
            self.sockets.append(("coordinator", identity or "anonymous", self.dealer(context, coordinator, identity)))
        for n in range(4):
            self.sockets.append(("collector", f"c{n}", self.dealer(context, collector, None)))

    @staticmethod
    def dealer(context: zmq.Context, endpoint: str, identity: str | None) -> zmq.Socket:
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.SNDHWM, 200)
        if identity:
            socket.setsockopt(zmq.IDENTITY, identity.encode())
        socket.connect(endpoint)
        return socket

    def drain(self, socket: zmq.Socket) -> None:
        try:
            while True:
                socket.recv_multipart(zmq.NOBLOCK)
                self.replies += 1
        except zmq.Again:
            pass

    def send_until(self, quota: int, running) -> None:
        """Sends up to `quota` messages while `running()` holds."""
        count = 0
        while count < quota:
            target, identity, socket = self.rng.choice(self.sockets)
            frames = mutate(self.rng, self.rng.choice(base_messages(self.rng, identity.split("#")[0])))
            try:
                socket.send_multipart(frames, zmq.NOBLOCK)
            except zmq.Again:
                self.drain(socket)
                if not running():
                    return
                time.sleep(0.001)
                continue
            self.sent[target] += 1
            count += 1
            if count % 256 == 0:
                for _, _, each in self.sockets:
                    self.drain(each)
                if not running():
                    return


def is_probe(line: bytes, probe: dict) -> bool:
    """Whether `line` is the probe record the campaign sends at its end (with the client keys under --curve)."""
    try:
        stored = json.loads(line)
    except ValueError:
        return False
    return isinstance(stored, dict) and stored.get("run_id") == probe["run_id"] and stored.get("experiment") == "probe"


def free_port() -> int:
    """A loopback tcp port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--isorun", default=".build/debug/isorun")
    parser.add_argument("--config", default="Config/quick.toml")
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--trials", type=int, default=2000, help="pool trials per round")
    parser.add_argument("--round-timeout", type=float, default=900, help="seconds a round's run may take: past it, a hang")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--curve", action="store_true",
                        help="CURVE on, on loopback tcp; the messages come from peers without an authorized key")
    args = parser.parse_args()
    isorun = os.path.abspath(args.isorun)
    rng = random.Random(args.seed)
    folder = tempfile.mkdtemp(prefix="isorun-fuzz-", dir="/tmp")
    if args.curve:
        subprocess.run([isorun, "keys", "generate", "--out", f"{folder}/keys"], check=True, stdout=subprocess.DEVNULL)
        security = ["--curve", f"{folder}/keys"]
        collector_endpoint, coordinator_endpoint = (f"tcp://127.0.0.1:{free_port()}" for _ in range(2))
    else:
        security = []
        collector_endpoint, coordinator_endpoint = f"ipc://{folder}/collect.ipc", f"ipc://{folder}/coordinator.ipc"
    collected = f"{folder}/collected.jsonl"
    failures: list[str] = []
    watcher = Watcher()
    watcher.start()

    children: list[subprocess.Popen] = []
    # Whatever happens to this script, no process it started outlives it.
    atexit.register(lambda: [child.kill() for child in children if child.poll() is None])
    collector_log = open(f"{folder}/collect.stderr", "wb")
    collector = subprocess.Popen([isorun, "collect", "--bind", collector_endpoint, "--out", collected, "--runs", "0", *security],
                                 stdout=subprocess.DEVNULL, stderr=collector_log)
    children.append(collector)
    watcher.pids["collector"] = collector.pid
    while not os.path.exists(collected) and collector.poll() is None:
        time.sleep(0.05)
    context = zmq.Context()
    if args.curve:
        server_public = open(f"{folder}/keys/server.public", "rb").read().strip()
        fuzzer = Unauthorized(context, rng, coordinator_endpoint, collector_endpoint, server_public)
    else:
        fuzzer = Fuzzer(context, rng, coordinator_endpoint, collector_endpoint)
    run_lines: set[bytes] = set()
    round_number = 0
    started = time.monotonic()
    baseline_peak = None
    while True:
        fuzzing = round_number > 0
        if fuzzing and sum(fuzzer.sent.values()) >= args.messages:
            break
        out = f"{folder}/run-{round_number}.jsonl"
        run_log = open(f"{folder}/run-{round_number}.stderr", "wb")
        run = subprocess.Popen(
            [isorun, "run", args.config, "--strategies", "pool", "--trials", str(args.trials), "--workers", "2",
             "--bind", coordinator_endpoint, "--collector", collector_endpoint, "--out", out, "--quiet", *security],
            stdout=subprocess.DEVNULL, stderr=run_log)
        children.append(run)
        name = f"coordinator-{round_number}"
        watcher.pids[name] = run.pid
        round_started = time.monotonic()
        if fuzzing:
            fuzzer.send_until(args.messages - sum(fuzzer.sent.values()), lambda: run.poll() is None)
        try:
            status = run.wait(timeout=max(1, args.round_timeout - (time.monotonic() - round_started)))
        except subprocess.TimeoutExpired:
            run.kill()
            run.wait()
            failures.append(f"round {round_number}: the run hung (no end within {args.round_timeout} s)")
            status = None
        del watcher.pids[name]
        if status is not None and status < 0:
            failures.append(f"round {round_number}: the coordinator died of signal {-status}")
        elif status not in (None, 0):
            failures.append(f"round {round_number}: isorun run exited {status} (see {run_log.name})")
        lines = [line for line in open(out, "rb").read().split(b"\n") if line]
        keys = set()
        for line in lines:
            record = json.loads(line)
            keys.add((record["run_id"], record["strategy"], record["repeat"], record["trial"], record["attempt"]))
            if not re.fullmatch(r"w\d+", record["worker"]) or record["experiment"] == "fuzz":
                failures.append(f"round {round_number}: an injected record in the run's file: {line[:200]!r}")
        if len(keys) != len(lines) or len({key[3] for key in keys}) != args.trials:
            failures.append(f"round {round_number}: {len(lines)} records for {args.trials} trials")
        run_lines.update(lines)
        if not fuzzing:
            baseline_peak = watcher.peaks.get(name)
        print(f"round {round_number}: {len(lines)} records, run status {status}, "
              f"{time.monotonic() - round_started:.1f} s, sent so far {fuzzer.sent}", file=sys.stderr, flush=True)
        round_number += 1
    fuzz_seconds = time.monotonic() - started

    # The collector must still answer: a run of one record, opened, sent and ended.
    probe = context.socket(zmq.DEALER)
    probe.setsockopt(zmq.LINGER, 0)
    if args.curve:
        probe.curve_serverkey = server_public
        probe.curve_publickey = open(f"{folder}/keys/client.public", "rb").read().strip()
        probe.curve_secretkey = open(f"{folder}/keys/client.secret", "rb").read().strip()
    probe.connect(collector_endpoint)
    record = template_record(rng)
    record.update(experiment="probe", outcome="ok")
    payload = json.dumps(record, separators=(",", ":")).encode()
    probe.send_multipart([VERSION, b"open", json.dumps({"run_id": record["run_id"]}).encode()])
    probe.send_multipart([VERSION, b"record", payload])
    probe.send_multipart([VERSION, b"end", json.dumps({"run_id": record["run_id"], "records": 1}).encode()])
    answered = probe.poll(10_000)
    if not answered:
        failures.append("the collector did not answer a valid run within 10 s after the campaign")
    collector.send_signal(signal.SIGTERM)
    try:
        collector_status = collector.wait(timeout=30)
        if collector_status not in (0, 143, -15):
            failures.append(f"isorun collect exited {collector_status} after SIGTERM")
    except subprocess.TimeoutExpired:
        collector.kill()
        failures.append("isorun collect hung: no exit within 30 s of SIGTERM")
    watcher.stop = True

    stored = [line for line in open(collected, "rb").read().split(b"\n") if line and not is_probe(line, record)]
    from_runs = sum(1 for line in stored if line in run_lines)
    missing = len(run_lines - set(stored))
    injected = [(line, why) for line in stored if line not in run_lines and (why := breaks_rules(line))]
    forged_valid = len(stored) - from_runs - len(injected)
    if args.curve and forged_valid:
        failures.append(f"{forged_valid} records from peers without an authorized key were stored")
    if args.curve and fuzzer.outcomes.get("succeeded"):
        failures.append(f"{fuzzer.outcomes['succeeded']} handshakes by peers without an authorized key succeeded")
    if missing:
        failures.append(f"{missing} of the runs' records are missing from the collector's file")
    for line, why in injected[:5]:
        failures.append(f"the collector stored a record that breaks the rules ({why}): {line[:200]!r}")
    coordinator_peak = max((v for k, v in watcher.peaks.items() if k.startswith("coordinator-") and k != "coordinator-0"),
                           default=0)
    summary = {
        "messages_sent": sum(fuzzer.sent.values()), "to_coordinator": fuzzer.sent["coordinator"],
        "to_collector": fuzzer.sent["collector"], "error_replies_received": fuzzer.replies,
        "fuzz_rounds": round_number - 1, "seconds": round(fuzz_seconds, 1),
        "coordinator_peak_rss_mib": round(coordinator_peak / 2**20, 1),
        "coordinator_peak_rss_without_fuzz_mib": round((baseline_peak or 0) / 2**20, 1),
        "collector_peak_rss_mib": round(watcher.peaks.get("collector", 0) / 2**20, 1),
        "run_records": len(run_lines), "collector_records_from_runs": from_runs,
        "injected_records_breaking_rules_stored": len(injected),
        "forged_records_keeping_rules_stored_by_collector": forged_valid,
        **({"unauthorized_connections": fuzzer.connections, "unauthorized_handshakes": fuzzer.outcomes}
           if args.curve else {}),
        "crashes_or_hangs": len([f for f in failures if "died" in f or "hung" in f]),
        "failures": failures, "folder": folder,
    }
    print(json.dumps(summary, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
