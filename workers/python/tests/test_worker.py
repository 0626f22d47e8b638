"""The worker against a real ROUTER: handshake, records, heartbeats, refusals, exits."""

import os
import re
import signal
import subprocess

from conftest import EXAMPLES, TRIALS, task, wait_exit
from isorun_worker.record import RECORD_KEYS

LEAKY = EXAMPLES / "python" / "leaky.py"


def test_hello_says_who_the_worker_is_and_what_the_python_adapter_offers(coordinator):
    process = coordinator.start(f"{LEAKY}:leaky", worker_id="t1")
    identity, hello = coordinator.handshake()
    assert identity == b"t1"
    assert list(hello) == ["worker", "pid", "host", "launch", "capabilities", "framework"]
    assert hello["worker"] == "t1" and hello["pid"] == process.pid and hello["host"]
    assert hello["launch"] == "exec"
    assert hello["capabilities"] == ["no-clear", "clear", "process", "pool"]
    assert hello["framework"] == "python"


def test_one_task_gives_one_record_with_every_key_in_order_and_the_right_types(coordinator):
    coordinator.start(f"{TRIALS / 'basic.py'}:phases")
    identity, _ = coordinator.handshake()
    record = coordinator.run(identity, task("no-clear", 3, {"sleep": 0.01}, repeat=1, attempt=2, run_id="00000000000000ff"))
    assert list(record) == list(RECORD_KEYS)
    assert record["record_version"] == 2
    assert (record["run_id"], record["experiment"], record["strategy"]) == ("00000000000000ff", "test", "no-clear")
    assert (record["trial"], record["repeat"], record["attempt"]) == (3, 1, 2)
    assert record["worker"] == "t1" and record["launch"] == "exec" and isinstance(record["pid"], int)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", record["started_at"])
    assert record["models_before"] == 0
    for key in ("create_s", "fit_s", "test_s", "total_s", "isolation_s", "wall_s"):
        assert isinstance(record[key], float), key
    assert record["fit_s"] >= 0.01
    assert abs(record["total_s"] - (record["create_s"] + record["fit_s"] + record["test_s"])) < 1e-8
    assert record["wall_s"] >= record["total_s"]
    assert record["isolation_s"] == 0.0
    assert isinstance(record["rss_bytes"], int) and record["peak_rss_bytes"] >= record["rss_bytes"] > 0
    assert record["graph_nodes"] is None and record["live_variables"] is None and record["nodes_copied"] is None
    assert (record["outcome"], record["reason"], record["recycled"]) == ("ok", None, None)
    assert coordinator.run(identity, task("no-clear", 4))["models_before"] == 1


def test_a_trial_without_phases_has_null_times(coordinator):
    coordinator.start(f"{TRIALS / 'basic.py'}:no_phases")
    identity, _ = coordinator.handshake()
    record = coordinator.run(identity, task())
    assert record["outcome"] == "ok"
    assert [record[k] for k in ("create_s", "fit_s", "test_s", "total_s")] == [None] * 4
    assert isinstance(record["wall_s"], float)


def test_heartbeats_come_from_the_heartbeat_routing_id_even_during_a_long_trial(coordinator):
    coordinator.start(f"{TRIALS / 'basic.py'}:phases", worker_id="beating", heartbeat=0.05)
    identity, _ = coordinator.handshake()
    coordinator.send(identity, "task", task(workload={"sleep": 0.6}))
    during = []
    while True:
        sender, kind, payload = coordinator.receive(heartbeats=True)
        if kind == "record":
            break
        assert kind == "heartbeat"
        assert sender == b"beating#heartbeat"
        assert list(payload) == ["worker", "rss_bytes"] and payload["worker"] == "beating"
        assert isinstance(payload["rss_bytes"], int) and payload["rss_bytes"] > 0
        during.append(payload)
    assert len(during) >= 3  # the main thread slept in the trial; the heartbeat thread did not


def test_malformed_messages_are_answered_with_error_and_the_worker_keeps_serving(coordinator):
    coordinator.start(f"{LEAKY}:leaky")
    identity, _ = coordinator.handshake()
    bad = [
        ([b"isorun/1", b"task", b"{}"], "unsupported protocol version 'isorun/1'"),
        ([b"isorun/2", b"task"], "expected 3 frames"),
        ([b"isorun/2", b"bogus", b"{}"], "unknown message kind 'bogus'"),
        ([b"isorun/2", b"task", b"{nope"], "not UTF-8 JSON"),
        ([b"isorun/2", b"task", b"[]"], "must be a JSON object"),
        ([b"isorun/2", b"task", b'{"workload": {}}'], "lacks the required object 'spec'"),
        ([b"isorun/2", b"task", b'{"spec": {"run_id": "a", "experiment": "e", "strategy": "clear", "trial": "x", '
                                b'"repeat": 0, "attempt": 1}}'], "task.spec.trial must be a int"),
    ]
    for frames, says in bad:
        coordinator.send_frames(identity, frames)
        sender, payload = coordinator.expect("error")
        assert sender == identity
        assert says in payload["message"]
    coordinator.send(identity, "error", {"message": "the coordinator refused something"})
    coordinator.send(identity, "hello", {})  # a kind a worker never receives: ignored
    assert coordinator.run(identity, task())["outcome"] == "ok"


def test_a_raising_trial_gives_a_failed_record_and_the_next_task_is_served(coordinator):
    process = coordinator.start(f"{LEAKY}:leaky")
    identity, _ = coordinator.handshake()
    workload = {"size": 10, "fail_trials": [1]}
    first, failed, third = (coordinator.run(identity, task("no-clear", i, workload)) for i in range(3))
    assert first["outcome"] == "ok" and third["outcome"] == "ok"
    assert failed["outcome"] == "failed"
    assert failed["reason"] == "ValueError: trial 1 fails on purpose (fail_trials)"
    assert [failed[k] for k in ("create_s", "fit_s", "test_s", "total_s")] == [None] * 4
    assert list(failed) == list(RECORD_KEYS)
    assert "Traceback" in coordinator.stderr(process) and "leaky.py" in coordinator.stderr(process)


def test_a_multiline_message_stays_in_the_reason_and_the_traceback_goes_to_stderr(coordinator):
    process = coordinator.start(f"{TRIALS / 'basic.py'}:raises")
    identity, _ = coordinator.handshake()
    record = coordinator.run(identity, task())
    assert record["reason"] == "RuntimeError: line one\nline two"
    assert 'raise RuntimeError("line one\\nline two")' in coordinator.stderr(process)


def test_a_strategy_the_adapter_does_not_offer_gives_a_failed_record(coordinator):
    coordinator.start(f"{LEAKY}:leaky")
    identity, _ = coordinator.handshake()
    record = coordinator.run(identity, task("scoped-graph"))
    assert record["outcome"] == "failed"
    assert "'scoped-graph' is not offered by framework 'python'" in record["reason"]
    assert coordinator.run(identity, task("clear"))["outcome"] == "ok"


def test_shutdown_ends_the_worker_with_status_0(coordinator):
    process = coordinator.start(f"{LEAKY}:leaky")
    identity, _ = coordinator.handshake()
    coordinator.run(identity, task())
    coordinator.send(identity, "shutdown")
    assert wait_exit(process) == 0


def test_a_one_shot_worker_exits_0_after_its_record(coordinator):
    process = coordinator.start(f"{LEAKY}:leaky", one_shot=True)
    identity, _ = coordinator.handshake()
    record = coordinator.run(identity, task("process"))
    assert record["outcome"] == "ok" and record["models_before"] == 0
    assert wait_exit(process) == 0


def test_the_environment_stands_for_the_flags(coordinator):
    env = {"ISORUN_ENDPOINT": coordinator.endpoint, "ISORUN_WORKER_ID": "from-env", "ISORUN_ONE_SHOT": "1",
           "ISORUN_PARENT_PID": str(os.getpid())}
    process = coordinator.start(f"{LEAKY}:leaky", flags=False, env=env)
    identity, hello = coordinator.handshake()
    assert identity == b"from-env" and hello["launch"] == "exec"
    coordinator.run(identity, task("process"))
    assert wait_exit(process) == 0


def test_a_worker_without_a_parent_is_external(coordinator):
    env = {"ISORUN_ENDPOINT": coordinator.endpoint, "ISORUN_WORKER_ID": "by-hand"}
    coordinator.start(f"{LEAKY}:leaky", flags=False, env=env)
    _, hello = coordinator.handshake()
    assert hello["launch"] == "external"


def test_the_worker_exits_when_its_parent_is_gone(coordinator):
    parent = subprocess.Popen(["sleep", "600"])
    try:
        process = coordinator.start(f"{LEAKY}:leaky", parent=parent.pid)
        coordinator.handshake()
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert wait_exit(process) == 70
    finally:
        parent.kill()
        parent.wait()


def test_a_parent_already_gone_ends_the_worker_at_once(coordinator):
    parent = subprocess.Popen(["true"])
    parent.wait()
    process = coordinator.start(f"{LEAKY}:leaky", parent=parent.pid)
    assert wait_exit(process) == 70


def test_a_target_that_cannot_be_loaded_is_a_usage_error(coordinator):
    for target, says in [
        ("nowhere/missing.py:trial", "trial file nowhere/missing.py not found"),
        (f"{LEAKY}:absent", "has no function 'absent'"),
        ("no_such_module_here:trial", "trial module 'no_such_module_here' not found"),
        (f"{TRIALS / 'basic.py'}", "must have exactly one @isorun_worker.trial function"),
    ]:
        process = coordinator.start(target)
        assert wait_exit(process) == 2, target
        assert says in coordinator.stderr(process), target


def test_a_package_module_target_loads(coordinator, tmp_path):
    package = tmp_path / "mytrials"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text("import isorun_worker as iw\n\n@iw.trial\ndef one(ctx):\n    pass\n")
    coordinator.start("mytrials.models:one", env={"PYTHONPATH": str(tmp_path)})
    identity, _ = coordinator.handshake()
    assert coordinator.run(identity, task())["outcome"] == "ok"


def test_an_endpoint_that_cannot_be_used_is_a_usage_error(coordinator):
    process = coordinator.start(f"{LEAKY}:leaky", flags=False,
                                env={"ISORUN_ENDPOINT": "carrier-pigeon://nowhere", "ISORUN_WORKER_ID": "x"})
    assert wait_exit(process) == 2
    assert "cannot connect to 'carrier-pigeon://nowhere'" in coordinator.stderr(process)


def test_an_id_zeromq_cannot_carry_is_a_usage_error(coordinator):
    process = coordinator.start(f"{LEAKY}:leaky", worker_id="x" * 250)
    assert wait_exit(process) == 2
    assert "an id is at most 245 bytes" in coordinator.stderr(process)


def test_heartbeats_start_before_a_slow_import_so_the_worker_never_looks_silent(coordinator):
    coordinator.start(f"{TRIALS / 'slow_import.py'}:trial", worker_id="slow", heartbeat=0.05)
    before_hello = 0
    while True:
        sender, kind, _ = coordinator.receive(heartbeats=True)
        if kind == "hello":
            break
        assert (kind, sender) == ("heartbeat", b"slow#heartbeat")
        before_hello += 1
    assert before_hello >= 3
