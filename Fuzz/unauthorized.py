"""Peers that hold no authorized key, for the campaign against a coordinator and
a collector that run with CURVE (`campaign.py --curve`).

Such a peer can reach the port but not the application: what it can send is
a handshake. Four kinds take turns:
- `null`: a ZeroMQ DEALER without CURVE (the NULL mechanism);
- `stranger`: a DEALER with CURVE, the right server key, and a fresh key of its
  own that no `authorized/` file lists (the ZAP handler must refuse it);
- `wrong-server`: a DEALER with CURVE and a server key that is not the server's;
- `raw`: a plain TCP connection that writes a ZMTP greeting and handshake
  commands (HELLO, INITIATE, READY, MESSAGE), mutated, byte by byte.
The ZeroMQ peers queue mutated isorun/2 messages, which must never arrive; a
socket monitor counts how each handshake ended. A handshake that succeeds is
a failure of the campaign.
"""

from __future__ import annotations

import os
import random
import socket
import time

import zmq

from mutations import base_messages, mutate

KINDS = ("null", "stranger", "wrong-server", "raw")
# How long a ZeroMQ peer lives: long enough for its handshake to end.
PEER_SECONDS = 0.25
# How many peers are alive at once.
LIVE_PEERS = 12


def greeting(rng: random.Random) -> bytes:
    """A ZMTP 3.x greeting for CURVE or NULL, as a client (64 bytes)."""
    mechanism = rng.choice([b"CURVE", b"NULL", b"PLAIN"])
    return (b"\xff" + b"\x00" * 8 + b"\x7f" + bytes([3, rng.choice([0, 1])]) + mechanism.ljust(20, b"\x00")
            + b"\x00" + b"\x00" * 31)


def command(name: bytes, body: bytes) -> bytes:
    """A ZMTP command frame."""
    data = bytes([len(name)]) + name + body
    if len(data) <= 255:
        return b"\x04" + bytes([len(data)]) + data
    return b"\x06" + len(data).to_bytes(8, "big") + data


def metadata(pairs: dict[bytes, bytes]) -> bytes:
    """ZMTP metadata: name length, name, value length (4 bytes), value."""
    return b"".join(bytes([len(k)]) + k + len(v).to_bytes(4, "big") + v for k, v in pairs.items())


def handshake_frames(rng: random.Random) -> list[bytes]:
    """A greeting and the commands a client would send after it, with random keys and boxes."""
    hello = command(b"HELLO", b"\x01\x00" + b"\x00" * 72 + os.urandom(32) + os.urandom(8) + os.urandom(80))
    initiate = command(b"INITIATE", os.urandom(96) + os.urandom(8) + os.urandom(rng.choice([128, 160, 300])))
    ready = command(b"READY", metadata({b"Socket-Type": b"DEALER", b"Identity": b"w1"}))
    message = b"\x00" + bytes([8]) + b"isorun/2"
    return [greeting(rng)] + rng.sample([hello, initiate, ready, message], rng.randint(1, 4))


class Peer:
    """One unauthorized ZeroMQ peer: a DEALER, its monitor, and when it ends."""

    def __init__(self, context: zmq.Context, kind: str, endpoint: str, server_public: bytes) -> None:
        self.socket = context.socket(zmq.DEALER)
        self.socket.setsockopt(zmq.LINGER, 0)
        self.socket.setsockopt(zmq.SNDHWM, 200)
        if kind != "null":
            public, secret = zmq.curve_keypair()
            self.socket.curve_publickey = public
            self.socket.curve_secretkey = secret
            self.socket.curve_serverkey = server_public if kind == "stranger" else zmq.curve_keypair()[0]
        self.monitor = self.socket.get_monitor_socket(
            zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_HANDSHAKE_FAILED_AUTH
            | zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL | zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL | zmq.EVENT_DISCONNECTED)
        self.socket.connect(endpoint)
        self.ends = time.monotonic() + PEER_SECONDS

    def close(self, outcomes: dict[str, int]) -> None:
        """Counts how its handshakes ended, then closes it."""
        while self.monitor.poll(0):
            frames = self.monitor.recv_multipart()
            event = int.from_bytes(frames[0][:2], "little")
            name = {zmq.EVENT_HANDSHAKE_SUCCEEDED: "succeeded", zmq.EVENT_HANDSHAKE_FAILED_AUTH: "refused (auth)",
                    zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL: "failed (protocol)",
                    zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL: "failed (no detail)",
                    zmq.EVENT_DISCONNECTED: "disconnected"}.get(event, f"event {event}")
            outcomes[name] = outcomes.get(name, 0) + 1
        self.socket.disable_monitor()
        self.monitor.close(linger=0)
        self.socket.close(linger=0)


class Unauthorized:
    """Floods a coordinator and a collector that require CURVE with peers that hold no authorized key."""

    def __init__(self, context: zmq.Context, rng: random.Random, coordinator: str, collector: str,
                 server_public: bytes) -> None:
        self.context = context
        self.rng = rng
        self.targets = {"coordinator": coordinator, "collector": collector}
        self.server_public = server_public
        self.sent = {"coordinator": 0, "collector": 0}
        self.replies = 0
        self.connections = {kind: 0 for kind in KINDS}
        self.outcomes: dict[str, int] = {}
        self.live: list[Peer] = []

    def send_until(self, quota: int, running) -> None:
        """Sends up to `quota` messages while `running()` holds, from peer after peer."""
        count = 0
        while count < quota and running():
            target = self.rng.choice(list(self.targets))
            kind = self.rng.choice(KINDS)
            self.connections[kind] += 1
            if kind == "raw":
                sent = self.raw(self.targets[target])
            else:
                sent = self.zeromq(kind, self.targets[target])
            self.sent[target] += sent
            count += sent
        self.retire(everyone=True)

    def zeromq(self, kind: str, endpoint: str) -> int:
        """Starts a ZeroMQ peer and queues mutated messages on it until its queue is full."""
        self.retire(everyone=len(self.live) >= LIVE_PEERS)
        peer = Peer(self.context, kind, endpoint, self.server_public)
        self.live.append(peer)
        sent = 0
        while sent < 200:
            frames = mutate(self.rng, self.rng.choice(base_messages(self.rng, "w1")))
            try:
                peer.socket.send_multipart(frames, zmq.NOBLOCK)
            except zmq.Again:
                break
            sent += 1
        return sent

    def retire(self, everyone: bool) -> None:
        """Closes the peers whose time is up (all of them, waiting for that, when `everyone`)."""
        if everyone and self.live:
            time.sleep(max(0.0, max(peer.ends for peer in self.live) - time.monotonic()))
        now = time.monotonic()
        for peer in [peer for peer in self.live if peer.ends <= now]:
            peer.close(self.outcomes)
            self.live.remove(peer)

    def raw(self, endpoint: str) -> int:
        """One TCP connection that writes a mutated greeting and handshake; returns the frames written."""
        host, port = endpoint.removeprefix("tcp://").rsplit(":", 1)
        frames = mutate(self.rng, handshake_frames(self.rng))
        try:
            connection = socket.create_connection((host, int(port)), timeout=1)
        except OSError:  # between two runs, nobody listens on the coordinator's port
            return 0
        with connection:
            # Reset on close: a million connections must not wait in TIME_WAIT.
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            written = 0
            try:
                for frame in frames:
                    connection.sendall(frame)
                    written += 1
                connection.settimeout(0.02)
                while connection.recv(4096):
                    pass
            except OSError:
                pass
        return written
