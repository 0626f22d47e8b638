"""The pure-Python leaky workload: what each strategy leaves behind, seen through the @counts hook."""

import pytest

from conftest import EXAMPLES, task

LEAKY = f"{EXAMPLES / 'python' / 'leaky.py'}:leaky"
N = 10


def run_stage(coordinator, identity, strategy, n=N, repeat=0):
    records = [coordinator.run(identity, task(strategy, i, {"size": 100}, repeat=repeat)) for i in range(n)]
    assert [r["outcome"] for r in records] == ["ok"] * n
    return records


def test_live_variables_grow_under_no_clear(coordinator):
    coordinator.start(LEAKY)
    identity, _ = coordinator.handshake()
    records = run_stage(coordinator, identity, "no-clear")
    assert [r["live_variables"] for r in records] == list(range(1, N + 1))
    assert [r["isolation_s"] for r in records] == [0.0] * N


@pytest.mark.parametrize("strategy", ["clear", "pool"])
def test_live_variables_stay_flat_when_cleared(coordinator, strategy):
    coordinator.start(LEAKY)
    identity, _ = coordinator.handshake()
    records = run_stage(coordinator, identity, strategy)
    # read after the trial, before the clear: each trial sees only its own model
    assert [r["live_variables"] for r in records] == [1] * N
    assert all(r["isolation_s"] > 0 for r in records)


def test_process_runs_like_no_clear_inside_its_process(coordinator):
    coordinator.start(LEAKY)
    identity, _ = coordinator.handshake()
    records = run_stage(coordinator, identity, "process", n=3)
    assert [r["live_variables"] for r in records] == [1, 2, 3]


def test_a_new_stage_starts_from_a_cleared_process_and_models_before_counts_every_trial(coordinator):
    coordinator.start(LEAKY)
    identity, _ = coordinator.handshake()
    first = run_stage(coordinator, identity, "no-clear", n=3)
    again = run_stage(coordinator, identity, "no-clear", n=3, repeat=1)
    assert [r["live_variables"] for r in first] == [1, 2, 3]
    assert [r["live_variables"] for r in again] == [1, 2, 3]
    assert [r["models_before"] for r in first + again] == list(range(6))


def test_under_no_clear_the_leak_makes_trials_touch_more(coordinator):
    """Not a time assertion: the memory the leak holds grows with the trials."""
    coordinator.start(LEAKY)
    identity, _ = coordinator.handshake()
    records = [coordinator.run(identity, task("no-clear", i, {"size": 200_000})) for i in range(5)]
    assert records[-1]["rss_bytes"] > records[0]["rss_bytes"]
    assert all(r["peak_rss_bytes"] >= r["rss_bytes"] for r in records)
