"""Answers to the interview's opening questions: background and the call, not the journey."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from journeybot.core.models import DEFAULT_STAGES
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.service.readings import SegmentReader
from journeybot.synthesis.background import checks_the_call, introduces_the_speaker
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from journeybot.synthesis.extractive.themes import Theme, journey_themes
from journeybot.synthesis.rows import Reading, Row
from tests.synthesis.planted_corpus import a_reading, load_evidence


@pytest.mark.parametrize(
    "question",
    [
        "Could you tell me a bit about yourself?",
        "Tell me a little about yourself.",
        "Shall we start with a bit about you?",
        "Can you tell me a bit about you and your family?",
        "Could you start by telling me a bit about your situation?",
        "Could you start by telling me a bit about yourself and how you use your phone?",
        "What do you do for a living?",
        "Could you tell me a bit about what you do?",
        "Who lives with you?",
        "Could you start by telling me a bit about who you look after?",
        "Tell me about your role.",
    ],
)
def test_an_introduction_is_recognised(question: str) -> None:
    assert introduces_the_speaker(question)


@pytest.mark.parametrize(
    "question",
    [
        "Tell me about the claim you made.",
        "Tell me about the first time you flew with them.",
        "What about you, did you use the chat?",
        "How did you first hear about Reelbox?",
        "What do you do when the app crashes?",
        "What did you do next?",
        "Tell me about the status you mentioned.",
        "Can you tell me how you came to Stridewell?",
    ],
)
def test_a_question_about_the_service_is_no_introduction(question: str) -> None:
    assert not introduces_the_speaker(question)


@pytest.mark.parametrize(
    "question",
    [
        "Can you hear me okay?",
        "Hi Priya, can you hear me alright?",
        "Is now still a good time?",
        "Is the sound okay your end?",
        "Are you alright for about forty minutes?",
        "Did you find us all right?",
        "Where are you calling from?",
    ],
)
def test_a_check_on_the_call_is_recognised(question: str) -> None:
    assert checks_the_call(question)


@pytest.mark.parametrize(
    "question",
    [
        "Could you hear the driver at the door?",
        "Was the app okay after the update?",
        "Did you find the form all right?",
        "How long were you on hold, in minutes?",
        "Were you on hold for about twenty minutes?",
        "Did you find us online or through a friend?",
        "Was the connection okay after the engineer left?",
        "Is the line clear now they've fixed it?",
    ],
)
def test_a_question_about_the_journey_is_no_call_check(question: str) -> None:
    assert not checks_the_call(question)


TRANSCRIPT = "\n\n".join(
    [
        "Interviewer: Hi Maud, can you hear me okay?",
        "Maud: I can hear you, sorry, the dog's going mad at the postman, it's a nightmare.",
        "Interviewer: Could you tell me a bit about yourself?",
        "Maud: I'm eighty-two, and I've lived here on my own since my husband died. "
        "I've got a bad knee, so I usually check the app before I go out.",
        "Interviewer: How did the first delivery go?",
        "Maud: It was a nightmare, the parcel came smashed and nobody would answer the phone.",
    ]
)


def _evidence(tmp_path: Path) -> StudyEvidence:
    (tmp_path / "01_maud.txt").write_text(TRANSCRIPT, encoding="utf-8")
    return load_evidence(tmp_path, HashingEmbedder(), study="openers")


def _readings(tmp_path: Path) -> dict[str, Reading]:
    return {r.text: r for r in ExtractiveDrafter().read(_evidence(tmp_path))}


def test_an_introduction_keeps_its_reading_and_is_marked_background(tmp_path: Path) -> None:
    read = _readings(tmp_path)
    widowed = read["I'm eighty-two, and I've lived here on my own since my husband died."]
    assert widowed.background
    assert widowed.polarity < 0  # read as its words say; the themes decide
    knee = read["I've got a bad knee, so I usually check the app before I go out."]
    assert knee.background
    assert Row.ACTION in knee.rows


def test_an_answer_about_the_call_backs_nothing(tmp_path: Path) -> None:
    read = _readings(tmp_path)
    dog = read["I can hear you, sorry, the dog's going mad at the postman, it's a nightmare."]
    assert (dog.polarity, dog.rows, dog.background) == (0.0, frozenset(), False)


def test_the_journey_after_the_opening_is_read_as_before(tmp_path: Path) -> None:
    read = _readings(tmp_path)
    smashed = read["It was a nightmare, the parcel came smashed and nobody would answer the phone."]
    assert smashed.polarity < 0
    assert Row.PAIN in smashed.rows
    assert not smashed.background


def test_one_persons_background_is_no_finding_of_the_map(tmp_path: Path) -> None:
    journey = ExtractiveDrafter().draft_map(_evidence(tmp_path), list(DEFAULT_STAGES))
    quoted = {
        c.quote for stage in journey.stages for claim in stage.claims() for c in claim.citations
    }
    assert not any("husband died" in q or "dog's going mad" in q for q in quoted)
    assert any("parcel came smashed" in q for q in quoted)


def _reading(index: int, participant: str, *, background: bool) -> Reading:
    pain = a_reading(
        index, participant, f"Sentence {index}.", polarity=-0.5, rows=frozenset({Row.PAIN})
    )
    return dataclasses.replace(pain, background=background)


def _theme(*members: int, readings: list[Reading]) -> Theme:
    return Theme(
        members=members,
        lead=members,
        participants=tuple(sorted({readings[m].participant for m in members})),
        terms=(),
        polarity=-0.5,
        strength=0.5,
    )


def test_a_theme_needs_journey_talk_or_two_introductions() -> None:
    readings = [
        _reading(0, "Ann", background=True),
        _reading(1, "Bob", background=True),
        _reading(2, "Cat", background=False),
    ]
    alone = _theme(0, readings=readings)
    shared = _theme(0, 1, readings=readings)
    beside = _theme(0, 2, readings=readings)
    kept = journey_themes([alone, shared, beside], readings)
    assert [t.members for t in kept] == [(0, 1), (0, 2)]
    assert kept[1].lead == (2, 0)  # the journey talk leads and words the claim


def test_readings_stored_at_ingest_read_the_call_neutral(tmp_path: Path) -> None:
    """``ask`` reads the stored polarity: an answer about the call is no problem there."""
    evidence = _evidence(tmp_path)
    reader = SegmentReader(evidence.embedder, lambda study: DEFAULT_STAGES)
    stored = reader("openers", evidence.segments, np.asarray(evidence.vectors))
    by_start = {seg.text.split(",")[0]: seg.polarity for seg in stored}
    assert by_start["I can hear you"] == 0.0
    assert (by_start["It was a nightmare"] or 0.0) < 0
