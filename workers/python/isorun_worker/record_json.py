"""A record's JSON payload, byte for byte what `wire.encode` writes, in about half its time.

Most of a record is the same from one trial to the next: the record version,
the run, experiment and strategy, and who ran it (worker, pid, host, launch).
`RecordEncoder` keeps the JSON text of those fields from the previous record
and formats only the rest, each value as json's encoder writes it: a float in
its shortest round-tripping form (`repr`), an int in decimal, None as `null`, a
string escaped by json's own C function. Anything else (a bool, a NaN or an
infinity) goes through json's encoder, which writes (or refuses) it as before.
"""

from __future__ import annotations

from json.encoder import encode_basestring

from .record import RECORD_KEYS
from .wire import to_json

#: The fields whose text `RecordEncoder` keeps: the head (up to `strategy`) and the
#: middle (`worker` to `launch`), between which come `trial`, `repeat` and `attempt`.
_HEAD, _MIDDLE = RECORD_KEYS[:4], RECORD_KEYS[7:11]


def _value(value: object) -> str:
    """`value` in JSON, as `json.dumps` writes it."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is float:
        if value - value == 0.0:  # finite: NaN and the infinities are json's to refuse
            return repr(value)
    elif kind is int:
        return int.__repr__(value)
    elif kind is str:
        return encode_basestring(value)
    return to_json(value)


class RecordEncoder:
    """Encodes records (dicts with exactly `RECORD_KEYS`, in that order, as
    `Runner.run` makes them) to their UTF-8 JSON payload."""

    def __init__(self) -> None:
        self._kept: tuple = ()
        self._head = self._middle = ""

    def encode(self, record: dict) -> bytes:
        """The record's payload, the same bytes as `wire.encode("record", record)[2]`."""
        kept = (record["record_version"], record["run_id"], record["experiment"], record["strategy"],
                record["worker"], record["pid"], record["host"], record["launch"])
        if kept != self._kept:
            self._kept = kept
            head = to_json({key: record[key] for key in _HEAD})
            middle = to_json({key: record[key] for key in _MIDDLE})
            self._head = f'{head[:-1]},"trial":'
            self._middle = f',{middle[1:-1]},"started_at":'
        v = _value
        r = record
        return (f'{self._head}{v(r["trial"])},"repeat":{v(r["repeat"])},"attempt":{v(r["attempt"])}'
                f'{self._middle}{v(r["started_at"])},"models_before":{v(r["models_before"])}'
                f',"create_s":{v(r["create_s"])},"fit_s":{v(r["fit_s"])},"test_s":{v(r["test_s"])}'
                f',"total_s":{v(r["total_s"])},"isolation_s":{v(r["isolation_s"])},"wall_s":{v(r["wall_s"])}'
                f',"rss_bytes":{v(r["rss_bytes"])},"peak_rss_bytes":{v(r["peak_rss_bytes"])}'
                f',"graph_nodes":{v(r["graph_nodes"])},"live_variables":{v(r["live_variables"])}'
                f',"nodes_copied":{v(r["nodes_copied"])},"outcome":{v(r["outcome"])},"reason":{v(r["reason"])}'
                f',"recycled":{v(r["recycled"])}}}').encode()
