"""What listeners are given: built once in ``build_app``, never global."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from journeybot.bot.access import ChannelAccess
from journeybot.bot.names import SlackNames
from journeybot.bot.ports import StudyService
from journeybot.bot.slackfiles import FileFetcher
from journeybot.bot.threads import AnsweredThreads
from journeybot.core.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotDeps:
    settings: Settings
    workspace: StudyService
    access: ChannelAccess
    files: FileFetcher
    pool: Executor
    names: SlackNames
    threads: AnsweredThreads = field(default_factory=AnsweredThreads)

    def in_background(self, work: Callable[..., None], *args: Any) -> None:
        """Run ``work`` on the bounded worker pool, after the request is acknowledged."""
        self.pool.submit(_logged, work, *args)

    def study_name(self, study: str) -> str:
        """The name people know ``study`` by (its title, else its id)."""
        return self.workspace.study_names().get(study, study)

    def channel_study(self, channel: str) -> str:
        """The channel's study, made on first use and named after the channel."""
        return self.workspace.study_for_channel(channel, default_name=self.names.channel(channel))


def _logged(work: Callable[..., None], *args: Any) -> None:
    # Work functions report their own failures to users; this only catches the
    # unforeseen, so that nothing dies silently inside the pool.
    try:
        work(*args)
    except Exception:
        log.exception("background work %s failed", getattr(work, "__name__", work))
