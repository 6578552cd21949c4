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
from journeybot.synthesis.extractive.polarity_anchors import (
    ANCHORED_POLARITY,
    FIRM,
    NEGATIVE,
    OVERRULE,
    AnchorPolarity,
    verdict,
)
from journeybot.synthesis.extractive.polarity_model import (
    CLASSES,
    SentenceClassifier,
    VectorClassifier,
    WordClassifier,
    classifier_features,
    classifier_for,
    context_features,
    model_version,
    sentence_features,
    shipped_classifier,
)
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.rows import Reading, Row, read_segments
from tests.conftest import benchmark_module
from tests.synthesis.planted_corpus import lone_segment


def test_the_shipped_file_loads_as_plain_numbers_for_our_embedder() -> None:
    classifier = shipped_classifier()
    words, vectors = classifier.words, classifier.vectors
    assert vectors is not None and vectors.embedder == MODEL_NAME
    assert vectors.coef.shape == (len(CLASSES), EMBEDDING_DIM)
    assert words.coef.shape == (len(CLASSES), len(words.features)) == (3, len(words.idf))
    assert np.isfinite(words.coef).all() and np.isfinite(vectors.coef).all()
    raw = json.loads(polarity_model._model_bytes())
    assert raw["classes"] == list(CLASSES)
    assert model_version().startswith(raw["version"] + "+")


def test_the_classifier_version_is_part_of_the_drafters_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = ExtractiveDrafter().version
    assert before.startswith(EXTRACTIVE_VERSION + "+") and model_version() in before
    edited = json.loads(polarity_model._model_bytes())
    edited["words"]["intercept"][0] += 0.5
    monkeypatch.setattr(polarity_model, "_model_bytes", lambda: json.dumps(edited).encode())
    polarity_model.model_version.cache_clear()
    try:
        assert ExtractiveDrafter().version != before  # an edited file re-drafts
    finally:
        polarity_model.model_version.cache_clear()


@pytest.mark.parametrize(
    ("part", "change", "value"),
    [
        (None, "classes", ["positive", "neutral", "negative"]),
        ("vectors", "coef", [[0.0] * 4] * 2),
        ("words", "idf", [1.0]),
        ("words", "features", ["same", "same"]),
    ],
)
def test_a_file_of_another_shape_is_refused(part: str | None, change: str, value: Any) -> None:
    data = json.loads(polarity_model._model_bytes())
    (data[part] if part else data)[change] = value
    with pytest.raises(ModelFileError):
        SentenceClassifier.from_dict(data)


def test_vectors_of_another_model_are_refused() -> None:
    with pytest.raises(ModelFileError, match="384"):
        shipped_classifier().probabilities(["a sentence"], [np.zeros(256, dtype=np.float32)])


def test_only_the_model_it_was_fitted_on_gets_the_vector_part(minilm: MiniLMEmbedder) -> None:
    assert classifier_for(minilm) is shipped_classifier()
    for other in (HashingEmbedder(), HashingEmbedder(EMBEDDING_DIM)):  # other size; other model
        words_only = classifier_for(other)
        assert words_only.vectors is None and words_only.words is shipped_classifier().words


def test_negation_is_marked_to_the_end_of_the_clause() -> None:
    features = sentence_features("It didn't work, but the refund came. Not once!")
    assert "not_work" in features and "work" not in features
    assert "refund" in features and "not_refund" not in features  # "but" ends the scope
    assert "didn't not_work" in features and "not_work but" not in features
    assert "not_once" in features
    assert all("|" not in f for f in features)  # no pair spans a comma or a full stop


def test_the_question_is_read_as_features_of_its_own() -> None:
    asked = classifier_features("Nobody came.", "Right. And what went wrong on the day?")
    assert "nobody" in asked and "q:wrong" in asked and "q:went wrong" in asked
    assert not any(f.startswith("q:") for f in classifier_features("Nobody came."))
    assert context_features("   ") == []  # a diary entry: no question, nothing added
    long_preamble = "First the weather. " + "Then more talk. " * 20 + "How did the install go?"
    assert "q:install" in context_features(long_preamble)  # the end of a long question
    assert "q:weather" not in context_features(long_preamble)


def test_the_same_words_lean_with_the_question_they_answer() -> None:
    """A reply with no opinion word ("Nobody came.") reads by what was asked."""
    words = WordClassifier(
        {"q:wrong": 0, "q:work": 1},
        np.ones(2),
        np.array([[4.0, 0.0], [0.0, 4.0], [0.0, 0.0]]),  # "wrong" asked: a complaint
        np.zeros(3),
    )
    classifier = SentenceClassifier("t@1", words)
    texts = ["Nobody came.", "Nobody came.", "Nobody came."]
    contexts = ["What went wrong?", "Where do you work?", ""]
    read = classifier.probabilities(texts, contexts=contexts)
    assert [CLASSES[int(row.argmax())] for row in read[:2]] == ["negative", "neutral"]
    assert np.allclose(read[2], 1 / 3)  # no question: nothing to lean on
    assert np.allclose(classifier.probabilities(texts[:1]), read[2])


def test_each_sentence_is_read_with_the_question_its_segment_answers(
    minilm: MiniLMEmbedder,
) -> None:
    words = WordClassifier({"q:wrong": 0}, np.ones(1), np.array([[6.0], [0.0], [0.0]]), np.zeros(3))
    by_question = SentenceClassifier("t@1", words)
    text = "We got the letter on a Tuesday and put it in the drawer."
    segments = [lone_segment(text, turn, study="model") for turn in (0, 1)]
    readings = read_segments(segments, PolarityScorer())
    assert [r.index for r in readings] == [0, 1] and readings[0].polarity == 0.0
    read = AnchorPolarity(minilm, by_question).refine(
        readings, contexts=["What went wrong with the letters?", "When did it come?"]
    )
    assert [r.polarity for r in read] == [-ANCHORED_POLARITY, 0.0]
    # Read alone, its words say nothing: the question's lean makes no pain point.
    assert Row.PAIN not in read[0].rows


def test_a_reply_that_turns_the_question_down_is_read_from_its_denial_on(
    minilm: MiniLMEmbedder,
) -> None:
    """ "Stressful, no, not really, ..." to "Was that stressful?": the classifier reads the
    words after the denial, without the question, so the word said back (and asked) makes
    no complaint; a feeling of the speaker's own after the denial still does."""
    stressful = WordClassifier(
        {"stressful": 0, "q:stressful": 1, "daft": 2},
        np.ones(3),
        np.array([[9.0, 9.0, 9.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]),
        np.zeros(3),
    )
    texts = [
        "Stressful, no, not really, my brother said leave it with me and it was sorted by Monday.",
        "Stressful, no, not really, my brother said leave it with me and it was sorted by Monday.",
        "Stressful, no, I felt daft more than anything, sat there pressing the button.",
    ]
    asked = ["Was that stressful?", "What happened after you sent the forms?", "Was it stressful?"]
    segments = [
        lone_segment(text, turn, study="model").model_copy(update={"context": asked[turn]})
        for turn, text in enumerate(texts)
    ]
    readings = read_segments(segments, PolarityScorer())
    read = AnchorPolarity(minilm, SentenceClassifier("t@1", stressful)).refine(
        readings, contexts=asked
    )
    assert read[0].polarity > 0 and Row.PAIN not in read[0].rows
    assert read[1].polarity < 0  # not a question it turns down: its word is its own
    assert read[2].polarity < 0
    # a reply that turned the question down backs no one else's problem, however it reads
    assert read[0].complaint == read[2].complaint == 0.0 and read[1].complaint > 0.9


def test_word_probabilities_follow_the_words_and_blend_with_vectors() -> None:
    words = WordClassifier(
        {"late": 0, "kind": 1},
        np.ones(2),
        np.array([[4.0, 0.0], [0.0, 0.0], [0.0, 4.0]]),  # "late" reads negative, "kind" positive
        np.zeros(3),
    )
    vectors = VectorClassifier("toy", np.array([[0.0], [0.0], [8.0]]), np.zeros(3))
    classifier = SentenceClassifier("t@1", words, vectors)
    texts = ["It came late.", "She was kind.", "Nothing known here."]
    alone = classifier.probabilities(texts)
    assert np.allclose(alone.sum(axis=1), 1.0)
    assert alone.argmax(axis=1).tolist()[:2] == [0, 2] and np.allclose(alone[2], 1 / 3)
    blended = classifier.probabilities(texts, [np.ones(1, np.float32), None, None])
    assert blended[0][2] > alone[0][2]  # the vector pulled the first towards positive
    assert np.allclose(blended[1:], alone[1:])  # no vector: the words alone


@pytest.mark.parametrize(
    ("polarity", "probabilities", "label"),
    [
        (0.0, [0.5, 0.2, 0.3], "negative"),  # neutral so far: the likeliest polar class
        (0.0, [0.38, 0.31, 0.31], "neutral"),  # ... only when SIGN sure
        (0.3, [0.6, 0.2, 0.2], "negative"),  # a weak reading overruled when OVERRULE sure
        (0.3, [0.5, 0.2, 0.3], "positive"),  # ... not when less sure
        (0.3, [0.1, 0.7, 0.2], "neutral"),
        (0.6, [0.9, 0.05, 0.05], "positive"),  # a FIRM reading is never overruled
    ],
)
def test_the_classifier_verdict(polarity: float, probabilities: list[float], label: str) -> None:
    assert verdict(polarity, np.array(probabilities)) == label


def test_the_classifiers_praise_changes_feelings_never_rows(minilm: MiniLMEmbedder) -> None:
    always_positive = _constant(2)
    texts = [
        "I spent my whole lunch break on the phone to them.",
        "We moved the savings into the fixed account last spring.",
    ]
    readings = [_reading(text) for text in texts]
    assert [r.polarity for r in readings] == [0.0, 0.0]  # the rules see no opinion
    anchored = AnchorPolarity(minilm).refine(readings)
    both = AnchorPolarity(minilm, always_positive).refine(readings)
    assert anchored[0].polarity == -ANCHORED_POLARITY  # the anchors read a complaint ...
    assert both[0].polarity == ANCHORED_POLARITY  # ... a sure classifier overrules it
    assert anchored[1].polarity == 0.0 and both[1].polarity == ANCHORED_POLARITY
    assert both[1].rows == readings[1].rows  # the classifier's sign makes no new row


def test_a_complaint_the_classifier_is_very_sure_of_backs_a_pain_point(
    minilm: MiniLMEmbedder,
) -> None:
    story = _reading(
        "Someone had eaten a burger in it and left the bag, and the whole car smelled of chips."
    )
    assert story.polarity == 0.0 and not story.rows  # no problem word, no opinion word
    [sure] = AnchorPolarity(minilm, _constant(0)).refine([story])
    assert sure.polarity == -ANCHORED_POLARITY and sure.rows == {Row.PAIN}
    [unsure] = AnchorPolarity(minilm, _constant(0, sure=0.65)).refine([story])
    assert unsure.polarity == -ANCHORED_POLARITY and not unsure.rows  # under PAIN_SURE


@pytest.mark.parametrize(
    "text",
    [
        "There were no issues with the car when we picked it up on Friday.",  # a denial
        "Sorry, can you hear me all right now, is the sound working?",  # to the listener
    ],
)
def test_a_sure_complaint_is_no_pain_point_where_the_rows_refuse_one(
    minilm: MiniLMEmbedder, text: str
) -> None:
    [read] = AnchorPolarity(minilm, _constant(0)).refine([_reading(text)])
    assert Row.PAIN not in read.rows


def test_a_stated_opinion_is_never_overruled(minilm: MiniLMEmbedder) -> None:
    reading = _reading("It was a brilliant day and the staff were wonderful.")
    assert reading.polarity >= 0.5
    refined = AnchorPolarity(minilm, _constant(0)).refine([reading])[0]
    assert (refined.polarity, refined.rows) == (reading.polarity, reading.rows)


def _constant(best: int, sure: float = 0.99) -> SentenceClassifier:
    """A classifier ``sure`` of one class whatever it reads (its intercept alone)."""
    intercept = np.zeros(3)
    intercept[best] = np.log(2 * sure / (1 - sure))  # softmax over (x, 0, 0) gives ``sure``
    return SentenceClassifier("t@1", WordClassifier({}, np.zeros(0), np.zeros((3, 0)), intercept))


@pytest.fixture(scope="module")
def train_polarity() -> Any:
    return benchmark_module("train_polarity")


def test_on_studies_it_has_not_seen_the_classifier_helps(
    train_polarity: Any, minilm: MiniLMEmbedder
) -> None:
    """Four of the newer tuned studies (no cue was written from them before their first
    read) left out in turn, the classifier fitted on the others and eight older ones:
    better on average, no study worse.

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
    assert sum(with_classifier) > sum(without) + 0.2
    assert all(w >= wo for w, wo in zip(with_classifier, without, strict=True))
    # Alone, on a study it has not seen, it reads well over half of the quotes right (3
    # classes; the rules and anchors alone read about 0.55 of these).
    alone = [r["classifier_alone_3_class"] for r in reports]
    assert sum(alone) / len(alone) > 0.6


#: The newest tuned studies: the cue rules read them out of sample.
NEWEST = ("tonemobile", "reelbox", "mycouncil", "oakhaus")


def _reading(text: str) -> Reading:
    return read_segments([lone_segment(text, study="model")], PolarityScorer())[0]


def test_sentences_that_back_no_row_are_read_through_their_segment(
    minilm: MiniLMEmbedder,
) -> None:
    """No sentence is embedded for the classifier alone: a row-less sentence's words are
    blended with its segment's vector when one is at hand."""
    words = WordClassifier({}, np.zeros(0), np.zeros((3, 0)), np.zeros(3))  # no opinion
    vectors = VectorClassifier(MODEL_NAME, np.zeros((3, EMBEDDING_DIM)), np.array([9.0, 0, 0]))
    negative_vectors = SentenceClassifier("t@1", words, vectors)
    text = "We got the letter on a Tuesday and put it in the drawer."
    reading = _reading(text)
    assert not reading.rows and reading.polarity == 0.0
    anchors = AnchorPolarity(CountingEmbedder(minilm), negative_vectors)
    assert anchors.refine([reading])[0].polarity == 0.0  # words alone: a third each
    segment_vectors = minilm.embed([text])
    assert anchors.refine([reading], segment_vectors)[0].polarity == -ANCHORED_POLARITY
    assert anchors.embedder.texts == 0  # type: ignore[attr-defined]
    short = _reading("On a Tuesday.")
    assert anchors.refine([short], segment_vectors)[0].polarity == 0.0  # too short to read


def test_a_sentence_that_can_back_a_claim_is_read_with_its_own_vector(
    minilm: MiniLMEmbedder,
) -> None:
    """The vector part was fitted on sentence vectors: a sentence that can back a claim,
    embedded for themes anyway, is read with its own vector even where the rules gave it
    a weak sign, not through its segment's (which talks of other things too)."""
    text = "The booking page was fine, I picked a slot and paid."
    reading = _reading(text)
    assert reading.rows and 0 < reading.polarity < FIRM  # a weak reading of the rules
    own = minilm.embed([text])[0]
    words = WordClassifier({}, np.zeros(0), np.zeros((3, 0)), np.array([np.log(2.0), 0, 0]))
    coef = np.zeros((3, EMBEDDING_DIM))
    coef[NEGATIVE] = 12.0 * own  # sure of a complaint only on this very sentence's vector
    vectors = VectorClassifier(MODEL_NAME, coef, np.array([-6.0, 0, 0]))
    classifier = SentenceClassifier("t@1", words, vectors)
    segment = minilm.embed(["We moved the savings into the fixed account last spring."])
    [read] = AnchorPolarity(minilm, classifier).refine([reading], segment)
    assert read.polarity == -ANCHORED_POLARITY
    # Through that segment's vector the classifier would not be sure enough to overrule.
    through_segment = classifier.probabilities([text], [segment[0]])[0]
    assert through_segment.max() < OVERRULE < classifier.probabilities([text], [own])[0].max()


class CountingEmbedder:
    """Counts the texts embedded after the anchors were."""

    def __init__(self, inner: MiniLMEmbedder) -> None:
        self.inner, self.name, self.dimension = inner, inner.name, inner.dimension
        self.texts = -1

    def embed(self, texts: Any) -> Any:
        self.texts = 0 if self.texts < 0 else self.texts + len(texts)
        return self.inner.embed(texts)
