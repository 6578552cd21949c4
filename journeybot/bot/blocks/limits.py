"""Fitting rendered blocks into Slack messages without dropping any.

Slack refuses a message with more than 50 blocks; long results become several messages
posted in order (in a thread), each saying which part it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeybot.bot.blocks.common import Block, context
from journeybot.bot.mrkdwn import split_text

MESSAGE_BLOCK_LIMIT = 50
#: Slack shows at most this much of the notification text; blocks carry the content.
FALLBACK_TEXT_LIMIT = 300


@dataclass(frozen=True)
class Message:
    """One chat message: notification text plus its blocks."""

    text: str
    blocks: list[Block]


def paginate(text: str, blocks: list[Block], limit: int = MESSAGE_BLOCK_LIMIT) -> list[Message]:
    """Split ``blocks`` into messages of at most ``limit`` blocks, numbered when split."""
    fallback = _fallback(text)
    if len(blocks) <= limit:
        return [Message(fallback, blocks)]
    per_page = limit - 1  # room for the "part i of n" line
    chunks = [blocks[i : i + per_page] for i in range(0, len(blocks), per_page)]
    total = len(chunks)
    return [
        Message(
            f"{fallback} (part {index} of {total})",
            [*chunk, context(f"Part {index} of {total}")],
        )
        for index, chunk in enumerate(chunks, start=1)
    ]


def _fallback(text: str) -> str:
    if len(text) <= FALLBACK_TEXT_LIMIT:
        return text
    return split_text(text, FALLBACK_TEXT_LIMIT - 1)[0].rstrip() + "…"
