"""A third opinion on sentences still neutral after the anchors: a linear classifier.

The cue rules and the anchor sentences leave many opinions unread: complaints and
praise told as what happened ("it was nearly a month before anyone rang") with no
opinion word, that sit no nearer the anchors' complaints than their neutral reports. A
multinomial logistic regression over the sentence embedding (MiniLM) was fitted to
labelled sentences by ``benchmarks/train_polarity.py``: the anchor sentences and the
planted quotes of the tuned studies, with their gold polarity. It ships as plain
numbers (``journeybot/data/polarity_model.json``: classes, intercepts, one weight row
per class) that anyone can read and diff, and it runs on numpy alone (no scikit-learn at
run time).

It is weak alone (about half the quotes of a study it has not seen, 3 classes: MiniLM
places sentences by topic more than by tone), so it never overrules a rule or an
anchor: it speaks only where both were silent, only when one polar class is the
likeliest and at least ``CONFIDENCE`` probable, and only on vectors of the model it was
fitted on. Sentences that back no row are read through their segment's vector (made at
ingest), so drafting embeds nothing more for it. Leaving each tuned study out in turn,
it raises the pipeline's mean accuracy on the study left out by about seven points
(``benchmarks/results/polarity_model.json``). Its version is part of the extractive
engine's version, so drafts are made again when the file changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from journeybot.core.errors import ModelFileError
from journeybot.retrieval.embeddings import Embedder

MODEL_FILE = "polarity_model.json"
CLASSES = ("negative", "neutral", "positive")
#: How probable a polar class must be before the classifier gives its sign (of 0.4-0.65,
#: 0.5 did best leaving one tuned study out).
CONFIDENCE = 0.5


@dataclass(frozen=True)
class SentenceClassifier:
    """Softmax(vectors @ coef.T + intercept) over ``CLASSES``."""

    version: str
    embedder: str
    coef: npt.NDArray[np.float64]  # (3, dimension)
    intercept: npt.NDArray[np.float64]  # (3,)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SentenceClassifier:
        """Checked construction: a file with other classes or shapes is refused."""
        coef = np.asarray(data.get("coef"), dtype=np.float64)
        intercept = np.asarray(data.get("intercept"), dtype=np.float64)
        if tuple(data.get("classes", ())) != CLASSES:  # type: ignore[arg-type]
            raise ModelFileError(f"{MODEL_FILE}: classes must be {list(CLASSES)}")
        if coef.ndim != 2 or coef.shape[0] != len(CLASSES) or intercept.shape != (len(CLASSES),):
            raise ModelFileError(f"{MODEL_FILE}: coef must be 3 x d and intercept 3 numbers")
        return cls(str(data["version"]), str(data["embedder"]), coef, intercept)

    def probabilities(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """One row of (negative, neutral, positive) probabilities per vector."""
        if vectors.shape[1:] != self.coef.shape[1:]:
            raise ModelFileError(
                f"{MODEL_FILE} expects {self.coef.shape[1]}-dimensional vectors "
                f"from {self.embedder}, got {vectors.shape[1:]}"
            )
        logits = vectors.astype(np.float64) @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)

    def signs(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """-1, 0 or 1 per vector: a polar class that is likeliest and ``CONFIDENCE`` sure."""
        out = np.zeros(len(vectors))
        if not len(vectors):
            return out
        probs = self.probabilities(vectors)
        best = probs.argmax(axis=1)
        sure = probs.max(axis=1) >= CONFIDENCE
        out[sure & (best == 0)] = -1.0
        out[sure & (best == 2)] = 1.0
        return out


def classifier_for(embedder: Embedder) -> SentenceClassifier | None:
    """The shipped classifier when ``embedder`` is the model it was fitted on, else
    ``None``: another model's vectors (a test's hashing embedder, a configured
    alternative) mean nothing to these weights, and the anchors still work with any."""
    classifier = shipped_classifier()
    fits = embedder.name == classifier.embedder and embedder.dimension == classifier.coef.shape[1]
    return classifier if fits else None


def _model_bytes() -> bytes:
    return (resources.files("journeybot") / "data" / MODEL_FILE).read_bytes()


@cache
def shipped_classifier() -> SentenceClassifier:
    """The classifier shipped with the package, read once."""
    return SentenceClassifier.from_dict(json.loads(_model_bytes()))


@cache
def model_version() -> str:
    """The shipped file's declared version and a hash of its bytes (any edit shows)."""
    declared = json.loads(_model_bytes())["version"]
    return f"{declared}+{hashlib.sha256(_model_bytes()).hexdigest()[:8]}"
