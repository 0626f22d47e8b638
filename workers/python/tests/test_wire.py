"""The message codec and the record's shape, without sockets."""

import json
import re
import time
from datetime import datetime, timedelta, timezone

import pytest

from isorun_worker import wire
from isorun_worker.record import RECORD_KEYS, clip, new_record, seconds, timestamp


def frames(kind=b"task", payload=b"{}", version=b"isorun/2"):
    return [version, kind, payload]


def test_encode_then_decode_gives_the_message_back():
    message = wire.decode(wire.encode("heartbeat", {"worker": "a", "rss_bytes": 1}))
    assert message == wire.Message("heartbeat", {"worker": "a", "rss_bytes": 1})


def test_encode_without_payload_sends_an_empty_object():
    assert wire.encode("ready") == [b"isorun/2", b"ready", b"{}"]


@pytest.mark.parametrize("bad, says", [
    ([b"isorun/2", b"task"], "expected 3 frames"),
    ([], "expected 3 frames"),
    (frames(version=b"isorun/1"), "unsupported protocol version 'isorun/1'; this side speaks isorun/2"),
    (frames(kind=b"bogus"), "unknown message kind 'bogus'"),
    (frames(payload=b"{not json"), "not UTF-8 JSON"),
    (frames(payload=b"\xff\xfe"), "not UTF-8 JSON"),
    (frames(payload=b"[1, 2]"), "must be a JSON object, got list"),
    (frames(payload=b"x" * (wire.MAX_MESSAGE_BYTES + 1)), "at most 1048576 bytes"),
])
def test_decode_refuses_what_is_not_isorun_2(bad, says):
    with pytest.raises(wire.ProtocolError, match=re.escape(says)):
        wire.decode(bad)


def test_decode_reads_a_payload_as_json_loads_does_whitespace_and_all():
    assert wire.decode(frames(payload=b' {"a": [1, 2.5, null]} \n')).payload == {"a": [1, 2.5, None]}
    with pytest.raises(wire.ProtocolError, match="not UTF-8 JSON: Extra data"):
        wire.decode(frames(payload=b'{"a": 1} {}'))


GOOD_SPEC = {"run_id": "0123456789abcdef", "experiment": "e", "strategy": "clear", "trial": 0, "repeat": 0, "attempt": 1}


def test_parse_task_types_the_spec_and_defaults_the_workload_to_empty():
    task = wire.parse_task({"spec": GOOD_SPEC})
    assert task.spec == wire.TaskSpec("0123456789abcdef", "e", "clear", 0, 0, 1)
    assert task.workload == {}


@pytest.mark.parametrize("change, says", [
    ({"run_id": None}, "task.spec.run_id must be a str"),
    ({"trial": -1}, "task.spec.trial must be at least 0"),
    ({"trial": True}, "task.spec.trial must be a int"),
    ({"attempt": 0}, "task.spec.attempt must be at least 1"),
    ({"repeat": 1.5}, "task.spec.repeat must be a int"),
])
def test_parse_task_names_the_key_that_is_wrong(change, says):
    with pytest.raises(wire.ProtocolError, match=re.escape(says)):
        wire.parse_task({"spec": {**GOOD_SPEC, **change}})


def test_parse_task_names_a_missing_key():
    spec = dict(GOOD_SPEC)
    del spec["strategy"]
    with pytest.raises(wire.ProtocolError, match="lacks the required key 'strategy'"):
        wire.parse_task({"spec": spec})
    with pytest.raises(wire.ProtocolError, match="lacks the required object 'spec'"):
        wire.parse_task({})
    with pytest.raises(wire.ProtocolError, match="workload must be a JSON object"):
        wire.parse_task({"spec": GOOD_SPEC, "workload": [1]})


def test_a_new_record_has_every_key_in_order_and_nulls_for_measurements():
    record = new_record(wire.parse_task({"spec": GOOD_SPEC}).spec, worker="a", pid=1, host="h", launch="exec",
                        started_at=timestamp(), models_before=0)
    assert list(record) == list(RECORD_KEYS)
    assert list(json.loads(json.dumps(record))) == list(RECORD_KEYS)
    assert record["record_version"] == 2 and record["outcome"] == "ok"
    assert all(record[key] is None for key in ("create_s", "wall_s", "rss_bytes", "graph_nodes", "reason", "recycled"))


def test_seconds_are_rounded_to_the_nanosecond():
    assert seconds(0.00044209900000000005) == 0.000442099
    assert json.dumps(seconds(1 / 3)) == "0.333333333"
    assert seconds(None) is None


def test_timestamps_are_rfc3339_utc_with_microseconds():
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", timestamp())


def test_timestamps_are_now_from_the_system_clock_as_datetime_reads_it():
    def now():
        return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    before, stamp, after = now(), timestamp(), now()
    assert before <= stamp <= after
    assert timestamp(datetime(2026, 12, 3, 13, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))) == \
        "2026-12-03T12:00:00.123456Z"


def test_a_timestamp_in_a_new_second_has_that_seconds_text(monkeypatch):
    clock = iter((1_796_342_399_999_999_999, 1_796_342_400_000_000_500))
    monkeypatch.setattr(time, "time_ns", lambda: next(clock))
    assert timestamp() == "2026-12-03T23:59:59.999999Z"
    assert timestamp() == "2026-12-04T00:00:00.000000Z"


def test_clip_keeps_strings_within_4096_utf8_bytes_without_splitting_a_character():
    assert clip("short") == "short"
    long = "é" * 5000
    clipped = clip(long)
    assert len(clipped.encode()) <= 4096 and clipped.endswith("…")
