"""Serving the Bolt app over HTTP: a small asyncio server in front of Bolt.

Slack retries any request not acknowledged within 3 s, and a burst of events must be
acknowledged while workers ingest. A thread per connection does badly at that in Python
(hundreds of threads fighting for the interpreter lock), so one event-loop thread reads
every request instead. Events API requests take a fast path: the signature is checked
here, the request is answered 200 at once and queued for Bolt, which dispatches it on
its own thread once incoming requests pause (so acknowledging never competes with
dispatching). Slash commands, interactivity and URL verification need a response body
and go through Bolt on a small thread pool. Bolt verifies every signature again.
"""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import socket
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus

from slack_bolt import App, BoltRequest
from slack_sdk.signature import SignatureVerifier

from journeybot.bot.gate import log_refusal, refusal

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
#: Slack's payloads are small; anything far larger is not from Slack.
MAX_BODY_BYTES = 1_000_000
MAX_HEADER_BYTES = 64_000
#: Queued events wait for a pause in incoming requests, at most this long (seconds).
MAX_DISPATCH_DEFER = 0.25
SYNC_DISPATCH_THREADS = 4

Headers = dict[str, str | Sequence[str]]
Response = tuple[int, Headers, str]
_Queued = tuple[str, str, Headers] | None


class HttpFront:
    """The listening socket and event loop; subclasses decide where requests go.

    ``queue_event`` receives verified Events API requests (already answered 200);
    ``dispatch_async`` answers every other request through Bolt.
    """

    def __init__(self, *, signing_secret: str, host: str, port: int) -> None:
        self.verifier = SignatureVerifier(signing_secret)
        self._socket = socket.create_server((host, port), backlog=1024)
        self._in_flight = 0
        self.idle = threading.Event()
        self.idle.set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopped: asyncio.Future[None] | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._socket.getsockname()[1])

    @property
    def url(self) -> str:
        host = str(self._socket.getsockname()[0])
        host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
        return f"http://{host}:{self.port}{EVENTS_PATH}"

    def serve_forever(self) -> None:
        """Serve on the calling thread until ``stop``."""
        asyncio.run(self._serve())

    def start(self) -> HttpFront:
        """Serve on a background thread."""
        self._thread = threading.Thread(
            target=self.serve_forever, name="journeybot-http-loop", daemon=True
        )
        self._thread.start()
        self._ready.wait(timeout=10)
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stopped is not None:
            self._loop.call_soon_threadsafe(_finish, self._stopped)
        if self._thread:
            self._thread.join(timeout=5)
        self._socket.close()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopped = self._loop.create_future()
        server = await self._loop.create_server(lambda: _SlackProtocol(self), sock=self._socket)
        self._ready.set()
        try:
            await self._stopped
        finally:
            server.close()

    def request_started(self) -> None:
        self._in_flight += 1
        self.idle.clear()

    def request_finished(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0:
            self.idle.set()

    def fast_path(self, body: str, headers: Headers) -> Response | None:
        """Acknowledge an Events API request on the spot (the gate checked its signature);
        ``None`` if it is not one."""
        if not _is_event_callback(body, headers):
            return None
        self.queue_event(body, headers)
        return 200, {}, ""

    def queue_event(self, body: str, headers: Headers) -> None:
        raise NotImplementedError

    def dispatch_async(self, body: str, query: str, headers: Headers) -> asyncio.Future[Response]:
        raise NotImplementedError


class EventDispatcher:
    """Feeds queued events to Bolt one by one on its own thread.

    ``idle`` lets it wait for a pause in incoming requests (at most ``MAX_DISPATCH_DEFER``)
    when it shares a process with the server acknowledging them.
    """

    def __init__(self, app: App, idle: threading.Event | None = None) -> None:
        self._app = app
        self._idle = idle
        self._events: queue.SimpleQueue[_Queued] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="journeybot-events", daemon=True)
        self._thread.start()

    def put(self, body: str, headers: Headers) -> None:
        self._events.put((body, "", headers))

    def close(self) -> None:
        self._events.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while (item := self._events.get()) is not None:
            if self._idle is not None:
                self._idle.wait(MAX_DISPATCH_DEFER)
            body, query, headers = item
            try:
                status, _, _ = dispatch(self._app, body, query, headers)
            except Exception:
                log.exception("dispatching a queued Slack event failed")
                continue
            if status >= 400 and status != 404:
                log.warning("a queued Slack event was refused (HTTP %s)", status)


def dispatch(app: App, body: str, query: str, headers: Headers) -> Response:
    response = app.dispatch(BoltRequest(body=body, query=query, headers=headers))
    return response.status, response.headers, response.body


class SlackHttpServer(HttpFront):
    """Everything in one process: the simple setup, used by tests.

    ``serve`` runs ``bot.edge.EdgeServer`` instead, which keeps acknowledgements in a
    process of their own.
    """

    def __init__(
        self, app: App, *, signing_secret: str, host: str = "0.0.0.0", port: int = 3000
    ) -> None:
        super().__init__(signing_secret=signing_secret, host=host, port=port)
        self._app = app
        self._events = EventDispatcher(app, self.idle)
        self._sync_pool = ThreadPoolExecutor(SYNC_DISPATCH_THREADS, "journeybot-http")

    def start(self) -> SlackHttpServer:
        super().start()
        return self

    def close(self) -> None:
        self.stop()
        self._events.close()
        self._sync_pool.shutdown(wait=False, cancel_futures=True)

    def queue_event(self, body: str, headers: Headers) -> None:
        self._events.put(body, headers)

    def dispatch_async(self, body: str, query: str, headers: Headers) -> asyncio.Future[Response]:
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self._sync_pool, dispatch, self._app, body, query, headers)


class _SlackProtocol(asyncio.Protocol):
    """HTTP/1.1 with Content-Length bodies and keep-alive: what Slack sends."""

    def __init__(self, server: HttpFront) -> None:
        self._server = server
        self._buffer = b""
        self._transport: asyncio.Transport | None = None
        self._busy = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        if self._busy:
            self._busy = False
            self._server.request_finished()

    def data_received(self, data: bytes) -> None:
        if not self._busy:
            self._busy = True
            self._server.request_started()
        self._buffer += data
        self._process()

    def _process(self) -> None:
        while self._transport is not None and not self._transport.is_closing():
            head, found, rest = self._buffer.partition(b"\r\n\r\n")
            if not found:
                if len(self._buffer) > MAX_HEADER_BYTES:
                    self._respond((431, {}, ""), close=True)
                return
            request = _parse_head(head)
            if request is None:
                self._respond((400, {}, ""), close=True)
                return
            method, target, headers, keep_alive = request
            length = _content_length(headers)
            if length is None or length > MAX_BODY_BYTES:
                self._respond((411 if length is None else 413, {}, ""), close=True)
                return
            if len(rest) < length:
                return
            self._buffer = rest[length:]
            body = rest[:length].decode("utf-8", errors="replace")
            answered = self._route(method, target, headers, body, keep_alive)
            if not (answered and keep_alive):
                return

    def _route(
        self, method: str, target: str, headers: Headers, body: str, keep_alive: bool
    ) -> bool:
        """Answer the request; False when the answer will come later from Bolt."""
        path, _, query = target.partition("?")
        response: Response | None
        if method == "GET" and path == HEALTH_PATH:
            response = (200, {"content-type": "text/plain"}, "ok")
        elif path != EVENTS_PATH:
            response = (404, {}, "")
        elif method != "POST":
            response = (405, {}, "")
        elif refused := refusal(self._server.verifier, body, _first_values(headers)):
            log_refusal(refused, path)
            response = (refused.status, {}, "")
        else:
            response = self._server.fast_path(body, headers)
        if response is None:
            self._dispatch_in_thread(body, query, headers, keep_alive)
            return False
        self._respond(response, close=not keep_alive)
        return True

    def _dispatch_in_thread(self, body: str, query: str, headers: Headers, keep: bool) -> None:
        transport = self._transport
        if transport is not None:
            transport.pause_reading()  # one request at a time per connection
        future = self._server.dispatch_async(body, query, headers)

        def done(result: asyncio.Future[Response]) -> None:
            if result.exception() is not None:
                log.error("Slack request failed in Bolt", exc_info=result.exception())
                self._respond((500, {}, ""), close=True)
                return
            self._respond(result.result(), close=not keep)
            if keep and transport is not None and not transport.is_closing():
                transport.resume_reading()
                self._process()

        future.add_done_callback(done)

    def _respond(self, response: Response, *, close: bool) -> None:
        if self._transport is None or self._transport.is_closing():
            return
        status, headers, body = response
        payload = body.encode("utf-8")
        lines = [f"HTTP/1.1 {status} {_reason(status)}"]
        for name, values in headers.items():
            if name.lower() in {"content-length", "connection"}:
                continue
            lines.extend(f"{name}: {v}" for v in ([values] if isinstance(values, str) else values))
        lines.append(f"Content-Length: {len(payload)}")
        lines.append(f"Connection: {'close' if close else 'keep-alive'}")
        self._transport.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload)
        if self._busy:
            self._busy = False
            self._server.request_finished()
        if close:
            self._transport.close()
        elif self._buffer:
            self._busy = True
            self._server.request_started()


def _finish(stopped: asyncio.Future[None]) -> None:
    if not stopped.done():
        stopped.set_result(None)


def _parse_head(head: bytes) -> tuple[str, str, Headers, bool] | None:
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        return None
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon:
            return None
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    connection = ",".join(headers.get("connection", [])).lower()
    keep_alive = "close" not in connection and (
        parts[2] != "HTTP/1.0" or "keep-alive" in connection
    )
    return parts[0], parts[1], dict(headers), keep_alive


def _content_length(headers: Headers) -> int | None:
    """The body length; ``None`` for chunked or malformed requests, which Slack never sends."""
    if "transfer-encoding" in headers:
        return None
    value = _first_values(headers).get("content-length", "0")
    return int(value) if value.isdigit() else None


def _is_event_callback(body: str, headers: Headers) -> bool:
    content_type = _first_values(headers).get("content-type", "")
    if not content_type.startswith("application/json"):
        return False
    try:
        payload = json.loads(body)
    except ValueError:
        return False
    return isinstance(payload, dict) and payload.get("type") == "event_callback"


def _first_values(headers: Headers) -> Mapping[str, str]:
    return {
        name: value if isinstance(value, str) else (value[0] if value else "")
        for name, value in headers.items()
    }


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Status"
