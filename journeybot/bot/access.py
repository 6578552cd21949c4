"""Who may see which study: evidence follows channel membership.

A channel is linked to one study. A question asked in a channel searches that channel's
study only; in a DM, the studies whose linked channels the asker is a member of. Channel
membership comes from ``conversations.members`` and is cached briefly, because a DM
question or an App Home visit may check many channels at once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from journeybot.bot.ports import StudyService
from journeybot.core.errors import AccessDeniedError

log = logging.getLogger(__name__)

Clock = Callable[[], float]


class ChannelAccess:
    def __init__(
        self,
        client: WebClient,
        workspace: StudyService,
        *,
        cache_seconds: float,
        clock: Clock = time.monotonic,
    ) -> None:
        self._client = client
        self._workspace = workspace
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._members: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def members(self, channel: str) -> frozenset[str]:
        """The channel's members; empty when Slack will not tell (so access is denied)."""
        now = self._clock()
        with self._lock:
            cached = self._members.get(channel)
            if cached and cached[0] > now:
                return cached[1]
        members = self._fetch_members(channel)
        with self._lock:
            self._members[channel] = (now + self._cache_seconds, members)
        return members

    def _fetch_members(self, channel: str) -> frozenset[str]:
        found: set[str] = set()
        try:
            for page in self._client.conversations_members(channel=channel, limit=500):
                found.update(page.get("members") or [])
        except SlackApiError as err:
            log.warning(
                "cannot list members of %s (%s); treating it as closed",
                channel,
                err.response.get("error"),
            )
            return frozenset()
        return frozenset(found)

    def is_member(self, user: str, channel: str) -> bool:
        return user in self.members(channel)

    def studies_for_question(self, channel: str, user: str, *, is_dm: bool) -> list[str]:
        """The studies a question asked here by ``user`` may search."""
        links = self._workspace.channel_links()
        if not is_dm:
            study = links.get(channel)
            return [study] if study else []
        return self.visible_studies(user, links)

    def visible_studies(self, user: str, links: dict[str, str] | None = None) -> list[str]:
        """Studies with at least one linked channel (or DM) that ``user`` is in."""
        links = self._workspace.channel_links() if links is None else links
        visible: dict[str, None] = {}
        for channel, study in links.items():
            if study not in visible and self.is_member(user, channel):
                visible[study] = None
        return list(visible)

    def check_can_link(self, user: str, study: str, channel: str) -> None:
        """Linking a channel to a study shares the study with that channel's members,
        so only someone who is in every channel already feeding it may do so."""
        linked = [c for c, s in self._workspace.channel_links().items() if s == study]
        outside = [c for c in linked if c != channel and not self.is_member(user, c)]
        if outside:
            raise AccessDeniedError(
                f"Study '{study}' belongs to {_channels(outside)}, which you are not in; "
                "ask a member of those channels to link it, or pick another study name."
            )


def _channels(channels: Iterable[str]) -> str:
    return "channel " + ", ".join(channels)
