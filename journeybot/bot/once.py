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

Files (``files_upload_v2``: exports, the map picture) are noted too. Uploads carry no
metadata to search for, but each has a file id before any byte is sent: the id Slack
hands out for the upload is noted (*uploading*) before the bytes go up and the upload is
completed, and the note says *done* once Slack answered. A job resumed with an upload
noted as uploading asks ``files.info`` about that id: a file already shared somewhere
was finished before the cut and is not uploaded again; otherwise it is.

Ephemeral replies (``chat.postEphemeral``) are seen by one person and cannot be looked
up afterwards, so they go out at most once: noted before they are sent, a resumed job
skips any it has noted, even one whose sending was cut off.

Notes of finished jobs are pruned after ``NOTES_KEPT_DAYS`` (``prune_notes``).
"""

from __future__ import annotations

import copy
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
UPLOADING = "uploading:"
DONE = "done"
#: Days a finished job's notes are kept (for anyone looking into what it posted).
NOTES_KEPT_DAYS = 7
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
    ephemeral: int = field(default=0)

    def next_key(self) -> str:
        key = f"post:{self.job}:{self.posted}"
        self.posted += 1
        return key

    def next_upload_key(self) -> str:
        key = f"upload:{self.job}:{self.uploaded}"
        self.uploaded += 1
        return key

    def next_ephemeral_key(self) -> str:
        key = f"ephemeral:{self.job}:{self.ephemeral}"
        self.ephemeral += 1
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
    noted = posts.journal.recall(key)
    if noted == DONE or (noted and _upload_finished(client, noted.removeprefix(UPLOADING))):
        log.info("job file %s was uploaded before a restart; not uploading it again", key)
        posts.journal.remember(key, DONE)
        return
    _noting_file_id(client, posts.journal, key).files_upload_v2(**kwargs)
    posts.journal.remember(key, DONE)


def _noting_file_id(client: WebClient, journal: Journal, key: str) -> WebClient:
    """A copy of ``client`` whose upload notes the file id Slack hands out before the
    bytes are sent and the upload completed: the library's own upload, with one step
    watched (a copy, because job threads share ``client``)."""
    noting = copy.copy(client)

    def upload_url(**kwargs: Any) -> Any:
        response = client.files_getUploadURLExternal(**kwargs)
        journal.remember(key, f"{UPLOADING}{response.get('file_id') or ''}")
        return response

    setattr(noting, "files_getUploadURLExternal", upload_url)  # noqa: B010
    return noting


def _upload_finished(client: WebClient, file_id: str) -> bool:
    """Whether Slack finished the upload of ``file_id``: it is shared somewhere."""
    if not file_id:
        return False
    try:
        file = client.files_info(file=file_id).get("file") or {}
    except SlackApiError as err:  # not found (never completed) or cannot look: upload
        log.info("upload %s is not in Slack (%s); uploading again", file_id, err)
        return False
    return any(file.get(where) for where in ("shares", "channels", "groups", "ims"))


def post_ephemeral(client: WebClient, **kwargs: Any) -> None:
    """``chat.postEphemeral`` at most once per reply of the running job: Slack keeps no
    copy to look for, so a reply noted before a cut is not sent again."""
    posts = CURRENT_POSTS.get()
    if posts is None:
        client.chat_postEphemeral(**kwargs)
        return
    key = posts.next_ephemeral_key()
    if posts.journal.recall(key) is not None:
        log.info("job reply %s was sent (or being sent) before a restart; not again", key)
        return
    posts.journal.remember(key, f"{PENDING}{time.time():.6f}")
    client.chat_postEphemeral(**kwargs)
    posts.journal.remember(key, DONE)


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
