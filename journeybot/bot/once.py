"""Posting once: a job resumed after a restart does not post again what it posted before.

A job may be cut off at any point (``kill -9`` included) and is then run again from the
start (``bot.jobs``). Its claims make the work itself happen once; this module makes its
messages appear once. Each message a job posts is numbered in posting order, and the
catalog's job notes record it in two steps: *pending* (with the time) just before
``chat.postMessage``, then the message's ``ts`` once Slack answered. The message carries
Slack message metadata naming the job and the number.

When the job runs again, a message with a ``ts`` noted is not posted again (the job goes
on with that ``ts``, e.g. to reply in its thread). A message noted *pending* may or may
not have reached Slack before the cut: the thread (``conversations.replies``) or the
channel since the pending time (``conversations.history``) is searched for a message
with its metadata, and it is posted only if none is found. The same code posts the same
messages in the same order when it runs again, so the numbers line up.

Files (``files_upload_v2``: exports, the map picture) are noted the same way, so a job
resumed after its upload is done does not upload again. Uploads carry no metadata to
search for, so an upload cut off between Slack finishing it and the note being written
(a window of one HTTP answer) is uploaded again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

#: The metadata event type of messages posted by jobs.
EVENT_TYPE = "journeybot_job_post"
PENDING = "pending@"
#: How many messages of the channel are searched for one that may have been posted.
SEARCH_LIMIT = 200


class Journal(Protocol):
    """Where posts are noted: the catalog's job notes (``Workspace.remember``)."""

    def remember(self, key: str, value: str) -> None: ...

    def recall(self, key: str) -> str | None: ...


@dataclass
class JobPosts:
    """The messages one run of a job has posted so far, by number."""

    job: str
    journal: Journal
    posted: int = field(default=0)

    uploaded: int = field(default=0)

    def next_key(self) -> str:
        key = f"post:{self.job}:{self.posted}"
        self.posted += 1
        return key

    def next_upload_key(self) -> str:
        key = f"upload:{self.job}:{self.uploaded}"
        self.uploaded += 1
        return key


CURRENT_POSTS: ContextVar[JobPosts | None] = ContextVar("journeybot_posts", default=None)


@contextmanager
def posting_once(job: str, journal: Journal) -> Iterator[None]:
    """Within this block, ``post_message`` posts each of the job's messages once."""
    token = CURRENT_POSTS.set(JobPosts(job, journal))
    try:
        yield
    finally:
        CURRENT_POSTS.reset(token)


def post_message(client: WebClient, **kwargs: Any) -> str:
    """``chat.postMessage``, once per message of the running job; returns its ``ts``."""
    posts = CURRENT_POSTS.get()
    if posts is None:
        return str(client.chat_postMessage(**kwargs).get("ts") or "")
    key = posts.next_key()
    noted = posts.journal.recall(key)
    if noted and not noted.startswith(PENDING):
        return noted
    if noted:
        found = _find_posted(client, key, kwargs, since=noted.removeprefix(PENDING))
        if found:
            log.info("job message %s was posted before a restart; not posting it again", key)
            posts.journal.remember(key, found)
            return found
    posts.journal.remember(key, f"{PENDING}{time.time():.6f}")
    metadata = {"event_type": EVENT_TYPE, "event_payload": {"key": key}}
    ts = str(client.chat_postMessage(**kwargs, metadata=metadata).get("ts") or "")
    posts.journal.remember(key, ts)
    return ts


def upload_file(client: WebClient, **kwargs: Any) -> None:
    """``files_upload_v2``, not repeated when the running job has done it before."""
    posts = CURRENT_POSTS.get()
    if posts is None:
        client.files_upload_v2(**kwargs)
        return
    key = posts.next_upload_key()
    if posts.journal.recall(key) == "done":
        log.info("job file %s was uploaded before a restart; not uploading it again", key)
        return
    client.files_upload_v2(**kwargs)
    posts.journal.remember(key, "done")


def _find_posted(client: WebClient, key: str, kwargs: dict[str, Any], since: str) -> str | None:
    """The ``ts`` of the message posted under ``key``, if Slack has it."""
    channel, thread_ts = kwargs["channel"], kwargs.get("thread_ts")
    try:
        if thread_ts:
            response = client.conversations_replies(
                channel=channel, ts=thread_ts, include_all_metadata=True, limit=SEARCH_LIMIT
            )
        else:
            oldest = f"{max(float(since or 0) - 60, 0):.6f}"
            response = client.conversations_history(
                channel=channel, oldest=oldest, include_all_metadata=True, limit=SEARCH_LIMIT
            )
    except SlackApiError as err:  # cannot look: post again rather than lose the message
        log.warning("cannot check for a message posted before a restart: %s", err)
        return None
    for message in response.get("messages") or []:
        payload = (message.get("metadata") or {}).get("event_payload") or {}
        if payload.get("key") == key:
            return str(message.get("ts") or "") or None
    return None
