"""An answer to a question: its themes, each with its quotes and their attribution."""

from __future__ import annotations

from journeybot.bot.blocks.common import Block, context, plural, quote_block, sections
from journeybot.bot.blocks.limits import Message, paginate
from journeybot.bot.mrkdwn import escape
from journeybot.core.models import Answer


def answer_messages(answer: Answer) -> list[Message]:
    """Quotes under their themes ("*Bank feed* · 3 participants"), as the CLI shows them."""
    text = escape(answer.answer)
    placed = {index for theme in answer.themes for index in theme.citations}
    blocks: list[Block] = [] if answer.themes else [*sections(text)]
    for theme in answer.themes:
        heading = f"*{escape(theme.label)}* · {plural(theme.participants, 'participant')}"
        blocks.extend(sections(heading))
        blocks.extend(
            quote_block(answer.citations[i]) for i in theme.citations if i < len(answer.citations)
        )
    blocks.extend(
        quote_block(citation)
        for index, citation in enumerate(answer.citations)
        if index not in placed
    )
    blocks.append(context(_coverage(answer)))
    return paginate(text, blocks)


def _coverage(answer: Answer) -> str:
    if not answer.citations:
        return "No quote in the evidence you can see answers this; nothing was made up."
    people = {c.participant for c in answer.citations}
    files = {c.source for c in answer.citations}
    parts = [
        f"{plural(len(answer.citations), 'quote')} from {plural(len(people), 'participant')}",
        f"in {plural(len(files), 'source')}",
        f"engine: {escape(answer.engine)}",
    ]
    if answer.quotes_dropped:
        parts.append(f"{answer.quotes_dropped} unverifiable quote(s) left out")
    return " · ".join(parts)
