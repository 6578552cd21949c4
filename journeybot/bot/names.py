"""Names people know: channels by name, people by display name, ids kept underneath.

Slack events carry ids (``C07ABC...``, ``U05XYZ...``); replies should say
``#research-pdpilot`` and ``Dana``. Names come from ``conversations.info`` and
``users.info``, cached for ``cache_seconds`` because one answer can name many people.
Only what is shown changes: studies, diary entries and citations keep the ids.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

log = logging.getLogger(__name__)

#: Slack user ids: U or W and capitals or digits. Anything else is a transcript's label.
SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
#: Keys of drafts, answers and sources whose values name participants.
PERSON_KEYS = frozenset({"participant", "participants", "speaker"})

M = TypeVar("M", bound=BaseModel)
Clock = Callable[[], float]


class SlackNames:
    def __init__(
        self, client: WebClient, *, cache_seconds: float, clock: Clock = time.monotonic
    ) -> None:
        self._client = client
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._cache: dict[str, tuple[float, str | None]] = {}
        self._lock = threading.Lock()

    def channel(self, channel: str) -> str | None:
        """``research-pdpilot`` for a channel; ``None`` for a DM or when Slack won't say."""
        return self._cached(f"c:{channel}", lambda: self._channel_name(channel))

    def person(self, user: str) -> str:
        """A person's display name (else real name, else handle); the id if none is known."""
        if not SLACK_USER.match(user):
            return user
        return self._cached(f"u:{user}", lambda: self._person_name(user)) or user

    def people_in(self, model: M) -> M:
        """A copy of ``model`` with Slack user ids among its participants named."""
        return type(model).model_validate(self._renamed(model.model_dump()))

    def _renamed(self, node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            return {k: self._renamed(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [self._renamed(item, key) for item in node]
        if key in PERSON_KEYS and isinstance(node, str):
            return self.person(node)
        return node

    def _cached(self, key: str, fetch: Callable[[], str | None]) -> str | None:
        now = self._clock()
        with self._lock:
            hit = self._cache.get(key)
            if hit and hit[0] > now:
                return hit[1]
        value = fetch()
        with self._lock:
            self._cache[key] = (now + self._cache_seconds, value)
        return value

    def _channel_name(self, channel: str) -> str | None:
        info = _asked(lambda: self._client.conversations_info(channel=channel), channel)
        found = (info or {}).get("channel") or {}
        if found.get("is_im"):
            return None
        name = found.get("name")
        return str(name) if name else None

    def _person_name(self, user: str) -> str | None:
        info = _asked(lambda: self._client.users_info(user=user), user)
        found = (info or {}).get("user") or {}
        profile = found.get("profile") or {}
        for name in (profile.get("display_name"), profile.get("real_name"), found.get("name")):
            if name and str(name).strip():
                return str(name).strip()
        return None


def _asked(call: Callable[[], SlackResponse], about: str) -> dict[str, Any] | None:
    try:
        response = call()
    except SlackApiError as err:
        log.info("Slack would not name %s (%s)", about, err.response.get("error"))
        return None
    return dict(response.data) if isinstance(response.data, dict) else None
