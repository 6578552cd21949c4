"""Bolt's global error handler: failures while acknowledging become replies here."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient

from journeybot.bot.replies import ReplyTarget, failure_text, report_failure


def register_error_handler(app: App) -> None:
    def on_error(error: Exception, body: dict[str, Any], client: WebClient) -> BoltResponse | None:
        if body.get("command"):
            text = failure_text(error, f"acknowledging {body['command']}")
            payload = {"response_type": "ephemeral", "text": text}
            return BoltResponse(
                status=200,
                body=json.dumps(payload),
                headers={"content-type": "application/json;charset=utf-8"},
            )
        report_failure(client, target_of(body), error, "handling a Slack request")
        return None

    app.error(on_error)


def target_of(body: dict[str, Any]) -> ReplyTarget | None:
    """Where to answer a failed request: the event's thread, or nowhere we can tell."""
    event = body.get("event") or {}
    channel = event.get("channel") or event.get("channel_id")
    if not isinstance(channel, str):
        return None
    thread = event.get("thread_ts") or event.get("ts")
    return ReplyTarget(channel, event.get("user"), thread_ts=thread)
