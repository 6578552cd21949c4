"""Transcript text is shown literally: it pings nobody, links nowhere, formats nothing."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeybot.bot.mrkdwn import ZERO_WIDTH, escape
from tests.bot.harness import BotHarness, ingest, interview, mrkdwn_texts, quoted, wait_answer

NASTY = "<!channel> ask <@U123> about <http://evil.example|this> *now* & 5 < 6 > 4 _a_ ~b~ `c`"
CHANNEL = "CESCAPE"


@pytest.fixture
def workspace(real_workspace: Any) -> Any:
    """These rules are checked against the real Workspace, not a stand-in."""
    return real_workspace


def test_escape_leaves_no_control_sequences() -> None:
    shown = escape(NASTY)
    assert "<" not in shown and ">" not in shown
    assert "&amp;" in shown and "&lt;!channel&gt;" in shown
    for marker in "*_~`":
        assert re.search(rf"(?<!{ZERO_WIDTH}){re.escape(marker)}", shown) is None
        assert re.search(rf"{re.escape(marker)}(?!{ZERO_WIDTH})", shown) is None


@given(st.text())
def test_escape_is_reversible_and_never_emits_brackets(text: str) -> None:
    shown = escape(text)
    assert "<" not in shown and ">" not in shown
    assert html.unescape(shown.replace(ZERO_WIDTH, "")) == text.replace(ZERO_WIDTH, "")


def test_quotes_reach_slack_literally_and_ping_nobody(bot: BotHarness) -> None:
    transcript = interview("Zoe", NASTY, "Nothing more to add about the reports.")
    final = ingest(bot, CHANNEL, "URES", {"<!here> *notes*.txt": transcript})
    for text in mrkdwn_texts(final.args):
        assert "<!here>" not in text and "*notes*" not in text

    ts = bot.mention(CHANNEL, "URES", "what should we ask about now?")
    answer = wait_answer(bot.fake, CHANNEL, ts).args
    assert NASTY in quoted(answer["blocks"])
    for text in mrkdwn_texts(answer):
        assert not re.search(r"<[!@#]|<http", text), text
    kinds = {
        element["type"]
        for block in answer["blocks"]
        if block["type"] == "rich_text"
        for part in block["elements"]
        for element in part["elements"]
    }
    assert kinds <= {"text", "link"}  # no user, channel or broadcast elements
