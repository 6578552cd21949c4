"""A reply that says the interviewer's word back and denies it ("Hassle, nah, ...") reads
as the denial, not as the word; problem verbs used as nouns ("my stop") read neutral."""

from __future__ import annotations

import pytest

from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.quote_choice import rejected_words

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
