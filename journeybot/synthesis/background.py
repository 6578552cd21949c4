"""Answers to the interview's opening questions: who the participant is, and the call.

Most interviews open with "Could you tell me a bit about yourself?". The answer is the
person's background ("I'm eighty-two, on my own since my husband died", "I've got a bad
knee and a daft cat", "I'm an accountant, so I'm probably your worst nightmare"), and the
polarity rules read its sad or self-mocking words as complaints. Drafted so, a
bereavement became a pain point at Awareness and its opportunity asked the team to
address it. Over the twenty-seven tuned planted studies, every one of the 25 planted
quotes answering such a question has the gold polarity neutral and no pain theme: the
keys' writers read them as context, as a researcher would.

Yet introductions can hold what the study is about: two participants of the dental
study introduced themselves with their fear ("dentists make me feel sick before I've
even walked through the door", "I'm terrified of the dentist"). So a sentence of an
introduction keeps its reading, but it backs a theme only beside someone's talk of the
journey or another person's introduction saying the same: one person's background alone
is no finding, and in a kept theme the journey talk leads and words the claim
(``extractive.themes.journey_themes``). Reading every introduction neutral instead
cost Brightsmile that shared fear, its Awareness stage falling back to single voices.

The checks that open a call ("Can you hear me okay?", "Is now still a good time?", "Did
you find us all right?") are answered about the call, not the service: "I can hear you,
sorry, the dog's going mad at the postman", "My grandson's set it all up, he's in the
kitchen in case I press the wrong thing". No planted quote of the tuned studies answers
one. Those sentences read neutral and back no row at all, as logistics do
(``quote_choice``), in drafts and in the readings stored at ingest.

Only the question's wording is read, and only its last question sentence (a greeting
before it, or "what about you?" after another topic, is no introduction). Part of the
readings version (``service/readings.py``), so stored readings follow it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from journeybot.core.models import Segment
from journeybot.synthesis.rows import Reading
from journeybot.synthesis.stage_assign import question_text

#: Questions that ask the participant to introduce themselves or their circumstances.
#: "What about you?" and "tell me about the claim you made" are not among them.
_INTRODUCTION = re.compile(
    r"\b(?:about|introduce|describe|describing) yourself\b"
    r"|(?<!what )(?<!how )\babout you\b(?!\s+(?:mentioned|said|told|did|were|thought|had|got))"
    r"|\b(?:about|describe|describing) your (?:situation|circumstances|family|household|"
    r"background|work|job|role|business|life)\b"
    r"|\bwhat (?:do )?you do(?: for (?:a living|work))?\s*[?.]?\s*$"
    r"|\bwho (?:lives|is|'s) (?:with you|at home|in your (?:house|home|household))\b"
    r"|\bwho you (?:live with|look after|care for)\b",
    re.IGNORECASE,
)
#: The call's own checks: sound, picture, time, finding the room, a drink.
#: A line or connection is left out: in a broadband or phone study it is the service.
_SESSION_CHECK = re.compile(
    r"\b(?:can|could) you (?:hear|see) (?:me|us)\b|\bhear (?:me|us) (?:okay|ok|alright|all right)\b"
    r"|\bis the (?:sound|picture|audio|video) (?:still )?(?:okay|ok|alright|all right|clear)\b"
    r"|\bis (?:now|this) (?:still )?(?:a good time|okay|ok|alright|all right|fine)\b"
    r"|\bare you (?:still )?(?:okay|ok|alright|all right|fine|good) for "
    r"(?:time|(?:about |around )?\w+ minutes)\b"
    r"|\bdid you find us (?:all right|alright|okay|ok|fine|easily)\b"
    r"|\bwhere are you calling from\b|\b(?:can|could) i get you (?:a|anything)\b",
    re.IGNORECASE,
)


def introduces_the_speaker(question: str) -> bool:
    """Whether ``question`` (an interviewer's turn or a diary prompt) asks the
    participant about themselves rather than about the service."""
    return bool(_INTRODUCTION.search(question.replace("\u2019", "'")))


def checks_the_call(question: str) -> bool:
    """Whether ``question`` is about the call itself (sound, time, the room)."""
    return bool(_SESSION_CHECK.search(question.replace("\u2019", "'")))


def answers_a_call_check(segment: Segment) -> bool:
    """Whether ``segment`` answers a question about the call, so it tells nothing of
    the service."""
    asked = question_text(segment)
    return bool(asked) and checks_the_call(asked)


def as_background(readings: Sequence[Reading], segments: Sequence[Segment]) -> list[Reading]:
    """``readings`` with each answer to a call check read neutral and backing nothing,
    and each sentence of an introduction marked as background."""
    asked = [question_text(segment) for segment in segments]
    call = {i for i, q in enumerate(asked) if q and checks_the_call(q)}
    intro = {i for i, q in enumerate(asked) if q and i not in call and introduces_the_speaker(q)}
    if not call and not intro:
        return list(readings)
    out = []
    for r in readings:
        if r.index in call:
            r = dataclasses.replace(r, polarity=0.0, complaint=0.0, rows=frozenset())
        elif r.index in intro:
            r = dataclasses.replace(r, background=True)
        out.append(r)
    return out
