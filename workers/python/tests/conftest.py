"""The test plays the coordinator: a real pyzmq ROUTER on an ipc endpoint in a
temporary folder, and the worker as a real subprocess (`python -m isorun_worker`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import zmq

VERSION = b"isorun/2"
REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples"
TRIALS = Path(__file__).resolve().parent / "trials"
PACKAGE = Path(__file__).resolve().parents[1]


def worker_environment(extra: dict | None = None) -> dict:
    """The environment of a worker under test: this checkout's package first on
    the path (whatever tree the venv's editable install points to), quiet TensorFlow."""
    path = os.pathsep.join(p for p in (str(PACKAGE), (extra or {}).get("PYTHONPATH", "")) if p)
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(extra or {}), "PYTHONPATH": path}

#: How long a test waits for any one message before it fails (never asserted as a time).
PATIENCE = 120.0


def task(strategy="no-clear", trial=0, workload=None, *, repeat=0, attempt=1, run_id="0123456789abcdef",
         experiment="test"):
    """A task payload as the coordinator sends it."""
    return {"spec": {"run_id": run_id, "experiment": experiment, "strategy": strategy, "trial": trial,
                     "repeat": repeat, "attempt": attempt},
            "workload": workload if workload is not None else {}}


class Coordinator:
    """A ROUTER bound to ipc in a private folder, and the workers it started."""

    def __init__(self) -> None:
        # a short folder: ipc paths are limited to about 100 bytes
        self.folder = tempfile.mkdtemp(prefix="iw-")
        self.endpoint = f"ipc://{self.folder}/coordinator"
        self.context = zmq.Context()
        self.router = self.context.socket(zmq.ROUTER)
        self.router.setsockopt(zmq.LINGER, 0)
        self.router.setsockopt(zmq.ROUTER_MANDATORY, 1)
        self.router.bind(self.endpoint)
        self.processes: list[subprocess.Popen] = []
        self.heartbeats: list[tuple[bytes, dict]] = []

    def start(self, target, *extra, framework=None, worker_id="t1", one_shot=False, parent=None,
              heartbeat=None, env=None, flags=True, **popen) -> subprocess.Popen:
        """Starts `python -m isorun_worker TARGET ...` as the coordinator would."""
        command = [sys.executable, "-m", "isorun_worker", str(target), *extra]
        if framework:
            command += ["--framework", framework]
        if flags:
            command += ["--connect", self.endpoint, "--id", worker_id, "--parent", str(parent or os.getpid())]
            if one_shot:
                command.append("--one-shot")
        environment = worker_environment(env)
        if heartbeat is not None:
            environment["ISORUN_HEARTBEAT_INTERVAL"] = str(heartbeat)
        log = open(os.path.join(self.folder, f"worker-{len(self.processes)}.stderr"), "w+")
        process = subprocess.Popen(command, env=environment, cwd=REPO, stderr=log, **popen)
        process.log = log
        self.processes.append(process)
        return process

    @staticmethod
    def stderr(process: subprocess.Popen) -> str:
        """What the process wrote to its standard error so far."""
        process.log.flush()
        with open(process.log.name) as log:
            return log.read()

    def receive(self, timeout: float = PATIENCE, heartbeats: bool = False) -> tuple[bytes, str, dict]:
        """The next message (routing id, kind, payload); heartbeats are set aside unless asked for."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.router.poll(int(left * 1000)):
                raise AssertionError(f"no message within {timeout} s")
            frames = self.router.recv_multipart()
            assert len(frames) == 4, frames
            identity, version, kind, body = frames
            assert version == VERSION
            payload = json.loads(body)
            if kind == b"heartbeat" and not heartbeats:
                self.heartbeats.append((identity, payload))
                continue
            return identity, kind.decode(), payload

    def expect(self, kind: str, timeout: float = PATIENCE) -> tuple[bytes, dict]:
        identity, got, payload = self.receive(timeout)
        assert got == kind, (got, payload)
        return identity, payload

    def handshake(self) -> tuple[bytes, dict]:
        """Waits for hello and ready; returns the worker's routing id and its hello."""
        identity, hello = self.expect("hello")
        assert self.expect("ready")[0] == identity
        return identity, hello

    def send(self, identity: bytes, kind: str, payload: dict | None = None) -> None:
        self.send_frames(identity, [VERSION, kind.encode(), json.dumps(payload or {}).encode()])

    def send_frames(self, identity: bytes, frames: list[bytes]) -> None:
        self.router.send_multipart([identity, *frames])

    def run(self, identity: bytes, payload: dict) -> dict:
        """Sends one task and returns its record."""
        self.send(identity, "task", payload)
        got, record = self.expect("record")
        assert got == identity
        return record

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait()
            sys.stderr.write(self.stderr(process))  # shown by pytest when a test fails
            process.log.close()
        self.router.close()
        self.context.term()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def coordinator():
    c = Coordinator()
    yield c
    c.close()


def wait_exit(process: subprocess.Popen, timeout: float = PATIENCE) -> int:
    return process.wait(timeout=timeout)
