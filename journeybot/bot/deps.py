"""What listeners are given: built once in ``build_app``, never global."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeybot.bot.access import ChannelAccess
from journeybot.bot.jobs import CURRENT_JOB
from journeybot.bot.names import SlackNames
from journeybot.bot.ports import StudyService
from journeybot.bot.slackfiles import FileFetcher
from journeybot.bot.threads import AnsweredThreads
from journeybot.core.settings import Settings


@dataclass(frozen=True)
class BotDeps:
    settings: Settings
    workspace: StudyService
    access: ChannelAccess
    files: FileFetcher
    names: SlackNames
    threads: AnsweredThreads = field(default_factory=AnsweredThreads)

    def claim(self, key: str) -> bool:
        """True once per ``key`` (an event, file or share), and again for the job that
        claimed it when that job is resumed after a restart."""
        return self.workspace.claim_once(key, CURRENT_JOB.get())

    def study_name(self, study: str) -> str:
        """The name people know ``study`` by (its title, else its id)."""
        return self.workspace.study_names().get(study, study)

    def channel_study(self, channel: str) -> str:
        """The channel's study, made on first use and named after the channel."""
        return self.workspace.study_for_channel(channel, default_name=self.names.channel(channel))
