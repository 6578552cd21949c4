"""Acknowledging Slack from a process of its own.

Ingestion and retrieval run C extensions that can hold Python's interpreter lock for a
tenth of a second or more; an acknowledgement queued behind them waits just as long. The
edge process owns the listening socket and nothing else: it verifies signatures, answers
Events API requests at once, and passes every request to the main process over a pipe,
where Bolt dispatches it. Commands and interactivity wait for Bolt's answer (still far
inside Slack's 3 s). ``python -m journeybot.bot.edge`` is the edge's entry point; it
imports no storage or model code.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import logging
import queue
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from slack_bolt import App

from journeybot.bot.http import (
    SYNC_DISPATCH_THREADS,
    EventDispatcher,
    Headers,
    HttpFront,
    Response,
    dispatch,
)
from journeybot.core.errors import ConfigError, JourneybotError

log = logging.getLogger(__name__)

#: How long the edge waits for Bolt's answer to a command before giving up (seconds).
SYNC_ANSWER_TIMEOUT = 2.8
START_TIMEOUT = 30.0


class EdgeServer:
    """The main-process side: starts the edge and feeds its requests to Bolt."""

    def __init__(
        self, app: App, *, signing_secret: str, host: str = "0.0.0.0", port: int = 3000
    ) -> None:
        self._app = app
        ours, theirs = socket.socketpair()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "journeybot.bot.edge", str(theirs.fileno()), host, str(port)],
            pass_fds=[theirs.fileno()],
        )
        theirs.close()
        self._conn = Connection(ours.detach())
        self._send_lock = threading.Lock()
        self._send(signing_secret)
        self.port = self._await_ready()
        self._events = EventDispatcher(app)
        self._sync_pool = ThreadPoolExecutor(SYNC_DISPATCH_THREADS, "journeybot-edge-sync")
        self._reader = threading.Thread(target=self._read, name="journeybot-edge", daemon=True)
        self._reader.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def serve_forever(self) -> None:
        """Block while the edge runs; it only stops on its own if something broke."""
        code = self._process.wait()
        raise JourneybotError(
            f"The HTTP listener stopped unexpectedly (exit code {code}); see the log above "
            "and start journeybot serve again."
        )

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._send(("stop",))
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
        self._conn.close()
        self._reader.join(timeout=5)
        self._events.close()
        self._sync_pool.shutdown(wait=False, cancel_futures=True)

    def _await_ready(self) -> int:
        if not self._conn.poll(START_TIMEOUT):
            self._process.kill()
            raise ConfigError("The HTTP listener did not start within 30 s; check the logs.")
        message = self._conn.recv()
        if message[0] != "ready":
            self._process.wait(timeout=10)
            raise ConfigError(f"Cannot listen for Slack requests: {message[1]}.")
        return int(message[1])

    def _read(self) -> None:
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                return
            if message[0] == "event":
                self._events.put(message[1], message[2])
            elif message[0] == "sync":
                self._sync_pool.submit(self._answer, *message[1:])

    def _answer(self, request_id: int, body: str, query: str, headers: Headers) -> None:
        try:
            response = dispatch(self._app, body, query, headers)
        except Exception:
            log.exception("a Slack request failed in Bolt")
            response = (500, {}, "")
        try:
            self._send(("response", request_id, response))
        except OSError:
            log.warning("the HTTP listener went away before a reply could be sent")

    def _send(self, message: Any) -> None:
        with self._send_lock:
            self._conn.send(message)


class _PipeFront(HttpFront):
    """The edge-process side: the HTTP front whose requests go down the pipe."""

    def __init__(self, conn: Connection, *, signing_secret: str, host: str, port: int) -> None:
        super().__init__(signing_secret=signing_secret, host=host, port=port)
        self._conn = conn
        self._outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending: dict[int, asyncio.Future[Response]] = {}
        self._ids = itertools.count()
        threading.Thread(target=self._send_all, name="edge-sender", daemon=True).start()

    def queue_event(self, body: str, headers: Headers) -> None:
        self._outbox.put(("event", body, headers))

    def dispatch_async(self, body: str, query: str, headers: Headers) -> asyncio.Future[Response]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Response] = loop.create_future()
        request_id = next(self._ids)
        self._pending[request_id] = future
        self._outbox.put(("sync", request_id, body, query, headers))
        loop.call_later(SYNC_ANSWER_TIMEOUT, self._resolve, request_id, (503, {}, ""))
        return future

    def relay_answers(self) -> None:
        """Main thread of the edge: hand Bolt's answers to the event loop until told to stop."""
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                return
            if message[0] == "stop":
                return
            if message[0] == "response" and self._loop is not None:
                self._loop.call_soon_threadsafe(self._resolve, message[1], message[2])

    def _resolve(self, request_id: int, response: Response) -> None:
        future = self._pending.pop(request_id, None)
        if future is not None and not future.done():
            future.set_result(response)

    def _send_all(self) -> None:
        while True:
            item = self._outbox.get()
            try:
                self._conn.send(item)
            except OSError:
                return


def run_edge(fd: int, host: str, port: int) -> None:
    conn = Connection(fd)
    secret = conn.recv()
    try:
        front = _PipeFront(conn, signing_secret=secret, host=host, port=port)
    except OSError as err:
        conn.send(("error", f"port {port} on {host}: {err.strerror}"))
        return
    conn.send(("ready", front.port))
    front.start()
    try:
        front.relay_answers()
    finally:
        front.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Journeybot's HTTP edge (internal).")
    parser.add_argument("fd", type=int)
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):  # the main process stops us on Ctrl-C
        run_edge(args.fd, args.host, args.port)


if __name__ == "__main__":
    main()
