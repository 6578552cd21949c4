"""Which share a file belongs to, so one share gets one status message.

Slack sends ``file_shared`` (only a file id) and ``message`` with subtype ``file_share``
(the message and all its files) in no fixed order. A ``file_shared`` event is therefore
widened to the whole message that shared the file: ``files.info`` names the message, and
``conversations.history`` (or ``conversations.replies`` in a thread) gives its files. Both
events then describe the same share, claimed once by channel and message ts.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from journeybot.bot.deps import BotDeps
from journeybot.bot.uploads import Upload
from journeybot.core.errors import JourneybotError

log = logging.getLogger(__name__)


def upload_for_file(
    deps: BotDeps, client: WebClient, channel: str, file_id: str, user: str | None
) -> Upload:
    """The whole share ``file_id`` came in, or the file alone when Slack will not say."""
    alone = Upload(channel=channel, user=user, files=[{"id": file_id}], whole_share=False)
    try:
        shared = deps.files.resolve({"id": file_id}, channel)
    except (JourneybotError, OSError):
        return alone  # the upload itself will report what is wrong with the file
    if not shared.shared_ts:
        return alone
    message = shared_message(client, channel, shared.shared_ts, shared.thread_ts)
    files = (message or {}).get("files")
    if not message or not files:
        return Upload(
            channel=channel,
            user=user,
            files=[{"id": file_id}],
            message_ts=shared.shared_ts,
            thread_ts=shared.thread_ts,
            whole_share=False,
        )
    return Upload(
        channel=channel,
        user=message.get("user") or user,
        files=list(files),
        message_ts=shared.shared_ts,
        thread_ts=message.get("thread_ts") or shared.thread_ts,
    )


def shared_message(
    client: WebClient, channel: str, ts: str, thread_ts: str | None
) -> dict[str, Any] | None:
    """The message posted at ``ts``; ``None`` when the bot may not read the channel."""
    try:
        if thread_ts and thread_ts != ts:
            response = client.conversations_replies(channel=channel, ts=thread_ts, limit=200)
        else:
            response = client.conversations_history(
                channel=channel, latest=ts, oldest=ts, inclusive=True, limit=1
            )
    except SlackApiError as err:
        log.info("cannot read the message that shared a file (%s)", err.response.get("error"))
        return None
    for message in response.get("messages") or []:
        if message.get("ts") == ts:
            return dict(message)
    return None
