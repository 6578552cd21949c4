"""A claim on the terminal shows two quotes; the others are counted and named, so a claim
"[3 participants]" never looks as if its third person were missing."""

from __future__ import annotations

import io

from rich.console import Console

from journeybot.core.models import Citation, Claim
from journeybot.service.render import claims_block


def _cite(person: str, quote: str) -> Citation:
    return Citation(
        quote=quote,
        participant=person,
        source=f"{person.lower()}.txt",
        location="line 4",
        segment_id=f"{person}:0-10",
    )


def _page(citations: list[Citation]) -> str:
    claim = Claim(
        id="help-pain-1",
        text="I had to use the chat in the end",
        citations=citations,
        participants=len({c.participant for c in citations}),
    )
    out = io.StringIO()
    block = claims_block("Pain points", [claim])
    assert block is not None
    Console(file=out, width=120, emoji=False).print(block)
    return out.getvalue()


def test_quotes_past_the_second_are_counted_and_named() -> None:
    page = _page(
        [
            _cite("Carys", "I had to use the chat in the end."),
            _cite("Helen", "I had to get him on the chat."),
            _cite("Dawn", "You can't ring them, you go through the chat."),
            _cite("Dawn", "The chat took a day."),
        ]
    )
    assert "[3 participants]" in page
    assert "Helen" in page and "You can't ring them" not in page
    assert "+ 2 more quotes, from Dawn (--json and the Word export show all)" in page


def test_two_quotes_need_no_count() -> None:
    page = _page([_cite("Carys", "I had to use the chat."), _cite("Helen", "Me too, the chat.")])
    assert "more quote" not in page
