"""What this process is and how much memory it holds, cheap enough to read after every trial."""

from __future__ import annotations

import os
import socket


def memory() -> tuple[int | None, int | None]:
    """Resident memory now and at its peak, in bytes: `VmRSS` and `VmHWM` of
    /proc/self/status, read together in one read so that peak >= current.
    (None, None) where that file cannot be read (not Linux)."""
    try:
        with open("/proc/self/status", "rb") as status:
            text = status.read()
    except OSError:
        return None, None
    rss = peak = None
    for line in text.splitlines():
        if line.startswith(b"VmRSS:"):
            rss = int(line.split()[1]) * 1024
        elif line.startswith(b"VmHWM:"):
            peak = int(line.split()[1]) * 1024
    return rss, peak


def resident_bytes() -> int:
    """Resident memory now (VmRSS), in bytes; 0 where it cannot be read (heartbeats)."""
    return memory()[0] or 0


def host_name() -> str:
    """This host's name, as `gethostname` reports it."""
    return socket.gethostname()


def thread_names() -> list[str]:
    """The names (`comm`) of this process's native threads, from /proc/self/task."""
    names = []
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return names
    for task in tasks:
        try:
            with open(f"/proc/self/task/{task}/comm") as comm:
                names.append(comm.read().strip())
        except OSError:
            pass
    return names
