"""Opportunities worded from what participants asked for: the request found, turned from
the speaker's point of view to the team's, and tied to the pain it would answer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeybot.core.models import JourneyMap, Stage
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from journeybot.synthesis.extractive.requests import request_in
from journeybot.synthesis.extractive.row_themes import problem_led
from journeybot.synthesis.extractive.themes import Theme
from journeybot.synthesis.rows import Reading, Row
from tests.synthesis.planted_corpus import a_reading, one_answer_study


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Tell me the same day when a direct debit fails, by text, not a buried email.",
            "How might we tell people the same day when a direct debit fails, by text, not a "
            "buried email?",
        ),
        (
            "And the failed payments, tell me straight away. That's two things.",
            "How might we tell people straight away about the failed payments?",
        ),
        (
            "Oh, the dog fee, put it at the start. That's all.",
            "How might we put the dog fee at the start?",
        ),
        (
            "Me, I'm not going anywhere, to be honest, I just wish the drivers would read "
            "the notes.",
            "How might we get the drivers to read the notes?",
        ),
        (
            "Just that they should tell you when your dentist changes. That's all I'd say.",
            "How might we tell people when their dentist changes?",
        ),
        (
            "It would be nice to book the crèche in the same go as the class, rather than "
            "two separate bookings, but honestly it's not a big deal.",
            "How might we let people book the crèche in the same go as the class, rather "
            "than two separate bookings?",
        ),
        (
            "If they could just keep a file on you that the next trainer actually reads, "
            "that would be half the battle.",
            "How might we keep a file on people that the next trainer actually reads?",
        ),
        (
            "I'd like to pay for it by direct debit, I don't like my card being stored.",
            "How might we let people pay for it by direct debit?",
        ),
        (
            "I'm not against the computer, I just want a person who'll listen to what's "
            "actually wrong.",
            "How might we give people a person who'll listen to what's actually wrong?",
        ),
        (
            "Just tell them to keep the phone number on the front of the letter.",
            "How might we keep the phone number on the front of the letter?",
        ),
        (
            "I just wish the app would catch up with the fact that some of us have more than "
            "one cat.",
            "How might we get the app to catch up with the fact that some of them have more "
            "than one cat?",
        ),
        ("Just put the PINs on first, I told them.", "How might we put the PINs on first?"),
        (
            "Erm, honestly, when the cleaner cancels, tell me the night before.",
            "How might we tell people the night before when the cleaner cancels?",
        ),
        (
            "Maybe for the block, let people pay monthly.",
            "How might we let people pay monthly for the block?",
        ),
        (
            "And show me who's actually taking learners before you tell me there are six.",
            "How might we show people who's actually taking learners before we tell people "
            "there are six?",
        ),
        (
            "Maybe that the app should not need an update in the airport.",
            "How might we get the app to not need an update in the airport?",
        ),
        (
            "If I cancel, give me my money back without the form.",
            "How might we give people their money back without the form if they cancel?",
        ),
        (
            "And the search, it should just not show people who are full, what's the point?",
            "How might we get it to not show people who are full?",
        ),
        # told to the company: the "you" a verb or preposition takes is the team
        (
            "Just let me pay you by direct debit.",
            "How might we let people pay us by direct debit?",
        ),
        (
            "Please give me a number to reach you on.",
            "How might we give people a number to reach us on?",
        ),
    ],
)
def test_a_request_becomes_the_teams_question(sentence: str, question: str) -> None:
    found = request_in(sentence)
    assert found is not None
    assert found.question == question


@pytest.mark.parametrize(
    "sentence",
    [
        "Put the card in anyway, slightly annoyed.",  # a story with its "I" dropped
        "Connected the bank feed, which took about a minute.",
        "The older one, Clive, put the settee exactly where I wanted it.",
        "The engineer came on the Tuesday, put the box in, and left.",
        "I needed a filling as well.",
        "A seller never sent my jacket, so I wanted the money back.",
        "I wish they'd told us about the fee.",  # regret, not a request
        "But the price had gone up, and I'd like to have been told properly.",  # ... nor this
        "Yeah, all good, just give me a sec, our broadband's playing up.",
        "If I want a particular film I have to spell it out letter by letter.",
        "I tried ringing to see if someone could chase it.",
        "I rang to see if they could chase it.",
        "I don't want them ringing me at work.",
        "Now I need to go and find a clean uniform.",
        "We only want a car for weekends away.",
        "Put me off, no, I still did it.",
        "Hold on, let me shut the door, my little sisters are going mad.",
        "Yeah, sorry, just let me turn the engine off.",
        'But she said, "You should always screenshot them, madam," like I was an idiot.',
    ],
)
def test_what_happened_is_no_request(sentence: str) -> None:
    assert request_in(sentence) is None


_WORDS = st.sampled_from(
    [
        "I",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "they",
        "tell",
        "just",
        "wish",
        "would",
        "like",
        "want",
        "should",
        "could",
        "it",
        "the",
        "a",
        "bill",
        "send",
        "give",
        "let",
        "put",
        "nice",
        "to",
        "if",
        "only,",
        ".",
        "?",
        "people",
        "drivers",
        "app",
        "when",
    ]
)


@given(st.lists(_WORDS, min_size=1, max_size=18).map(" ".join))
def test_a_question_speaks_for_the_team_never_as_the_speaker(sentence: str) -> None:
    found = request_in(sentence)
    if found is None or "meet the request" in found.question:
        return  # quoted as said: the speaker's own words, in quote marks
    assert found.question.startswith("How might we ")
    assert found.question.endswith("?") and not found.question.endswith("??")
    body = found.question.removeprefix("How might we ")
    # "we" and "our" are the team's ("before we tell people"); the speaker's are gone.
    assert not re.search(r"\b(?:I|me|my|you|your)\b", body, re.IGNORECASE)
    # "us" only as the company the speaker addressed ("pay you" -> "pay us"), never the
    # speaker's own ("tell us" -> "tell people").
    said_you = len(re.findall(r"\byou\b", sentence, re.IGNORECASE))
    assert len(re.findall(r"\bus\b", body, re.IGNORECASE)) <= said_you


#: Four people at one stage: three complain that failed payments come to light late,
#: and one of them asks for the fix; a fourth, unrelated, drops the "I" of a story.
FAILED_PAYMENTS = {
    "01_ana.txt": (
        "Ana",
        "Nobody told me the direct debit had failed until the customer rang me a week "
        "later. Tell me the same day when a direct debit fails, by text.",
    ),
    "02_ben.txt": (
        "Ben",
        "I only found out the direct debit had failed at the end of the month, when the "
        "money wasn't there.",
    ),
    "03_cai.txt": (
        "Cai",
        "The failed direct debit never showed up anywhere, so I didn't know for weeks "
        "that she hadn't paid.",
    ),
    "04_dee.txt": (
        "Dee",
        "Put the card in anyway, slightly annoyed. The card form kept losing my postcode.",
    ),
}
PAID = Stage(id="paid", name="Getting paid", description="Collecting customers' payments")


@pytest.fixture(scope="module")
def failed_payments_map(
    tmp_path_factory: pytest.TempPathFactory, minilm: MiniLMEmbedder
) -> JourneyMap:
    folder: Path = tmp_path_factory.mktemp("failed_payments")
    evidence = one_answer_study(
        folder, FAILED_PAYMENTS, "How does getting paid go?", minilm, "failed-payments"
    )
    return ExtractiveDrafter().draft_map(evidence, [PAID])


def test_the_opportunity_is_worded_from_the_request_and_cites_the_pain(
    failed_payments_map: JourneyMap,
) -> None:
    stage = failed_payments_map.stages[0]
    asked = [o for o in stage.opportunities if not o.text.startswith("How might we address")]
    assert [o.text for o in asked] == [
        "How might we tell people the same day when a direct debit fails, by text?"
    ], stage.opportunities
    opportunity = asked[0]
    assert opportunity.citations[0].quote.startswith("Tell me the same day")
    assert opportunity.citations[0].participant == "Ana"
    people = {c.participant for c in opportunity.citations}
    assert len(people) == len(opportunity.citations)  # one quote a person
    assert {"Ana", "Ben", "Cai"} <= people
    assert opportunity.participants == len(people) >= 3
    assert all("Put the card" not in o.text for o in stage.opportunities)


def test_a_pain_point_is_worded_by_the_problem_not_the_fix_asked_for(
    failed_payments_map: JourneyMap,
) -> None:
    stage = failed_payments_map.stages[0]
    pains = [p for p in stage.pain_points if p.participants >= 2]
    assert pains, stage.pain_points
    for pain in pains:
        assert request_in(pain.citations[0].quote) is None, pain
        assert not pain.text.startswith("Tell me"), pain


def test_a_personas_pain_point_is_worded_by_the_problem_too(
    tmp_path: Path, minilm: MiniLMEmbedder
) -> None:
    evidence = one_answer_study(
        tmp_path, FAILED_PAYMENTS, "How does getting paid go?", minilm, "failed-payments"
    )
    personas = ExtractiveDrafter().draft_personas(evidence).personas
    pains = [p for persona in personas for p in persona.pain_points]
    assert pains
    for pain in pains:
        assert request_in(pain.citations[0].quote) is None, pain


def _pain(index: int, who: str, text: str) -> Reading:
    return a_reading(index, who, text, polarity=-0.5, rows=frozenset({Row.PAIN}))


def test_a_pain_theme_made_only_of_requests_is_no_pain_point() -> None:
    readings = [
        _pain(0, "Ana", "Tell me the same day when a direct debit fails."),
        _pain(1, "Ben", "I only found out the direct debit had failed at the end of the month."),
        _pain(2, "Cai", "Just send me a text when a payment fails, please."),
    ]

    def theme(lead: tuple[int, ...]) -> Theme:
        people = tuple(readings[m].participant for m in lead)
        return Theme(lead, lead, people, (), -0.5, 1.0)

    led = problem_led([theme((0, 1)), theme((0, 2))], readings)
    assert [t.lead for t in led] == [(1, 0)]  # the problem leads; requests alone go


#: Three people at one stage with one problem; only one says what they could not do.
LOGIN = {
    "01_ana.txt": (
        "Ana",
        "This is where it all went wrong, the login on the app was an absolute nightmare.",
    ),
    "02_ben.txt": ("Ben", "I couldn't log in on the app for two whole days, it just spun."),
    "03_cai.txt": ("Cai", "The login on the app kept failing, three times on the Monday."),
}


def test_an_opportunity_is_worded_by_whichever_quote_says_what_was_missing(
    tmp_path: Path, minilm: MiniLMEmbedder
) -> None:
    """The pain's lead quote may only say it went wrong; another quote of the same
    pain that names what people could not do words the team's question, and is cited
    first, since the question is made of its words."""
    evidence = one_answer_study(tmp_path, LOGIN, "How was getting started?", minilm, "login")
    stage = ExtractiveDrafter().draft_map(evidence, [PAID]).stages[0]
    turned = [
        o for o in stage.opportunities if o.text == "How might we let people log in on the app?"
    ]
    assert turned, stage.opportunities
    assert turned[0].citations[0].participant == "Ben"
    assert turned[0].participants >= 2
