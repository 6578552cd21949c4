"""Which sentences back a pain point: stated problems lead, told ones may stand beside."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.synthesis.extractive.row_themes import (
    CORROBORATION_SURE,
    can_back,
    corroborates,
    row_themes,
)
from journeybot.synthesis.extractive.themes import ThemeFinder
from journeybot.synthesis.polarity import LABEL_THRESHOLD
from journeybot.synthesis.rows import Reading, Row
from journeybot.synthesis.terms import TermIndex
from tests.synthesis.planted_corpus import a_reading


def _reading(
    index: int,
    who: str,
    text: str,
    *,
    polarity: float = -0.3,
    rows: frozenset[Row] = frozenset(),
) -> Reading:
    """A complaint the classifier is fairly sure of, unless the caller says otherwise."""
    return a_reading(index, who, text, polarity=polarity, rows=rows, complaint=0.7)


STATED = frozenset({Row.PAIN})
PACKAGING = [
    _reading(
        0,
        "Kirsty",
        "The recycling bin is full by Wednesday with all the cardboard and the ice packs.",
        polarity=-0.6,
        rows=STATED,
    ),
    _reading(1, "Hollie", "Every little thing comes in its own plastic bag, and the ice packs."),
    _reading(2, "Anya", "Every week a massive box, two ice packs and a pile of plastic bags."),
    _reading(3, "Rajesh", "Our train was cancelled twice on the way home in one week."),
    _reading(4, "Rajesh", "The train home was cancelled twice that week, both times."),
]


def _finder(readings: list[Reading]) -> ThemeFinder:
    """Meaning as a test embedder would give it: one direction per topic (trains or not)."""
    terms = TermIndex(r.text for r in readings)
    vectors = np.array(
        [[0.0, 1.0] if "train" in r.text else [1.0, 0.0] for r in readings], dtype=np.float32
    )
    return ThemeFinder(readings, vectors, terms)


def test_a_complaint_told_as_what_happened_stands_beside_a_stated_one() -> None:
    themes = row_themes(_finder(PACKAGING), PACKAGING, range(len(PACKAGING)), Row.PAIN)
    (packaging,) = themes  # the trains theme has no stated problem: it is no pain point
    assert set(packaging.participants) == {"Kirsty", "Hollie", "Anya"}
    assert packaging.lead[0] == 0  # the stated problem leads and words the claim


def test_without_a_stated_problem_told_complaints_make_no_pain_point() -> None:
    told = PACKAGING[1:3]
    reindexed = [dataclasses.replace(r, index=i) for i, r in enumerate(told)]
    assert row_themes(_finder(reindexed), reindexed, range(2), Row.PAIN) == []


def test_what_may_stand_beside_a_stated_problem() -> None:
    told = PACKAGING[1]
    assert corroborates(told)
    assert not corroborates(dataclasses.replace(told, complaint=CORROBORATION_SURE - 0.01))
    assert not corroborates(dataclasses.replace(told, polarity=0.0))
    assert not corroborates(dataclasses.replace(told, echo=True))
    assert not corroborates(dataclasses.replace(told, rows=frozenset({Row.ACTION})))
    denial = dataclasses.replace(told, text="No problems at all with the plastic bags, honestly.")
    assert not corroborates(denial)


@settings(max_examples=60, deadline=None)
@given(
    polarity=st.floats(min_value=-LABEL_THRESHOLD, max_value=1.0, exclude_min=True),
    rows=st.frozensets(st.sampled_from(list(Row))),
)
def test_nothing_read_as_praise_or_neutral_backs_a_pain_point(
    polarity: float, rows: frozenset[Row]
) -> None:
    praise = _reading(0, "Dennis", "The two lads had the bed up both flights in no time.")
    assert not can_back(dataclasses.replace(praise, polarity=polarity, rows=rows), Row.PAIN)


def test_a_fact_told_in_problem_words_backs_a_pain_point_only_when_read_negative() -> None:
    fact = _reading(
        0,
        "Margaret",
        "She paid the twenty-pound booking fee on her card and I gave her the cash.",
        polarity=0.0,
        rows=STATED,
    )
    assert not can_back(fact, Row.PAIN)
    assert can_back(dataclasses.replace(fact, polarity=-LABEL_THRESHOLD), Row.PAIN)
    assert can_back(dataclasses.replace(fact, rows=frozenset({Row.ACTION})), Row.ACTION)
