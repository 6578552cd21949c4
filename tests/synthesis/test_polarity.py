"""Research-talk polarity: the cases a general lexicon scorer gets wrong."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.synthesis.polarity import NEUTRAL_BAND, PolarityScorer

SCORER = PolarityScorer()

# (participant words, the question they answer, expected reading)
# "not_negative" = neutral or positive: what a denied leading question must read as.
CASES: list[tuple[str, str, str]] = [
    ("The export was a nightmare and I nearly cancelled.", "", "negative"),
    ("It was fine, but the import took ages.", "", "negative"),
    ("It was awful at first, but now it just works.", "", "positive"),
    ("Although it was cheap, the setup was awful.", "", "negative"),
    # "though" ending a clause sets it against what came before, not against what follows.
    ("Customer accepted it online though, which was slick.", "", "positive"),
    ("The seat thing's good, though, you can pick a window on a little map.", "", "positive"),
    ("It was a bit pricey though, which annoyed me.", "", "negative"),
    ("The staff were lovely, though it took three visits to get it signed.", "", "negative"),
    ("I liked it, though the app was slow.", "", "negative"),
    ("The new checkout is slick.", "", "positive"),
    ("I was more cross than anything.", "", "negative"),
    ("Honestly I was gutted when it lost my changes.", "", "negative"),
    ("I was relieved when it finally worked.", "", "positive"),
    ("I had to call them three times before anyone helped.", "", "negative"),
    ("I gave up and went back to a spreadsheet.", "", "negative"),
    ("We use a workaround with the notes field.", "", "negative"),
    ("I waited two weeks for a reply.", "", "negative"),
    ("I couldn't find where to change the date.", "", "negative"),
    ("The menus were confusing.", "", "negative"),
    ("I never had to call them.", "", "not_negative"),
    ("I wouldn't say it was frustrating.", "", "not_negative"),
    ("It wasn't confusing at all.", "", "not_negative"),
    ("No, not really.", "Was that frustrating?", "not_negative"),
    ("No, not at all.", "Did that worry you?", "not_negative"),
    ("Nope.", "Was the import confusing?", "not_negative"),
    ("Yeah, a bit.", "Was that frustrating?", "negative"),
    ("Yes, very.", "Was it easy to set up?", "positive"),
    ("No, it was fine actually.", "Was that confusing?", "positive"),
    ("I went to their website and signed up.", "", "neutral"),
    ("We export it to Excel every Friday.", "", "neutral"),
    ("Yeah, okay, so, um.", "", "neutral"),
    ("I'd like to see a dark mode.", "", "neutral"),
    ("I like that I can see all my clients in one place.", "", "positive"),
    ("It saved me hours every month.", "", "positive"),
    ("Support sorted it the same day.", "", "positive"),
    # A reply that opens on a feeling word reports the speaker's own feeling.
    ("Mortified. Because I'd recommended it.", "", "negative"),
    ("Cross with myself for sending them all at once.", "", "negative"),
    ("Relieved. It had all gone through.", "", "positive"),
    # A rhetorical "why doesn't it" after "but" is the complaint that counts.
    ("Relieved, but why doesn't the app just show that?", "", "negative"),
    ("Victoria, why don't you introduce yourself?", "", "neutral"),
    # Someone else's verdict, reported, is not the speaker's feeling.
    ("People like Kev always say things are brilliant.", "", "neutral"),
    ("They told me it was easy and I was furious.", "", "negative"),
    ("Which is brilliant, but the money doesn't arrive for days.", "", "negative"),
    ("22 of 25 paid, which is brilliant, but the money doesn't land until Friday.", "", "negative"),
    # Problem words inside a pleasant surprise are the expectation, not the event.
    (
        "Connected the bank feed, which took about a minute, I was expecting a fight.",
        "",
        "positive",
    ),
    ("It even told me which rows had problems and let me fix them.", "", "positive"),
    ("It didn't let me fix them, I had to start again.", "", "negative"),
    ("The import took three days to go through.", "", "negative"),
]


@pytest.mark.parametrize(("text", "context", "expected"), CASES)
def test_research_talk_polarity(text: str, context: str, expected: str) -> None:
    score = SCORER.score(text, context)
    label = SCORER.label(score)
    if expected == "not_negative":
        assert label != "negative", score
    else:
        assert label == expected, score
    if expected == "neutral":
        assert score == 0.0


def test_the_question_alone_never_decides() -> None:
    asked = "Was that frustrating?"
    assert SCORER.score("No, not really.", asked) >= 0.0
    assert SCORER.score("Yes, it really was.", asked) < 0.0
    # Without a question, a bare "no" carries no feeling at all.
    assert SCORER.score("No, not really.") == 0.0


def test_hedges_soften_and_boosters_strengthen() -> None:
    hedged = SCORER.score("It was a bit confusing.")
    plain = SCORER.score("It was confusing.")
    boosted = SCORER.score("It was really confusing.")
    assert hedged < 0 and plain < 0 and boosted < 0
    assert abs(hedged) < abs(plain) < abs(boosted)


def test_clause_after_but_dominates() -> None:
    assert SCORER.score("The setup was easy, but the reports are useless.") < 0
    assert SCORER.score("The reports are useless, but the setup was easy.") > 0


def test_planted_quotes_read_with_their_planted_polarity(planted_key: dict[str, Any]) -> None:
    quotes = planted_key["quotes"]
    right = sum(SCORER.label(SCORER.score(q["quote"])) == q["polarity"] for q in quotes)
    # The cue lists were tuned on this corpus, so this guards against regressions
    # rather than measuring accuracy on unseen talk.
    assert right / len(quotes) >= 0.8


def test_planted_leading_questions_answered_no(planted_key: dict[str, Any]) -> None:
    for reply in planted_key["leading_replies"]:
        assert SCORER.score(reply["reply"], reply["question"]) >= 0.0, reply


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), context=st.text(max_size=120))
def test_scores_are_bounded_deterministic_and_banded(text: str, context: str) -> None:
    first = SCORER.score(text, context)
    assert -1.0 <= first <= 1.0
    assert first == SCORER.score(text, context)
    assert first == 0.0 or abs(first) >= NEUTRAL_BAND


def test_a_sentence_is_scored_once_however_often_drafting_reads_it() -> None:
    """Personas and their maps read the same sentences again; the second read is kept."""
    from journeybot.synthesis import polarity

    text = "The invoice went to the wrong address, twice, and nobody noticed for a month."
    first = polarity.PolarityScorer().score(text, "What went wrong?")
    hits = polarity._score.cache_info().hits
    assert polarity.PolarityScorer().score(text, "What went wrong?") == first
    assert polarity._score.cache_info().hits == hits + 1
