"""Stages proposed from the interviewer's questions: what counts as a question, and
what may name a phase."""

from __future__ import annotations

import pytest

from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.synthesis.stage_fit import (
    Phases,
    asked_part,
    interviewer_questions,
    phases,
    suggest_stages,
)

#: One interview guide in three parts, asked of every participant (position, question).
GUIDE = [
    (0.1, "That's lovely. How did you first hear about Zorbly?"),
    (0.2, "What made you look for a budgeting app back then?"),
    (0.45, "How did you find Test Swap when you were booking?"),
    (0.55, "Mm. Did Test Swap get you an earlier slot in the end?"),
    (0.8, "Would you stay with Zorbly for another year of renewal?"),
    (0.9, "Thanks, that's really useful. What would you change about the renewal?"),
]
PEOPLE = ("Maisie", "Tomasz", "Aled", "Grace")


def _segment(source: int, row: int, position: float, question: str, answer: str) -> Segment:
    return Segment(
        id=f"s{source}-{row}",
        study="t",
        source_id=f"src{source}",
        file_name=f"interview-{source}.txt",
        participant=PEOPLE[source],
        text=answer,
        start=0,
        end=len(answer),
        location=f"line {row}",
        turn=row,
        position=position,
        context=question,
    )


def _study(guide: list[tuple[float, str]]) -> list[Segment]:
    segments = []
    for source, person in enumerate(PEOPLE):
        asked = [
            (0.02, f"Hi {person}, can you hear me okay?"),
            (0.05, f"So {person}, tell me about the allotment and the van."),
            *guide,
            (0.97, f"Thank you so much, {person}. That was brilliant."),
        ]
        for row, (position, question) in enumerate(asked):
            answer = f"Well, with Zorbly it was fine, I think, for me at the time {row}."
            segments.append(_segment(source, row, position, question, answer))
    return segments


def test_a_turn_counts_by_what_it_asks() -> None:
    assert asked_part("That's great to hear. It sounds useful. How did setup go?") == (
        "How did setup go?"
    )
    assert (
        asked_part("Did you compare? Which ones?\u201d And then") == "Did you compare? Which ones?"
    )
    assert asked_part("Thank you, Hazel! Your insights have been valuable.") == ""


def test_remarks_thanks_and_call_logistics_are_not_questions() -> None:
    asked = [q.text for q in interviewer_questions(_study(GUIDE))]
    assert "How did you first hear about Zorbly?" in asked
    assert "So Maisie, tell me about the allotment and the van." in asked  # asked as a request
    assert not any(text.startswith(("That's", "Thanks", "Mm.")) for text in asked)
    assert not any("hear me" in text or "Thank you so much" in text for text in asked)


def test_unpunctuated_captions_are_read_whole() -> None:
    guide = [(position, question.replace("?", "")) for position, question in GUIDE]
    asked = {q.text for q in interviewer_questions(_study(guide))}
    assert "That's lovely. How did you first hear about Zorbly" in asked


@pytest.fixture(scope="module")
def proposed() -> list[tuple[str, str]]:
    stages = suggest_stages(_study(GUIDE), HashingEmbedder())
    return [(s.name, s.description) for s in stages]


def test_no_phase_is_named_after_a_participant_or_the_study_subject(
    proposed: list[tuple[str, str]],
) -> None:
    names = " ".join(name.lower() for name, _ in proposed)
    assert len(proposed) >= 3
    assert not any(person.lower() in names for person in PEOPLE)
    assert "zorbly" not in names


def test_a_named_topic_of_one_phase_keeps_its_written_case(
    proposed: list[tuple[str, str]],
) -> None:
    assert any("Test Swap" in name for name, _ in proposed)
    assert not any("test swap" in name for name, _ in proposed)


def test_phases_come_in_the_guide_order_with_a_question_as_example(
    proposed: list[tuple[str, str]],
) -> None:
    text = " ".join(f"{name} {description}" for name, description in proposed)
    assert text.index("hear about") < text.index("Test Swap") < text.index("renewal")
    remarks = ("That's lovely", "Thanks, that's", "Mm.", "Thank you so much")
    assert not any(remark in text for remark in remarks)


def test_a_question_is_placed_by_its_rank_among_the_interview_s_questions() -> None:
    quick = _study(GUIDE)
    slow = [  # the same interviews, most of each spent on the first part of the guide
        seg.model_copy(update={"source_id": f"slow-{seg.source_id}", "position": seg.position**3})
        for seg in quick
    ]
    places: dict[str, set[float]] = {}
    for question in interviewer_questions([*quick, *slow]):
        places.setdefault(question.text, set()).add(question.position)
    assert all(len(found) == 1 for found in places.values())
    first, last = (
        places["How did you first hear about Zorbly?"],
        places["What would you change about the renewal?"],
    )
    assert max(first) < 0.5 < min(last)


def test_a_vague_question_is_read_by_what_its_answers_talk_about() -> None:
    guide = [*GUIDE[:3], (0.5, "And how did that go for you?"), *GUIDE[3:]]
    segments = [
        seg.model_copy(update={"text": _ANSWERS.get(seg.context, seg.text)})
        for seg in _study(guide)
    ]
    embedder = HashingEmbedder()

    def closeness(found: Phases) -> float:
        row = {q.text: i for i, q in enumerate(found.questions)}
        vague = found.vectors[row["And how did that go for you?"]]
        return float(
            vague @ found.vectors[row["How did you find Test Swap when you were booking?"]]
        )

    alone = phases(segments, embedder)
    answered = phases(segments, embedder, embedder.embed([seg.text for seg in segments]))
    assert closeness(answered) > closeness(alone) + 0.2


_ANSWERS = {
    "How did you find Test Swap when you were booking?": "Test Swap booking found a slot.",
    "And how did that go for you?": "The Test Swap booking slot was earlier, test swap works.",
    "Mm. Did Test Swap get you an earlier slot in the end?": "Test Swap got me a slot.",
}


def test_diary_prompts_count_only_where_no_one_was_interviewed() -> None:
    interviews = _study(GUIDE)
    diary = [
        seg.model_copy(
            update={
                "source_id": "diary",
                "context": "",
                "prompt": f"What did you do with the budget on day {day}?",
            }
        )
        for day, seg in enumerate(interviews[:8])
    ]
    asked = {q.text for q in interviewer_questions([*interviews, *diary])}
    assert not any(text.startswith("What did you do with the budget") for text in asked)
    alone = {q.text for q in interviewer_questions(diary)}
    assert "What did you do with the budget on day 3?" in alone


def test_a_phase_is_named_by_what_its_questions_are_about_not_how_they_are_put() -> None:
    guide = [(0.1, "Could you start by telling me about your greenhouse?"), *GUIDE]
    names = [stage.name for stage in suggest_stages(_study(guide), HashingEmbedder())]
    assert "Greenhouse" in names
    assert not any("telling" in name.lower() for name in names)


def test_no_two_phases_are_named_by_the_same_word() -> None:
    guide = [
        *GUIDE[:2],
        (0.4, "Which collector do you run for the team?"),
        (0.45, "Where does the collector sit for the team?"),
        *GUIDE[2:4],
        (0.7, "How many collectors do you manage on call?"),
        (0.75, "Are the collectors on call at night?"),
        *GUIDE[4:],
    ]
    names = [stage.name.lower() for stage in suggest_stages(_study(guide), HashingEmbedder())]
    assert sum("collector" in name for name in names) == 1, names


def test_an_abbreviation_keeps_its_capitals_and_is_no_one_s_name() -> None:
    guide = [*GUIDE[:4], (0.65, "Where did you keep the API key?"), (0.7, "Who had the API key?")]
    names = [stage.name for stage in suggest_stages(_study(guide), HashingEmbedder())]
    assert any("API key" in name for name in names), names
