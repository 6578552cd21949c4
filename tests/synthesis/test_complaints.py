"""Opportunities worded from what a complaint says was missing: what people could not
do, were not told or had to do themselves."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeybot.synthesis.extractive.complaints import complaint_question
from journeybot.synthesis.extractive.headlines import Headline
from journeybot.synthesis.extractive.journey import opportunity_text
from journeybot.synthesis.stopwords import word_set


@pytest.mark.parametrize(
    ("complaint", "question"),
    [
        (
            "I couldn't see if my wages had gone in or move anything into rent",
            "How might we let people see if their wages had gone in or move anything into rent?",
        ),
        (
            "and I can't pay you by direct debit?",
            "How might we let people pay us by direct debit?",
        ),
        (
            "But nobody had told me that one key was doing two jobs",
            "How might we make sure people are told that one key was doing two jobs?",
        ),
        (
            "I didn't really know what an API key was.",
            "How might we make sure people know what an API key was?",
        ),
        (
            "I had to ring them three times, because nobody picked up",
            "How might we spare people having to ring them three times?",
        ),
        (
            "then I had to phone the helpline and I was on hold for forty minutes",
            "How might we spare people having to phone the helpline?",
        ),
        (
            "so I had to go back out to the desk by check-in, and the queue was huge",
            "How might we spare people having to go back out to the desk by check-in?",
        ),
        (
            "And you have to go back and forth to the detailed plot to see what's going on.",
            "How might we spare people having to go back and forth to the detailed plot to "
            "see what's going on?",
        ),
        (
            "There's no phone number, you have to go through the chat, and it took three days",
            "How might we spare people having to go through the chat?",
        ),
        (
            "You have to click through five screens to change your address.",
            "How might we spare people having to click through five screens to change their "
            "address?",
        ),
        (
            "The app won't let you book a camp if your child has a medical flag.",
            "How might we let people book a camp if their child has a medical flag?",
        ),
        (
            "The app doesn't let you book two pets at once.",
            "How might we let people book two pets at once?",
        ),
        (
            "There was no way to change the date without ringing.",
            "How might we give people a way to change the date without ringing?",
        ),
        # When it came to it is no part of the chore; repeating it is.
        (
            "I had to ring the surgery in the end, anyway.",
            "How might we spare people having to ring the surgery?",
        ),
        (
            "We had to re-enter the meter reading again, every time.",
            "How might we spare people having to re-enter the meter reading again, every time?",
        ),
        # Something of the service's that did not do its part: get it to.
        (
            "It wanted my password, and the reset email just didn't come.",
            "How might we get the reset email to come?",
        ),
        (
            "The tracking didn't update for three days.",  # how long it did not is moot
            "How might we get the tracking to update?",
        ),
        (
            "the app wouldn't load my photos of the boiler, so I gave up",
            "How might we get the app to load their photos of the boiler?",
        ),
        (
            "My repeat prescription doesn't show which pharmacy has the tablets.",
            "How might we get people's repeat prescription to show which pharmacy has the tablets?",
        ),
        # News that came, but late: telling sooner is what was missing.
        (
            "It was nine days, and nobody told me that until the Friday.",
            "How might we make sure people are told sooner?",
        ),
        (
            "Nobody told me about the cancellation fee until the bill came.",
            "How might we make sure people are told sooner about the cancellation fee?",
        ),
        (
            "I didn't know that the price had gone up until the letter came.",
            "How might we make sure people know sooner that the price had gone up?",
        ),
        # A regret for news not given, even in a word.
        (
            "The price had gone up from last year, and I'd like to have been told properly.",
            "How might we make sure people are told properly?",
        ),
        (
            "I wish they'd told us about the exit fee.",
            "How might we make sure people are told about the exit fee?",
        ),
        (
            "I would have liked to be warned in advance.",
            "How might we make sure people are told in advance?",
        ),
    ],
)
def test_a_complaint_naming_what_was_missing_becomes_the_teams_question(
    complaint: str, question: str
) -> None:
    assert complaint_question(complaint) == question


@pytest.mark.parametrize(
    "complaint",
    [
        "I can't remember what it was called.",  # memory, not a barrier
        "I couldn't believe it.",
        "Which I can't with Fernbill.",  # names no action
        "I had to laugh, honestly.",
        "The bank feed just quietly stops.",  # no missing thing named
        "I can't do it.",  # too little to act on
        # barriers of the speaker's life, not of the service
        "Then I go to bed at ten in the morning and I can't sleep anyway.",
        "It was an extra twenty pounds a month, and I couldn't justify that for the games.",
        "I had to hide it in yoghurt in the end.",
        "I had to go past it sideways to get to the door.",
        # the rest speaks of the speaker: turned, it would no longer say who
        "I just felt a bit flat, and I didn't know if it was me or the tablets.",
        "I had to ring the ward and say I'd be late.",
        # what "you can't" do is said of praise as often as of a barrier
        "The key safe's round the side and you can't see it from the road.",
        # not the service's to make happen: the speaker's people, a state of mind
        "My son didn't want to go in the end.",
        "The lady on the phone didn't know what a payslip was.",
        # lateness ("till Saturday" asks for sooner), pointing words, past tense
        "The box didn't come till Saturday.",
        "The finance team won't accept it without one.",
        "My parcel never arrived.",
        "I didn't know what I was signing until it was too late.",
        "I wish they'd told me.",  # nothing said of what, or how
    ],
)
def test_other_complaints_are_not_turned(complaint: str) -> None:
    assert complaint_question(complaint) is None


def test_a_cut_headline_is_turned_whole() -> None:
    """The question turns the whole clause the shown headline was cut from: the words
    it adds are still the participant's."""
    clause = "But nobody had told me that one key was doing two jobs and that a new one kills it"
    cut = Headline("nobody had told me that one key was doing two jobs\u2026", uncut=clause)
    assert opportunity_text(cut) == (
        "How might we make sure people are told that one key was doing two jobs and that a "
        "new one kills it?"
    )
    assert opportunity_text(Headline("The bank feed just quietly stops")).startswith(
        "How might we address \u201c"
    )


_WORDS = st.sampled_from(
    sorted(
        word_set(
            """
            i we you me my your us our they couldn't can't had to have to didn't know
            nobody told that no way to there was let doesn't the app pay see send it by
            direct debit because but , . ? book change when
            """
        )
    )
)


@given(st.lists(_WORDS, min_size=1, max_size=18).map(" ".join))
def test_a_turned_complaint_speaks_for_the_team_never_as_the_speaker(sentence: str) -> None:
    question = complaint_question(sentence)
    if question is None:
        return
    assert question.startswith("How might we ") and question.endswith("?")
    body = question.removeprefix("How might we ")
    assert not re.search(r"\b(?:I|me|my|you|your)\b", body, re.IGNORECASE), question
