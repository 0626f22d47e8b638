"""RecordEncoder and Records: the same records, and the same bytes, as building and
encoding each record whole."""

import math

import pytest

from isorun_worker import wire
from isorun_worker.record import RECORD_KEYS, Records, new_record
from isorun_worker.record_json import RecordEncoder

SPEC = wire.TaskSpec("0123456789abcdef", "e", "clear", 3, 1, 2)
WHO = {"worker": "w1", "pid": 4242, "host": "h", "launch": "exec"}


def record(spec=SPEC, **fields):
    made = new_record(spec, **WHO, started_at="2026-12-03T12:00:00.123456Z", models_before=7)
    made.update(fields)
    return made


RECORDS = [
    record(),
    record(create_s=0.1, fit_s=1e-05, test_s=123456.000000001, total_s=0.0, isolation_s=3.02e-07, wall_s=5e-324,
           rss_bytes=21524480, peak_rss_bytes=2 ** 62, graph_nodes=0, live_variables=12, nodes_copied=None),
    record(outcome="failed", reason='ValueError: a "quoted" \\ back\nslash\ttab \x01 é 漢字 😀 \u2028'),
    record(wire.TaskSpec("fedcba9876543210", 'an "odd" experiment é', "no-clear", 0, 0, 1), graph_nodes=True),
    record(),  # back to the first spec: what was kept is written anew
]


def test_records_encode_to_the_bytes_json_writes_for_them_one_after_another():
    encoder = RecordEncoder()
    for made in RECORDS:
        assert encoder.encode(made) == wire.encode("record", made)[2]


def test_a_record_that_json_refuses_is_refused_as_json_refuses_it():
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError, match="Out of range float values"):
            wire.encode("record", record(wall_s=bad))
        with pytest.raises(ValueError, match="Out of range float values"):
            RecordEncoder().encode(record(wall_s=bad))


def test_records_equal_new_record_whatever_spec_came_before():
    records = Records(**WHO)
    for spec in (SPEC, SPEC._replace(trial=4), SPEC._replace(strategy="pool"), SPEC._replace(run_id="1" * 16), SPEC):
        made = records.new(spec, started_at="2026-12-03T12:00:00.000001Z", models_before=spec.trial)
        assert made == new_record(spec, **WHO, started_at="2026-12-03T12:00:00.000001Z", models_before=spec.trial)
        assert list(made) == list(RECORD_KEYS)


def test_a_record_made_is_a_copy_its_trial_may_change_alone():
    records = Records(**WHO)
    first = records.new(SPEC, started_at="a", models_before=0)
    first["wall_s"] = 1.0
    assert records.new(SPEC, started_at="b", models_before=1)["wall_s"] is None
