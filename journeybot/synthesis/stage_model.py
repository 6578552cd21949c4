"""A learned opinion on where the default stages begin and end: a linear classifier.

The stage prototypes say what each stage sounds like in general; they cannot know that
"the first one they offered was six weeks away" is onboarding in an installation study
and "I moved them to Tuesdays" usage in a clubs study. A multinomial logistic regression
over three things the assigner already has - the segment's vector, the vector of the
question it answers (the discussion guide's order shows through it) and how far into the
conversation it was said - was fitted by ``benchmarks/train_stage.py`` on the planted
quotes of the tuned studies, with their gold stages. Leaving each of the nineteen tuned
studies out in turn, adding its log-probabilities to the assigner's scores raised stage
accuracy on the study left out from 0.738 to 0.9 (``benchmarks/results/stage_model.json``).

It knows only the default stage list, so it speaks only when a study uses those stages
(same ids, same order) and only on vectors of the model it was fitted on; a study with
stages of its own, or a test's hashing embedder, is placed by the prototypes, cues,
context and position alone. It learned from service journeys, so it also keeps quiet, in
proportion, on a study whose talk it is unsure of as a whole (``familiarity``): PDPilot's
usability sessions would otherwise all be pushed into usage. It ships as plain numbers
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
#: Mean top probability below which the segments look unlike anything the classifier
#: learned from (it then keeps quiet), and above which it speaks in full. Each tuned
#: service study, left out of the fitting, measures 0.60-0.70 or more; PDPilot, a
#: usability study whose talk is not a purchase journey, 0.55
#: (``benchmarks/results/stage_model.json``).
UNFAMILIAR = 0.55
FAMILIAR = 0.65


@dataclass(frozen=True)
class StageClassifier:
    """log softmax([segment, question, position] @ coef.T + intercept) over ``stages``."""

    version: str
    embedder: str
    stages: tuple[str, ...]
    coef: Matrix  # (stages, 2 * dimension + 1)
    intercept: Matrix  # (stages,)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> StageClassifier:
        """Checked construction: a file whose shapes disagree is refused."""
        stages = tuple(str(s) for s in data.get("stages", ()))  # type: ignore[attr-defined]
        coef = np.asarray(data.get("coef"), dtype=np.float64)
        intercept = np.asarray(data.get("intercept"), dtype=np.float64)
        if not stages or coef.ndim != 2 or coef.shape[0] != len(stages):
            raise ModelFileError(f"{MODEL_FILE}: coef must have one row per stage")
        if intercept.shape != (len(stages),) or coef.shape[1] % 2 != 1:
            raise ModelFileError(f"{MODEL_FILE}: one intercept per stage, 2 x d + 1 weights")
        return cls(str(data["version"]), str(data["embedder"]), stages, coef, intercept)

    @property
    def dimension(self) -> int:
        return (self.coef.shape[1] - 1) // 2

    def log_probabilities(
        self,
        vectors: npt.NDArray[np.float32],
        question_vectors: npt.NDArray[np.float32],
        positions: npt.NDArray[np.float64],
    ) -> Matrix:
        """One row of log-probabilities over ``stages`` per segment."""
        features = np.hstack(
            [
                np.asarray(vectors, dtype=np.float64),
                np.asarray(question_vectors, dtype=np.float64),
                np.asarray(positions, dtype=np.float64)[:, None],
            ]
        )
        if features.shape[1] != self.coef.shape[1]:
            raise ModelFileError(
                f"{MODEL_FILE} expects {self.dimension}-dimensional vectors from "
                f"{self.embedder}, got {vectors.shape[1:]}"
            )
        logits = features @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        return np.asarray(logits - np.log(np.exp(logits).sum(axis=1, keepdims=True)))


def sureness(log_probabilities: Matrix) -> float:
    """The classifier's mean top probability over a study's segments."""
    if not len(log_probabilities):
        return 0.0
    return float(np.exp(log_probabilities.max(axis=1)).mean())


def familiarity(log_probabilities: Matrix) -> float:
    """0..1: how far the classifier can be trusted on these segments, from how sure it is
    of them on average (a study unlike its training studies spreads its bets)."""
    mean_top = sureness(log_probabilities)
    return float(np.clip((mean_top - UNFAMILIAR) / (FAMILIAR - UNFAMILIAR), 0.0, 1.0))


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
