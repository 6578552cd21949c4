"""Segments found through the question they answer; the question is never the hit's text."""

from __future__ import annotations

from journeybot.retrieval.steps import SearchSteps
from journeybot.retrieval.store import EvidenceStore
from tests.retrieval.conftest import SegmentFactory

QUESTION = "What goes wrong with smart meter installations?"


def _study(store: EvidenceStore, make_segment: SegmentFactory) -> str:
    distractors = [
        "The smart meters talk to the network over a sort of radio system.",
        "We had a smart meter since 2018, it sits under the stairs.",
        "My neighbour works on meter installations for the council.",
        "Smart plugs are what I wanted, honestly.",
    ]
    store.add([make_segment(text, context="Tell me about your home.") for text in distractors])
    answer = make_segment(
        "Six weeks! And then nobody came.",
        participant="P2",
        context="How did the smart meter installation go?",
    )
    store.add([answer])
    return answer.id


def test_a_reply_without_the_question_words_is_found_through_its_question(
    store: EvidenceStore, make_segment: SegmentFactory
):
    target = _study(store, make_segment)
    without_context = SearchSteps(context=False, floor=False)
    with_context = SearchSteps(floor=False)

    missed = store.search(["onboarding"], QUESTION, k=3, steps=without_context)
    found = store.search(["onboarding"], QUESTION, k=3, steps=with_context)

    assert target not in [hit.segment.id for hit in missed]
    (hit,) = [hit for hit in found if hit.segment.id == target]
    assert hit.segment.text == "Six weeks! And then nobody came."  # the question is not cited
    assert hit.context_score > 0 or hit.lexical_score > 0
