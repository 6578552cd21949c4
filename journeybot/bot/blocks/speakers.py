"""A study's speakers per source, and a correction made to one of them."""

from __future__ import annotations

from collections.abc import Sequence

from journeybot.bot.blocks.common import Block, plural, sections
from journeybot.bot.blocks.limits import Message, paginate
from journeybot.bot.mrkdwn import escape
from journeybot.service.listing import SourceSpeakers


def speakers_messages(
    study: str, listed: Sequence[SourceSpeakers], *, changed_by: str | None = None
) -> list[Message]:
    if changed_by:
        title = f"<@{changed_by}> corrected a speaker in study *{escape(study)}*"
    else:
        title = f"Study *{escape(study)}*: speakers of {plural(len(listed), 'source')}"
    blocks: list[Block] = [*sections(title)]
    for item in listed:
        blocks.extend(sections(_source_text(item)))
    if not listed:
        blocks.extend(sections("No sources yet: share a transcript here."))
    return paginate(title, blocks)


def _source_text(item: SourceSpeakers) -> str:
    lines = [f"*{escape(item.file)}*: {escape(item.roles)}"]
    lines.extend(
        f"• {escape(s.speaker)}: {s.role.value}, {round(100 * s.share)}% of words, "
        f"{plural(s.turns, 'turn')} ({escape(s.decided_by)}: {escape(s.reason)})"
        for s in item.speakers
    )
    return "\n".join(lines)
