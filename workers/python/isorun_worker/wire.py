"""IsoRun's wire protocol, version 2 (`isorun/2`), as docs/protocol.md specifies it.

Every message is three ZeroMQ frames: the version, the kind, and one UTF-8 JSON
object. A worker's DEALER socket sees exactly those three; a ROUTER sees the
sender's routing id in front, which is transport, not part of the message.
"""

from __future__ import annotations

import json
import json.scanner
from typing import Any, NamedTuple

VERSION = "isorun/2"
VERSION_FRAME = VERSION.encode("ascii")

#: Every kind of the protocol, in the order docs/protocol.md lists them.
KINDS = ("hello", "ready", "task", "record", "heartbeat", "shutdown", "error", "end")

#: The largest message either side accepts, all frames together.
MAX_MESSAGE_BYTES = 1 << 20

#: The longest string a record carries (a failed trial's `reason`), in UTF-8 bytes.
MAX_STRING_BYTES = 4096


class ProtocolError(Exception):
    """A message that is not `isorun/2`: wrong frame count, version, kind or payload."""


class Message(NamedTuple):
    """One decoded message: its kind and its JSON payload (an object)."""

    kind: str
    payload: dict

    def frames(self) -> list[bytes]:
        """The message's three frames, ready for `send_multipart`."""
        return encode(self.kind, self.payload)


# One encoder for every message: json.dumps with options builds a new one per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)
_KIND_FRAMES = {kind: kind.encode("ascii") for kind in KINDS}
_FRAME_KINDS = {frame: kind for kind, frame in _KIND_FRAMES.items()}


def to_json(value: object) -> str:
    """`value` as this protocol writes JSON: compact, non-ASCII as is, NaN and the infinities refused (ValueError)."""
    return _ENCODER.encode(value)


def encode(kind: str, payload: dict | None = None) -> list[bytes]:
    """The three frames of a message of `kind` carrying `payload` (`{}` when None)."""
    frame = _KIND_FRAMES.get(kind)
    if frame is None:
        raise ValueError(f"unknown message kind {kind!r}; the kinds are {', '.join(KINDS)}")
    body = _ENCODER.encode(payload if payload is not None else {})
    return [VERSION_FRAME, frame, body.encode("utf-8")]


# json's own scanner, called directly: `json.loads` wraps it in two layers of Python.
_SCAN = json.scanner.make_scanner(json.JSONDecoder())


def _loads(text: str) -> object:
    """`json.loads(text)`, in two thirds of its time for text without surrounding whitespace."""
    try:
        value, end = _SCAN(text, 0)
        if end == len(text):
            return value
    except (StopIteration, ValueError):
        pass
    return json.loads(text)  # whitespace around the value, or the error json names


def decode(frames: list[bytes]) -> Message:
    """Decodes the frames of one message.

    Raises:
        ProtocolError: with a message that says what was wrong and what is allowed.
    """
    if len(frames) != 3:
        size = sum(map(len, frames))
        if size > MAX_MESSAGE_BYTES:
            raise ProtocolError(f"message of {size} bytes refused: at most {MAX_MESSAGE_BYTES} bytes")
        raise ProtocolError(f"expected 3 frames (version, kind, payload), got {len(frames)}")
    version, kind_frame, body = frames
    size = len(version) + len(kind_frame) + len(body)
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError(f"message of {size} bytes refused: at most {MAX_MESSAGE_BYTES} bytes")
    if version != VERSION_FRAME:
        shown = version.decode("utf-8", "replace")
        raise ProtocolError(f"unsupported protocol version {shown!r}; this side speaks {VERSION}")
    kind = _FRAME_KINDS.get(kind_frame)
    if kind is None:
        shown = kind_frame.decode("utf-8", "replace")
        raise ProtocolError(f"unknown message kind {shown!r}; the kinds are {', '.join(KINDS)}")
    try:
        payload = _loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ProtocolError(f"{kind} payload is not UTF-8 JSON: {error}") from None
    if type(payload) is not dict:
        raise ProtocolError(f"{kind} payload must be a JSON object, got {type(payload).__name__}")
    return Message(kind, payload)


class TaskSpec(NamedTuple):
    """Which trial a task asks for (the task's `spec`)."""

    run_id: str
    experiment: str
    strategy: str
    trial: int
    repeat: int
    attempt: int


class Task(NamedTuple):
    """A decoded `task`: the trial to run and the experiment's workload parameters."""

    spec: TaskSpec
    workload: dict


def _require(obj: dict, key: str, kind: type, where: str, minimum: int | None = None) -> Any:
    value = obj.get(key, _MISSING)
    # type(), not isinstance: bool is an int in Python, but JSON true/false is never a count.
    if type(value) is kind and (minimum is None or value >= minimum):
        return value
    if value is _MISSING:
        raise ProtocolError(f"{where} lacks the required key {key!r}")
    if type(value) is not kind:
        raise ProtocolError(f"{where}.{key} must be a {kind.__name__}, got {json.dumps(value)[:80]}")
    raise ProtocolError(f"{where}.{key} must be at least {minimum}, got {value}")


_MISSING = object()


def parse_task(payload: dict) -> Task:
    """Checks a `task` payload and returns it typed.

    Raises:
        ProtocolError: naming the key that is missing or of the wrong type.
    """
    spec = payload.get("spec")
    workload = payload.get("workload", _MISSING)
    if workload is _MISSING:
        workload = {}
    if type(spec) is dict and type(workload) is dict:
        # Every check at once, for the tasks a coordinator sends; a task that
        # fails one is checked again key by key below, to say which.
        get = spec.get
        run_id, experiment, strategy = get("run_id"), get("experiment"), get("strategy")
        trial, repeat, attempt = get("trial"), get("repeat"), get("attempt")
        if (type(run_id) is str and type(experiment) is str and type(strategy) is str
                and type(trial) is int and trial >= 0 and type(repeat) is int and repeat >= 0
                and type(attempt) is int and attempt >= 1):
            return Task(TaskSpec(run_id, experiment, strategy, trial, repeat, attempt), workload)
    if not isinstance(spec, dict):
        raise ProtocolError("task lacks the required object 'spec'")
    if not isinstance(workload, dict):
        raise ProtocolError(f"task.workload must be a JSON object, got {type(workload).__name__}")
    return Task(
        TaskSpec(
            run_id=_require(spec, "run_id", str, "task.spec"),
            experiment=_require(spec, "experiment", str, "task.spec"),
            strategy=_require(spec, "strategy", str, "task.spec"),
            trial=_require(spec, "trial", int, "task.spec", 0),
            repeat=_require(spec, "repeat", int, "task.spec", 0),
            attempt=_require(spec, "attempt", int, "task.spec", 1),
        ),
        workload,
    )
