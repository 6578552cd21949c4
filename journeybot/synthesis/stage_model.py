"""A learned opinion on where the default stages begin and end: a linear classifier.

The stage prototypes say what each stage sounds like in general; they cannot know that
"the first one they offered was six weeks away" is onboarding in an installation study
and "I moved them to Tuesdays" usage in a clubs study. A multinomial logistic regression
over what the assigner already has - the segment's vector, the vector of the question it
answers (the discussion guide's order shows through it), how far into the conversation
it was said, and the talk and questions of the two segments either side of it
(``neighbourhood``) - was fitted by ``benchmarks/train_stage.py`` on the planted quotes of
the twenty-seven tuned studies, with their gold stages. Leaving each study out in turn,
adding its log-probabilities to the assigner's scores raises stage accuracy on the study
left out from 0.719 to 0.89, and on the newest eight (written by others, from one
brief) from 0.628 to 0.811; without the neighbours, fitted on the nineteen before those
eight, the eight read 0.764 (``benchmarks/results/stage_model.json``).

The neighbours are there because one answer rarely says where it sits: "Fine for me
actually, I get my payslips as PDFs" could be any stage, while the questions around it
("How did the call go?", "And the valuation?") place it in the guide. The path over the
conversation (``stage_assign``) already prefers moving on in order, but it only weighs
stages against each other; the neighbours let the classifier learn which stage a run of
questions belongs to.

It knows only the default stage list, so it speaks only when a study uses those stages
(same ids, same order) and only on vectors of the model it was fitted on; a study with
stages of its own, or a test's hashing embedder, is placed by the prototypes, cues,
context and position alone. It learned from service journeys, so it also keeps quiet, in
proportion, where it would put most of a study's interview talk in one stage (``trust``):
PDPilot's usability sessions would otherwise all be pushed into usage. It ships as plain numbers
(``journeybot/data/stage_model.json``) read with numpy alone, and its bytes are part of
the readings' version (``service/readings.READING_DATA``), so stored readings are made
again when the file changes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from journeybot.core.errors import ModelFileError
from journeybot.core.models import Stage
from journeybot.retrieval.embeddings import Embedder

MODEL_FILE = "stage_model.json"
Matrix = npt.NDArray[np.float64]
#: The share of a study's interview talk the classifier puts in its commonest stage at
#: or under which it speaks in full, and at or above which it keeps quiet (``trust``).
#: Fitted on the others, each tuned service study left out puts 0.21-0.49 of it in one
#: stage (usage); PDPilot, a usability study whose talk is not a purchase journey, 0.80.
#: Its first gate, the classifier's mean top probability (silent at 0.58, in full at
#: 0.65), sat 0.008 above PDPilot and within 0.01 of the least familiar tuned studies
#: (0.64, 0.65): the studies written last, by other writers, were the least familiar,
#: so a new writer's service study could lose the classifier it needed.
CONCENTRATED = 0.72
SPREAD = 0.6
#: Segments on each side whose talk and questions the classifier reads. Stage accuracy,
#: fitted on the nineteen studies before the newest eight, on each of the nineteen left
#: out in turn and on the eight: 1 0.922 / 0.768, 2 0.925 / 0.786, 3 0.924 / 0.788
#: (none: 0.902 / 0.764).
NEIGHBOURS = 2
#: Vector blocks in a row of features: the segment, its question, then the mean talk
#: before and after it and the mean question before and after it.
BLOCKS = 6


@dataclass(frozen=True)
class StageClassifier:
    """log softmax([segment, question, position, neighbourhood] @ coef.T + intercept)
    over ``stages``."""

    version: str
    embedder: str
    stages: tuple[str, ...]
    coef: Matrix  # (stages, BLOCKS * dimension + 1)
    intercept: Matrix  # (stages,)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> StageClassifier:
        """Checked construction: a file whose shapes disagree is refused."""
        stages = tuple(str(s) for s in data.get("stages", ()))  # type: ignore[attr-defined]
        coef = np.asarray(data.get("coef"), dtype=np.float64)
        intercept = np.asarray(data.get("intercept"), dtype=np.float64)
        if not stages or coef.ndim != 2 or coef.shape[0] != len(stages):
            raise ModelFileError(f"{MODEL_FILE}: coef must have one row per stage")
        if intercept.shape != (len(stages),) or coef.shape[1] % BLOCKS != 1:
            raise ModelFileError(f"{MODEL_FILE}: one intercept per stage, {BLOCKS} x d + 1 weights")
        return cls(str(data["version"]), str(data["embedder"]), stages, coef, intercept)

    @property
    def dimension(self) -> int:
        return (self.coef.shape[1] - 1) // BLOCKS

    def log_probabilities(
        self,
        vectors: npt.NDArray[np.float32],
        question_vectors: npt.NDArray[np.float32],
        positions: npt.NDArray[np.float64],
        neighbours: Matrix,
    ) -> Matrix:
        """One row of log-probabilities over ``stages`` per segment; ``neighbours`` as
        ``neighbourhood`` makes it."""
        blocks = [
            np.asarray(vectors, dtype=np.float64),
            np.asarray(question_vectors, dtype=np.float64),
            np.asarray(positions, dtype=np.float64)[:, None],
            np.asarray(neighbours, dtype=np.float64),
        ]
        if sum(block.shape[1] for block in blocks) != self.coef.shape[1]:
            raise ModelFileError(
                f"{MODEL_FILE} expects {self.dimension}-dimensional vectors from "
                f"{self.embedder}, got {vectors.shape[1:]}"
            )
        # Block by block, not one stacked copy of every feature (tens of MB a draft).
        logits = np.tile(self.intercept, (len(blocks[0]), 1))
        start = 0
        for block in blocks:
            logits += block @ self.coef[:, start : start + block.shape[1]].T
            start += block.shape[1]
        logits -= logits.max(axis=1, keepdims=True)
        return np.asarray(logits - np.log(np.exp(logits).sum(axis=1, keepdims=True)))


def neighbourhood(
    vectors: npt.NDArray[np.float32],
    question_vectors: npt.NDArray[np.float32],
    conversations: Sequence[Sequence[int]],
) -> Matrix:
    """Per segment, the mean vector of the ``NEIGHBOURS`` segments before it in its
    conversation, of those after it, and the same of their questions (zeros where there
    are none: the first answer has no talk before it)."""
    talk = np.asarray(vectors, dtype=np.float64)
    asked = np.asarray(question_vectors, dtype=np.float64)
    width = talk.shape[1] if talk.ndim == 2 else 0
    out = np.zeros((len(talk), 4 * width))
    for order in conversations:
        rows = np.asarray(order, dtype=np.int64)
        if len(rows) < 2:
            continue
        both = np.hstack([talk[rows], asked[rows]])
        before, after = _window_means(both)
        out[rows] = np.hstack(
            [before[:, :width], after[:, :width], before[:, width:], after[:, width:]]
        )
    return out


def _window_means(ordered: Matrix) -> tuple[Matrix, Matrix]:
    """The mean of the ``NEIGHBOURS`` rows before each row and of those after it (zeros
    where none), from running sums: a draft reads every segment of twelve interviews."""
    size = len(ordered)
    totals = np.vstack([np.zeros((1, ordered.shape[1])), np.cumsum(ordered, axis=0)])
    index = np.arange(size)
    start = np.maximum(index - NEIGHBOURS, 0)
    stop = np.minimum(index + 1 + NEIGHBOURS, size)
    before = totals[index] - totals[start]
    after = totals[stop] - totals[index + 1]
    count_before = np.maximum(index - start, 1)[:, None]
    count_after = np.maximum(stop - index - 1, 1)[:, None]
    return before / count_before, after / count_after


def sureness(log_probabilities: Matrix) -> float:
    """The classifier's mean top probability over a study's segments."""
    if not len(log_probabilities):
        return 0.0
    return float(np.exp(log_probabilities.max(axis=1)).mean())


def concentration(log_probabilities: Matrix, weights: Matrix | None = None) -> float:
    """The share of a study's talk (``weights``: how much each segment says) that the
    classifier places in its commonest stage."""
    if not len(log_probabilities):
        return 1.0
    mass = np.ones(len(log_probabilities)) if weights is None else np.asarray(weights, float)
    if mass.sum() <= 0:
        return 1.0
    shares = np.bincount(
        log_probabilities.argmax(axis=1), weights=mass, minlength=log_probabilities.shape[1]
    )
    return float(shares.max() / mass.sum())


def familiarity(log_probabilities: Matrix, weights: Matrix | None = None) -> float:
    """0..1: how far the classifier can be trusted on a study. A service journey spreads
    over the stages; talk the classifier would nearly all put in one stage is not the
    kind it learned from (a usability session is all "usage" to it)."""
    share = concentration(log_probabilities, weights)
    return float(np.clip((CONCENTRATED - share) / (CONCENTRATED - SPREAD), 0.0, 1.0))


def trust(log_probabilities: Matrix, informative: Matrix, in_diary: npt.NDArray[np.bool_]) -> float:
    """How far the classifier speaks on a study: its ``familiarity`` read from the talk
    that answers an interviewer. A diary's entries are everyday use by nature (28 of the
    30 tuned diaries, read alone, put 0.75 or more of their talk in usage), so they tell
    nothing of whether the study is a journey; a diary alone is heard in full, as the
    tuned studies' diaries were in fitting."""
    asked = np.where(in_diary, 0.0, np.asarray(informative, dtype=np.float64))
    if not asked.sum():
        return 1.0
    return familiarity(log_probabilities, asked)


def classifier_for(stages: Sequence[Stage], embedder: Embedder) -> StageClassifier | None:
    """The shipped classifier when the study uses the stages it knows and ``embedder`` is
    the model it was fitted on, else ``None`` (it cannot speak for other stages)."""
    classifier = shipped_classifier()
    fits = (
        tuple(stage.id for stage in stages) == classifier.stages
        and embedder.name == classifier.embedder
        and embedder.dimension == classifier.dimension
    )
    return classifier if fits else None


def model_bytes() -> bytes:
    return (resources.files("journeybot") / "data" / MODEL_FILE).read_bytes()


@cache
def shipped_classifier() -> StageClassifier:
    """The classifier shipped with the package, read once."""
    return StageClassifier.from_dict(json.loads(model_bytes()))
