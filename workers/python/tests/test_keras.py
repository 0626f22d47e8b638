"""Real Keras: the classic seed trial with tf_keras in graph mode, 10 models per strategy,
each strategy in one worker process of its own; and Keras 3's adapter."""

import pytest

from conftest import EXAMPLES, TRIALS, task

SEED = f"{EXAMPLES / 'keras' / 'seed.py'}:seed"
MODELS = 10
WORKLOAD = {"inputs": 4, "units": [8, 1], "optimizer": "adam", "loss": "mse", "x": [[1, 1, 1, 1]], "y": [[1]]}


@pytest.mark.parametrize("strategy, grows", [
    ("no-clear", True),
    ("scoped-session", True),
    ("clear", False),
    ("scoped-graph", False),
    ("pool", False),
])
def test_graph_nodes_grow_only_where_the_graph_is_shared(coordinator, strategy, grows):
    coordinator.start(SEED, framework="tf1-keras", worker_id=strategy)
    identity, hello = coordinator.handshake()
    assert hello["framework"] == "tf1-keras"
    assert hello["capabilities"] == ["no-clear", "clear", "scoped-session", "scoped-graph", "process", "pool"]
    records = [coordinator.run(identity, task(strategy, i, WORKLOAD)) for i in range(MODELS)]
    assert [r["outcome"] for r in records] == ["ok"] * MODELS, [r["reason"] for r in records]
    nodes = [r["graph_nodes"] for r in records]
    variables = [r["live_variables"] for r in records]
    assert nodes[0] > 0 and variables[0] > 0
    if grows:
        # every model adds the same operations and variables to the one graph
        assert all(b - a == nodes[1] - nodes[0] > 0 for a, b in zip(nodes, nodes[1:])), nodes
        assert all(b - a == variables[1] - variables[0] > 0 for a, b in zip(variables, variables[1:])), variables
    else:
        assert nodes == [nodes[0]] * MODELS and variables == [variables[0]] * MODELS
    assert [r["models_before"] for r in records] == list(range(MODELS))
    assert all(r["nodes_copied"] is None for r in records)
    assert all(r["isolation_s"] == 0.0 for r in records) == (strategy == "no-clear")
    for r in records:
        assert 0 < r["create_s"] < r["total_s"] <= r["wall_s"]
        assert r["peak_rss_bytes"] >= r["rss_bytes"] > 0


def test_keras3_offers_no_scoped_strategies_and_has_no_graph_counts(coordinator):
    coordinator.start(f"{TRIALS / 'keras3_seed.py'}:seed", framework="keras3")
    identity, hello = coordinator.handshake()
    assert hello["framework"] == "keras3"
    assert hello["capabilities"] == ["no-clear", "clear", "process", "pool"]
    for strategy in ("no-clear", "clear"):
        record = coordinator.run(identity, task(strategy))
        assert record["outcome"] == "ok", record["reason"]
        assert record["graph_nodes"] is None and record["live_variables"] is None
        assert record["total_s"] > 0
    assert coordinator.run(identity, task("scoped-session"))["outcome"] == "failed"
