"""The stage classifier: fitted on some studies it places another's talk better; it
keeps out of stage lists it does not know and of studies unlike its training."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from journeybot.core.errors import ModelFileError
from journeybot.core.models import DEFAULT_STAGES, Segment, SourceKind, Stage
from journeybot.retrieval.embeddings import HashingEmbedder, MiniLMEmbedder
from journeybot.synthesis.stage_assign import StageAssigner, StageWeights
from journeybot.synthesis.stage_model import (
    StageClassifier,
    classifier_for,
    concentration,
    familiarity,
    neighbourhood,
    shipped_classifier,
    trust,
)
from tests.conftest import benchmark_module


@pytest.fixture(scope="module")
def train_stage() -> Any:
    return benchmark_module("train_stage")


def test_a_study_left_out_of_the_fitting_is_placed_better(
    train_stage: Any, minilm: MiniLMEmbedder
) -> None:
    """Fitted on ten other tuned studies, the classifier raises the stage accuracy of the
    one left out, and by a margin (Pawprint: 0.61 without it). A fixed eleven, so the
    test's cost does not grow with the set; ``benchmarks/train_stage.py`` reads them all."""
    folders = list(train_stage.TUNED_STUDIES.values())[:11]
    studies = [train_stage.Study(folder, minilm) for folder in folders]
    left_out = next(s for s in studies if s.name == "planted_vet")
    others = [s for s in studies if s is not left_out]
    classifier = train_stage.fit(others, train_stage.C, minilm)
    without = left_out.accuracy(None, 0.0)
    with_it = left_out.accuracy(classifier, StageWeights().learned)
    assert with_it >= without + 0.1, (without, with_it)


def test_it_speaks_only_for_the_default_stages_and_its_own_embedder(
    minilm: MiniLMEmbedder,
) -> None:
    assert classifier_for(DEFAULT_STAGES, minilm) is shipped_classifier()
    assert classifier_for(DEFAULT_STAGES, HashingEmbedder(384)) is None
    own = [Stage(id=s.id, name=s.name, description=s.description) for s in DEFAULT_STAGES[:5]]
    assert classifier_for(own, minilm) is None
    renamed = [Stage(id=f"s{i}", name=s.name) for i, s in enumerate(DEFAULT_STAGES)]
    assert classifier_for(renamed, minilm) is None
    assert StageAssigner(renamed, minilm).classifier is None


def _log_softmax(scores: np.ndarray) -> np.ndarray:
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def test_familiarity_follows_how_the_study_spreads_over_the_stages() -> None:
    """A service journey spreads over the stages; talk all put in one stage is not what
    the classifier learned from, however sure it is of each segment."""
    spread = np.log(np.array([[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]))
    one_stage = np.log(np.array([[0.9, 0.05, 0.05]] * 3))
    assert familiarity(spread) == 1.0
    assert familiarity(one_stage) == 0.0
    assert familiarity(np.zeros((0, 3))) == 0.0
    # Segments that say little weigh little: bare turns in stage 0 do not decide.
    with_fillers = np.vstack([spread, one_stage])
    assert familiarity(with_fillers) < 1.0
    assert familiarity(with_fillers, np.array([1.0, 1.0, 1.0, 0.0, 0.0, 0.0])) == 1.0


def test_a_diary_says_nothing_of_whether_a_study_is_a_journey() -> None:
    """Diary entries are everyday use by nature: read alone, 28 of the 30 tuned diaries
    put most of their talk in usage. Only talk that answers an interviewer decides how
    far the classifier speaks, and a diary alone hears it in full."""
    spread = np.log(np.array([[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.05, 0.05, 0.9]]))
    one_stage = np.log(np.array([[0.05, 0.9, 0.05]] * 6))
    every = np.ones(9)
    diary_last = np.array([False] * 3 + [True] * 6)
    both = np.vstack([spread, one_stage])
    assert trust(both, every, np.zeros(9, dtype=bool)) < 1.0
    assert trust(both, every, diary_last) == 1.0
    assert trust(one_stage, np.ones(6), np.ones(6, dtype=bool)) == 1.0
    usability = np.vstack([one_stage, spread[:1]])
    assert trust(usability, np.ones(7), np.zeros(7, dtype=bool)) == 0.0


@settings(max_examples=50, deadline=None)
@given(
    scores=arrays(np.int64, (12, 7), elements=st.integers(-5, 5)),
    temperature=st.floats(0.05, 1.0),
)
def test_familiarity_does_not_depend_on_how_sure_the_classifier_is(
    scores: np.ndarray, temperature: float
) -> None:
    """The gate it replaced read the mean top probability, which fell as the studies'
    writers changed (a new writer's service study reads less sure) and sat 0.008 from
    PDPilot: flattening every segment's probabilities now changes nothing."""
    sure = _log_softmax(scores.astype(np.float64))
    unsure = _log_softmax(scores * temperature)
    assert familiarity(unsure) == familiarity(sure)
    assert concentration(unsure) == concentration(sure)


def test_a_study_unlike_its_training_is_placed_as_without_it(minilm: MiniLMEmbedder) -> None:
    """PDPilot's usability sessions are no purchase journey: the classifier would put 0.8
    of their talk in usage, so it keeps quiet and changes no stage."""
    evidence = benchmark_module("quality").load_evidence(minilm)
    with_it = StageAssigner(DEFAULT_STAGES, minilm).assign(evidence.segments, evidence.vectors)
    without = StageAssigner(DEFAULT_STAGES, minilm, StageWeights(learned=0.0)).assign(
        evidence.segments, evidence.vectors
    )
    assert [a.stage_id for a in with_it] == [a.stage_id for a in without]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"coef": [[0.0] * 19] * 6}, "one row per stage"),
        ({"intercept": [0.0] * 6}, "one intercept per stage"),
        ({"coef": [[0.0] * 8] * 7}, r"6 x d \+ 1"),
    ],
)
def test_a_damaged_model_file_is_refused(change: dict[str, Any], message: str) -> None:
    good: dict[str, Any] = {
        "version": "t@1",
        "embedder": "m",
        "stages": [s.id for s in DEFAULT_STAGES],
        "coef": [[0.0] * 19] * 7,
        "intercept": [0.0] * 7,
    }
    with pytest.raises(ModelFileError, match=message):
        StageClassifier.from_dict({**good, **change})


def test_a_model_for_other_vectors_says_so() -> None:
    classifier = StageClassifier.from_dict(
        {
            "version": "t@1",
            "embedder": "m",
            "stages": ["a", "b"],
            "coef": [[0.0] * 19] * 2,
            "intercept": [0.0, 0.0],
        }
    )
    vectors = np.zeros((1, 4), dtype=np.float32)
    with pytest.raises(ModelFileError, match="3-dimensional vectors"):
        classifier.log_probabilities(vectors, vectors, np.zeros(1), np.zeros((1, 16)))


def test_the_neighbourhood_is_the_talk_and_questions_either_side_within_a_conversation() -> None:
    """Two segments each side, averaged; nothing from another conversation, zeros at the
    ends (the first answer has nothing before it)."""
    talk = np.arange(12, dtype=np.float32).reshape(6, 2)
    asked = -talk
    # Rows 0, 1, 2 and 4 are one conversation (in that order), 3 and 5 another.
    around = neighbourhood(talk, asked, [[0, 1, 2, 4], [3, 5]])
    assert around.shape == (6, 8)
    before, after, asked_before, asked_after = np.split(around, 4, axis=1)
    assert before[0].tolist() == [0.0, 0.0]
    assert after[0].tolist() == talk[[1, 2]].mean(axis=0).tolist()
    assert before[4].tolist() == talk[[1, 2]].mean(axis=0).tolist()
    assert after[4].tolist() == [0.0, 0.0]
    assert before[5].tolist() == talk[3].tolist()
    assert after[3].tolist() == talk[5].tolist()
    assert asked_before[2].tolist() == asked[[0, 1]].mean(axis=0).tolist()
    assert asked_after[1].tolist() == asked[[2, 4]].mean(axis=0).tolist()


def _conversation(source: str, turns: list[tuple[str, str]]) -> list[Segment]:
    return [
        Segment(
            id=f"{source}:{i}",
            study="s",
            source_id=source,
            file_name=f"{source}.txt",
            kind=SourceKind.INTERVIEW,
            participant="P1",
            text=answer,
            start=i * 100,
            end=i * 100 + len(answer),
            location=f"line {i}",
            turn=i,
            position=0.5,  # the same everywhere: only the neighbours differ
            context=question,
        )
        for i, (question, answer) in enumerate(turns)
    ]


def test_an_answer_that_names_no_stage_is_read_by_the_questions_around_it(
    minilm: MiniLMEmbedder,
) -> None:
    """The same reply to the same question, said once among questions about hearing of
    the service and setting it up and once among questions about a problem and staying:
    the classifier places it early in the journey in the first and late in the second."""
    reply = ("How did that part go?", "Fine for me, honestly, it was all done in a couple of days.")
    early = [
        ("How did you first hear about them?", "A friend at work mentioned them to me."),
        (
            "Did you compare them with anyone else?",
            "I looked at two others, both wanted a contract.",
        ),
        reply,
        ("What was setting it up like, the first week?", "It walked me through the rest."),
        ("And the first time you used it properly?", "I was still finding my way round."),
    ]
    late = [
        ("Have you ever had to contact them about a problem?", "Once, a payment went out twice."),
        ("How did they deal with it?", "The lady on the phone apologised and said she'd sort it."),
        reply,
        ("Would you stay with them when the price goes up?", "I'll probably stay."),
        ("Would you recommend them to a friend?", "I already have, my sister signed up."),
    ]
    usage = [s.id for s in DEFAULT_STAGES].index("usage")
    placed = []
    for name, turns in (("early", early), ("late", late)):
        segments = _conversation(name, turns)
        vectors = minilm.embed([s.text for s in segments])
        assigner = StageAssigner(DEFAULT_STAGES, minilm, StageWeights(learned=0.0))
        questions, positions, around = assigner.classifier_inputs(segments, vectors)
        learned = shipped_classifier().log_probabilities(vectors, questions, positions, around)
        placed.append(int(learned[2].argmax()))
    assert placed[0] < usage < placed[1], placed
