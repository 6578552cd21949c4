"""Which thread replies count as follow-up questions."""

from __future__ import annotations

import pytest

from journeybot.bot.asking import looks_like_question
from journeybot.bot.threads import AnsweredThreads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What about ICE plots?", True),
        ("and how did P3 feel about onboarding", True),
        ("<@U0BOT> anything on pricing", True),
        ("Is that from the diary study?", True),
        ("thanks, that's useful", False),
        ("Nice one :tada:", False),
        ("I'll add these to the deck", False),
    ],
)
def test_only_questions_are_follow_ups(text: str, expected: bool) -> None:
    assert looks_like_question(text) is expected


def test_answered_threads_forget_the_oldest_beyond_their_limit() -> None:
    threads = AnsweredThreads(limit=2)
    threads.add("C1", "1.0")
    threads.add("C1", "2.0")
    threads.add("C1", "1.0")  # answered again: now the most recent
    threads.add("C2", "3.0")
    assert threads.answered("C1", "1.0") and threads.answered("C2", "3.0")
    assert not threads.answered("C1", "2.0")
    assert not threads.answered("C2", "1.0")  # a thread belongs to its channel
