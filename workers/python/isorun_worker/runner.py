"""Runs trials in this process under a strategy and measures each one into a record."""

from __future__ import annotations

import os
import sys
import time
import traceback

from . import metrics
from .adapters import Adapter
from .record import Records, clip, seconds, timestamp
from .trial import Context, TrialModule
from .wire import Task


class Runner:
    """Runs one trial at a time in this process and returns its record.

    Owns what this process's trials share: the adapter's framework state and the
    count of models created (`models_before`). When a task's strategy or repeat
    differs from the previous task's, everything earlier trials left is cleared
    first (not counted in any record), so one stage never burdens the next.
    """

    def __init__(self, adapter: Adapter, module: TrialModule, *, worker: str, launch: str):
        self.adapter = adapter
        self.module = module
        self.worker = worker
        self.capabilities = adapter.capabilities()
        self.models = 0
        self._stage: tuple[str, int] | None = None
        self._records = Records(worker=worker, pid=os.getpid(), host=metrics.host_name(), launch=launch)

    def run(self, task: Task) -> dict:
        """Runs `task`'s trial; a trial that raises gives a `failed` record with the
        exception's type and message as `reason` (its traceback goes to stderr)."""
        spec = task.spec
        record = self._records.new(spec, started_at=timestamp(), models_before=self.models)
        if spec.strategy not in self.capabilities:
            record.update(outcome="failed", reason=clip(
                f"strategy {spec.strategy!r} is not offered by framework {self.adapter.name!r} "
                f"(capabilities: {', '.join(self.capabilities)})"))
            record["rss_bytes"], record["peak_rss_bytes"] = metrics.memory()
            return record
        stage = (spec.strategy, spec.repeat)
        if self._stage is not None and self._stage != stage:
            self._reset()
        self._stage = stage

        context = Context(task.workload, strategy=spec.strategy, trial=spec.trial, repeat=spec.repeat,
                          attempt=spec.attempt, models_before=self.models)
        failure: BaseException | None = None

        def body() -> None:
            nonlocal failure
            try:
                self.module.function(context)
            except Exception as error:  # noqa: BLE001 (any trial error becomes a failed record)
                failure = error
                self._report(spec, error)

        start = time.perf_counter()
        isolation = counts = None
        try:
            isolation, counts = self.adapter.run(spec.strategy, body)
        except Exception as error:  # noqa: BLE001 (a clear hook or counts hook that raised)
            failure = failure or error
            self._report(spec, error)
        wall = time.perf_counter() - start
        self.models += 1

        record["rss_bytes"], record["peak_rss_bytes"] = metrics.memory()
        if counts is not None:
            record["graph_nodes"], record["live_variables"], record["nodes_copied"] = counts
        record["isolation_s"], record["wall_s"] = seconds(isolation), seconds(wall)
        if failure is None:
            create, fit, test, total = context.times()
            record["create_s"], record["fit_s"], record["test_s"], record["total_s"] = (
                seconds(create), seconds(fit), seconds(test), seconds(total))
        else:
            message = str(failure)
            reason = f"{type(failure).__name__}: {message}" if message else type(failure).__name__
            record.update(outcome="failed", reason=clip(reason))
        return record

    def _reset(self) -> None:
        try:
            self.adapter.reset()
        except Exception:  # noqa: BLE001 (the next trial will tell whether the state is usable)
            print(f"isorun-worker {self.worker}: clearing between stages failed:", file=sys.stderr)
            traceback.print_exc()

    def _report(self, spec, error: BaseException) -> None:
        print(f"isorun-worker {self.worker}: {spec.strategy} trial {spec.trial} (repeat {spec.repeat}, "
              f"attempt {spec.attempt}) failed:", file=sys.stderr)
        traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
        sys.stderr.flush()
