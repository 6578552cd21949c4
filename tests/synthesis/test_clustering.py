"""Persona clustering on hand-made participants with clearly different concerns."""

from __future__ import annotations

from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.clustering import cluster_participants

TOPICS = {
    "price": "the monthly price and the card fees and the cheap plan cost too much money",
    "team": "permissions for my team and staff roles and approvals across our offices",
    "tax": "VAT returns and bank reconciliation and the audit trail for our accountant",
}


def _evidence(people: dict[str, str], *, asked: bool = False) -> StudyEvidence:
    """Three segments a person on their topic; with ``asked``, every answer is the same
    and only the interviewer's questions are on the person's topic."""
    embedder = HashingEmbedder()
    segments: list[Segment] = []
    for n, (person, topic) in enumerate(sorted(people.items())):
        for turn in range(3):
            text = f"{TOPICS[topic]} matters to me, turn {turn} of person {person}"
            question = f"You mentioned {TOPICS[topic]}, how does that go, turn {turn}?"
            if asked:
                text, question = "Yes, that is mostly how it goes for me, most weeks.", question
            segments.append(
                Segment(
                    id=f"{person}:{turn}",
                    study="s",
                    source_id=f"src{n}",
                    file_name=f"{person}.txt",
                    participant=person,
                    text=text,
                    start=turn * 200,
                    end=turn * 200 + len(text),
                    location=f"line {turn}",
                    turn=turn,
                    context=question if asked else "",
                )
            )
    vectors = embedder.embed([s.text for s in segments])
    return StudyEvidence(study="s", segments=segments, vectors=vectors, embedder=embedder)


def test_distinct_concerns_make_distinct_personas() -> None:
    people = {f"{topic}{i}": topic for topic in TOPICS for i in range(3)}
    clusters = cluster_participants(_evidence(people))
    assert clusters.k == 3
    groups = {frozenset(g) for g in clusters.groups}
    assert groups == {frozenset(p for p, t in people.items() if t == topic) for topic in TOPICS}
    assert 0.0 < clusters.score <= 1.0
    assert clusters.as_dict()["k"] == 3


def test_fewer_than_four_participants_are_one_group() -> None:
    clusters = cluster_participants(_evidence({"a": "price", "b": "team", "c": "tax"}))
    assert clusters.k == 1
    assert clusters.groups == (("a", "b", "c"),)
    assert "fewer than" in clusters.method


def test_the_questions_each_person_was_asked_count_when_an_embedder_is_given() -> None:
    people = {f"{topic}{i}": topic for topic in TOPICS for i in range(3)}
    evidence = _evidence(people, asked=True)
    planted = {frozenset(p for p, t in people.items() if t == topic) for topic in TOPICS}
    unasked = cluster_participants(evidence)  # the same answers: nothing to tell apart
    assert {frozenset(g) for g in unasked.groups} != planted
    clusters = cluster_participants(evidence, evidence.embedder)
    assert {frozenset(g) for g in clusters.groups} == planted
    assert "question" in clusters.method


def test_a_persona_far_from_the_rest_does_not_merge_the_other_two() -> None:
    """One group far from the rest and two close to each other (the same plan and fees,
    one also on VAT returns): one k for the whole study by best silhouette made two
    personas of this (6 and 3); dividing each group while its halves stand apart finds
    all three, and says why."""
    plan = "the monthly price and the card fees for our team and staff roles and the plan"
    extra = {"far": "drains boilers plumbing stopcock leaks radiators"}
    extra |= {"plan": plan, "plan_vat": f"{plan} VAT returns"}
    TOPICS.update(extra)
    try:
        people = {f"{topic}{i}": topic for topic in extra for i in range(3)}
        clusters = cluster_participants(_evidence(people))
    finally:
        for topic in extra:
            del TOPICS[topic]
    groups = {frozenset(g) for g in clusters.groups}
    assert groups == {frozenset(p for p, t in people.items() if t == topic) for topic in extra}
    assert "Divided at" in clusters.reason and "a group of 3 (too few to divide)" in clusters.reason


def test_a_group_is_not_divided_into_a_person_alone() -> None:
    """Four people of one concern and one who differs: no persona of one person is made
    below the first division."""
    people = {**{f"price{i}": "price" for i in range(4)}, **{f"team{i}": "team" for i in range(4)}}
    people["tax0"] = "tax"
    clusters = cluster_participants(_evidence(people))
    assert all(len(group) >= 2 for group in clusters.groups)
