"""Polarity of everyday idioms of praise and complaint (``cues_everyday``).

Sentences are written for these tests about services of every kind (a dentist, a
library, a bus company, a bank), not copied from a planted study, each with a near twin
that must read otherwise or stay neutral, so every rule is checked on both sides.
"""

from __future__ import annotations

import pytest

from journeybot.synthesis.polarity import PolarityScorer

SCORER = PolarityScorer()


def label(text: str, context: str = "") -> str:
    return PolarityScorer.label(SCORER.score(text, context))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Reliance, credit and progress.
        ("Honestly I'd be lost without the reminder texts.", "positive"),
        ("I got lost on the way to the branch.", "negative"),
        ("We couldn't manage without the late opening on Thursdays.", "positive"),
        ("I can climb the stairs now, which I couldn't do a year ago.", "positive"),
        ("Problem solved, as far as I'm concerned.", "positive"),
        ("Small victories, but I'll take them.", "positive"),
        # Fondness in words of scorn; "a sucker for punishment" is no fondness.
        ("They give you a free tote bag, and I'm a sucker for a tote bag.", "positive"),
        ("I've always had a soft spot for the little branch by the market.", "positive"),
        ("I'm a sucker for punishment, I rang the helpline again.", "negative"),
        # Help that came in time; "nobody answered when I needed them" is no praise.
        ("Two extra sessions, right when I needed them.", "positive"),
        ("The refund landed just when I needed it.", "positive"),
        ("Nobody answered right when I needed them.", "negative"),
        # Help that told, and a thing that served its time; no difference is no praise.
        ("The large-print letters made a massive difference.", "positive"),
        ("The old boiler didn't owe us anything by then.", "positive"),
        ("The new form made no difference at all.", "neutral"),
        ("The reminder didn't make a difference.", "negative"),
        # Prompt service told as the event: done, answered or seen in good time.
        ("I asked them to change my address and it was done the same day.", "positive"),
        ("A woman from the bank replied the next morning and put it right.", "positive"),
        ("The out-of-hours clinic had us seen within forty minutes.", "positive"),
        ("I was on hold for forty minutes.", "negative"),
        ("Nobody replied until the next morning.", "negative"),
        # No complaint, no hesitation: the "not" is no complaint.
        ("Well, I'm not complaining, it does the job.", "positive"),
        ("It came a day late, but I wasn't going to moan about a day.", "positive"),
        ("I was going to complain, then I saw the fee.", "negative"),
        ("I couldn't fault the nurse at all.", "positive"),
        ("I wouldn't think twice about recommending the library app.", "positive"),
        ("I wouldn't recommend the library app.", "negative"),
        ("The late opening was the deciding factor for us.", "positive"),
    ],
)
def test_praise_idioms(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Scarcity is a complaint; speed of service is praise.
        ("The evening appointments are fully booked weeks ahead.", "negative"),
        ("The Saturday slots go within about five minutes of opening.", "negative"),
        ("The repair was done within about five minutes.", "positive"),
        ("By the time I finish work the seats are full by the time I get there.", "negative"),
        # Not told, doubted follow-through, records nobody read.
        ("The first I knew about the fee was my bank statement.", "negative"),
        ("She said she'd pass it on to the manager. I don't suppose she did.", "negative"),
        ("She said she'd pass it on to the manager.", "neutral"),
        ("The locum had never read a word of my notes.", "negative"),
        # Handed from person to person, telling it all again.
        ("I've spoken to three different advisers about the same letter.", "negative"),
        ("The forms were done by three different managers in three different ways.", "neutral"),
        ("Fourth adviser this month.", "negative"),
        ("I told the new dentist about my jaw again.", "negative"),
        # A sarcastic concession: the praise is the set-up for "just".
        ("I'm sure the claims team are lovely, I'd just like to speak to one of them.", "negative"),
        # Regret about the past; wishing one had found it sooner is praise, not regret.
        ("I wish they had mentioned the deposit when I booked.", "negative"),
        ("I wish I'd found them years ago.", "neutral"),
    ],
)
def test_complaint_idioms(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Formulas with a lexicon word and no verdict of the speaker's.
        ("Then the driver retired, good luck to him, and the route changed.", "neutral"),
        ("A new driver, nice enough man.", "neutral"),
        # A question the speaker asks themself: the answer carries the opinion.
        ("Would I recommend it to my neighbours?", "neutral"),
        ("Would I recommend it to my neighbours? Absolutely, it's brilliant.", "positive"),
        ("Is that too much to ask, a phone number that works?", "negative"),
        # A denied gerund subject: the verdict after the verb is about it, not denied.
        ("It costs a bit more, but not being tied to a contract is worth it.", "positive"),
        ("Not having to queue is a relief.", "positive"),
        ("The queue is not worth it.", "negative"),
    ],
)
def test_formulas_questions_and_gerund_subjects(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Advocacy and being looked after unasked.
        ("I've told my sister and two neighbours to go there.", "positive"),
        ("I've already told them twice about the leak.", "negative"),
        ("The optician sorted my prescription without me having to chase it.", "positive"),
        ("The new doctor had read right through my notes before I sat down.", "positive"),
        ("They didn't charge us anything for the second fitting.", "positive"),
        # Done at once, a saving.
        ("We were in and out in ten minutes.", "positive"),
        ("He's been in and out of hospital since March.", "neutral"),
        ("Both kids got their jabs in one visit.", "positive"),
        ("She showed me I'd save about 60 a year on the annual plan.", "positive"),
        # Caught out, no record, limits, costs adding up.
        ("The cancellation fee caught us out.", "negative"),
        ("When we got to the desk they had no record of the booking.", "negative"),
        ("The website only lets you pick one delivery address.", "negative"),
        ("For two children it becomes a lot of money.", "negative"),
        ("It's only a pound here and there, but it all adds up.", "negative"),
        ("With three kids at home that's hard, because nobody sleeps.", "negative"),
        # Repeated failure, delay, a price rise by an amount.
        ("Parcel not there again, third time this month.", "negative"),
        ("It was two weeks before anyone from the council called back.", "negative"),
        ("I was emailing the depot for three weeks about the bins.", "negative"),
        ("The plan went up four pounds in January.", "negative"),
        ("The river went up a metre overnight.", "neutral"),
        # A formula of caution is no praise; a medicine is no complaint.
        ("They booked a scan just to be on the safe side.", "neutral"),
        ("I collect his pain tablets from the counter on Fridays.", "neutral"),
        ("Mostly it was being able to see the timetable offline.", "positive"),
        ("Not being able to see the timetable offline is a pain.", "negative"),
        # Put right, shared, quick, foolproof.
        ("They refunded the whole order and it hasn't happened since.", "positive"),
        ("They added a fiver on top for the trouble.", "positive"),
        ("I've sent my referral code to three friends from work.", "positive"),
        ("The money was back before I'd even hung up.", "positive"),
        ("The instructions are so clear you can't go wrong.", "positive"),
        # Changed without a word, thanks that are sarcasm.
        ("The morning slot was moved to the afternoon, no warning.", "negative"),
        ("They gave me a voucher for two pounds, so, cheers for that.", "negative"),
        ("She fixed it straight away, thanks for that.", "positive"),
    ],
)
def test_everyday_service_talk(text: str, expected: str) -> None:
    assert label(text) == expected


def test_remembered_by_staff_is_praise_remembered_by_me_is_not() -> None:
    assert label("The pharmacist remembered my allergy from last time.") == "positive"
    assert label("I remembered my library card this time.") == "neutral"
    assert label("Nobody remembered my allergy.") != "positive"
