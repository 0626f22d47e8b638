"""The rules of docs/protocol.md for a stored record, written apart from
Sources/Wire/RecordRules.swift so that the campaign judges the collector
by an independent reading of them."""

from __future__ import annotations

import json
import re

from mutations import KEYS

def breaks_rules(line: bytes) -> str | None:
    """Why a stored line breaks docs/protocol.md's rules for a record, None if it keeps them."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8"
    seen: list[str] = []

    def pairs(items):
        for key, _ in items:
            seen.append(key)
        return dict(items)

    def constant(name):
        raise ValueError(name)
    try:
        record = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except ValueError as error:
        return f"not JSON: {error}"
    if sorted(seen) != sorted(KEYS):
        return "keys"
    for key, value in record.items():
        if isinstance(value, str) and (any(0xD800 <= ord(c) <= 0xDFFF for c in value)):
            return f"{key}: surrogate"
    def integer(value, low, high):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() \
            and low <= value <= high
    def name(value):
        return isinstance(value, str) and 1 <= len(value.encode()) <= 255 and not any(
            ord(c) < 0x20 or ord(c) == 0x7F for c in value)
    checks = {
        "record_version": record["record_version"] == 2 and not isinstance(record["record_version"], bool),
        "run_id": isinstance(record["run_id"], str) and re.fullmatch(r"[0-9a-f]{16}", record["run_id"]) is not None,
        "started_at": isinstance(record["started_at"], str)
            and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", record["started_at"]) is not None,
        "outcome": record["outcome"] in ("ok", "failed", "timeout", "worker-lost"),
        "recycled": record["recycled"] in (None, "max-trials", "max-rss"),
        "reason": record["reason"] is None or (isinstance(record["reason"], str) and len(record["reason"].encode()) <= 4096),
        "attempt": integer(record["attempt"], 1, 2**50),
        "pid": integer(record["pid"], 0, 2**31 - 1),
    }
    for key in ("experiment", "strategy", "worker", "host", "launch"):
        checks[key] = name(record[key])
    for key in ("trial", "repeat", "models_before"):
        checks[key] = integer(record[key], 0, 2**50)
    for key in ("create_s", "fit_s", "test_s", "total_s", "isolation_s", "wall_s"):
        value = record[key]
        checks[key] = value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1e6)
    for key in ("rss_bytes", "peak_rss_bytes", "graph_nodes", "live_variables", "nodes_copied"):
        checks[key] = record[key] is None or integer(record[key], 0, 2**50)
    broken = [key for key, fine in checks.items() if not fine]
    return ", ".join(broken) if broken else None
