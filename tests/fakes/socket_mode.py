"""Slack's end of Socket Mode: a local WebSocket server that sends envelopes, records acks.

``apps.connections.open`` on the fake Web API hands out this server's ``ws://`` URL;
slack_sdk's built-in client connects without TLS to any port but 443, as it does in
its own tests. The server greets with ``hello`` like Slack, then sends what a test
queues and keeps every acknowledgement the app sends back, by envelope id.
"""

from __future__ import annotations

import contextlib
import json
import queue
import threading
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import ServerConnection, serve

POLL_SECONDS = 0.05


class FakeSocketMode:
    def __init__(self) -> None:
        self.acks: dict[str, dict[str, Any]] = {}
        self.connections = 0
        self._outbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self._changed = threading.Condition()
        self._server = serve(self._session, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def close(self) -> None:
        self._server.shutdown()

    @property
    def url(self) -> str:
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/link/?ticket=fake-ticket&app_id=AJOURNEY"

    def send(self, envelope: dict[str, Any]) -> None:
        self._outbox.put(envelope)

    def wait_connected(self, timeout: float) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: self.connections > 0, timeout):
                raise AssertionError("the app never opened a Socket Mode connection")

    def wait_ack(self, envelope_id: str, timeout: float) -> dict[str, Any]:
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} was never acknowledged")
            return self.acks[envelope_id]

    def _session(self, socket: ServerConnection) -> None:
        socket.send(json.dumps({"type": "hello", "num_connections": 1}))
        with self._changed:
            self.connections += 1
            self._changed.notify_all()
        while True:
            with contextlib.suppress(queue.Empty):
                socket.send(json.dumps(self._outbox.get_nowait()))
            try:
                message = socket.recv(timeout=POLL_SECONDS)
            except TimeoutError:
                continue
            except ConnectionClosed:
                return
            self._record(json.loads(message))

    def _record(self, message: dict[str, Any]) -> None:
        if "envelope_id" in message:
            with self._changed:
                self.acks[str(message["envelope_id"])] = message
                self._changed.notify_all()
