"""Claims are themes: shared first, a single voice only where nothing broader exists, labels
without fillers or term lists, and quotes a researcher would hand out."""

from __future__ import annotations

import re

import pytest

from journeybot.core.models import JourneyMap, PersonaSet
from journeybot.synthesis.extractive.feelings import words_agree
from journeybot.synthesis.extractive.headlines import headline, without_fillers
from journeybot.synthesis.quote_choice import (
    echoes_question,
    is_logistics,
    rejected_words,
    specificity,
)
from journeybot.synthesis.rows import Row, classify, denies_problem


@pytest.mark.parametrize(
    ("text", "rejected"),
    [
        ("Stressful's not the word, I was more cross than anything.", {"stressful"}),
        ("Anxious isn't quite it, I was more fed up, honestly.", {"anxious"}),
        ("Not confusing, no, it was just annoying that nobody told me.", {"confusing"}),
        ("I wouldn't say frustrated, more puzzled.", {"frustrated"}),
        ("It was not the right plan for me.", set()),
        ("That's not it, the button is broken.", set()),
        ("Disappointed's too polite, I was gutted.", {"disappointed"}),
        ("Angry is a bit strong, more fed up.", {"angry"}),
        ("Upset is too small a word, I cried in the car.", {"upset"}),
        ("Disappointing is too small a word, we had saved for it.", {"disappointing"}),
        ("Surprising, I'm not sure, they always do that.", {"surprising"}),
        ("Annoyed isn't strong enough, I was fuming for a week.", {"annoyed"}),
        ("The print was too small to read.", set()),
        ("The signal wasn't strong enough to load the page.", set()),
        ("I don't know about stressful, it's funny now.", {"stressful"}),
        ("I don't know about pricing.", set()),
        ("Annoyed doesn't cover it, I was fuming, because she'd taken leave.", {"annoyed"}),
        ("Angry doesn't begin to describe it.", {"angry"}),
        ("Worried didn't come close, I was beside myself.", {"worried"}),
        ("The excess doesn't cover it, so I paid the rest.", set()),
        ("Worried's a strong word, I was more curious than anything.", {"worried"}),
        ("Annoying's putting it mildly, I was gutted.", {"annoying"}),
        ("Frustrating, not really. I was more worried.", {"frustrating"}),
        ("Nervous, not at all, he had read my figures.", {"nervous"}),
        ("Frustrating, I wouldn't say that, gutted more like.", {"frustrating"}),
        ("Annoyed? I don't know, the parcel came in the end.", {"annoyed"}),
        ("Stressful, I'm not sure, I just rang them every day.", {"stressful"}),
        ("Worried. Hard to say, it was a long week.", {"worried"}),
        ("Upset, dunno, more tired than anything.", {"upset"}),
        ("Honestly, I don't know, the form was long.", set()),
        ("Tuesday, I'm not sure, it might have been the Wednesday.", set()),
        ("Price, not really, it was the same as before.", set()),
        ("That's a strong word for a fee.", set()),
        ("The signal is strong here.", set()),
    ],
)
def test_a_word_the_participant_turns_down_is_found(text: str, rejected: set[str]) -> None:
    assert rejected_words(text) == rejected


def test_the_label_of_a_rejection_is_worded_by_the_participants_own_word() -> None:
    quote = "Stressful's not the word, I was more cross than anything, because I'd booked it."
    label = headline(quote, [], Row.FEELING).label()
    assert "stress" not in label.lower()
    assert "cross" in label


@pytest.mark.parametrize(
    ("spoken", "label"),
    [
        ("I would, uh, I would like to use it", "I would like to use it"),
        (
            "you know, card details and the size of the frame",
            "card details and the size of the frame",
        ),
        ("I saw it, like, three times in one week", "I saw it, three times in one week"),
        ("I like that I can see all three sites", "I like that I can see all three sites"),
    ],
)
def test_fillers_leave_labels_but_words_stay(spoken: str, label: str) -> None:
    assert without_fillers(spoken) == label


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, I'm a couple of minutes late, the lift was broken.",
        "Can you hear me okay now?",
        "I could send an email if anything comes to mind.",
        "No worries, cheers, thanks for having me.",
        # thanking the room and chairing it (a panel's recording): "Top goal: I want to
        # thank everybody" was once a persona's first goal
        "Yes, I want to thank everybody for their amazing work contributing to the collector.",
        "Thank you all! I want to be respectful of everyone's time.",
        "Now, I'd like to open the floor for any audience feedback or questions.",
        "If you have questions, feel free to pop them in the chat.",
        "I'm really happy to be here to talk about tracing.",
        # leaving the call
        "No, that's all. I have to go, eleven drops still.",
        "Sorry, I've got to dash now.",
        # a pleasantry about the interview itself
        "No problem, it was fun.",
        "You're welcome, it's been really interesting.",
    ],
)
def test_logistics_and_greetings_back_no_row(text: str) -> None:
    assert is_logistics(text)
    assert classify(text, -0.5) == frozenset()


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to the app, I saved forty quid a month on the school run.",
        "The nurse was lovely and I thanked her twice on the way out.",
        "I was so thankful the second bill was lower than the first.",
        # an errand, not leaving the call
        "I have to go to the post office to send it back, which is a pain.",
        "Every month I've got to run the payroll twice.",
        # fun had in the service, not in the interview
        "No problem with the booking, it was fun from start to finish.",
        "The cooking class was fun.",
    ],
)
def test_thanks_inside_an_experience_is_still_evidence(text: str) -> None:
    assert not is_logistics(text)


def test_a_reply_that_says_the_question_back_is_not_evidence() -> None:
    assert echoes_question("Slow, yes.", "Was the import slow?")
    assert not echoes_question("It duplicated half our customers.", "Was the import slow?")


def test_concrete_first_person_talk_is_more_specific_than_vague_talk() -> None:
    concrete = "I was on hold for forty minutes and in the end I gave up and got the bus."
    assert specificity(concrete) > specificity("It is what it is really.")


def _rows(journey: JourneyMap) -> list[list[int]]:
    return [
        [claim.participants for claim in getattr(stage, row)]
        for stage in journey.stages
        for row in ("actions", "thoughts", "feelings", "pain_points")
    ]


def test_a_row_shows_shared_themes_or_one_single_voice(planted_map: JourneyMap) -> None:
    for counts in _rows(planted_map):
        if any(count == 1 for count in counts):
            assert counts == [1], counts  # a lone voice only where nothing broader exists
        assert counts == sorted(counts, reverse=True)


def test_most_map_claims_rest_on_two_or_more_participants(planted_map: JourneyMap) -> None:
    claims = [c for c in planted_map.claims() if c.citations]
    shared = sum(c.participants >= 2 for c in claims)
    assert shared / len(claims) >= 0.5, f"{shared}/{len(claims)}"


def test_shared_claims_quote_different_people(planted_map: JourneyMap) -> None:
    for claim in planted_map.claims():
        people = [c.participant for c in claim.citations]
        assert len(people) == len(set(people)) <= 4
        if claim.participants >= 2:
            assert len(people) >= 2


def test_labels_carry_no_bracketed_term_lists(
    planted_map: JourneyMap, planted_personas: PersonaSet
) -> None:
    for claim in [*planted_map.claims(), *planted_personas.claims()]:
        if claim.id and "dissent" not in claim.id:
            assert not re.search(r"\([a-z ]+ and [a-z ]+\)\??$", claim.text), claim.text


def test_personas_are_not_named_after_people(
    planted_personas: PersonaSet, planted_key: dict[str, list[str]]
) -> None:
    people = {p.lower() for p in planted_personas.coverage.participants}
    for persona in planted_personas.personas:
        assert not set(re.findall(r"[a-z]+", persona.name.lower())) & people, persona.name
    assert "silhouette" in str(planted_personas.clustering["reason"])


@pytest.mark.parametrize(
    "text",
    [
        "I don't really think of any that were unclear.",
        "No problems at all, it just worked.",
        "Nothing was confusing, honestly.",
    ],
)
def test_a_denied_problem_is_no_pain_point(text: str) -> None:
    assert denies_problem(text)
    assert Row.PAIN not in classify(text, -0.5)


def test_a_feeling_word_against_the_sentence_sign_is_no_feeling_of_that_sign() -> None:
    text = "The import went through fine, which I was a bit nervous about."
    assert not words_agree(text, 0.4)
    assert words_agree(text, -0.4)
    assert not words_agree("The figures are just facts.", 0.4)  # no feeling word
    assert not words_agree("Anxious isn't really it, I knew not to take them.", -0.4)


def test_roster_attributes_are_summarised_per_persona() -> None:
    from journeybot.synthesis.extractive.persona_draft import roster_summary

    roster = {
        "P1": {"segment": "freelancer", "region": "North"},
        "P2": {"segment": "freelancer", "region": "South"},
        "P3": {"segment": "agency", "region": ""},
    }
    summary = roster_summary(["P1", "P2", "P3", "P9"], roster)
    assert summary == " Roster: region: North (1), South (1); segment: freelancer (2), agency (1)."
    assert roster_summary(["P9"], roster) == ""


def test_a_stage_with_shared_themes_shows_no_single_voice(planted_map: JourneyMap) -> None:
    for stage in planted_map.stages:
        counts = [claim.participants for claim in stage.claims()]
        if any(count >= 2 for count in counts):
            assert min(counts) >= 2, stage.id
        else:
            assert all(count == 1 for count in counts)
