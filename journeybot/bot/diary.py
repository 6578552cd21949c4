"""Diary channels: every message is a dated entry by its poster or a named participant."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from slack_sdk import WebClient

from journeybot.bot.deps import BotDeps
from journeybot.bot.mrkdwn import unescape
from journeybot.bot.replies import ReplyTarget, reporting_failures
from journeybot.core.errors import JourneybotError
from journeybot.core.models import IngestStatus

#: "P07: ..." at the start of a post: a researcher posting on a participant's behalf.
ON_BEHALF = re.compile(r"^\s*(P\d{1,4})\s*:\s*", re.IGNORECASE)
ACK_REACTION = "memo"


@dataclass(frozen=True)
class DiaryPost:
    channel: str
    user: str
    text: str
    ts: str


def entry_author(post: DiaryPost) -> tuple[str, str]:
    """(participant, entry text): the ``P07:`` prefix wins over the poster."""
    text = unescape(post.text).strip()
    match = ON_BEHALF.match(text)
    if match:
        return match.group(1).upper(), text[match.end() :].strip()
    return post.user, text


def entry_date(ts: str) -> str:
    return datetime.fromtimestamp(float(ts), tz=UTC).date().isoformat()


def handle_diary_post(deps: BotDeps, client: WebClient, post: DiaryPost) -> None:
    target = ReplyTarget(post.channel, post.user, thread_ts=post.ts)
    with reporting_failures(client, target, "saving a diary entry"):
        participant, text = entry_author(post)
        if not text:
            return
        study = deps.channel_study(post.channel)
        permalink = client.chat_getPermalink(channel=post.channel, message_ts=post.ts)
        result = deps.workspace.add_diary_entry(
            study,
            participant,
            text,
            date=entry_date(post.ts),
            posted_by=post.user,
            permalink=permalink.get("permalink"),
            entry_id=post.ts.replace(".", ""),
        )
        if result.status is IngestStatus.ERROR:
            reason = (result.error or "").removeprefix(f"{result.file}: ")
            raise JourneybotError(f"This diary entry was not saved: {reason or 'unknown reason'}.")
        client.reactions_add(channel=post.channel, timestamp=post.ts, name=ACK_REACTION)
