"""The fork-server zygote: its line protocol, its children as workers, and its refusals."""

import os
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLES, PATIENCE, REPO, TRIALS, task, worker_environment

LEAKY = f"{EXAMPLES / 'python' / 'leaky.py'}:leaky"


class Zygote:
    """`python -m isorun_worker TARGET fork-server --parent PID`, with lines in and out."""

    def __init__(self, target, framework=None, parent=None):
        command = [sys.executable, "-m", "isorun_worker", target]
        if framework:
            command += ["--framework", framework]
        command += ["fork-server", "--parent", str(parent or os.getpid())]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        cwd=REPO, env=worker_environment())

    def request(self, line):
        self.process.stdin.write(f"{line}\n".encode())
        self.process.stdin.flush()

    def line(self):
        text = self.process.stdout.readline().decode()
        assert text.endswith("\n"), f"the zygote closed its output (status {self.process.poll()})"
        return text.rstrip("\n")

    def spawn(self, worker_id, endpoint):
        self.request(f"spawn {worker_id} {endpoint}")
        words = self.line().split(" ")
        assert words[:2] == ["spawned", worker_id], words
        return int(words[2])

    def close(self):
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        status = self.process.wait(timeout=PATIENCE)
        self.errors = self.process.stderr.read().decode()
        self.process.stdout.close()
        self.process.stderr.close()
        return status


@pytest.fixture
def zygotes():
    started = []

    def start(*args, **kwargs):
        started.append(Zygote(*args, **kwargs))
        return started[-1]

    yield start
    for zygote in started:
        if zygote.process.poll() is None:
            zygote.process.kill()
        zygote.process.wait()
        if not zygote.process.stderr.closed:  # the zygote's and its children's, shown when a test fails
            sys.stderr.write(zygote.process.stderr.read().decode(errors="replace"))
        else:
            sys.stderr.write(getattr(zygote, "errors", ""))


def test_each_spawn_is_a_fresh_one_shot_worker_and_its_end_is_reported(coordinator, zygotes):
    zygote = zygotes(LEAKY)
    pids = set()
    for n in range(3):
        pid = zygote.spawn(f"w{n}", coordinator.endpoint)
        identity, hello = coordinator.handshake()
        assert identity == f"w{n}".encode()
        assert hello["pid"] == pid and hello["launch"] == "fork-server" and hello["framework"] == "python"
        record = coordinator.run(identity, task("process", n))
        assert record["outcome"] == "ok" and record["pid"] == pid and record["launch"] == "fork-server"
        assert record["models_before"] == 0 and record["live_variables"] == 1  # nothing shared with earlier children
        assert zygote.line() == f"ended {pid} exited 0"
        pids.add(pid)
    assert len(pids) == 3
    assert zygote.close() == 0


def test_ping_is_answered_once_the_module_is_loaded(zygotes):
    zygote = zygotes(LEAKY)
    zygote.request("ping")
    assert zygote.line() == "pong"


def test_kill_ends_a_child_by_signal_and_unknown_requests_are_errors(coordinator, zygotes):
    zygote = zygotes(LEAKY)
    pid = zygote.spawn("w1", coordinator.endpoint)
    coordinator.handshake()
    zygote.request("kill 1")  # not a child of the zygote: ignored
    zygote.request(f"kill {pid}")
    assert zygote.line() == f"ended {pid} signal 9"
    zygote.request("launch w2 somewhere")
    assert zygote.line() == "error unknown request 'launch w2 somewhere'"


def test_closing_stdin_kills_the_children_and_ends_the_zygote_with_0(coordinator, zygotes):
    zygote = zygotes(LEAKY)
    pid = zygote.spawn("w1", coordinator.endpoint)
    coordinator.handshake()
    assert zygote.close() == 0
    deadline = time.monotonic() + PATIENCE
    while os.path.exists(f"/proc/{pid}") and _state(pid) != "Z" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not os.path.exists(f"/proc/{pid}") or _state(pid) == "Z"


def _state(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_prints_at_import_and_in_trials_never_reach_the_protocol(coordinator, zygotes):
    zygote = zygotes(f"{TRIALS / 'noisy.py'}:noisy")
    pid = zygote.spawn("w1", coordinator.endpoint)
    identity, _ = coordinator.handshake()
    assert coordinator.run(identity, task("process"))["outcome"] == "ok"
    assert zygote.line() == f"ended {pid} exited 0"
    assert zygote.close() == 0
    assert "noisy: imported" in zygote.errors and "noisy: trial 0" in zygote.errors


def test_the_zygote_exits_when_its_parent_is_gone(zygotes):
    parent = subprocess.Popen(["sleep", "600"])
    try:
        zygote = zygotes(LEAKY, parent=parent.pid)
        zygote.request("kill 1")  # answered with nothing; proves the zygote reads
        parent.kill()
        parent.wait()
        assert zygote.process.wait(timeout=PATIENCE) == 70
    finally:
        parent.kill()
        parent.wait()


def test_a_zygote_with_python_threads_refuses_to_fork(zygotes):
    zygote = zygotes(f"{TRIALS / 'threaded.py'}:trial")
    line = zygote.line()
    assert line.startswith("error refused: framework python: Python threads are running in the zygote (importer-thread)")
    assert zygote.process.wait(timeout=PATIENCE) == 2
    assert "refused" in zygote.process.stderr.read().decode()


def test_tf1_keras_zygote_refuses_when_tensorflow_already_runs(zygotes):
    zygote = zygotes(f"{TRIALS / 'tf_at_import.py'}:trial", framework="tf1-keras")
    line = zygote.line()
    assert line.startswith("error refused: framework tf1-keras: TensorFlow's runtime is already running"), line
    assert zygote.process.wait(timeout=PATIENCE) == 2


def test_tf1_keras_zygote_forks_children_that_train_real_keras(coordinator, zygotes):
    zygote = zygotes(f"{EXAMPLES / 'keras' / 'seed.py'}:seed", framework="tf1-keras")
    for n in range(2):
        pid = zygote.spawn(f"w{n}", coordinator.endpoint)
        identity, hello = coordinator.handshake()
        assert hello["capabilities"] == ["no-clear", "clear", "scoped-session", "scoped-graph", "process", "pool"]
        record = coordinator.run(identity, task("process", n))
        assert record["outcome"] == "ok", record["reason"]
        assert record["graph_nodes"] > 0 and record["models_before"] == 0
        assert zygote.line() == f"ended {pid} exited 0"
    assert zygote.close() == 0
