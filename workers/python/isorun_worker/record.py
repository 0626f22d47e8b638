"""Record version 2: one trial's measurements, with every key always present, in order."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from .wire import MAX_STRING_BYTES, TaskSpec

RECORD_VERSION = 2

#: The keys of a record, in the order every record has them (CONTRACT.md, docs/protocol.md).
RECORD_KEYS = (
    "record_version", "run_id", "experiment", "strategy",
    "trial", "repeat", "attempt", "worker", "pid", "host", "launch",
    "started_at", "models_before",
    "create_s", "fit_s", "test_s", "total_s", "isolation_s", "wall_s",
    "rss_bytes", "peak_rss_bytes", "graph_nodes", "live_variables", "nodes_copied",
    "outcome", "reason", "recycled",
)

#: The outcomes a worker may send; `timeout` and `worker-lost` are the coordinator's.
WORKER_OUTCOMES = ("ok", "failed")


def seconds(value: float | None) -> float | None:
    """A time for a record: rounded to the nanosecond (the clocks' resolution), so
    that JSON's shortest round-tripping form carries no binary noise."""
    return None if value is None else round(value, 9)


_second: tuple[int, str] = (-1, "")  # the last whole second formatted, and its text


def timestamp(moment: datetime | None = None) -> str:
    """RFC 3339 in UTC with microseconds: `2026-12-03T12:00:00.123456Z` (now when None).

    Now is read from the system clock as `datetime.now` reads it (microseconds
    rounded down); the text of its whole second is kept, so that the trials of
    one second format only their microseconds (2 µs instead of 11 on a loaded core).
    """
    global _second
    if moment is not None:
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    second, nanoseconds = divmod(time.time_ns(), 1_000_000_000)
    cached = _second  # read once: another thread may replace it meanwhile
    if cached[0] != second:
        cached = _second = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second)))
    return f"{cached[1]}.{nanoseconds // 1000:06d}Z"


def clip(text: str, limit: int = MAX_STRING_BYTES) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, never inside a character; a cut ends in `…`."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    ellipsis = "…".encode("utf-8")
    return data[: limit - len(ellipsis)].decode("utf-8", "ignore") + "…"


def new_record(spec: TaskSpec, *, worker: str, pid: int, host: str, launch: str, started_at: str, models_before: int) -> dict:
    """A record for `spec` with who ran it and when; every measurement null, outcome ok.
    Its keys are `RECORD_KEYS`, in that order."""
    record = dict.fromkeys(RECORD_KEYS)
    record.update(
        record_version=RECORD_VERSION, run_id=spec.run_id, experiment=spec.experiment, strategy=spec.strategy,
        trial=spec.trial, repeat=spec.repeat, attempt=spec.attempt, worker=worker, pid=pid, host=host,
        launch=launch, started_at=started_at, models_before=models_before, outcome="ok",
    )
    return record


class Records:
    """Makes one worker's records, each what `new_record` returns, from a copy of
    the previous record's fields that stay the same (the run, experiment and
    strategy; who ran it): a third of the time of building all 27 keys anew."""

    def __init__(self, *, worker: str, pid: int, host: str, launch: str):
        self._who = {"worker": worker, "pid": pid, "host": host, "launch": launch}
        self._kept: tuple = ()
        self._template: dict = {}

    def new(self, spec: TaskSpec, *, started_at: str, models_before: int) -> dict:
        """A record for `spec`, started at `started_at` after `models_before` trials."""
        kept = (spec.run_id, spec.experiment, spec.strategy)
        if kept != self._kept:
            self._kept = kept
            self._template = new_record(spec, **self._who, started_at="", models_before=0)
        record = self._template.copy()
        record["trial"], record["repeat"], record["attempt"] = spec.trial, spec.repeat, spec.attempt
        record["started_at"], record["models_before"] = started_at, models_before
        return record
