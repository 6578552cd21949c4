"""Answers: participants' own words, cut to what answers, grouped by participant."""

from __future__ import annotations

import numpy as np
from syrupy.assertion import SnapshotAssertion

from journeybot.core.text import is_verbatim
from journeybot.synthesis.base import RetrievedEvidence, StudyEvidence
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter


def _retrieve(evidence: StudyEvidence, question: str, k: int = 10) -> RetrievedEvidence:
    """Rank segments by cosine similarity, as the store would."""
    query = evidence.embedder.embed([question])[0]
    scores = evidence.vectors @ query
    order = [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
    return RetrievedEvidence(
        question=question,
        segments=[evidence.segments[i] for i in order],
        scores=[float(scores[i]) for i in order],
        sources=evidence.sources,
    )


def test_answer_quotes_are_verbatim_and_grouped_into_themes(planted: StudyEvidence) -> None:
    retrieved = _retrieve(planted, "What went wrong when people contacted support?")
    answer = ExtractiveDrafter().answer(retrieved)
    by_id = {seg.id: seg for seg in retrieved.segments}
    assert answer.citations
    for citation in answer.citations:
        assert is_verbatim(citation.quote, by_id[citation.segment_id].text)
        assert citation.source.endswith(".txt") and citation.location.startswith("line")
    order = [c.participant for c in answer.citations]
    firsts = list(dict.fromkeys(order))
    assert max(order.count(p) for p in firsts) <= 2
    assert answer.participants == len(firsts)
    assert answer.sources == len({c.source for c in answer.citations})
    assert 1 <= len(answer.themes) <= 4
    placed = [i for theme in answer.themes for i in theme.citations]
    assert placed == list(range(len(answer.citations))), "every quote sits under one theme"
    for theme in answer.themes:
        people = {answer.citations[i].participant for i in theme.citations}
        assert theme.participants == len(people)
        assert f"{theme.label}: {plural(len(people))}" in answer.answer
    assert answer.engine == "extractive" and answer.quotes_dropped == 0


def plural(people: int) -> str:
    return f"{people} participant{'' if people == 1 else 's'}"


def test_a_long_segment_is_cut_to_the_sentences_that_answer(planted: StudyEvidence) -> None:
    long_turn = "Before that I was in retail for years. " * 6 + (
        "The card fees were the worst part, every payment lost a slice. "
        "Anyway, the rest of the week was quiet."
    )
    seg = planted.segments[0].model_copy(update={"id": "long:1", "text": long_turn})
    retrieved = RetrievedEvidence(
        question="What did you think of the card fees?", segments=[seg], scores=[0.9]
    )
    answer = ExtractiveDrafter().answer(retrieved)
    (citation,) = answer.citations
    assert "card fees were the worst part" in citation.quote
    assert len(citation.quote) < len(long_turn) / 2


def test_questions_put_to_the_listener_are_not_quoted(planted: StudyEvidence) -> None:
    asking = planted.segments[0].model_copy(
        update={
            "id": "ask:1",
            "text": "What kind of setup do you use for your collectors? How are they managed?",
        }
    )
    telling = planted.segments[1].model_copy(
        update={
            "id": "tell:1",
            "text": "We run one collector per node and it was fiddly to set up.",
        }
    )
    retrieved = RetrievedEvidence(
        question="How do people set up their collectors?",
        segments=[asking, telling],
        scores=[0.9, 0.8],
    )
    answer = ExtractiveDrafter().answer(retrieved)
    assert [c.segment_id for c in answer.citations] == ["tell:1"]


def test_nothing_retrieved_says_so() -> None:
    answer = ExtractiveDrafter().answer(RetrievedEvidence("Anything?", [], []))
    assert answer.citations == [] and answer.participants == 0
    assert "answers this question" in answer.answer


def test_answer_shape_is_stable(planted: StudyEvidence, snapshot: SnapshotAssertion) -> None:
    retrieved = _retrieve(planted, "How did people feel about price increases?", k=6)
    answer = ExtractiveDrafter().answer(retrieved)
    # Ids hash the ingested text, so they are left out: the words and places are the point.
    shown = [(c.participant, c.source, c.location, c.quote) for c in answer.citations]
    assert (answer.answer, shown) == snapshot


def test_a_run_of_numbers_is_never_quoted(planted: StudyEvidence) -> None:
    numbers = planted.segments[0].model_copy(
        update={"id": "numbers:1", "text": "47 48 49 50 51 52 53 54 55 56"}
    )
    retrieved = RetrievedEvidence("What would you change?", [numbers, planted.segments[1]], [1, 1])

    answer = ExtractiveDrafter().answer(retrieved)

    assert [c.segment_id for c in answer.citations] == [planted.segments[1].id]


def test_a_long_sentence_is_quoted_whole_not_cut_at_a_comma() -> None:
    """PDPilot P3, line 61: a 60-word sentence used to be quoted as "...and see what,
    first of all," (cut at a clause break), which reads as a misquote."""
    from journeybot.core.models import Segment
    from journeybot.synthesis.extractive.answer import best_passage

    text = (
        "Specifically, I can't think of any, but I'd say, I'd flip that question and say I "
        "never thought being able to brush a section of the ICE plot itself and see what, "
        "first of all, what data points are in that section of the ICE plot and see also "
        "how they, how they are represented on the ICE plots of every other feature. I "
        "didn't imagine how useful that could be until, well, this demonstration."
    )
    segment = Segment(
        id="s1", study="s", source_id="a" * 64, file_name="P3.txt", participant="P3",
        text=text, start=0, end=len(text), location="line 61", turn=1,
    )  # fmt: skip

    quote = best_passage(segment, {"brush", "ice", "plot", "section"})

    assert quote.startswith("Specifically, I can't think of any")
    assert quote.endswith("every other feature.")
