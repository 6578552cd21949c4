"""The load side of the ack benchmark: signed Slack events, sent 200 at once.

Runs in a process of its own (``load_generator``), so the client never competes with
the server for an interpreter; it also reads the server's and the worker's CPU counters
around each burst (``_schedstat.py``).
"""

from __future__ import annotations

import json
import selectors
import socket
import time
from typing import Any, cast

from _schedstat import Watched, snapshot, spent
from slack_sdk.signature import SignatureVerifier

from tests.fakes.slack_api import BOT_USER

SECRET = "benchmark-signing-secret"
STUDY_CHANNEL = "CBENCH"


def signature_headers(body: str) -> dict[str, str]:
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body)
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature or "",
    }


def raw_request(port: int, body: str) -> bytes:
    """A complete HTTP/1.1 request, prepared before the clock starts."""
    payload = body.encode()
    headers = {**signature_headers(body), "Content-Length": str(len(payload))}
    lines = ["POST /slack/events HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def mention_body(index: int, round_no: int) -> str:
    ts = f"{1_800_000_000 + round_no * 1000 + index}.000100"
    event = {
        "type": "app_mention",
        "channel": STUDY_CHANNEL,
        "user": "UBENCH",
        "text": f"<@{BOT_USER}> what did people say about plots? ({round_no}/{index})",
        "ts": ts,
    }
    envelope = {
        "type": "event_callback",
        "team_id": "TFAKE",
        "api_app_id": "ABENCH",
        "event_id": f"EvB{round_no:03d}{index:05d}",
        "event_time": int(time.time()),
        "event": event,
    }
    return json.dumps(envelope)


def _burst(port: int, requests: list[bytes]) -> list[tuple[float, int]]:
    """Connect all sockets first, then send every request at once and time each answer.

    Latency is from sending a request to receiving its whole response: what Slack's
    3-second timer measures on a connection it already holds.
    """
    sockets = [socket.create_connection(("127.0.0.1", port)) for _ in requests]
    selector = selectors.DefaultSelector()
    started: dict[socket.socket, float] = {}
    received: dict[socket.socket, bytes] = {}
    for sock, request in zip(sockets, requests, strict=True):
        started[sock] = time.perf_counter()
        sock.sendall(request)
        sock.setblocking(False)
        received[sock] = b""
        selector.register(sock, selectors.EVENT_READ)
    samples: list[tuple[float, int]] = []
    while len(samples) < len(sockets):
        ready = selector.select(timeout=30)
        if not ready:  # no answer for 30 s: count the rest as failed
            now = time.perf_counter()
            samples.extend((now - started[s], 0) for s in sockets if s in received)
            break
        for key, _ in ready:
            sock = cast(socket.socket, key.fileobj)
            chunk = sock.recv(65536)
            if chunk:
                received[sock] += chunk
                continue
            elapsed = time.perf_counter() - started[sock]
            selector.unregister(sock)
            sock.close()
            status_line = received.pop(sock).split(b"\r\n", 1)[0].split()
            samples.append((elapsed, int(status_line[1]) if len(status_line) > 1 else 0))
    selector.close()
    return samples


def load_generator(
    port: int, rounds: int, concurrency: int, gap: float, out: Any, watched: Watched
) -> None:
    """Runs in its own process so the client never competes with the server's GIL; it
    also reads the server's and the worker's CPU counters around each burst."""
    bursts = []
    for round_no in range(rounds):
        requests = [raw_request(port, mention_body(i, round_no)) for i in range(concurrency)]
        before = snapshot(watched)
        began = time.monotonic()
        samples = _burst(port, requests)
        ended = time.monotonic()
        cpu = spent(before, snapshot(watched), len(samples))
        bursts.append({"start": began, "end": ended, "samples": samples, "cpu": cpu})
        time.sleep(gap)
    out.send(bursts)
