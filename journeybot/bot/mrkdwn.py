"""Making untrusted text safe to show in Slack mrkdwn.

Transcripts are written by people outside the team; a quote must never ping a channel,
link somewhere, or change how the rest of the message renders. Slack's own rule covers
``&``, ``<`` and ``>``; on top of that, formatting markers (``*``, ``_``, ``~``, a
backtick) are wrapped in zero-width spaces so they sit inside a word and Slack shows them
as the characters they are. Quotes themselves go out as ``rich_text``, which Slack never
parses; ``escape_entities`` is for our own sentences, which people copy setting names from.
"""

from __future__ import annotations

import html
import re

#: Slack caps a section block's text at this many characters.
SECTION_TEXT_LIMIT = 3000

ZERO_WIDTH = "\u200b"
_FORMAT_MARKERS = re.compile(r"[*_~`]")
_USER_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")


def escape(text: str) -> str:
    """Text shown literally inside mrkdwn: no mentions, links or formatting."""
    return _FORMAT_MARKERS.sub(
        lambda m: f"{ZERO_WIDTH}{m.group()}{ZERO_WIDTH}", escape_entities(text)
    )


def escape_entities(text: str) -> str:
    """Slack's own rule: no mentions or links. For our messages, which people copy from
    (setting names keep their underscores free of invisible characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """What the user typed, from Slack's escaped message or command text."""
    return html.unescape(text)


def strip_user_mentions(text: str) -> str:
    """A message's words without ``<@U123>`` mentions, e.g. of the bot itself."""
    return " ".join(_USER_MENTION.sub(" ", text).split())


def split_text(text: str, limit: int = SECTION_TEXT_LIMIT) -> list[str]:
    """Cut text into pieces of at most ``limit`` characters; joined, they are ``text``.

    Cuts prefer a line break, then a space, and never fall inside an ``&amp;``-style
    entity, so escaped text stays escaped in every piece.
    """
    if limit < 16:
        raise ValueError("limit too small to split safely")
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n"), window.rfind(" ")) + 1
        if cut <= limit // 2:
            cut = limit
            tail = _ENTITY_TAIL.search(window)
            if tail and tail.start() > 0:
                cut = tail.start()
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest or not pieces:
        pieces.append(rest)
    return pieces
