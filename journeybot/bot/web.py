"""Serving the Bolt app over HTTP: Bolt's WSGI adapter under waitress.

In front of Bolt sit two small things Bolt does not do: ``/healthz`` for load balancers,
and the gate (``bot/gate.py``), which turns away requests that are not Slack's before
Bolt parses them. The process serving HTTP only records jobs and acknowledges; the work
runs in the worker process (``bot/worker.py``), so acknowledgements never wait behind
ingestion for Python's interpreter lock.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier

from journeybot.bot.gate import Refusal, log_refusal, refusal

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
#: Slack's payloads are small; anything far larger is not from Slack.
MAX_BODY_BYTES = 1_000_000
#: Threads answering HTTP requests (each only verifies, records a job and acks).
HTTP_THREADS = 8


class SlackWsgi:
    """The WSGI application: health check, gate, then Bolt's own adapter."""

    def __init__(self, app: App, signing_secret: str) -> None:
        self._bolt = SlackRequestHandler(app, path=EVENTS_PATH)
        self._verifier = SignatureVerifier(signing_secret)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO") or "")
        method = str(environ.get("REQUEST_METHOD") or "")
        if path == HEALTH_PATH and method == "GET":
            return _plain(start_response, 200, "ok")
        if path == EVENTS_PATH and method == "POST":
            length = _content_length(environ)
            if length is None or length > MAX_BODY_BYTES:
                status = 411 if length is None else 413
                log_refusal(Refusal(status, "its body has no length or is far too large"), path)
                return _plain(start_response, status, "")
            raw = environ["wsgi.input"].read(length)
            refused = refusal(self._verifier, raw.decode("utf-8", "replace"), _headers(environ))
            if refused is not None:
                log_refusal(refused, path)
                return _plain(start_response, refused.status, "")
            environ["wsgi.input"] = io.BytesIO(raw)  # Bolt reads the body again
        return self._bolt(environ, start_response)


class WebServer:
    """waitress serving ``SlackWsgi``; ``port=0`` picks a free port (tests)."""

    def __init__(self, app: App, *, signing_secret: str, host: str, port: int) -> None:
        from waitress.server import create_server

        # waitress warns "Task queue depth is N" for every request that waits for a
        # thread: during a burst of events that was a log line per acknowledgement,
        # written on the threads that acknowledge. Its errors still show.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        self._server: Any = create_server(
            SlackWsgi(app, signing_secret),
            host=host,
            port=port,
            threads=HTTP_THREADS,
            backlog=1024,
            connection_limit=2000,
            ident="journeybot",
            asyncore_use_poll=True,
        )
        self._thread: threading.Thread | None = None
        self._closing = False

    @property
    def port(self) -> int:
        return int(self._server.effective_port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{EVENTS_PATH}"

    def serve_forever(self) -> None:
        try:
            self._server.run()
        except OSError:
            # Closing every socket from inside the loop can leave the poll call of that
            # same pass holding a descriptor that is gone (EBADF); after a close, that is
            # the loop ending, not a failure.
            if not self._closing:
                raise

    def start(self) -> WebServer:
        self._thread = threading.Thread(target=self.serve_forever, name="journeybot-http")
        self._thread.daemon = True
        self._thread.start()
        return self

    def close(self) -> None:
        """Close every connection from inside the event loop, which then returns."""
        if self._closing:
            return
        self._closing = True
        if self._thread is None:
            self._server.close()
            return
        try:
            self._server.trigger.pull_trigger(self._close_in_loop)
        except OSError:  # the loop has already ended and closed its trigger
            return
        self._thread.join(timeout=5)

    def _close_in_loop(self) -> None:
        from waitress import wasyncore

        self._server.task_dispatcher.shutdown(timeout=5)
        wasyncore.close_all(self._server._map)


def _content_length(environ: WSGIEnvironment) -> int | None:
    value = str(environ.get("CONTENT_LENGTH") or "0")
    return int(value) if value.isdigit() else None


def _headers(environ: WSGIEnvironment) -> dict[str, str]:
    headers = {
        key[5:].replace("_", "-").lower(): str(value)
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    headers["content-type"] = str(environ.get("CONTENT_TYPE") or "")
    return headers


def _plain(start_response: StartResponse, status: int, text: str) -> list[bytes]:
    body = text.encode()
    start_response(
        f"{status} {HTTPStatus(status).phrase}",
        [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
    )
    return [body]
