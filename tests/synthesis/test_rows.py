"""Sorting sentences into journey-map rows by how people talk."""

from __future__ import annotations

import pytest

from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.rows import Row, classify, only_a_feeling

SCORER = PolarityScorer()

CASES: list[tuple[str, set[Row], set[Row]]] = [
    ("I went to their website and booked a demo.", {Row.ACTION}, {Row.PAIN, Row.FEELING}),
    ("We export the invoices every Friday.", {Row.ACTION}, {Row.PAIN}),
    ("I called them twice and nobody picked up.", {Row.ACTION, Row.PAIN}, set()),
    ("I assumed the import would keep my categories.", {Row.THOUGHT}, {Row.ACTION}),
    ("I wondered whether clients would trust it.", {Row.THOUGHT}, set()),
    ("I was so relieved when the first invoice went out.", {Row.FEELING}, {Row.PAIN}),
    ("Honestly I was gutted, it lost a week of my work.", {Row.FEELING, Row.PAIN}, set()),
    ("The bank feed kept duplicating transactions, a nightmare.", {Row.PAIN}, set()),
    ("What I needed was one place to see every project.", {Row.GOAL}, {Row.PAIN}),
    ("The weather was nice that week.", set(), {Row.PAIN, Row.ACTION, Row.THOUGHT}),
    ("When a direct debit fails, because someone's not got the money.", {Row.PAIN}, set()),
    # A want naming a period is no habit: "monthly" here is what they did not want.
    ("I wanted it done, not another monthly thing going out.", {Row.GOAL}, {Row.ACTION}),
    ("Every Friday I check what has been paid.", {Row.ACTION}, {Row.GOAL}),
    # A feeling with nothing it is about is shown as a feeling, never as a problem.
    ("But I was more cross than anything.", {Row.FEELING}, {Row.PAIN}),
    ("I was more worried than cross, I think.", {Row.FEELING}, {Row.PAIN}),
]


@pytest.mark.parametrize(("text", "present", "absent"), CASES)
def test_rows_from_wording(text: str, present: set[Row], absent: set[Row]) -> None:
    rows = classify(text, SCORER.score(text))
    assert present <= rows, rows
    assert not (absent & rows), rows


def test_a_feeling_needs_a_feeling() -> None:
    neutral = "I love Mondays is what the poster in the office says."
    assert Row.FEELING not in classify(neutral, 0.0)


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("but i was more cross than anything.", True),
        ("honestly i was absolutely gutted.", True),
        ("it was a nightmare.", True),
        ("i was furious, i had to call them three times.", False),
        ("it was a nightmare getting through to anyone.", False),
        ("i was so stressed about the bill.", False),
        ("the app crashed again.", False),  # no feeling at all: not this test's business
    ],
)
def test_a_feeling_about_nothing_named_is_only_a_feeling(text: str, alone: bool) -> None:
    assert only_a_feeling(text) is alone
