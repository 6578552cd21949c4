"""A third opinion on a sentence's feeling: linear classifiers over its words and vector.

The cue rules and the anchor sentences leave many opinions unread, and misread some:
complaints and praise told as what happened ("I sat in the car park for twenty minutes
before I could make myself go in", "the code was in my email before I'd put my phone
down") with no opinion word a lexicon knows. A multinomial logistic regression over the
sentence's words and word pairs (tf-idf, with the words after a negation marked as
negated up to the end of the clause, so "didn't work" and "worked" pull apart) was
fitted to labelled sentences by ``benchmarks/train_polarity.py``: the anchor sentences
and the planted quotes of the tuned studies, with their gold polarity.

Its first form read only the sentence embedding, and MiniLM places sentences by topic
more than by tone. Leaving each tuned study out in turn, the embedding classifier alone
read 0.60 of the study left out (3 classes), the word classifier 0.68. But words learnt
from a dozen studies' talk also learn their style ("very", "and" lean one way), which
showed on real survey answers ("very well suited to teaching" read as a complaint). So
the two are blended (``WORD_WEIGHT`` of the words' probabilities, the rest the vector's)
where the sentence or its segment has a vector of the model the vector part was fitted
on, and the words speak alone elsewhere. Measured with the pipeline (rules, anchors,
then the classifier), leaving each tuned study out: 0.688 (embedding classifier) against
0.733 (blend); of the Jupyter survey's answers to "what is pleasant", the blend reads 4.8%
as complaints, the embedding classifier 3.3% and the words alone 9.2%.

A reply often takes its tone from the question it answers ("What went wrong?" - "The
app, mostly."), so the word classifier also reads the last ``CONTEXT_CHARS`` of the
question as features of their own (prefixed ``q:``, so "wrong" asked and "wrong" said
weigh apart). Leaving each of the twenty-three tuned studies out: 0.727 -> 0.763 (the
eight newest 0.682 -> 0.71). The survey's answers, read without their question, moved
little: pleasant ones read as complaints 4.5% -> 6.7%, difficult ones as praise 18.2%
-> 17.1% (``benchmarks/results/polarity_model.json``). The question's vector beside the
sentence's measured worse (0.740) and is not read. Fitted again with four more studies
(twenty-seven), each left out in turn read 0.753 (the twenty-three 0.763 -> 0.762, the
four new ones as when they were first read, within 0.02): more of the same kind of
data no longer helps much. Fitted on thirty-one, with four studies whose talk wanders
back and forth through the journey, each left out in turn read 0.769 (the twenty-seven
0.772 -> 0.774; the four new ones 0.733 as first read, 0.742 left out of a fit on the
other thirty), and the held-out studies, read once after, 0.762 -> 0.774 and 0.765 ->
0.786. A reply that turns the question's word down ("Stressful, no, not
really, ...") is read, in fitting as in drafting, from its denial on and without the
question (``polarity_anchors.as_answered``).

Both ship as plain numbers in ``journeybot/data/polarity_model.json`` (the word
features, their idf and one weight row per class; the vector weights) that anyone can
read and diff, and run on the standard library and numpy (no scikit-learn at run time).
Its version is part of the extractive engine's version, so drafts are made again when
the file changes.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from journeybot.core.errors import ModelFileError
from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.cues import NEGATORS

MODEL_FILE = "polarity_model.json"
CLASSES = ("negative", "neutral", "positive")
#: The words' share of the blended probabilities (of 1, 0.75, 0.6 and 0.5, 0.75 did best
#: leaving one tuned study out).
WORD_WEIGHT = 0.75

#: How much of the end of a long question is read (as the stage assigner reads it).
CONTEXT_CHARS = 200

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,!?;:]")
_CLAUSE_END = frozenset(".,!?;:")
_BREAK = "|"


def sentence_features(text: str) -> list[str]:
    """The words and adjacent word pairs of ``text``, lowercased; a word after a
    negation (up to the clause's end or "but") is prefixed ``not_``. Training and
    reading both go through this one function, so they cannot drift apart."""
    words: list[str] = []
    negated = False
    for token in _TOKEN.findall(text.lower().replace("\u2019", "'")):
        if token in _CLAUSE_END:
            negated = False
            words.append(_BREAK)
            continue
        if token == "but":
            negated = False
        words.append(f"not_{token}" if negated else token)
        if token in NEGATORS or token.endswith("n't"):
            negated = True
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words) if _BREAK not in (a, b)]
    return [w for w in words if w != _BREAK] + pairs


def context_features(context: str) -> list[str]:
    """The features of the interviewer's question before a sentence, marked ``q:``.

    What was asked says much about how an answer leans: a reply to "what went wrong
    with the install?" complains more often than a reply to "where do you work?",
    whatever its words. The question is context for reading the sentence, never part of
    what is quoted. Its end is kept (``CONTEXT_CHARS``), where the question usually is;
    no question (a diary entry without a prompt) adds nothing."""
    tail = context.strip()[-CONTEXT_CHARS:]
    return [f"q:{feature}" for feature in sentence_features(tail)] if tail else []


def question_of(segment: Segment) -> str:
    """What a segment answers: its diary prompt, else the interviewer's question (as the
    cue rules read it)."""
    return segment.prompt or segment.context


def classifier_features(text: str, context: str = "") -> list[str]:
    """A sentence's features and its question's: what training and reading both use."""
    return sentence_features(text) + context_features(context)


@dataclass(frozen=True)
class WordClassifier:
    """Softmax(tfidf(text) @ coef.T + intercept) over ``CLASSES``; the tf-idf as
    scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` makes it (l2-normalised)."""

    features: dict[str, int]  # feature -> column
    idf: npt.NDArray[np.float64]  # (features,)
    coef: npt.NDArray[np.float64]  # (3, features)
    intercept: npt.NDArray[np.float64]  # (3,)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> WordClassifier:
        """Checked construction: a file with other shapes is refused."""
        names = data.get("features")
        coef = np.asarray(data.get("coef"), dtype=np.float64)
        idf = np.asarray(data.get("idf"), dtype=np.float64)
        intercept = np.asarray(data.get("intercept"), dtype=np.float64)
        if not isinstance(names, list) or len(set(names)) != len(names):
            raise ModelFileError(f"{MODEL_FILE}: features must be a list of distinct words")
        shape = (len(CLASSES), len(names))
        if coef.shape != shape or idf.shape != shape[1:] or intercept.shape != shape[:1]:
            raise ModelFileError(
                f"{MODEL_FILE}: coef must be 3 x features, idf one number per feature "
                "and intercept 3 numbers"
            )
        features = {str(name): column for column, name in enumerate(names)}
        return cls(features, idf, coef, intercept)

    def probabilities(
        self, texts: Sequence[str], contexts: Sequence[str] | None = None
    ) -> npt.NDArray[np.float64]:
        """One row of (negative, neutral, positive) probabilities per text, read with the
        question before it where ``contexts`` has one (features the model never saw are
        dropped, as the fitted vectoriser drops them)."""
        rows: list[int] = []
        columns: list[int] = []
        counts: list[int] = []
        for row, text in enumerate(texts):
            context = contexts[row] if contexts is not None else ""
            features = classifier_features(text, context)
            found = Counter(f for f in features if f in self.features)
            rows.extend([row] * len(found))
            columns.extend(self.features[f] for f in found)
            counts.extend(found.values())
        logits = np.tile(self.intercept, (len(texts), 1))
        if rows:
            weights = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * self.idf[columns]
            norms = np.sqrt(np.bincount(rows, weights=weights**2, minlength=len(texts)))
            weights /= norms[rows]
            for k in range(len(CLASSES)):
                logits[:, k] += np.bincount(
                    rows, weights=self.coef[k, columns] * weights, minlength=len(texts)
                )
        return _softmax(logits)


@dataclass(frozen=True)
class VectorClassifier:
    """Softmax(vectors @ coef.T + intercept) over ``CLASSES``, for one embedder's vectors."""

    embedder: str
    coef: npt.NDArray[np.float64]  # (3, dimension)
    intercept: npt.NDArray[np.float64]  # (3,)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> VectorClassifier:
        """Checked construction: a file with other shapes is refused."""
        coef = np.asarray(data.get("coef"), dtype=np.float64)
        intercept = np.asarray(data.get("intercept"), dtype=np.float64)
        if coef.ndim != 2 or coef.shape[0] != len(CLASSES) or intercept.shape != (len(CLASSES),):
            raise ModelFileError(f"{MODEL_FILE}: coef must be 3 x d and intercept 3 numbers")
        return cls(str(data["embedder"]), coef, intercept)

    def probabilities(self, vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """One row of (negative, neutral, positive) probabilities per vector."""
        if vectors.shape[1:] != self.coef.shape[1:]:
            raise ModelFileError(
                f"{MODEL_FILE} expects {self.coef.shape[1]}-dimensional vectors "
                f"from {self.embedder}, got {vectors.shape[1:]}"
            )
        return _softmax(vectors.astype(np.float64) @ self.coef.T + self.intercept)


@dataclass(frozen=True)
class SentenceClassifier:
    """The word classifier, blended with the vector classifier where a vector of its
    model is at hand (``WORD_WEIGHT``)."""

    version: str
    words: WordClassifier
    vectors: VectorClassifier | None = None

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> SentenceClassifier:
        """Checked construction: a file with other classes or shapes is refused."""
        if tuple(data.get("classes", ())) != CLASSES:  # type: ignore[arg-type]
            raise ModelFileError(f"{MODEL_FILE}: classes must be {list(CLASSES)}")
        words, vectors = data.get("words"), data.get("vectors")
        if not isinstance(words, dict) or not isinstance(vectors, dict):
            raise ModelFileError(f"{MODEL_FILE}: needs a 'words' and a 'vectors' part")
        by_words = WordClassifier.from_dict(words)
        return cls(str(data["version"]), by_words, VectorClassifier.from_dict(vectors))

    def probabilities(
        self,
        texts: Sequence[str],
        vectors: Sequence[npt.NDArray[np.float32] | None] | None = None,
        contexts: Sequence[str] | None = None,
    ) -> npt.NDArray[np.float64]:
        """One row of probabilities per text: blended where ``vectors`` has one for it;
        the words read with each text's question where ``contexts`` gives one."""
        out = self.words.probabilities(texts, contexts)
        if self.vectors is None or vectors is None:
            return out
        have = [i for i, vector in enumerate(vectors) if vector is not None]
        if have:
            stacked = np.stack([vectors[i] for i in have])  # type: ignore[misc]
            by_vector = self.vectors.probabilities(stacked)
            out[have] = WORD_WEIGHT * out[have] + (1 - WORD_WEIGHT) * by_vector
        return out

    def for_embedder(self, embedder: Embedder) -> SentenceClassifier:
        """This classifier with its vector part only if ``embedder`` is the model it was
        fitted on: another model's vectors (a test's hashing embedder, a configured
        alternative) mean nothing to those weights; the words work with any."""
        part = self.vectors
        if part and embedder.name == part.embedder and embedder.dimension == part.coef.shape[1]:
            return self
        return SentenceClassifier(self.version, self.words)


def _softmax(logits: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float64)


def classifier_for(embedder: Embedder) -> SentenceClassifier:
    """The shipped classifier, with its vector part when ``embedder`` fits it."""
    return shipped_classifier().for_embedder(embedder)


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
