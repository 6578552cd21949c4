"""Praise and complaint told as outcomes, problems taken away, and British spellings.

Sentences are written for these tests about services of every kind, not copied from a
planted study; each rule has a twin that must read otherwise or stay neutral.
"""

from __future__ import annotations

import pytest

from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.polarity_lexicon import fallback_valence, vader_lexicon

SCORER = PolarityScorer()


def label(text: str) -> str:
    return PolarityScorer.label(SCORER.score(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Speed raced against an everyday moment.
        ("The new passport was back before I'd even unpacked, done before I got home.", "positive"),
        ("The bank transfer went through while I made a cup of tea.", "positive"),
        ("I text the receipt and they get it before they've left the shop.", "positive"),
        ("I got home before the parcel did.", "neutral"),
        # Staying on; staying somewhere is no verdict.
        ("We're staying, the kids love the Saturday class.", "positive"),
        ("I'm sticking with them for now.", "positive"),
        ("We're staying with my sister over Easter.", "neutral"),
        ("We'd never switch now, not with the kids settled at that branch.", "positive"),
        ("I'd never switch back to paper statements.", "neutral"),
        # Sending others.
        ("I've told everyone at the allotment to give it a go.", "positive"),
        ("I'd tell anyone who can't swim to try them.", "positive"),
        ("I told the courier to leave it round the back.", "neutral"),
        # More than asked, or just right.
        ("The optician even showed my dad how to clean the lenses.", "positive"),
        ("The pharmacist spent nearly half an hour with us.", "positive"),
        ("I spent half an hour on hold.", "negative"),
        ("The estimate was spot on.", "positive"),
        # Value, and the only one that would.
        ("The whole term costs less than a night out.", "positive"),
        ("They deliver on Sundays, which none of the others would do.", "positive"),
        # Short-changed.
        ("We get maybe half what we pay for on a weekday evening.", "negative"),
        # Money handed back, done; awaited, chased, refused or slow, it is no praise.
        ("They refunded the frames the next morning.", "positive"),
        ("The lady reimbursed the taxi fare there and then.", "positive"),
        ("The gym knocked twenty pounds off the March invoice.", "positive"),
        ("I rang up and the late fee came off my next bill.", "positive"),
        ("By Friday there was sixty pounds back on my card.", "positive"),
        ("I got the whole deposit back in a week.", "positive"),
        ("They never refunded the booking fee.", "neutral"),
        ("It was June before they paid me back.", "neutral"),
        ("It took four phone calls to get the deposit back.", "neutral"),
        ("I'm still waiting for them to pay me back.", "neutral"),
        # Put right by someone else; the speaker's own fix, or a fix denied, is not.
        ("I was in the queue for an hour but then Dev answered and sorted it.", "positive"),
        ("The man at the counter fixed it while I waited.", "positive"),
        ("They replaced the charger at no extra cost.", "positive"),
        ("The courier firm sent a replacement the next morning.", "positive"),
        ("I'd sorted it by date, and the oldest came top.", "neutral"),
        ("I sorted it myself in the end.", "neutral"),
        ("They never sorted it.", "negative"),
        ("They sent another one and that was broken too.", "negative"),
    ],
)
def test_outcomes_read_as_what_they_mean(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A problem taken away reads as relief, not as the problem.
        ("Since the update the app stopped crashing.", "positive"),
        ("The app stopped working after the update.", "negative"),
        ("The lunch club saves a battle every morning.", "positive"),
        ("The online form avoids the faff of posting it.", "positive"),
        # A wish keeps the problem.
        ("I just want the heating app to stop crashing.", "negative"),
        # A thing's failure denied, against a person unable to act.
        ("The router doesn't crash any more.", "positive"),
        ("I found out you can't cancel over the phone.", "negative"),
    ],
)
def test_problems_taken_away(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The nurse was marvellous with him.", "positive"),
        ("The library is my favourite place on a Saturday.", "positive"),
        ("The whole office is so disorganised.", "negative"),
        ("The site was rubbish on my phone.", "negative"),
        ("The video kept buffering.", "negative"),
        ("The picture froze twice during the call.", "negative"),
        ("The picture never froze once, which it always did before.", "positive"),
    ],
)
def test_british_words_and_failures(text: str, expected: str) -> None:
    assert label(text) == expected


def test_only_problem_words_lend_their_valence_to_an_ing_form() -> None:
    lexicon = vader_lexicon()
    assert "crashing" not in lexicon and fallback_valence("crashing") == lexicon["crash"]
    # "highlighting" and "fitting" are features and things, not praise.
    assert fallback_valence("highlighting") is None
    assert fallback_valence("fitting") is None
    # Plurals are left alone: "limitations" is mostly the interviewer's word read back.
    assert fallback_valence("limitations") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Someone else's verdict is theirs, whoever they are ("she" already was).
        ("My sister said the new gym was brilliant.", "neutral"),
        ("A mate of mine said they were rubbish.", "neutral"),
        ("The engineer told me it was fine.", "neutral"),
        # The speaker's own voice after it still counts.
        ("My sister said it was brilliant, and I was furious.", "negative"),
        ("The thing is, it was brilliant.", "positive"),
    ],
)
def test_reported_verdicts_of_named_others(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The words of a multi-word name are no verdict; the same words said are.
        ("The nurse signed me up for their Feel Better Fast course on the way out.", "neutral"),
        ("We booked the Super Saver fare for the Tuesday.", "neutral"),
        ("I felt better fast, honestly.", "positive"),
        ("The fare was a super saver.", "positive"),
        # A capitalised word opening a sentence, or in capitals, is no name.
        ("Great service from start to finish.", "positive"),
        ("It was GREAT, the whole week.", "positive"),
        # Greetings are manners.
        ("I only wanted to say good morning to the driver in Welsh.", "neutral"),
        ("My granddaughter sent a happy birthday message through the app.", "neutral"),
        ("The class was good night after night.", "positive"),
    ],
)
def test_names_and_greetings_are_no_verdicts(text: str, expected: str) -> None:
    assert label(text) == expected
