"""The floor under any pyzmq worker: speaks `isorun/2` to the coordinator but does no
work, answering each task with a fixed record (the spec's text copied in, no JSON
decoded or encoded, no trial run, nothing measured).

    python3 workers/python/bench/null_worker.py --connect ENDPOINT --id ID [--parent PID]

The coordinator starts it as the experiment file null_dispatch.toml says;
coordinator_dispatch.py runs that beside the real worker.
"""

import json
import os
import socket
import sys

import zmq

SEPARATOR = b'},"workload":'


def main(argv: list[str]) -> int:
    endpoint, worker = argv[argv.index("--connect") + 1], argv[argv.index("--id") + 1]
    context = zmq.Context()
    dealer = context.socket(zmq.DEALER)
    dealer.setsockopt(zmq.ROUTING_ID, worker.encode())
    dealer.setsockopt(zmq.LINGER, 2000)
    dealer.connect(endpoint)
    host = socket.gethostname()
    hello = {"worker": worker, "pid": os.getpid(), "host": host, "launch": "exec",
             "capabilities": ["no-clear", "clear", "process", "pool"], "framework": "python"}
    dealer.send_multipart([b"isorun/2", b"hello", json.dumps(hello).encode()])
    dealer.send_multipart([b"isorun/2", b"ready", b"{}"])
    # Everything after the spec's attempt, the same in every record.
    rest = json.dumps({
        "worker": worker, "pid": os.getpid(), "host": host, "launch": "exec",
        "started_at": "2026-12-03T12:00:00.000000Z", "models_before": 0, "create_s": None, "fit_s": None,
        "test_s": None, "total_s": None, "isolation_s": 0.0, "wall_s": 1e-06, "rss_bytes": 1 << 24,
        "peak_rss_bytes": 1 << 24, "graph_nodes": None, "live_variables": None, "nodes_copied": None,
        "outcome": "ok", "reason": None, "recycled": None}, separators=(",", ":"))
    tail = ("," + rest[1:]).encode()
    while True:
        _version, kind, body = dealer.recv_multipart()
        if kind == b"shutdown":
            break
        if kind == b"task":  # {"spec":{run_id ... attempt},"workload":...}: the record's first keys, in order
            spec = body[len(b'{"spec":{'):body.index(SEPARATOR)]
            dealer.send_multipart([b"isorun/2", b"record", b'{"record_version":2,' + spec + tail])
    dealer.close()
    context.term()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
