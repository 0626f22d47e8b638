"""The user API: `@trial`, `@clear`, `@counts`, the trial's `Context`, and loading a trial by name.

A trial is a function of one argument, a `Context`, that creates, fits and tests
one model, timing each phase with `ctx.phase(...)`:

    import isorun_worker as iw

    @iw.trial
    def seed(ctx):
        with ctx.phase("create"): model = build(ctx.params)
        with ctx.phase("fit"):    model.fit(X, y, epochs=1, batch_size=1, verbose=0)
        with ctx.phase("test"):   model.test_on_batch(X, y)

The decorators only mark functions; the worker finds them in the trial's module,
so nothing is registered in a global.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import time
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable

PHASES = ("create", "fit", "test")

_ROLE = "__isorun_role__"


def trial(function: Callable[["Context"], Any]) -> Callable[["Context"], Any]:
    """Marks `function(ctx)` as a trial: one model's life, created, fitted and tested."""
    setattr(function, _ROLE, "trial")
    return function


def clear(function: Callable[[], Any]) -> Callable[[], Any]:
    """Marks `function()` as the module's clear hook: what `clear` (and `pool`) run
    after a trial under the `python` adapter, before `gc.collect()`. It should drop
    whatever trials leave behind in the module."""
    setattr(function, _ROLE, "clear")
    return function


def counts(function: Callable[[], Any]) -> Callable[[], Any]:
    """Marks `function()` as the module's counts hook, for frameworks IsoRun cannot
    measure itself: it returns `(graph_nodes, live_variables)` or a dict with those
    keys; either may be None. Called after each trial, outside the timed phases."""
    setattr(function, _ROLE, "counts")
    return function


class Phase:
    """Times one phase of a trial on the monotonic clock; a phase entered twice adds up."""

    __slots__ = ("_context", "_name", "_start")

    def __init__(self, context: "Context", name: str):
        self._context = context
        self._name = name
        self._start = 0.0

    def __enter__(self) -> "Phase":
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        elapsed = time.perf_counter() - self._start
        phases = self._context._phases
        phases[self._name] = phases.get(self._name, 0.0) + elapsed


class Context:
    """What a trial gets: the experiment's `[workload]` parameters and phase timers.

    Attributes:
        params: the task's `workload` object (the experiment file's `[workload]` table).
        strategy: the strategy the trial runs under (`no-clear`, `clear`, ...).
        trial: the trial's 0-based index within its strategy and repeat.
        repeat: the 0-based repeat.
        attempt: 1-based; above 1 for a retry.
        models_before: trials this process ran before this one.
    """

    def __init__(self, params: dict, *, strategy: str = "no-clear", trial: int = 0, repeat: int = 0,
                 attempt: int = 1, models_before: int = 0):
        self.params = params
        self.strategy = strategy
        self.trial = trial
        self.repeat = repeat
        self.attempt = attempt
        self.models_before = models_before
        self._phases: dict[str, float] = {}

    def phase(self, name: str) -> Phase:
        """A context manager that times phase `name`: `create`, `fit` or `test`.

        Raises:
            ValueError: for any other name.
        """
        if name not in PHASES:
            raise ValueError(f"unknown phase {name!r}: the phases are {', '.join(PHASES)}")
        return Phase(self, name)

    def times(self) -> tuple[float | None, float | None, float | None, float | None]:
        """`create_s`, `fit_s`, `test_s`, `total_s`: None for a phase never entered;
        the total is the sum of the phases entered (None if none was)."""
        phases = self._phases
        total = sum(phases.values()) if phases else None
        return phases.get("create"), phases.get("fit"), phases.get("test"), total


class TargetError(Exception):
    """A trial target that cannot be loaded: what was wrong and what is allowed."""


@dataclass(frozen=True)
class TrialModule:
    """A loaded trial: its function and the hooks of its module."""

    function: Callable[[Context], Any]
    clear_hook: Callable[[], Any] | None
    counts_hook: Callable[[], Any] | None
    module: ModuleType


def load(target: str) -> TrialModule:
    """Imports a trial: `path/to/file.py:function` or `package.module:function`.

    Without `:function`, the module's one `@trial` function is taken.

    Raises:
        TargetError: when the file, module or function cannot be found, or the
            function is not callable.
    """
    where, _, name = target.partition(":")
    if not where:
        raise TargetError(f"trial target {target!r} names no module: use path/to/file.py:function or package.module:function")
    module = _import(where)
    if name:
        function = getattr(module, name, None)
        if function is None:
            raise TargetError(f"{where} has no function {name!r}")
        if not callable(function):
            raise TargetError(f"{where}:{name} is not a function (it is a {type(function).__name__})")
    else:
        trials = _marked(module, "trial")
        if len(trials) != 1:
            found = ", ".join(sorted(getattr(f, "__name__", "?") for f in trials)) or "none"
            raise TargetError(f"{where} must have exactly one @isorun_worker.trial function when the target names none (found: {found}); use {where}:function")
        function = trials[0]
    clears, counters = _marked(module, "clear"), _marked(module, "counts")
    for role, found in (("clear", clears), ("counts", counters)):
        if len(found) > 1:
            raise TargetError(f"{where} has {len(found)} @isorun_worker.{role} functions; at most one is allowed")
    return TrialModule(function, clears[0] if clears else None, counters[0] if counters else None, module)


def _marked(module: ModuleType, role: str) -> list:
    seen, found = set(), []
    for value in vars(module).values():
        if callable(value) and getattr(value, _ROLE, None) == role and id(value) not in seen:
            seen.add(id(value))
            found.append(value)
    return found


def _import(where: str) -> ModuleType:
    if where.endswith(".py") or os.sep in where:
        path = os.path.abspath(where)
        if not os.path.isfile(path):
            raise TargetError(f"trial file {where} not found (looked for {path})")
        name = os.path.splitext(os.path.basename(path))[0]
        if name in sys.modules and getattr(sys.modules[name], "__file__", None) != path:
            name = f"isorun_trial_{name}"
        folder = os.path.dirname(path)
        if folder not in sys.path:
            sys.path.insert(0, folder)  # so that the file's sibling modules import
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise TargetError(f"trial file {where} cannot be imported as a Python module")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    try:
        return importlib.import_module(where)
    except ModuleNotFoundError as error:
        if error.name and where.startswith(error.name):
            raise TargetError(f"trial module {where!r} not found on the Python path (sys.path[0] is {sys.path[0]!r})") from None
        raise
