"""Slack's limits (3,000 characters per section, 50 blocks per message) lose no content."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journeybot.bot.blocks.common import sections
from journeybot.bot.blocks.limits import MESSAGE_BLOCK_LIMIT, paginate
from journeybot.bot.blocks.study import HOME_BLOCK_LIMIT, home_view
from journeybot.bot.mrkdwn import SECTION_TEXT_LIMIT, escape, split_text
from journeybot.core.models import Answer, Citation
from journeybot.service.records import StudySummary
from tests.bot.harness import BotHarness, answers_in, quoted

CHANNEL = "CLIMITS"


@given(st.text(alphabet=st.sampled_from("ab &<>\n*"), max_size=400), st.integers(16, 120))
def test_split_text_keeps_everything_within_the_limit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)


@given(st.text(alphabet=st.sampled_from("a&<> "), max_size=300), st.integers(16, 60))
def test_split_never_cuts_an_escaped_entity(text: str, limit: int) -> None:
    for piece in split_text(escape(text), limit):
        tail = piece[piece.rfind("&") :] if "&" in piece else ""
        assert not tail or ";" in tail


def test_paginate_numbers_parts_and_keeps_order() -> None:
    blocks = [b for i in range(120) for b in sections(f"block {i}")]
    messages = paginate("long", blocks)
    assert [len(m.blocks) for m in messages] == [50, 50, 23]
    kept = [b for m in messages for b in m.blocks if b["type"] == "section"]
    assert kept == blocks
    assert messages[2].text == "long (part 3 of 3)"


def test_a_huge_answer_is_split_across_messages_without_loss(bot: BotHarness) -> None:
    long_answer = " ".join(f"Finding {i} & detail <{i}>." for i in range(400))
    citations = [
        Citation(
            quote=f"Quote number {i}: the export broke again.",
            participant=f"P{i % 7}",
            source="big.txt",
            location=f"line {i}",
            segment_id=f"s{i}",
        )
        for i in range(120)
    ]
    assert len(long_answer) > 2 * SECTION_TEXT_LIMIT
    bot.workspace.next_answer = Answer(question="q", answer=long_answer, citations=citations)
    bot.workspace.link_channel(CHANNEL, CHANNEL)

    ts = bot.mention(CHANNEL, "UASK", "tell me everything")
    bot.fake.wait_for("chat.postMessage", lambda c: "(part 3 of 3)" in c.args["text"])
    first = answers_in(bot.fake, CHANNEL, ts)
    assert len(first) == 3
    for message in first:
        assert len(message["blocks"]) <= MESSAGE_BLOCK_LIMIT
        for block in message["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= SECTION_TEXT_LIMIT
    shown = "".join(b["text"]["text"] for m in first for b in m["blocks"] if b["type"] == "section")
    assert shown == escape(long_answer)
    assert [q for m in first for q in quoted(m["blocks"])] == [c.quote for c in citations]


def test_the_home_view_stays_within_100_blocks_and_says_what_it_left_out() -> None:
    summaries = [
        StudySummary(
            study=f"study-{i}",
            sources=1,
            participants=["P1"],
            segments=3,
            channels=[f"C{i}"],
            last_personas_at=None,
            last_map_at=None,
        )
        for i in range(60)
    ]
    view = home_view(summaries, {})
    assert len(view["blocks"]) <= HOME_BLOCK_LIMIT
    shown = sum("*study-" in str(b) for b in view["blocks"])
    assert f"{60 - shown} more studies not shown here" in str(view["blocks"])
