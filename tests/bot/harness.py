"""Driving the bot the way Slack does: signed HTTP requests into the served Bolt app."""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from journeybot.bot.jobs import LocalJobs
from journeybot.bot.web import WebServer
from tests.fakes.slack_api import BOT_USER, TEAM, Call, FakeFile, FakeSlack

SIGNING_SECRET = "test-signing-secret-0123456789"


@dataclass(frozen=True)
class Reply:
    status: int
    body: str

    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}


def signed_post(
    url: str,
    body: str,
    content_type: str,
    *,
    secret: str = SIGNING_SECRET,
    headers: dict[str, str] | None = None,
    timestamp: int | None = None,
) -> Reply:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    request = urllib.request.Request(
        url,
        data=body.encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature or "",
            **(headers or {}),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, response.read().decode("utf-8"))
    except urllib.error.HTTPError as err:
        return Reply(err.code, err.read().decode("utf-8"))


@dataclass
class BotHarness:
    fake: FakeSlack
    server: WebServer
    workspace: Any
    jobs: LocalJobs | None = None
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def close(self) -> None:
        self.server.close()
        if self.jobs is not None:
            self.jobs.close()

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None
    ) -> Reply:
        event_id = event_id or f"Ev{next(self._ids):08d}"
        envelope = {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "api_app_id": "AJOURNEY",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": TEAM, "user_id": BOT_USER, "is_bot": True}],
        }
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return signed_post(
            self.server.url,
            json.dumps(envelope),
            "application/json",
            headers=headers if retry is not None else None,
        )

    def command(self, text: str, *, channel: str, user: str) -> Reply:
        form = {
            "token": "legacy-verification-token",
            "team_id": TEAM,
            "channel_id": channel,
            "user_id": user,
            "command": "/journey",
            "text": text,
            "response_url": f"{self.fake.root}/respond",
            "trigger_id": f"trig-{next(self._ids)}",
        }
        return signed_post(self.server.url, urlencode(form), "application/x-www-form-urlencoded")

    def action(self, action_id: str, *, user: str) -> Reply:
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM},
            "user": {"id": user},
            "api_app_id": "AJOURNEY",
            "trigger_id": f"trig-{next(self._ids)}",
            "container": {"type": "view", "view_id": "VFAKE"},
            "view": {"id": "VFAKE", "type": "home"},
            "actions": [{"action_id": action_id, "block_id": "b", "type": "button"}],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return signed_post(self.server.url, body, "application/x-www-form-urlencoded")

    # --- common event shapes ---------------------------------------------------------

    def mention(self, channel: str, user: str, text: str, thread_ts: str | None = None) -> str:
        ts = self.fake.add_message(channel, user, f"<@{BOT_USER}> {text}", thread_ts)
        event = {
            "type": "app_mention",
            "channel": channel,
            "user": user,
            "text": f"<@{BOT_USER}> {text}",
            "ts": ts,
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        assert self.event(event).status == 200
        return ts

    def reply(self, channel: str, user: str, text: str, thread_ts: str) -> str:
        """A plain message (no mention) posted in a channel thread."""
        return self._message(channel, user, text, "channel", thread_ts)

    def dm(self, channel: str, user: str, text: str) -> str:
        return self._message(channel, user, text, "im")

    def _message(
        self, channel: str, user: str, text: str, kind: str, thread_ts: str | None = None
    ) -> str:
        ts = self.fake.add_message(channel, user, text, thread_ts)
        event = {
            "type": "message",
            "channel": channel,
            "channel_type": kind,
            "user": user,
            "text": text,
            "ts": ts,
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        assert self.event(event).status == 200
        return ts

    def file_share_event(
        self, channel: str, user: str, files: list[dict[str, Any]], **extra: Any
    ) -> dict[str, Any]:
        """A ``message`` event with subtype ``file_share``; returns the event sent."""
        ts = self.fake.add_message(channel, user, "")
        event = {
            "type": "message",
            "subtype": "file_share",
            "channel": channel,
            "channel_type": "channel",
            "user": user,
            "text": "",
            "files": files,
            "ts": ts,
            "event_ts": ts,
            **extra,
        }
        return event


def share(
    bot: BotHarness, channel: str, user: str, files: list[FakeFile]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One message sharing ``files``, as Slack reports it: the ``message`` event
    (subtype ``file_share``) and one ``file_shared`` event per file, to send in any order."""
    ts = bot.fake.next_ts()
    for file in files:
        file.channel, file.share_ts, file.user = channel, ts, user
    stubs = [bot.fake.add_file(file) for file in files]
    message = {"type": "message", "user": user, "text": "", "ts": ts, "files": stubs}
    bot.fake.state.messages.setdefault(channel, []).append(message)
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel": channel,
        "channel_type": "channel",
        "user": user,
        "text": "",
        "files": stubs,
        "ts": ts,
        "event_ts": ts,
    }
    shared = [
        {
            "type": "file_shared",
            "file_id": file.id,
            "user_id": user,
            "file": {"id": file.id},
            "channel_id": channel,
            "event_ts": ts,
        }
        for file in files
    ]
    return event, shared


def interview(participant: str, *answers: str) -> bytes:
    """A small labelled transcript: an interviewer question before each answer."""
    turns = [f"Interviewer: What happened next?\n{participant}: {answer}\n" for answer in answers]
    return "".join(turns).encode()


def ingest(
    bot: BotHarness, channel: str, user: str, files: dict[str, bytes], *, id_prefix: str = "F"
) -> Call:
    """Share files in ``channel`` and wait for the final per-file results."""
    stubs = [
        bot.fake.add_file(FakeFile(f"{id_prefix}{channel}{i}", name, data, channel=channel))
        for i, (name, data) in enumerate(files.items(), start=1)
    ]
    event = bot.file_share_event(channel, user, stubs)
    assert bot.event(event).status == 200
    return bot.fake.wait_for(
        "chat.update",
        lambda c: c.args.get("channel") == channel and bool(c.args.get("blocks")),
    )[-1]


def wait_answer(fake: FakeSlack, channel: str, thread_ts: str) -> Call:
    """The first reply the bot posts in ``thread_ts``."""
    return fake.wait_for(
        "chat.postMessage",
        lambda c: c.args.get("channel") == channel and c.args.get("thread_ts") == thread_ts,
    )[0]


def answers_in(fake: FakeSlack, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    """Bot messages posted in a thread, oldest first."""
    return [
        call.args
        for call in fake.calls_to("chat.postMessage")
        if call.args.get("channel") == channel and call.args.get("thread_ts") == thread_ts
    ]


def rich_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every literal text run inside the rich_text blocks of a message."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "text" and "text" in node:
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk([b for b in blocks if b.get("type") == "rich_text"])
    return found


def quoted(blocks: list[dict[str, Any]]) -> list[str]:
    """The quotes of a message: the text of each ``rich_text_quote`` element."""
    quotes = []
    for block in blocks:
        for element in block.get("elements", []) if block.get("type") == "rich_text" else []:
            if element.get("type") == "rich_text_quote":
                quotes.append("".join(run["text"] for run in element["elements"]))
    return quotes


def mrkdwn_texts(message: dict[str, Any]) -> list[str]:
    """Every string Slack would parse as mrkdwn: the fallback text and mrkdwn objects."""
    texts = [message.get("text") or ""]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                texts.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(message.get("blocks") or [])
    return texts
