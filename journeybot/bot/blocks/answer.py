"""An answer to a question: the answer text, then every cited quote with attribution."""

from __future__ import annotations

from journeybot.bot.blocks.common import Block, context, plural, quote_block, sections
from journeybot.bot.blocks.limits import Message, paginate
from journeybot.bot.mrkdwn import escape
from journeybot.core.models import Answer


def answer_messages(answer: Answer) -> list[Message]:
    text = escape(answer.answer)
    blocks: list[Block] = [*sections(text)]
    blocks.extend(quote_block(citation) for citation in answer.citations)
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
