"""Events API listeners: mentions, messages (files, DMs, diary posts), shared files.

Each records the event as a job and then acknowledges it; the job's handler (below,
run by the worker) first claims the event id, so an event Slack retries or redelivers
does nothing twice.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from journeybot.bot.asking import Question, handle_question, looks_like_question
from journeybot.bot.deps import BotDeps
from journeybot.bot.diary import DiaryPost, handle_diary_post
from journeybot.bot.jobs import Job, JobQueue
from journeybot.bot.listeners.common import first_delivery
from journeybot.bot.shares import upload_for_file
from journeybot.bot.uploads import Upload, handle_upload

Payload = dict[str, Any]
_USER_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")


def register_events(app: App, jobs: JobQueue) -> None:
    def on_mention(ack: Ack, body: Payload, context: BoltContext) -> None:
        jobs.submit(Job("mention", {"body": body, "bot_user": context.bot_user_id or ""}))
        ack()

    def on_file_share(ack: Ack, body: Payload) -> None:
        jobs.submit(Job("file_share", {"body": body}))
        ack()

    def on_message(ack: Ack, body: Payload, context: BoltContext) -> None:
        jobs.submit(Job("message", {"body": body, "bot_user": context.bot_user_id or ""}))
        ack()

    def on_file_shared(ack: Ack, body: Payload) -> None:
        jobs.submit(Job("file_shared", {"body": body}))
        ack()

    def on_other_message(ack: Ack) -> None:
        ack()  # edits, deletions, joins: nothing to do

    app.event("app_mention")(on_mention)
    app.event({"type": "message", "subtype": "file_share"})(on_file_share)
    app.event({"type": "message", "subtype": None})(on_message)
    app.event("message")(on_other_message)
    app.event("file_shared")(on_file_shared)


def answer_mention(deps: BotDeps, client: WebClient, body: Payload, bot_user: str) -> None:
    event = body["event"]
    if event.get("files") or not first_delivery(deps, body):
        return  # a file shared with a mention is handled as an upload
    question = Question(
        channel=event["channel"],
        user=event.get("user") or "",
        text=event.get("text") or "",
        ts=event["ts"],
        thread_ts=event.get("thread_ts"),
        is_dm=False,
    )
    handle_question(deps, client, question, bot_user)


def ingest_shared_message(deps: BotDeps, client: WebClient, body: Payload) -> None:
    event = body["event"]
    if not first_delivery(deps, body):
        return
    upload = Upload(
        channel=event["channel"],
        user=event.get("user"),
        files=list(event.get("files") or []),
        message_ts=event.get("ts"),
        thread_ts=event.get("thread_ts"),
    )
    handle_upload(deps, client, upload)


def ingest_shared_file(deps: BotDeps, client: WebClient, body: Payload) -> None:
    event = body["event"]
    if not first_delivery(deps, body):
        return
    upload = upload_for_file(
        deps, client, event["channel_id"], event["file_id"], event.get("user_id")
    )
    handle_upload(deps, client, upload)


def route_message(deps: BotDeps, client: WebClient, body: Payload, bot_user: str) -> None:
    """A plain message is a question in a DM or in a thread the bot answered, and a
    diary entry in a diary channel."""
    event = body["event"]
    if not event.get("user") or not first_delivery(deps, body):
        return
    text = event.get("text") or ""
    if event.get("channel_type") == "im":
        question = Question(
            channel=event["channel"],
            user=event["user"],
            text=text,
            ts=event["ts"],
            thread_ts=event.get("thread_ts"),
            is_dm=True,
        )
        handle_question(deps, client, question, bot_user)
        return
    mentions_bot = bool(bot_user) and f"<@{bot_user}>" in text
    if not mentions_bot and _is_follow_up(deps, event, text):
        question = Question(
            channel=event["channel"],
            user=event["user"],
            text=text,
            ts=event["ts"],
            thread_ts=event["thread_ts"],
            is_dm=False,
        )
        handle_question(deps, client, question, bot_user)
        return
    if not mentions_bot and deps.workspace.is_diary(event["channel"]):
        post = DiaryPost(channel=event["channel"], user=event["user"], text=text, ts=event["ts"])
        handle_diary_post(deps, client, post)


def _is_follow_up(deps: BotDeps, event: Payload, text: str) -> bool:
    """A question replied in a channel thread where the bot has already answered, and
    not addressed to someone else ("<@UALICE> did you see this?")."""
    thread = event.get("thread_ts")
    return (
        bool(thread)
        and thread != event.get("ts")
        and deps.threads.answered(event["channel"], str(thread))
        and not _USER_MENTION.search(text)
        and looks_like_question(text)
    )
