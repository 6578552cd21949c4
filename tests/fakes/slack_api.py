"""A fake Slack Web API served over real HTTP, for ``WebClient(base_url=...)``.

It implements the methods Journeybot calls with Slack's request and response shapes,
serves private file downloads (a wrong token gets Slack's HTML login page with status
200, as the real service does) and the external upload URL used by ``files_upload_v2``.
Every API call is recorded; tests wait on recorded calls instead of sleeping.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

BOT_TOKEN = "xoxb-fake-bot-token"
APP_TOKEN = "xapp-fake-app-token"
BOT_USER = "UJOURNEYBOT"
BOT_ID = "BJOURNEYBOT"
TEAM = "TFAKE"
LOGIN_PAGE = b"<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body></body></html>"


@dataclass(frozen=True)
class Call:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float = field(default_factory=time.monotonic)


@dataclass
class FakeFile:
    id: str
    name: str
    content: bytes
    mimetype: str = "text/plain"
    channel: str | None = None
    user: str = "UUPLOADER"
    share_ts: str | None = None
    size: int | None = None  # what files.info claims; defaults to the real size
    html_response: bool = False  # serve it as text/html, like a login page would be


@dataclass
class FakeSlackState:
    members: dict[str, list[str]] = field(default_factory=dict)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, FakeFile] = field(default_factory=dict)
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    channel_names: dict[str, str] = field(default_factory=dict)
    #: user id -> (display name, real name); display names may be empty, as in Slack.
    people: dict[str, tuple[str, str]] = field(default_factory=dict)


class FakeSlack:
    """Start with ``FakeSlack().start()``; ``api_url`` goes to ``WebClient(base_url=)``."""

    def __init__(self, token: str = BOT_TOKEN, members_page_size: int = 2) -> None:
        self.token = token
        self.app_token = APP_TOKEN
        #: What ``apps.connections.open`` hands out: set to a fake Socket Mode server's URL.
        self.socket_url: str | None = None
        self.members_page_size = members_page_size
        self.state = FakeSlackState()
        self.calls: list[Call] = []
        #: Calls that get no answer (the message is kept, as Slack keeps it) until
        #: ``release``: the moment a bot is cut off after Slack took its message.
        self._hold: Callable[[Call], bool] | None = None
        self._released = threading.Event()
        self._changed = threading.Condition()
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._server = _FakeServer(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # --- lifecycle ---------------------------------------------------------------

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def close(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    @property
    def root(self) -> str:
        return f"http://{self.host}"

    @property
    def api_url(self) -> str:
        return f"{self.root}/api/"

    # --- test set-up ---------------------------------------------------------------

    def set_members(self, channel: str, users: list[str]) -> None:
        self.state.members[channel] = list(users)

    def add_file(self, file: FakeFile) -> dict[str, Any]:
        """Register a file and return its object as a ``message`` event carries it."""
        self.state.files[file.id] = file
        return self.file_object(file)

    def add_message(
        self,
        channel: str,
        user: str,
        text: str,
        thread_ts: str | None = None,
        files: list[dict[str, Any]] | None = None,
    ) -> str:
        """Record a message posted by a person (what ``conversations.replies`` returns)."""
        ts = self.next_ts()
        message: dict[str, Any] = {"type": "message", "user": user, "text": text, "ts": ts}
        if thread_ts:
            message["thread_ts"] = thread_ts
        if files:
            message["files"] = files
        self.state.messages.setdefault(channel, []).append(message)
        return ts

    def hold_answers(self, where: Callable[[Call], bool]) -> None:
        """Keep the answers to matching calls back until ``release`` (or close)."""
        self._released.clear()
        self._hold = where

    def release(self) -> None:
        self._hold = None
        self._released.set()

    def holding(self, call: Call) -> bool:
        return self._hold is not None and self._hold(call)

    def wait_released(self, timeout: float) -> None:
        self._released.wait(timeout)

    def next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    # --- assertions ----------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] = lambda call: True,
        count: int = 1,
        timeout: float = 20.0,
    ) -> list[Call]:
        """Block until ``count`` matching calls were made; fail the test on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if c.method == method and where(c)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = sorted({c.method for c in self.calls})
                    raise AssertionError(
                        f"timed out waiting for {count} x {method}; saw {len(found)} "
                        f"(methods called: {seen})"
                    )
                self._changed.wait(remaining)

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    # --- file objects --------------------------------------------------------------

    def file_object(self, file: FakeFile) -> dict[str, Any]:
        quoted_name = quote(file.name)
        data: dict[str, Any] = {
            "id": file.id,
            "name": file.name,
            "title": file.name,
            "mimetype": file.mimetype,
            "size": len(file.content) if file.size is None else file.size,
            "mode": "hosted",
            "user": file.user,
            "url_private": f"{self.root}/files-pri/{TEAM}-{file.id}/{quoted_name}",
            "url_private_download": (
                f"{self.root}/files-pri/{TEAM}-{file.id}/download/{quoted_name}"
            ),
            "permalink": f"https://fake.slack.com/files/{file.user}/{file.id}/{quoted_name}",
        }
        if file.channel and file.share_ts:
            scope = "private" if file.channel.startswith("G") else "public"
            data["shares"] = {scope: {file.channel: [{"ts": file.share_ts}]}}
        return data


# --- Web API methods -------------------------------------------------------------------

Handler = Callable[[FakeSlack, dict[str, Any]], dict[str, Any]]


def _auth_test(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "url": "https://fake.slack.com/",
        "team": "Fake",
        "user": "journeybot",
        "team_id": TEAM,
        "user_id": BOT_USER,
        "bot_id": BOT_ID,
    }


def _post_message(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    channel = args["channel"]
    ts = fake.next_ts()
    message = {
        "type": "message",
        "user": BOT_USER,
        "bot_id": BOT_ID,
        "ts": ts,
        "text": args.get("text", ""),
        "blocks": args.get("blocks", []),
    }
    if args.get("thread_ts"):
        message["thread_ts"] = args["thread_ts"]
    if args.get("metadata"):
        message["metadata"] = args["metadata"]
    fake.state.messages.setdefault(channel, []).append(message)
    return {"channel": channel, "ts": ts, "message": message}


def _shown(messages: list[dict[str, Any]], args: dict[str, Any]) -> list[dict[str, Any]]:
    """Messages as Slack returns them: metadata only when ``include_all_metadata``."""
    if str(args.get("include_all_metadata", "")).lower() in {"1", "true"}:
        return messages
    return [{k: v for k, v in m.items() if k != "metadata"} for m in messages]


def _update(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    for message in fake.state.messages.get(args["channel"], []):
        if message["ts"] == args["ts"]:
            message["text"] = args.get("text", message["text"])
            message["blocks"] = args.get("blocks", message.get("blocks", []))
            return {"channel": args["channel"], "ts": args["ts"]}
    return {"ok": False, "error": "message_not_found"}


def _post_ephemeral(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    return {"message_ts": fake.next_ts()}


def _files_info(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    file = fake.state.files.get(args["file"])
    if file is None:
        return _uploaded_info(fake, args["file"])
    return {"file": fake.file_object(file)}


def _uploaded_info(fake: FakeSlack, file_id: str) -> dict[str, Any]:
    """A file the bot uploaded: shared in its channel once the upload was completed, as
    Slack shows it (``channels``, ``shares``); unknown before bytes and completion."""
    upload = fake.state.uploads.get(file_id)
    if upload is None or upload["content"] is None:
        return {"ok": False, "error": "file_not_found"}
    channel = upload.get("channel")
    shares = {"public": {channel: [{"ts": fake.next_ts()}]}} if channel else {}
    file = {"id": file_id, "name": upload["filename"], "title": upload.get("title")}
    return {"file": {**file, "channels": [channel] if channel else [], "shares": shares}}


def _members(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    if args["channel"] not in fake.state.members:
        return {"ok": False, "error": "channel_not_found"}
    members = fake.state.members[args["channel"]]
    start = int(args.get("cursor") or 0)
    end = start + fake.members_page_size
    cursor = str(end) if end < len(members) else ""
    return {"members": members[start:end], "response_metadata": {"next_cursor": cursor}}


def _replies(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    root = args["ts"]
    thread = [
        m
        for m in fake.state.messages.get(args["channel"], [])
        if m["ts"] == root or m.get("thread_ts") == root
    ]
    thread.sort(key=lambda m: float(m["ts"]))
    return {"messages": _shown(thread, args), "has_more": False}


def _history(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    """Top-level messages, newest first, between ``oldest`` and ``latest``."""
    inclusive = str(args.get("inclusive", "")).lower() in {"1", "true"}
    latest = float(args.get("latest") or "inf")
    oldest = float(args.get("oldest") or 0)

    def within(ts: float) -> bool:
        if inclusive:
            return oldest <= ts <= latest
        return oldest < ts < latest

    found = [
        m
        for m in fake.state.messages.get(args["channel"], [])
        if within(float(m["ts"])) and m.get("thread_ts") in (None, m["ts"])
    ]
    found.sort(key=lambda m: float(m["ts"]), reverse=True)
    return {"messages": _shown(found[: int(args.get("limit") or 100)], args), "has_more": False}


def _conversation_info(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    channel = args["channel"]
    if channel.startswith("D"):
        return {"channel": {"id": channel, "is_im": True, "user": "UUNKNOWN"}}
    if channel not in fake.state.channel_names:
        return {"ok": False, "error": "channel_not_found"}
    name = fake.state.channel_names[channel]
    return {"channel": {"id": channel, "name": name, "is_channel": True, "is_im": False}}


def _user_info(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    user = args["user"]
    if user not in fake.state.people:
        return {"ok": False, "error": "user_not_found"}
    display, real = fake.state.people[user]
    handle = real.lower().replace(" ", ".")
    profile = {"display_name": display, "real_name": real}
    return {"user": {"id": user, "name": handle, "real_name": real, "profile": profile}}


def _permalink(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    ts = str(args["message_ts"]).replace(".", "")
    return {
        "channel": args["channel"],
        "permalink": f"https://fake.slack.com/archives/{args['channel']}/p{ts}",
    }


def _upload_url(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    file_id = f"FUP{next(fake._ids):04d}"
    fake.state.uploads[file_id] = {
        "filename": args["filename"],
        "length": int(args["length"]),
        "content": None,
    }
    return {"file_id": file_id, "upload_url": f"{fake.root}/upload/{file_id}"}


def _complete_upload(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    files = json.loads(args["files"]) if isinstance(args["files"], str) else args["files"]
    done = []
    for item in files:
        upload = fake.state.uploads.get(item["id"])
        if upload is None or upload["content"] is None:
            return {"ok": False, "error": "file_not_found"}
        upload.update(
            channel=args.get("channel_id"),
            thread_ts=args.get("thread_ts"),
            title=item.get("title"),
            initial_comment=args.get("initial_comment"),
        )
        done.append({"id": item["id"], "title": item.get("title"), "name": upload["filename"]})
    return {"files": done}


def _reactions_add(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    return {}


def _views_publish(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    view = json.loads(args["view"]) if isinstance(args["view"], str) else args["view"]
    fake.state.views[args["user_id"]] = view
    return {"view": {"id": "VFAKE", **view}}


def _connections_open(fake: FakeSlack, args: dict[str, Any]) -> dict[str, Any]:
    if fake.socket_url is None:
        raise AssertionError("the test set no Socket Mode URL")
    return {"url": fake.socket_url}


#: Methods called with the app-level token (``xapp-``), not the bot token.
APP_TOKEN_METHODS: dict[str, Handler] = {"apps.connections.open": _connections_open}

METHODS: dict[str, Handler] = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.update": _update,
    "chat.postEphemeral": _post_ephemeral,
    "chat.getPermalink": _permalink,
    "files.info": _files_info,
    "files.getUploadURLExternal": _upload_url,
    "files.completeUploadExternal": _complete_upload,
    "conversations.members": _members,
    "conversations.replies": _replies,
    "conversations.history": _history,
    "conversations.info": _conversation_info,
    "users.info": _user_info,
    "reactions.add": _reactions_add,
    "views.publish": _views_publish,
}


# --- HTTP plumbing -----------------------------------------------------------------------


class _FakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeSlack) -> None:
        super().__init__(("127.0.0.1", 0), _FakeSlackHandler)
        self.fake = fake


class _FakeSlackHandler(BaseHTTPRequestHandler):
    server: _FakeServer

    @property
    def fake(self) -> FakeSlack:
        return self.server.fake

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/files-pri/"):
            self._download(path)
        else:
            self._send(404, b"", "text/plain")

    def do_POST(self) -> None:
        parts = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if parts.path.startswith("/upload/"):
            self._receive_upload(parts.path.rsplit("/", 1)[-1], body)
        elif parts.path.startswith("/api/"):
            self._api(parts.path[len("/api/") :], parts.query, body)
        else:
            self._send(404, b"", "text/plain")

    def _api(self, method: str, query: str, body: bytes) -> None:
        args: dict[str, Any] = dict(parse_qsl(query))
        content_type = self.headers.get("Content-Type") or ""
        if "json" in content_type and body:
            args.update(json.loads(body))
        elif body:
            args.update(parse_qsl(body.decode("utf-8")))
        for key in ("blocks",):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        token = _bearer(self.headers.get("Authorization")) or args.pop("token", None)
        app_level = method in APP_TOKEN_METHODS
        handler = APP_TOKEN_METHODS.get(method) or METHODS.get(method)
        if token != (self.fake.app_token if app_level else self.fake.token):
            result: dict[str, Any] = {"ok": False, "error": "invalid_auth"}
        elif handler is None:
            result = {"ok": False, "error": "unknown_method"}
        else:
            result = {"ok": True, **handler(self.fake, args)}
        call = Call(method, args, token)
        self.fake.record(call)
        if self.fake.holding(call):
            self.fake.wait_released(timeout=300)
        with contextlib.suppress(OSError):  # the caller may be killed while held
            self._send(200, json.dumps(result).encode(), "application/json; charset=utf-8")

    def _download(self, path: str) -> None:
        file_id = path.split("/")[2].removeprefix(f"{TEAM}-")
        file = self.fake.state.files.get(file_id)
        self.fake.record(
            Call(
                "download",
                {"file": file_id, "path": path},
                _bearer(self.headers.get("Authorization")),
            )
        )
        if file is None:
            self._send(404, b"", "text/plain")
        elif _bearer(self.headers.get("Authorization")) != self.fake.token or file.html_response:
            self._send(200, LOGIN_PAGE, "text/html; charset=utf-8")
        else:
            self._send(200, file.content, file.mimetype)

    def _receive_upload(self, file_id: str, body: bytes) -> None:
        upload = self.fake.state.uploads.get(file_id)
        self.fake.record(Call("upload", {"file_id": file_id, "bytes": len(body)}, None))
        if upload is None:
            self._send(404, b"", "text/plain")
            return
        upload["content"] = body
        self._send(200, f"OK - {len(body)}".encode(), "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _bearer(header: str | None) -> str | None:
    if header and header.startswith("Bearer "):
        return header[len("Bearer ") :]
    return None
