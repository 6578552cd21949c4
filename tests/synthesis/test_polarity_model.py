"""The sentence polarity classifier: its shipped file, its version, and what it adds.

The cross-study test leaves each tuned study out in turn, fits the classifier on the
others (and the anchor sentences) with the training script's own code and reads the one
left out with it: on studies it has not seen it must help on the whole and cost none of
them more than a quote or two.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from journeybot.core.errors import ModelFileError
from journeybot.retrieval.embeddings import (
    EMBEDDING_DIM,
    MODEL_NAME,
    HashingEmbedder,
    MiniLMEmbedder,
)
from journeybot.synthesis.extractive import polarity_model
from journeybot.synthesis.extractive.drafter import EXTRACTIVE_VERSION, ExtractiveDrafter
from journeybot.synthesis.extractive.polarity_anchors import ANCHORED_POLARITY, AnchorPolarity
from journeybot.synthesis.extractive.polarity_model import (
    CLASSES,
    SentenceClassifier,
    classifier_for,
    model_version,
    shipped_classifier,
)
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.rows import Reading, read_segments
from tests.conftest import benchmark_module
from tests.synthesis.planted_corpus import lone_segment


def test_the_shipped_file_loads_as_plain_numbers_for_our_embedder() -> None:
    classifier = shipped_classifier()
    assert classifier.coef.shape == (len(CLASSES), EMBEDDING_DIM)
    assert classifier.intercept.shape == (len(CLASSES),)
    assert classifier.embedder == MODEL_NAME
    assert np.isfinite(classifier.coef).all()
    raw = json.loads(polarity_model._model_bytes())
    assert raw["classes"] == list(CLASSES)
    assert model_version().startswith(raw["version"] + "+")


def test_the_classifier_version_is_part_of_the_drafters_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = ExtractiveDrafter().version
    assert before.startswith(EXTRACTIVE_VERSION + "+") and model_version() in before
    edited = json.loads(polarity_model._model_bytes())
    edited["intercept"][0] += 0.5
    monkeypatch.setattr(polarity_model, "_model_bytes", lambda: json.dumps(edited).encode())
    polarity_model.model_version.cache_clear()
    try:
        assert ExtractiveDrafter().version != before  # an edited file re-drafts
    finally:
        polarity_model.model_version.cache_clear()


@pytest.mark.parametrize(
    ("change", "value"),
    [("classes", ["positive", "neutral", "negative"]), ("coef", [[0.0] * 4] * 2)],
)
def test_a_file_of_another_shape_is_refused(change: str, value: Any) -> None:
    data = json.loads(polarity_model._model_bytes())
    data[change] = value
    with pytest.raises(ModelFileError):
        SentenceClassifier.from_dict(data)


def test_vectors_of_another_model_are_refused() -> None:
    with pytest.raises(ModelFileError, match="384"):
        shipped_classifier().probabilities(np.zeros((1, 256), dtype=np.float32))


def test_only_the_model_it_was_fitted_on_gets_the_classifier(minilm: MiniLMEmbedder) -> None:
    assert classifier_for(minilm) is shipped_classifier()
    assert classifier_for(HashingEmbedder()) is None
    assert classifier_for(HashingEmbedder(EMBEDDING_DIM)) is None  # same size, other model


def test_probabilities_are_a_softmax_and_signs_need_confidence() -> None:
    coef = np.zeros((3, 2))
    coef[0, 0], coef[2, 1] = 4.0, 4.0  # axis 0 reads negative, axis 1 positive
    classifier = SentenceClassifier("t@1", "toy", coef, np.zeros(3))
    vectors = np.array([[1, 0], [0, 1], [0, 0], [0.1, 0.0]], dtype=np.float32)
    probs = classifier.probabilities(vectors)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert classifier.signs(vectors).tolist() == [-1.0, 1.0, 0.0, 0.0]


def test_the_classifier_speaks_only_where_the_anchors_are_silent(minilm: MiniLMEmbedder) -> None:
    always_positive = SentenceClassifier(
        "t@1", MODEL_NAME, np.zeros((3, EMBEDDING_DIM)), np.array([0.0, 0.0, 5.0])
    )
    texts = [
        "I spent my whole lunch break on the phone to them.",
        "We moved the savings into the fixed account last spring.",
    ]
    readings = [_reading(text) for text in texts]
    assert [r.polarity for r in readings] == [0.0, 0.0]  # the rules see no opinion
    vectors = minilm.embed(texts)
    anchored = AnchorPolarity(minilm).refine(readings, vectors)
    both = AnchorPolarity(minilm, always_positive).refine(readings, vectors)
    assert anchored[0].polarity == -ANCHORED_POLARITY == both[0].polarity
    assert anchored[1].polarity == 0.0 and both[1].polarity == ANCHORED_POLARITY
    assert both[1].rows == readings[1].rows  # the classifier's sign makes no new row


@pytest.fixture(scope="module")
def train_polarity() -> Any:
    return benchmark_module("train_polarity")


def test_on_studies_it_has_not_seen_the_classifier_helps(
    train_polarity: Any, minilm: MiniLMEmbedder
) -> None:
    """The four newest tuned studies (no cue was written from them) left out in turn, the
    classifier fitted on them and eight older ones: better on average, no study worse.

    A fixed dozen of the tuned studies, so the test's cost does not grow with the set;
    ``benchmarks/train_polarity.py`` reads all of them."""
    chosen = [*list(train_polarity.TUNED_STUDIES)[:8], *NEWEST]
    studies = [train_polarity.Study(train_polarity.TUNED_STUDIES[n], minilm) for n in chosen]
    reports = [
        train_polarity.cross_study([s for s in studies if s is not out], out, minilm)
        for out in studies[8:]
    ]
    with_classifier = [r["rules_anchors_and_classifier"] for r in reports]
    without = [r["rules_and_anchors"] for r in reports]
    assert sum(with_classifier) > sum(without) + 0.1
    assert all(w >= wo for w, wo in zip(with_classifier, without, strict=True))
    # Alone it is weak (topic more than tone): better than a coin everywhere, and on
    # average no better than the pipeline it serves.
    alone = [r["classifier_alone_3_class"] for r in reports]
    assert all(a > 0.34 for a in alone)
    assert sum(alone) < sum(with_classifier)


#: The newest tuned studies: the cue rules read them out of sample.
NEWEST = ("tonemobile", "reelbox", "mycouncil", "oakhaus")


def _reading(text: str) -> Reading:
    return read_segments([lone_segment(text, study="model")], PolarityScorer())[0]


def test_sentences_that_back_no_row_are_read_through_their_segment(
    minilm: MiniLMEmbedder,
) -> None:
    """No sentence is embedded for the classifier alone: a row-less sentence takes the
    sign its segment's vector gives, and only when a segment vector is at hand."""
    always_negative = SentenceClassifier(
        "t@1", MODEL_NAME, np.zeros((3, EMBEDDING_DIM)), np.array([5.0, 0.0, 0.0])
    )
    reading = _reading("We got the letter on a Tuesday and put it in the drawer.")
    assert not reading.rows and reading.polarity == 0.0
    segment_vectors = minilm.embed(["We got the letter on a Tuesday and put it in the drawer."])
    anchors = AnchorPolarity(minilm, always_negative)
    assert anchors.refine([reading])[0].polarity == 0.0
    assert anchors.refine([reading], segment_vectors)[0].polarity == -ANCHORED_POLARITY
    short = _reading("On a Tuesday.")
    assert anchors.refine([short], segment_vectors)[0].polarity == 0.0  # too short to read
