"""Rule-neutral sentences take a mild sign from their nearest anchor sentences."""

from __future__ import annotations

from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis.extractive.polarity_anchors import ANCHORED_POLARITY, AnchorPolarity
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.rows import Row, read_segments
from tests.synthesis.planted_corpus import lone_segment


def _segment(text: str, turn: int) -> Segment:
    return lone_segment(text, turn, study="anchors")


def test_a_complaint_without_opinion_words_reads_negative(minilm: MiniLMEmbedder) -> None:
    texts = [
        "I spent my whole lunch break on the phone to them.",
        "We moved the savings into the fixed account last spring.",
    ]
    readings = read_segments([_segment(t, i) for i, t in enumerate(texts)], PolarityScorer())
    assert [r.polarity for r in readings] == [0.0, 0.0]  # the rules see no opinion
    refined = AnchorPolarity(minilm).refine(readings)
    assert refined[0].polarity == -ANCHORED_POLARITY
    assert Row.ACTION in refined[0].rows
    assert refined[1].polarity == 0.0


def test_a_stated_opinion_is_never_overruled(minilm: MiniLMEmbedder) -> None:
    text = "The statement page is brilliant, I can see everything at a glance."
    readings = read_segments([_segment(text, 0)], PolarityScorer())
    assert readings[0].polarity > 0
    assert AnchorPolarity(minilm).refine(readings)[0].polarity == readings[0].polarity
