"""Slack-facing state kept in the catalog: channel links, study names, claims and notes.

Kept here, not in the bot, so the bot stays stateless; a part of ``Workspace`` in its
own module so each stays small.
"""

from __future__ import annotations

from datetime import timedelta

from journeybot.core.models import utc_now
from journeybot.service import study_names
from journeybot.service.catalog import Catalog


class ChannelUseCases:
    catalog: Catalog

    def _require_study(self, study: str) -> None:
        raise NotImplementedError

    def study_for_channel(self, channel: str, *, default_name: str | None = None) -> str:
        """The study a channel feeds. On first use a study is made with the channel's id
        as its id, titled ``default_name`` (the channel's name) when no other study is."""
        linked = self.catalog.channel_study(channel)
        if linked is not None:
            return linked
        study = study_names.clean_name(channel)
        self.catalog.link_channel(channel, study)
        study_names.title_if_free(self.catalog, study, default_name)
        return study

    def study_names(self) -> dict[str, str]:
        """study id -> the name people know it by (its title, else its id)."""
        return study_names.shown_names(self.catalog)

    def find_study(self, name: str) -> str | None:
        """The id of the study called ``name`` (by id or title), if there is one."""
        return study_names.find_study(self.catalog, name)

    def rename_study(self, study: str, name: str) -> str:
        """Retitle ``study``: its evidence, drafts, verdicts and links stay as they are."""
        self._require_study(study)
        return study_names.rename(self.catalog, study, name)

    def link_channel(self, channel: str, study: str) -> None:
        self.catalog.link_channel(channel, study_names.clean_name(study))

    def channel_links(self) -> dict[str, str]:
        """channel id -> study, for access checks in DMs."""
        return self.catalog.channel_links()

    def set_diary(self, channel: str, on: bool) -> None:
        self.study_for_channel(channel)
        self.catalog.set_diary(channel, on)

    def is_diary(self, channel: str) -> bool:
        return self.catalog.is_diary(channel)

    def claim_once(self, key: str, owner: str | None = None) -> bool:
        """True the first time ``key`` (an event or file id) is seen, False after; a
        claim by ``owner`` (a job) holds for the same owner when it is resumed."""
        return self.catalog.claim_once(key, owner)

    def remember(self, key: str, value: str) -> None:
        """Keep a note for work that may be resumed after a restart."""
        self.catalog.note(key, value)

    def recall(self, key: str) -> str | None:
        return self.catalog.noted(key)

    def prune_notes(self, older_than_days: float, keep_jobs: set[str]) -> int:
        """Forget notes older than that, except those of jobs not yet finished (which
        may still be resumed); returns how many went."""
        before = utc_now() - timedelta(days=older_than_days)
        return self.catalog.prune_notes(before, keep_jobs)
