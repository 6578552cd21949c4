"""Posting replies, and the one place failures become messages to users.

Every listener failure ends here, either through Bolt's global error handler (failures
while acknowledging) or through ``reporting_failures`` (failures in background work):
an expected ``JourneybotError`` is shown as its user message; anything else is logged
with an error id and answered with a short apology carrying that id.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from journeybot.bot.blocks.limits import Message
from journeybot.bot.mrkdwn import escape_entities
from journeybot.bot.once import post_ephemeral, post_message
from journeybot.core.errors import JourneybotError

log = logging.getLogger(__name__)

_SLACK_ERRORS = {
    "not_in_channel": "I am not in this channel; invite me with /invite and try again.",
    "channel_not_found": "I cannot see this channel; invite me with /invite and try again.",
    "is_archived": "This channel is archived, so I cannot reply here.",
    "missing_scope": ("The app is missing a permission it needs; reinstall it from its manifest."),
    "ratelimited": "Slack is rate-limiting me right now; try again in a minute.",
}


@dataclass(frozen=True)
class ReplyTarget:
    """Where a reply goes: a channel, optionally a thread, optionally only to one user."""

    channel: str
    user: str | None = None
    thread_ts: str | None = None
    ephemeral: bool = False

    def in_thread(self, thread_ts: str | None) -> ReplyTarget:
        return replace(self, thread_ts=thread_ts)


def failure_text(error: BaseException, doing: str) -> str:
    """The user-facing sentence for ``error``; logs unexpected errors with an id."""
    if isinstance(error, JourneybotError):
        log.info("%s failed: %s (%s)", doing, error.code, error.user_message)
        return f":warning: {escape_entities(error.user_message)}"
    if isinstance(error, SlackApiError):
        code = str(error.response.get("error") or "")
        if code in _SLACK_ERRORS:
            log.warning("%s failed: Slack said %s", doing, code)
            return f":warning: {_SLACK_ERRORS[code]}"
    error_id = uuid.uuid4().hex[:8]
    log.error("%s failed unexpectedly [error id %s]", doing, error_id, exc_info=error)
    return (
        f":warning: Sorry, something went wrong on my side while {doing} "
        f"(error id `{error_id}`). Try again, and mention the id if it keeps happening."
    )


def report_failure(
    client: WebClient, target: ReplyTarget | None, error: BaseException, doing: str
) -> str:
    """Tell the user what went wrong, where they asked; never raises."""
    text = failure_text(error, doing)
    if target is None:
        return text
    try:
        send(client, target, [Message(text, [])])
    except SlackApiError as err:
        log.warning(
            "could not report a failure in %s: Slack said %s",
            target.channel,
            err.response.get("error"),
        )
    return text


@contextmanager
def reporting_failures(client: WebClient, target: ReplyTarget, doing: str) -> Iterator[None]:
    """For background work: any exception becomes a reply instead of silence."""
    try:
        yield
    except Exception as error:
        report_failure(client, target, error, doing)


def send(client: WebClient, target: ReplyTarget, messages: Sequence[Message]) -> list[str]:
    """Post messages in order; continuation parts go into the first message's thread.
    Within a job, each is posted once however often the job runs (``bot.once``)."""
    posted: list[str] = []
    thread_ts = target.thread_ts
    for message in messages:
        kwargs: dict[str, object] = {"channel": target.channel, "text": message.text}
        if message.blocks:
            kwargs["blocks"] = message.blocks
        if thread_ts:
            kwargs["thread_ts"] = thread_ts
        if target.ephemeral and target.user:
            post_ephemeral(client, user=target.user, **kwargs)
            continue
        ts = post_message(client, **kwargs)
        posted.append(ts)
        thread_ts = thread_ts or ts or None
    return posted


def replace_message(
    client: WebClient, target: ReplyTarget, ts: str, messages: Sequence[Message]
) -> None:
    """Replace a status message with the first message; post the rest in its thread."""
    if not messages:
        return
    first, rest = messages[0], messages[1:]
    client.chat_update(channel=target.channel, ts=ts, text=first.text, blocks=first.blocks)
    if rest:
        send(client, target.in_thread(target.thread_ts or ts), rest)
