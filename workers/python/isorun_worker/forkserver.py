"""The zygote behind `launch = "fork-server"`: imports the framework and the trial's
module once, then forks a fresh one-shot worker per `process` trial.

It speaks the line protocol of IsoRun's own fork server
(Sources/Processes/ForkServer.swift) over its standard input and output:
- in: `spawn <worker-id> <endpoint>`: fork a child that serves one trial as a
  one-shot worker (launch `fork-server`) and exits; `kill <pid>`: SIGKILL that
  child, if it is one not yet reaped; `ping`, answered `pong` once the zygote
  has loaded the framework and the module (the coordinator asks before the
  run's first trial, so that loading is charged to no trial);
- out: `spawned <worker-id> <pid>` at once; `ended <pid> exited <code>` or
  `ended <pid> signal <number>` when a child is reaped; `error <text>` for a
  request it cannot carry out, and `error refused: <reason>` once before exiting
  with status 2 when it refuses to serve at all (a fork would be unsafe: see `Adapter.fork_refusal`).
It exits when its standard input closes (status 0) or its parent, the
coordinator, ends (status 70), after killing its children.

The zygote stays single-threaded and never runs the framework: a fork copies
only the calling thread, so any lock another thread held stays locked forever
in the child. Its own standard output is kept for the protocol only: fd 1 is
pointed at stderr before anything is imported, so a print in the trial's module
(or in a child) can never garble a protocol line.
"""

from __future__ import annotations

import errno
import gc
import json
import os
import select
import signal
import sys
import threading
import traceback
from typing import Callable

import zmq

from . import metrics
from .adapters import Adapter

#: Exit status of a zygote that refuses to serve (a fork would be unsafe).
REFUSED = 2

#: Exit status of a zygote whose parent (the coordinator) is gone, as for a worker.
PARENT_GONE = 70


class LineChannel:
    """The zygote's protocol output: whole lines, written unbuffered to a private
    duplicate of the original standard output."""

    def __init__(self) -> None:
        sys.stdout.flush()
        self.descriptor = os.dup(1)
        os.set_inheritable(self.descriptor, False)
        os.dup2(2, 1)  # everything else printed to stdout goes to stderr

    def write(self, line: str) -> None:
        data = (line.replace("\n", " ") + "\n").encode()
        while data:
            try:
                data = data[os.write(self.descriptor, data):]
            except InterruptedError:
                continue
            except BrokenPipeError:
                return


def refusal(adapter: Adapter) -> str | None:
    """Why forking this process would be unsafe now, or None when it is safe."""
    others = [thread.name for thread in threading.enumerate() if thread is not threading.main_thread()]
    if others:
        return (f"framework {adapter.name}: Python threads are running in the zygote ({', '.join(others)}); "
                "a forked child could inherit a lock one of them holds and hang")
    return adapter.fork_refusal()


def warm() -> None:
    """What every child would do first, done once before any fork: libzmq's
    first-use work (a context and socket, created and terminated, which leaves no
    thread running), the host name, /proc reads and the JSON encoder."""
    context = zmq.Context()
    context.socket(zmq.DEALER).close(linger=0)
    context.term()
    metrics.host_name()
    metrics.memory()
    json.dumps({"warm": [1.0, None]})


def serve(adapter: Adapter, channel: LineChannel, parent: int | None,
          child: Callable[[str, str], int]) -> int:
    """Serves spawn requests until stdin closes or `parent` ends.

    Args:
        adapter: the framework adapter, loaded, with the trial's module attached.
        channel: where protocol lines go.
        parent: the coordinator's pid; None to serve without watching it.
        child: runs in each forked child with (worker id, endpoint); returns its exit status.

    Returns:
        the zygote's exit status: 0 when stdin closed, `PARENT_GONE` (70) when the
        parent ended, `REFUSED` (2) when a fork would be unsafe.
    """
    reason = refusal(adapter)
    if reason is not None:
        print(f"isorun-worker fork-server: refused: {reason}", file=sys.stderr, flush=True)
        channel.write(f"error refused: {reason}")
        return REFUSED
    warm()
    # What the zygote holds now is shared copy-on-write by every child; kept out of
    # the collector's sight, a collection in a child never touches (and copies) it.
    gc.freeze()

    wake_read, wake_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    watched = _pidfd(parent) if parent is not None else None
    if parent is not None and watched is None:
        from .worker import die_with_parent  # noqa: PLC0415 (no pidfds: Linux before 5.3)

        die_with_parent(parent)
    poller = select.poll()
    for descriptor in (0, wake_read, watched):
        if descriptor is not None:
            poller.register(descriptor, select.POLLIN)

    children: set[int] = set()
    pending = b""
    zygote = os.getpid()
    try:
        while True:
            try:
                ready = {descriptor for descriptor, _ in poller.poll()}
            except InterruptedError:
                continue
            if wake_read in ready:
                _drain(wake_read)
                _reap(children, channel)
            if watched is not None and watched in ready:
                return PARENT_GONE  # the coordinator is gone: kill the children and leave
            if 0 not in ready:
                continue
            data = os.read(0, 65536)
            if not data:
                return 0
            pending += data
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                line = raw.decode("utf-8", "replace").strip()
                words = line.split(" ")
                if len(words) == 2 and words[0] == "kill" and words[1].isdigit():
                    if int(words[1]) in children:
                        _kill(int(words[1]))
                    continue
                if words == ["ping"]:
                    channel.write("pong")
                    continue
                if len(words) != 3 or words[0] != "spawn":
                    channel.write(f"error unknown request '{line}'")
                    continue
                sys.stdout.flush()
                sys.stderr.flush()
                try:
                    pid = os.fork()
                except OSError as error:
                    channel.write(f"error fork failed: {os.strerror(error.errno)}")
                    continue
                if pid == 0:
                    _become_child(zygote, channel, (wake_read, wake_write, watched))
                    status = 1
                    try:
                        status = child(words[1], words[2])
                    except BaseException:  # noqa: BLE001 (a child never returns into the zygote's loop)
                        traceback.print_exc()
                    finally:
                        sys.stdout.flush()
                        sys.stderr.flush()
                        os._exit(status)
                children.add(pid)
                channel.write(f"spawned {words[1]} {pid}")
    finally:
        if os.getpid() == zygote:
            for pid in children:
                _kill(pid)
            for pid in children:
                try:
                    os.waitpid(pid, 0)
                except ChildProcessError:
                    pass


def _become_child(zygote: int, channel: LineChannel, descriptors: tuple) -> None:
    """In a freshly forked child: drop the zygote's signal set-up and descriptors,
    read stdin from /dev/null, and die with the zygote."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    for descriptor in (*descriptors, channel.descriptor):
        if descriptor is not None:
            os.close(descriptor)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    from .worker import die_with_parent  # noqa: PLC0415

    die_with_parent(zygote)


def _reap(children: set[int], channel: LineChannel) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)
        if os.WIFSIGNALED(status):
            channel.write(f"ended {pid} signal {os.WTERMSIG(status)}")
        else:
            channel.write(f"ended {pid} exited {os.WEXITSTATUS(status)}")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _drain(descriptor: int) -> None:
    try:
        while os.read(descriptor, 512):
            pass
    except BlockingIOError:
        pass


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except ProcessLookupError:
        sys.exit(PARENT_GONE)
    except OSError as error:
        if error.errno == errno.ESRCH:
            sys.exit(PARENT_GONE)
        return None
