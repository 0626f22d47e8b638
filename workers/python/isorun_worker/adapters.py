"""Isolation adapters: what each strategy does around a trial, per framework.

Strategies (docs/protocol.md):
- `no-clear`: nothing; every model shares what the ones before it left.
- `clear`: the framework's clear after the trial.
- `scoped-session` (tf1-keras): a fresh session over the shared default graph.
- `scoped-graph` (tf1-keras): a fresh graph with its own session.
- `process`: a fresh process per trial, which runs it as `no-clear` and exits.
- `pool`: a long-lived worker that clears after each trial, as `clear` does.

`isolation_s` is what the strategy's own isolation cost around the trial: the
clear, or creating (and closing) the scoped session or graph. For `process` and
`pool` the coordinator overwrites it with what it observed.
"""

from __future__ import annotations

import gc
import time
from typing import Callable

from .trial import TrialModule

#: Every strategy IsoRun knows, in its canonical order.
STRATEGIES = ("no-clear", "clear", "scoped-session", "scoped-graph", "process", "pool")

#: What `process` and `pool` do inside their process.
DISCIPLINE = {"process": "no-clear", "pool": "clear"}

Counts = tuple  # (graph_nodes, live_variables, nodes_copied), each int or None


class Adapter:
    """The `python` adapter: any Python trial.

    `clear` runs the module's `@clear` hook, then `gc.collect()`. `graph_nodes` and
    `live_variables` come from the module's `@counts` hook, else they are null;
    `nodes_copied` is always null (only IsoRun's own engine counts copies).
    """

    name = "python"
    #: The in-process strategies this adapter can run.
    in_process: tuple[str, ...] = ("no-clear", "clear")
    #: Whether `attach` freezes the heap as loaded (`gc.freeze()`): the objects of
    #: the interpreter, the worker and the trial's module are never garbage, so
    #: the `clear` strategy's `gc.collect()` then looks only at what trials made
    #: (about 0.3 µs instead of 1.7 ms for an empty trial). Off for frameworks
    #: whose own clear collects, so that their cost stays what users pay.
    freeze_loaded_heap = True

    def __init__(self) -> None:
        self.module: TrialModule | None = None

    def load(self) -> None:
        """Imports and sets up the framework, before the trial's module is imported."""

    def attach(self, module: TrialModule) -> None:
        """Gives the adapter the trial's module, for its hooks, once it is loaded."""
        self.module = module
        if self.freeze_loaded_heap:
            gc.freeze()

    def capabilities(self) -> list[str]:
        """The strategies this adapter runs: its in-process ones, `process` and `pool`."""
        offered = set(self.in_process) | {"process", "pool"}
        return [strategy for strategy in STRATEGIES if strategy in offered]

    def fork_refusal(self) -> str | None:
        """Why a fork of this process now would be unsafe, or None when it is safe.

        TensorFlow (under any adapter: Keras 3's TensorFlow backend, or a plain
        Python trial that uses it) starts its runtime's thread pools, threads named
        `tf_*`, with the first session or eager op, not at import. A fork after
        that copies locks those threads may hold, and the child's first run
        hangs (docs/python-worker.md, "Fork server"): refused.
        """
        from .metrics import thread_names  # noqa: PLC0415

        started = sorted({name for name in thread_names() if name.startswith("tf_")})
        if started:
            return (f"framework {self.name}: TensorFlow's runtime is already running in this process "
                    f"(threads {', '.join(started)}), so a forked child would hang in its first run; "
                    "the trial module must not run TensorFlow when it is imported")
        return None

    def clear(self) -> None:
        """Drops what earlier trials left (the `clear` strategy's work)."""
        hook = self.module.clear_hook if self.module else None
        if hook is not None:
            hook()
        gc.collect()

    def reset(self) -> None:
        """Clears everything before a new stage (another strategy or repeat)."""
        self.clear()

    def counts(self) -> Counts:
        """`graph_nodes`, `live_variables`, `nodes_copied` now, from the `@counts` hook."""
        hook = self.module.counts_hook if self.module else None
        if hook is None:
            return None, None, None
        value = hook()
        if isinstance(value, dict):
            nodes, variables = value.get("graph_nodes"), value.get("live_variables")
        else:
            nodes, variables = value
        return _count(nodes, "graph_nodes"), _count(variables, "live_variables"), None

    def run(self, strategy: str, body: Callable[[], None]) -> tuple[float, Counts]:
        """Runs `body` under `strategy`'s in-process discipline.

        Returns:
            the seconds the isolation cost, and the counts, read after the trial
            in the graph it ran in (before any clear).
        """
        discipline = DISCIPLINE.get(strategy, strategy)
        if discipline == "no-clear":
            body()
            return 0.0, self.counts()
        if discipline == "clear":
            body()
            counts = self.counts()
            start = time.perf_counter()
            self.clear()
            return time.perf_counter() - start, counts
        raise UnsupportedStrategy(strategy, self.name)


class UnsupportedStrategy(Exception):
    """A strategy the adapter does not offer (it is not in its capabilities)."""

    def __init__(self, strategy: str, framework: str):
        super().__init__(f"strategy {strategy!r} is not offered by framework {framework!r}")


def _count(value: object, key: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"the @counts hook returned {value!r} for {key}: an int or None is allowed")
    return value


class TF1KerasAdapter(Adapter):
    """`tf1-keras`: TensorFlow in graph mode (`tf.compat.v1`) with `tf_keras`, as in TF 1.x.

    - `clear`: `tf_keras.backend.clear_session()` (a new default graph and session).
    - `scoped-session`: a new `tf.compat.v1.Session()` over the shared default graph,
      made the default session for the trial, closed after it.
    - `scoped-graph`: a new `tf.Graph()` with its own session, both default for the
      trial; the session is closed after it.
    - `graph_nodes`: the operations of the graph the model was built in;
      `live_variables`: that graph's global variables; `nodes_copied`: null.
    """

    name = "tf1-keras"
    in_process = ("no-clear", "clear", "scoped-session", "scoped-graph")
    freeze_loaded_heap = False

    def load(self) -> None:
        import tensorflow as tf  # noqa: PLC0415 (optional dependency)

        tf.compat.v1.disable_eager_execution()
        import tf_keras  # noqa: PLC0415

        self.tf, self.keras = tf, tf_keras

    def clear(self) -> None:
        self.keras.backend.clear_session()

    def counts(self) -> Counts:
        graph = self.tf.compat.v1.get_default_graph()
        variables = graph.get_collection(self.tf.compat.v1.GraphKeys.GLOBAL_VARIABLES)
        return len(graph.get_operations()), len(variables), None

    def run(self, strategy: str, body: Callable[[], None]) -> tuple[float, Counts]:
        v1 = self.tf.compat.v1
        if strategy == "scoped-session":
            start = time.perf_counter()
            session = v1.Session(graph=v1.get_default_graph())
            cost = time.perf_counter() - start
            with session.as_default():
                body()
                counts = self.counts()
            start = time.perf_counter()
            session.close()
            return cost + time.perf_counter() - start, counts
        if strategy == "scoped-graph":
            start = time.perf_counter()
            graph = self.tf.Graph()
            session = v1.Session(graph=graph)
            cost = time.perf_counter() - start
            with graph.as_default(), session.as_default():
                body()
                counts = self.counts()
            start = time.perf_counter()
            session.close()
            return cost + time.perf_counter() - start, counts
        return super().run(strategy, body)


class Keras3Adapter(Adapter):
    """`keras3`: Keras 3 (its configured backend). `clear` is `keras.backend.clear_session()`;
    no scoped strategies (Keras 3 has no sessions or graphs to scope).
    `graph_nodes`/`live_variables` come from the `@counts` hook, else null."""

    name = "keras3"
    freeze_loaded_heap = False

    def load(self) -> None:
        import keras  # noqa: PLC0415 (optional dependency)

        self.keras = keras

    def clear(self) -> None:
        self.keras.backend.clear_session()


ADAPTERS: dict[str, type[Adapter]] = {
    Adapter.name: Adapter,
    TF1KerasAdapter.name: TF1KerasAdapter,
    Keras3Adapter.name: Keras3Adapter,
}


def adapter_named(name: str) -> Adapter:
    """The adapter for framework `name`.

    Raises:
        ValueError: naming the frameworks there are.
    """
    try:
        return ADAPTERS[name]()
    except KeyError:
        raise ValueError(f"unknown framework {name!r}: the frameworks are {', '.join(ADAPTERS)}") from None
