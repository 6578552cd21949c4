"""A reply that says the interviewer's word back and denies it ("Hassle, nah, ...") reads
as the denial, not as the word; problem verbs used as nouns ("my stop") read neutral."""

from __future__ import annotations

import pytest

from journeybot.core.models import Segment
from journeybot.synthesis.extractive.claims import ClaimMaker
from journeybot.synthesis.extractive.themes import Theme
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.quote_choice import rejected_words
from journeybot.synthesis.rows import Row, read_segments
from journeybot.synthesis.verify import CitationVerifier
from tests.synthesis.planted_corpus import lone_segment

SCORER = PolarityScorer()


@pytest.mark.parametrize(
    ("reply", "question"),
    [
        (
            "Hassle, nah, the code came through straight after I paid, and it was sat "
            "there on the home screen the next morning.",
            "Was it a hassle getting it onto your phone?",
        ),
        (
            "A hassle? No, I did it on the bus home from work and it was all done before my stop.",
            "And was signing up a hassle?",
        ),
        ("Stressful? God, no, I'd done it all the night before.", "Was moving stressful?"),
        ("Confusing, nope, I just followed the arrows.", "Was the form confusing at all?"),
        (
            "Worried about losing them, no, my son had copied every photo to the cloud "
            "the week before.",
            "Were you worried about losing the photos?",
        ),
    ],
)
def test_the_question_word_said_back_and_denied_is_no_complaint(reply: str, question: str) -> None:
    assert SCORER.label(SCORER.score(reply, question)) == "positive"


@pytest.mark.parametrize(
    ("reply", "question", "label"),
    [
        # agreeing with the word keeps it
        ("Hassle, yes, it took me three weeks to get the code.", "Was it a hassle?", "negative"),
        # a denial with a complaint of its own is that complaint
        ("Slow, no, but the price was awful.", "Was it slow?", "negative"),
        # the opening word is not the question's: nothing is turned down
        ("Awful, no other word for it, I waited a month.", "How was the refund?", "negative"),
    ],
)
def test_only_a_denied_echo_of_the_question_is_read_as_a_denial(
    reply: str, question: str, label: str
) -> None:
    assert SCORER.label(SCORER.score(reply, question)) == label


def test_the_denied_word_is_one_the_speaker_turned_down() -> None:
    assert rejected_words("Hassle, nah, the code came straight through") == {"hassle"}
    assert rejected_words("A hassle? No, I did it on the bus") == {"hassle"}
    assert rejected_words("Yeah, no, it was fine") == set()
    assert rejected_words("Honestly, no.") == set()
    # the word said back with the question's words after it, then denied
    assert rejected_words("Worried about losing them, no, it was all backed up") == {"worried"}
    # ... a feeling's word only: nothing is turned down here
    assert rejected_words("Got it back in two days, no problem at all") == set()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I did it on the bus and it was all finished before my stop.", "neutral"),
        ("We live in a block of flats by the station.", "neutral"),
        ("I just wanted the noise to stop.", "negative"),
        ("Make it stop.", "negative"),
    ],
)
def test_a_problem_verb_used_as_a_noun_is_no_problem(text: str, label: str) -> None:
    assert SCORER.label(SCORER.score(text)) == label


def test_a_denied_echo_is_no_pain_point_even_with_a_story_after_it() -> None:
    """The question's word, said back and denied, is not the speaker's: the sentence's
    rows go by what follows the denial."""
    segment = _with(
        lone_segment(
            "Annoying, nah, it came through the letterbox on the Thursday and I'd half "
            "forgotten I'd even ordered it."
        ),
        prompt="Was it annoying, waiting for the SIM to turn up?",
    )
    (reading,) = read_segments([segment], SCORER)
    assert Row.PAIN not in reading.rows


def test_a_denied_echo_with_a_verdict_of_its_own_reads_as_that_verdict() -> None:
    reply = "Confusing, no, it says three hundred minutes, I use maybe two hundred, it's simple."
    question = "Was it confusing, working out the international minutes?"
    assert SCORER.label(SCORER.score(reply, question)) == "positive"
    assert SCORER.label(SCORER.score(reply)) == "negative"  # without the question, unknown


def test_a_quote_that_turns_a_word_down_backs_no_claim_worded_with_it() -> None:
    """ "Annoyed, nah, gutted more like" is a complaint, but not one of being annoyed:
    under a claim that says "annoyed" it is left out, and its speaker not counted."""
    segments = [
        _with(
            lone_segment("I was just annoyed that I had to chase the refund three times.", turn=1),
            participant="P1",
        ),
        _with(
            lone_segment(
                "Annoyed, nah, gutted more like, because the price went up again.", turn=2
            ),
            participant="P2",
        ),
        _with(
            lone_segment("I was annoyed they never rang back about the refund.", turn=3),
            participant="P3",
        ),
    ]
    readings = read_segments(segments, SCORER)
    maker = ClaimMaker("lone", CitationVerifier(segments), readings)
    theme = Theme(
        members=(0, 1, 2),
        lead=(0, 1, 2),
        participants=("P1", "P2", "P3"),
        terms=(),
        polarity=-0.5,
        strength=1.0,
    )
    claim = maker.from_theme(
        theme, scope="stage:support", kind="pain_points", text=lambda h: h.label(), row=Row.PAIN
    )
    assert claim is not None and "annoyed" in claim.text
    assert [c.participant for c in claim.citations] == ["P1", "P3"]
    assert claim.participants == 2
    assert [c.participant for c in maker.cited] == ["P1", "P3"]


def _with(segment: Segment, **fields: str) -> Segment:
    return segment.model_copy(update=fields)


def test_a_denied_echo_read_by_the_anchors_keeps_no_problem_row() -> None:
    from journeybot.synthesis.extractive.polarity_anchors import _signed

    reply = (
        "Worried, no, not really, the gate was only five minutes away and they hadn't "
        "even started boarding."
    )
    asked = "Were you worried you'd miss the flight?"
    (reading,) = read_segments([lone_segment(reply).model_copy(update={"context": asked})], SCORER)
    signed = _signed(reading, -0.3, asked)
    assert Row.FEELING not in signed.rows
    assert Row.FEELING in _signed(reading, -0.3, "").rows  # read whole, "worried" is a feeling
