"""A worker process's main loop: hello, ready, then a record for every task until shutdown."""

from __future__ import annotations

import ctypes
import os
import select
import sys
import threading
import time
from dataclasses import dataclass

import zmq

from . import curve, metrics, wire
from .record_json import RecordEncoder
from .runner import Runner

#: How long unsent messages (the last record) may hold up closing a socket, in ms.
LINGER_MS = 2000

#: The exit status of a worker whose parent (the coordinator) disappeared.
PARENT_GONE = 70


@dataclass
class Options:
    """How a worker connects and behaves."""

    endpoint: str
    id: str
    launch: str  # exec, fork-server or external
    one_shot: bool = False
    heartbeat_interval: float = 1.0
    keys: curve.ClientKeys | None = None  # CURVE keys (--curve DIR); None connects without


class Heartbeat:
    """Sends `heartbeat {worker, rss_bytes}` every interval from a thread and a DEALER
    socket of its own (routing id `<id>#heartbeat`), so that a long trial on the
    main thread never looks like silence."""

    def __init__(self, context: zmq.Context, options: Options):
        self._stop = threading.Event()
        self._context = context
        self._options = options
        self._thread = threading.Thread(target=self._beat, name="isorun-heartbeat", daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        socket = self._context.socket(zmq.DEALER)
        try:
            socket.setsockopt(zmq.LINGER, 0)
            socket.setsockopt(zmq.ROUTING_ID, f"{self._options.id}#heartbeat".encode())
            curve.limit(socket, curve.REPORT_BYTES)
            if self._options.keys is not None:
                self._options.keys.secure(socket)
            socket.connect(self._options.endpoint)
            while True:
                beat = {"worker": self._options.id, "rss_bytes": metrics.resident_bytes()}
                try:
                    socket.send_multipart(wire.encode("heartbeat", beat), flags=zmq.NOBLOCK)
                except zmq.Again:
                    pass  # not connected yet, or the queue is full: the next beat will do
                if self._stop.wait(self._options.heartbeat_interval):
                    return
        finally:
            socket.close()

    def stop(self) -> None:
        """Stops the thread at once and waits for it to close its socket."""
        self._stop.set()
        self._thread.join()


class Worker:
    """Connects a DEALER to the coordinator, says hello and ready, then runs each
    task it is given and answers with its record, until `shutdown` (or, one-shot,
    after one record). A malformed message is answered with `error`; the worker
    keeps serving."""

    def __init__(self, options: Options, runner: Runner, framework: str, *,
                 context: zmq.Context | None = None, heartbeat: Heartbeat | None = None):
        """`context` and `heartbeat`, when given, were started before the framework
        was imported (see `early_heartbeat`); the worker stops and ends them."""
        self.options = options
        self.runner = runner
        self.framework = framework
        self._context = context
        self._heartbeat = heartbeat

    def serve(self) -> int:
        """Serves until told to stop; returns the exit status: 0, or 2 for an
        endpoint that cannot be connected to."""
        context = self._context or zmq.Context()
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, LINGER_MS)
        socket.setsockopt(zmq.ROUTING_ID, self.options.id.encode())
        curve.limit(socket, curve.TASK_BYTES)
        if self.options.keys is not None:
            self.options.keys.secure(socket)
        heartbeat = self._heartbeat
        try:
            try:
                socket.connect(self.options.endpoint)
            except zmq.ZMQError as error:
                self._log(f"cannot connect to {self.options.endpoint!r}: {error.strerror}; "
                          "an endpoint is ipc://PATH or tcp://HOST:PORT")
                return 2
            hello = {
                "worker": self.options.id, "pid": os.getpid(), "host": metrics.host_name(),
                "launch": self.options.launch, "capabilities": self.runner.capabilities, "framework": self.framework,
            }
            socket.send_multipart(wire.encode("hello", hello))
            socket.send_multipart(wire.encode("ready"))
            if heartbeat is None:
                heartbeat = Heartbeat(context, self.options)
            self._loop(socket)
            return 0
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            socket.close()
            context.term()

    def _loop(self, socket: zmq.Socket) -> None:
        records = RecordEncoder()
        while True:
            frames = socket.recv_multipart()
            try:
                message = wire.decode(frames)
                if message.kind == "task":
                    task = wire.parse_task(message.payload)
            except wire.ProtocolError as error:
                self._log(f"refused a message from the coordinator: {error}")
                socket.send_multipart(wire.encode("error", {"message": str(error)}))
                continue
            if message.kind == "task":
                record = self.runner.run(task)
                send_record(socket, records.encode(record))
                if self.options.one_shot:
                    return
            elif message.kind == "shutdown":
                return
            elif message.kind == "error":
                self._log(f"the coordinator refused a message of this worker: {message.payload.get('message')}")
            else:
                self._log(f"ignored a {message.kind} message, which a worker never receives")

    def _log(self, text: str) -> None:
        print(f"isorun-worker {self.options.id}: {text}", file=sys.stderr, flush=True)


def send_record(socket: zmq.Socket, payload: bytes) -> None:
    """Sends a record's three frames with one `send` each: pyzmq's `send_multipart`
    first checks each frame's type in Python (an `isinstance` against an abstract
    class), which made it 37 000 instructions for a record, against 15 000 this way."""
    socket.send(wire.VERSION_FRAME, zmq.SNDMORE)
    socket.send(b"record", zmq.SNDMORE)
    socket.send(payload)


def early_heartbeat(options: Options) -> tuple[zmq.Context, Heartbeat]:
    """Starts heartbeats before the framework is imported, for a worker the
    coordinator started: importing TensorFlow takes 6 s on an idle 2-core machine
    and 15 s on a loaded one, longer than a coordinator waits for a silent
    worker. A heartbeat before hello only says the process is alive."""
    context = zmq.Context()
    return context, Heartbeat(context, options)


def exit_with_parent(parent: int) -> None:
    """Ends this process (status 70) as soon as process `parent` is gone.

    Watches with a pidfd from a daemon thread (no polling), or, where pidfds are
    missing (Linux before 5.3), by checking every 200 ms. A parent already gone
    ends this process at once.
    """
    try:
        descriptor = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(PARENT_GONE)
    except (AttributeError, OSError):
        descriptor = None

    def watch() -> None:
        if descriptor is not None:
            poller = select.poll()
            poller.register(descriptor, select.POLLIN)
            while not poller.poll():
                pass
        else:
            while _alive(parent):
                time.sleep(0.2)
        os._exit(PARENT_GONE)

    threading.Thread(target=watch, name="isorun-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def die_with_parent(expected_parent: int) -> None:
    """In a forked child: be killed (SIGKILL) when the parent process ends
    (`prctl(PR_SET_PDEATHSIG)`), and end now if it already has."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    if os.getppid() != expected_parent:
        os._exit(PARENT_GONE)
