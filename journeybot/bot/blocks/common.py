"""Block primitives that respect Slack's limits by construction.

Quotes are rendered as ``rich_text`` elements: their text is literal by definition, so a
transcript line such as ``<!channel>`` or ``*urgent*`` shows exactly as said and pings
nobody. Everything else written in mrkdwn goes through ``mrkdwn.escape`` first.
"""

from __future__ import annotations

from typing import Any

from journeybot.bot.mrkdwn import SECTION_TEXT_LIMIT, escape, split_text
from journeybot.core.models import Citation, Claim

Block = dict[str, Any]

HEADER_TEXT_LIMIT = 150
CONTEXT_ELEMENTS_LIMIT = 10
#: Quotes shown under one claim in Slack; the Word export carries all of them.
QUOTES_PER_CLAIM = 2


def sections(mrkdwn: str) -> list[Block]:
    """One or more section blocks holding all of ``mrkdwn`` (already escaped)."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in split_text(mrkdwn, SECTION_TEXT_LIMIT)
        if piece.strip()
    ]


def header(text: str) -> Block:
    """A header, or a bold section when the text is too long for a header block."""
    if len(text) <= HEADER_TEXT_LIMIT:
        return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}
    return sections(f"*{escape(text)}*")[0]


def context(*mrkdwn_parts: str) -> Block:
    parts = [p for p in mrkdwn_parts if p][:CONTEXT_ELEMENTS_LIMIT]
    return {
        "type": "context",
        "elements": [
            {"type": "mrkdwn", "text": split_text(p, SECTION_TEXT_LIMIT)[0]} for p in parts
        ],
    }


def divider() -> Block:
    return {"type": "divider"}


def _text(text: str, **style: bool) -> list[dict[str, Any]]:
    """Literal rich-text runs, cut so no single run exceeds the section limit."""
    runs: list[dict[str, Any]] = []
    for piece in split_text(text, SECTION_TEXT_LIMIT):
        run: dict[str, Any] = {"type": "text", "text": piece}
        if style:
            run["style"] = style
        runs.append(run)
    return runs


def attribution(citation: Citation) -> list[dict[str, Any]]:
    """Who said it, in which file, where, and a link to where the file was shared."""
    elements = [
        *_text(citation.attribution, bold=True),
        *_text(f" · {citation.source} · {citation.location}"),
    ]
    if citation.permalink:
        elements.append({"type": "text", "text": " · "})
        elements.append({"type": "link", "url": citation.permalink, "text": "where it was shared"})
    return elements


def quote_elements(citation: Citation) -> list[dict[str, Any]]:
    return [
        {"type": "rich_text_quote", "elements": _text(citation.quote)},
        {"type": "rich_text_section", "elements": attribution(citation)},
    ]


def quote_block(citation: Citation) -> Block:
    """A verbatim quote with its attribution, as one literal rich-text block."""
    return {"type": "rich_text", "elements": quote_elements(citation)}


def claim_block(claim: Claim, *, polarity: float | None = None) -> Block:
    """A claim and the evidence behind it, in one block; extra quotes are counted."""
    label = claim.text
    if polarity is not None:
        label = f"{label} ({polarity:+.2f})"
    summary = _evidence_summary(claim)
    elements: list[dict[str, Any]] = [
        {"type": "rich_text_section", "elements": [*_text(label, bold=True), *_text(summary)]}
    ]
    for citation in claim.citations[:QUOTES_PER_CLAIM]:
        elements.extend(quote_elements(citation))
    hidden = len(claim.citations) - QUOTES_PER_CLAIM
    if hidden > 0:
        more = f"{hidden} more quote{'s' if hidden != 1 else ''} in the Word export"
        elements.append({"type": "rich_text_section", "elements": _text(more, italic=True)})
    return {"type": "rich_text", "elements": elements}


def _evidence_summary(claim: Claim) -> str:
    if not claim.supported or not claim.citations:
        return "  (unsupported: no verified quote)"
    people = f"{claim.participants} participant{'s' if claim.participants != 1 else ''}"
    thin = ", thin evidence" if claim.thin else ""
    reviewed = "" if claim.status.value == "unreviewed" else f", {claim.status.value}"
    return f"  ({people}{thin}{reviewed})"


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural_word or word + 's')}"
