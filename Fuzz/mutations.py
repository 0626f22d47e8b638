"""Mutated isorun/2 messages: valid frames of every kind, and the ways the
campaign breaks them (docs/protocol.md says what valid is)."""

from __future__ import annotations

import json
import os
import random
import re

VERSION = b"isorun/2"
KEYS = ("record_version", "run_id", "experiment", "strategy", "trial", "repeat", "attempt", "worker", "pid",
        "host", "launch", "started_at", "models_before", "create_s", "fit_s", "test_s", "total_s",
        "isolation_s", "wall_s", "rss_bytes", "peak_rss_bytes", "graph_nodes", "live_variables",
        "nodes_copied", "outcome", "reason", "recycled")


def template_record(rng: random.Random) -> dict:
    """A valid record of a trial nobody ran (experiment `fuzz`)."""
    return {"record_version": 2, "run_id": "%016x" % rng.getrandbits(64), "experiment": "fuzz",
            "strategy": rng.choice(["pool", "clear", "process", "x"]), "trial": rng.randrange(2000),
            "repeat": 0, "attempt": 1, "worker": "w1", "pid": 4242, "host": "h", "launch": "exec",
            "started_at": "2026-12-03T12:00:00.123456Z", "models_before": 3, "create_s": 0.0001,
            "fit_s": 0.0002, "test_s": 1e-05, "total_s": 0.0003, "isolation_s": 2e-05, "wall_s": 0.0004,
            "rss_bytes": 19000000, "peak_rss_bytes": 19500000, "graph_nodes": 120, "live_variables": 10,
            "nodes_copied": 300, "outcome": rng.choice(["ok", "failed", "timeout", "worker-lost"]),
            "reason": None, "recycled": None}


def base_messages(rng: random.Random, identity: str) -> list[list[bytes]]:
    """Valid messages of every kind, as a peer would send them."""
    def message(kind: str, payload: dict) -> list[bytes]:
        return [VERSION, kind.encode(), json.dumps(payload, separators=(",", ":")).encode()]
    run = "%016x" % rng.getrandbits(64)
    return [
        message("hello", {"worker": identity, "pid": 1, "host": "h", "launch": "external",
                          "capabilities": ["pool", "clear"]}),
        message("ready", {}),
        message("record", template_record(rng)),
        message("record", template_record(rng)),
        message("heartbeat", {"worker": identity, "rss_bytes": 1000}),
        message("end", {"run_id": run, "records": 5}),
        message("open", {"run_id": run}),
        message("ack", {"run_id": run, "records": [], "ended": False}),
        message("error", {"message": "no"}),
    ]


HUGE = [b"1e308", b"-1e308", b"1e999", b"-0", b"NaN", b"Infinity", b"-Infinity", b"5e-324",
        b"123456789012345678901234567890", b"1.5", b"-1", b"2147483648", b"1125899906842625"]
BAD_UTF8 = [b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x80", b"\x00"]
WRONG = [b"[]", b"{}", b'"s"', b"true", b"null", b"[[[[[[[[[[1]]]]]]]]]]", b'{"a":{"b":1}}']


def mutate(rng: random.Random, frames: list[bytes]) -> list[bytes]:
    """One to three mutations of `frames`."""
    frames = list(frames)
    for _ in range(rng.randint(1, 3)):
        which = rng.randrange(len(frames)) if frames else 0
        data = bytearray(frames[which]) if frames else bytearray()
        op = rng.randrange(13)
        if op == 0 and data:  # bit flips
            for _ in range(rng.randint(1, 8)):
                position = rng.randrange(len(data))
                data[position] ^= 1 << rng.randrange(8)
        elif op == 1 and data:  # truncation
            del data[rng.randrange(len(data)):]
        elif op == 2:  # inserted random bytes
            position = rng.randrange(len(data) + 1)
            data[position:position] = os.urandom(rng.randint(1, 16))
        elif op == 3:  # a number replaced by a huge or non-finite one
            numbers = [m for m in re.finditer(rb"-?\d+(\.\d+)?([eE][-+]?\d+)?", data)]
            if numbers:
                match = rng.choice(numbers)
                data[match.start():match.end()] = rng.choice(HUGE)
        elif op == 4:  # bad UTF-8 inside a string
            quotes = [m.start() for m in re.finditer(rb'"', data)]
            position = rng.choice(quotes) + 1 if quotes else 0
            data[position:position] = rng.choice(BAD_UTF8)
        elif op == 5:  # a value of the wrong type
            values = [m for m in re.finditer(rb':("[^"]*"|[^,}]*)', data)]
            if values:
                match = rng.choice(values)
                data[match.start() + 1:match.end()] = rng.choice(WRONG)
        elif op == 6:  # deep nesting
            depth = rng.choice([100, 10_000, 100_000])
            data = bytearray(b'{"worker":' + b"[" * depth + b"]" * depth + b"}")
        elif op == 7:  # a long string
            data = bytearray(data.replace(b'"h"', b'"' + b"h" * rng.choice([300, 5000, 70_000]) + b'"', 1))
        elif op == 8:  # an extra frame
            frames.insert(rng.randrange(len(frames) + 1), os.urandom(rng.randint(0, 8)))
            continue
        elif op == 9 and frames:  # a frame dropped
            del frames[rng.randrange(len(frames))]
            continue
        elif op == 10:  # an empty frame
            data = bytearray()
        elif op == 11:  # a duplicated key, or an unknown one
            data = bytearray(data.replace(b"}", rng.choice([b',"fit_s":1}', b',"extra":1}', b',"run_id":"x"}']), 1))
        else:  # control bytes and escapes in strings
            data = bytearray(data.replace(b'"h"', rng.choice([b'"\\u0000\\n"', b'"a\nb"', b'"\\ud800"', b'"\x7f"']), 1))
        if frames:
            frames[which] = bytes(data)
        else:
            frames = [bytes(data)]
    return frames or [b""]
