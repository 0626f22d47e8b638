"""CURVE keys for a worker: `--curve DIR` (or ISORUN_CURVE_DIR) names a folder in the
layout `isorun keys generate` writes; a worker connects with DIR/client.public and
DIR/client.secret and checks the coordinator against DIR/server.public.

Also the socket limits every worker socket gets (docs/protocol.md, "Limits")."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

import zmq
import zmq.utils.z85

#: The largest message a worker takes: a task with its workload (the protocol's 1 MiB).
TASK_BYTES = 1 << 20
#: The largest message a heartbeat socket takes (only an `error` ever comes back).
REPORT_BYTES = 256 << 10
#: Messages queued per connection each way.
QUEUE = 100


class KeyProblem(Exception):
    """A key file that cannot be used; the message names it and says what to do."""


@dataclass(frozen=True)
class ClientKeys:
    """A worker's CURVE pair and the coordinator's public key, each 40 Z85 characters."""

    public: bytes
    secret: bytes
    server: bytes

    def secure(self, socket: zmq.Socket) -> None:
        """Makes `socket` a CURVE client with these keys; call before connecting."""
        socket.curve_serverkey = self.server
        socket.curve_publickey = self.public
        socket.curve_secretkey = self.secret


def load(folder: str) -> ClientKeys:
    """Reads DIR/client.public, DIR/client.secret and DIR/server.public.

    Raises KeyProblem naming the file that is missing, not a key, readable by others
    (a secret), or not the other half of its pair."""
    public = _read(folder, "client.public", secret=False)
    secret = _read(folder, "client.secret", secret=True)
    if zmq.curve_public(secret) != public:
        raise KeyProblem(f"{os.path.join(folder, 'client.public')} is not the public key of client.secret; "
                        f"regenerate the pair (isorun keys generate --out {folder} --force)")
    return ClientKeys(public=public, secret=secret, server=_read(folder, "server.public", secret=False))


def _read(folder: str, name: str, *, secret: bool) -> bytes:
    path = os.path.join(folder, name)
    try:
        with open(path, "rb") as file:
            mode = os.fstat(file.fileno()).st_mode
            text = file.read(128)
    except OSError as error:
        raise KeyProblem(f"{path} cannot be read ({error.strerror}); make keys with "
                        f"isorun keys generate --out {folder}") from None
    if secret and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyProblem(f"{path} is readable by other users (mode {stat.S_IMODE(mode):o}); chmod 600 it")
    words = text.split()
    if len(words) != 1 or len(words[0]) != 40 or not _is_z85(words[0]):
        raise KeyProblem(f"{path} does not hold one 40-character Z85 key")
    return words[0]


def _is_z85(key: bytes) -> bool:
    try:
        return len(zmq.utils.z85.decode(key)) == 32
    except (ValueError, KeyError, IndexError, TypeError):
        return False


def limit(socket: zmq.Socket, inbound: int) -> None:
    """Sets the largest inbound message and the high-water marks, before connecting."""
    socket.setsockopt(zmq.MAXMSGSIZE, inbound)
    socket.setsockopt(zmq.RCVHWM, QUEUE)
    socket.setsockopt(zmq.SNDHWM, QUEUE)
