"""`--curve DIR`: the worker's keys, read and checked, and a CURVE handshake with a
real CURVE ROUTER that admits only the worker's key (pyzmq's ZAP authenticator)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import zmq
from zmq.auth.thread import ThreadAuthenticator

from conftest import PATIENCE, REPO, TRIALS, worker_environment
from isorun_worker import curve


def write_keys(folder) -> dict:
    """The layout `isorun keys generate` writes; returns the keys by file name."""
    server_public, server_secret = zmq.curve_keypair()
    client_public, client_secret = zmq.curve_keypair()
    keys = {"server.public": server_public, "server.secret": server_secret,
            "client.public": client_public, "client.secret": client_secret}
    os.makedirs(folder / "authorized", mode=0o700)
    for name, key in [*keys.items(), ("authorized/client.public", client_public)]:
        path = folder / name
        path.write_bytes(key + b"\n")
        path.chmod(0o600)
    return keys


def test_the_client_keys_and_the_servers_public_key_are_read(tmp_path):
    keys = write_keys(tmp_path)
    loaded = curve.load(str(tmp_path))
    assert (loaded.public, loaded.secret, loaded.server) == (
        keys["client.public"], keys["client.secret"], keys["server.public"])


@pytest.mark.parametrize("break_it, says", [
    (lambda folder: (folder / "server.public").unlink(), "server.public cannot be read"),
    (lambda folder: (folder / "client.secret").chmod(0o644), "chmod 600"),
    (lambda folder: (folder / "client.public").write_bytes(zmq.curve_keypair()[0]), "is not the public key"),
    (lambda folder: (folder / "server.public").write_bytes(b"not a key"), "40-character Z85"),
])
def test_a_folder_that_cannot_be_used_is_named(tmp_path, break_it, says):
    write_keys(tmp_path)
    break_it(tmp_path)
    with pytest.raises(curve.KeyProblem, match=says):
        curve.load(str(tmp_path))


class OnlyKey:
    """Admits one client key (Z85, as pyzmq's authenticator gives it), as IsoRun's ZAP handler
    admits those in authorized/."""

    def __init__(self, key: bytes):
        self.key = key

    def callback(self, domain: str, key: bytes) -> bool:
        return key == self.key


@pytest.fixture
def curve_router(tmp_path):
    """A CURVE ROUTER on ipc whose ZAP handler admits only the worker's client key."""
    keys = write_keys(tmp_path / "keys")
    context = zmq.Context()
    authenticator = ThreadAuthenticator(context)
    authenticator.start()
    authenticator.configure_curve_callback(domain="*", credentials_provider=OnlyKey(keys["client.public"]))
    router = context.socket(zmq.ROUTER)
    router.setsockopt(zmq.LINGER, 0)
    router.curve_server = True
    router.curve_secretkey = keys["server.secret"]
    endpoint = f"ipc://{tmp_path}/coordinator"
    router.bind(endpoint)
    yield router, endpoint, tmp_path / "keys"
    router.close()
    authenticator.stop()
    context.term()


def start_worker(endpoint, *extra, env=None):
    command = [sys.executable, "-m", "isorun_worker", f"{TRIALS / 'basic.py'}:phases", "--connect", endpoint,
               "--id", "t1", "--parent", str(os.getpid()), *extra]
    return subprocess.Popen(command, env=worker_environment(env), cwd=REPO, stderr=subprocess.PIPE)


@pytest.mark.parametrize("by_variable", [False, True])
def test_a_worker_with_the_keys_is_heard(curve_router, by_variable):
    router, endpoint, keys = curve_router
    process = start_worker(endpoint, env={"ISORUN_CURVE_DIR": str(keys)}) if by_variable \
        else start_worker(endpoint, "--curve", str(keys))
    try:
        assert router.poll(int(PATIENCE * 1000)), f"no message from the worker: {process.poll()}"
        frames = router.recv_multipart()
        assert frames[0] in (b"t1", b"t1#heartbeat")
        assert frames[1] == b"isorun/2"
    finally:
        process.kill()
        process.wait()


def test_a_worker_without_keys_is_not_heard(curve_router):
    router, endpoint, _ = curve_router
    process = start_worker(endpoint)
    try:
        assert not router.poll(1500), "a worker without keys got through"
    finally:
        process.kill()
        process.wait()


def test_a_missing_key_folder_is_a_usage_error(tmp_path):
    process = start_worker(f"ipc://{tmp_path}/nobody", "--curve", str(tmp_path / "absent"))
    _, stderr = process.communicate(timeout=PATIENCE)
    assert process.returncode == 2
    assert b"--curve" in stderr and b"isorun keys generate" in stderr
