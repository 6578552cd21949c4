"""Placing each segment at a journey stage, judged along the conversation.

Judged alone, a segment's nearest stage description is right about four times in ten:
"Once. A client paid twice by accident..." says nothing about support until you read the
question before it ("Have you ever needed help from them?"). So each segment's stage
score combines

- embedding similarity of the segment to each stage's prototype texts,
- the same for the interviewer's question before it (or a diary prompt) - context for
  classifying, never evidence,
- cue phrases in the segment and in the question, and
- a prior from how far into the conversation it was said,
- for the default stage list, a classifier fitted on planted studies over the segment,
  its question, its position and the talk and questions either side of it
  (``stage_model``),

and then a penalised path (Viterbi) over each source's segments picks the stage sequence:
moving on one stage is cheap, skipping ahead costs more, going back costs most, so a
participant who circles back is followed but a stray cue word is not. Confidence is the
posterior of the chosen stage (forward-backward over the same scores).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from journeybot.core.models import Segment, SourceKind, Stage
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.sentences import sentence_spans, word_count
from journeybot.synthesis.stage_cues import (
    StageProfile,
    cue_hits,
    is_default_support,
    reaches_the_company,
    stage_profiles,
)
from journeybot.synthesis.stage_model import classifier_for, neighbourhood, trust

Matrix = npt.NDArray[np.float64]

#: A question longer than this keeps its end (where the question usually is).
CONTEXT_TAIL_CHARS = 200
#: Segments shorter than this (in words) lean on context and position instead.
INFORMATIVE_WORDS = 15
MAX_CUE_HITS = 2
#: Below this many rows, similarities are used as they are rather than centred.
MIN_ROWS_TO_CENTRE = 12


@dataclass(frozen=True)
class StageWeights:
    """How much each signal counts; tuned on the planted corpus in tests/synthesis."""

    segment: float = 1.0
    context: float = 0.8
    cue_segment: float = 0.8
    cue_context: float = 1.0
    position: float = 1.0
    position_width: float = 0.3
    temperature: float = 0.06
    sharpness: float = 1.5
    step_forward: float = 0.5
    skip: float = 0.7
    step_back: float = 1.5
    back_extra: float = 0.3
    #: The stage classifier's weight: leaving one tuned study out, 2 and 3 measured within
    #: 0.006 of each other and well above 0.5-1 (``benchmarks/train_stage.py``).
    learned: float = 2.0
    #: Taken from the default Support stage's score where neither a segment nor its
    #: question tells of contacting the company (``stage_cues.reaches_the_company``), in
    #: proportion to how much the segment says ("Yeah, exactly." follows its neighbours).
    #: Over the twenty-three tuned studies stage accuracy went 0.919 -> 0.927 at 2
    #: (1: 0.922; 4: 0.924, and two studies lost): no study lost at 2.
    uncontacted: float = 2.0


@dataclass(frozen=True)
class StageAssignment:
    segment_id: str
    stage_id: str
    confidence: float


class StageAssigner:
    """Assigns segments to a study's stages; build one per stage list and embedder."""

    def __init__(
        self,
        stages: Sequence[Stage],
        embedder: Embedder,
        weights: StageWeights | None = None,
    ) -> None:
        if not stages:
            raise ValueError("a stage list needs at least one stage")
        self.stages = list(stages)
        self.embedder = embedder
        self.weights = weights or StageWeights()
        self.profiles: list[StageProfile] = stage_profiles(self.stages)
        self._prototypes: Matrix | None = None
        self._owner: npt.NDArray[np.int64] | None = None
        self.classifier = classifier_for(self.stages, embedder) if self.weights.learned else None

    def assign(
        self, segments: Sequence[Segment], vectors: npt.NDArray[np.float32]
    ) -> list[StageAssignment]:
        """One assignment per segment, in the order given."""
        if not segments:
            return []
        scores = self.emissions(segments, vectors)
        stage_of = np.zeros(len(segments), dtype=np.int64)
        confidence = np.zeros(len(segments))
        for order in _sequences(segments):
            path, posterior = self._decode(scores[order])
            stage_of[order] = path
            confidence[order] = posterior[np.arange(len(order)), path]
        return [
            StageAssignment(
                segment_id=seg.id,
                stage_id=self.stages[int(stage_of[i])].id,
                confidence=round(float(confidence[i]), 4),
            )
            for i, seg in enumerate(segments)
        ]

    def emissions(self, segments: Sequence[Segment], vectors: npt.NDArray[np.float32]) -> Matrix:
        """Per segment and stage, the log-score of the segment being about that stage."""
        w = self.weights
        vectors = np.asarray(vectors, dtype=np.float32)
        seg_scores = self._similarity_scores(vectors)
        informative = informativeness(segments)
        total = w.segment * informative[:, None] * seg_scores
        contexts = [question_text(seg) for seg in segments]
        distinct, row_of = embed_questions(contexts, self.embedder)
        total += w.context * self._context_scores(distinct, row_of)
        total += w.cue_segment * self._cue_matrix([s.text.lower() for s in segments])
        total += w.cue_context * self._cue_matrix([c.lower() for c in contexts])
        conversations = _sequences(segments)
        positions = _positions(segments, conversations)
        total += w.position * self._position_prior(positions)
        total -= w.uncontacted * informative[:, None] * self._uncontacted(segments, contexts)
        if self.classifier is not None and w.learned:
            questions = question_matrix(vectors, distinct, row_of)
            around = neighbourhood(vectors, questions, conversations)
            learned = self.classifier.log_probabilities(vectors, questions, positions, around)
            # Fitted on quotes, it never saw a bare "Yeah, exactly.": a turn that says
            # little counts in proportion, as its own similarity does, and follows the path.
            in_diary = np.array([seg.kind is SourceKind.DIARY for seg in segments], dtype=bool)
            say = trust(learned, informative, in_diary)
            total += w.learned * say * informative[:, None] * learned
        return total

    def classifier_inputs(
        self, segments: Sequence[Segment], vectors: npt.NDArray[np.float32]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float64], Matrix]:
        """The question vectors, positions and neighbourhoods the stage classifier reads
        (for fitting it)."""
        distinct, row_of = embed_questions([question_text(seg) for seg in segments], self.embedder)
        questions = question_matrix(np.asarray(vectors), distinct, row_of)
        conversations = _sequences(segments)
        around = neighbourhood(vectors, questions, conversations)
        return questions, _positions(segments, conversations), around

    def _decode(self, scores: Matrix) -> tuple[npt.NDArray[np.int64], Matrix]:
        transitions = self._transitions()
        return _viterbi(scores, transitions), _posteriors(scores, transitions)

    def _transitions(self) -> Matrix:
        w = self.weights
        size = len(self.stages)
        out = np.zeros((size, size))
        for a in range(size):
            for b in range(size):
                if b == a + 1:
                    out[a, b] = -w.step_forward
                elif b > a + 1:
                    out[a, b] = -w.step_forward - w.skip * (b - a - 1)
                elif b < a:
                    out[a, b] = -w.step_back - w.back_extra * (a - b - 1)
        return out

    def _prototype_matrix(self) -> tuple[Matrix, npt.NDArray[np.int64]]:
        if self._prototypes is None or self._owner is None:
            texts: list[str] = []
            owner: list[int] = []
            for index, profile in enumerate(self.profiles):
                texts.extend(profile.examples)
                owner.extend([index] * len(profile.examples))
            self._prototypes = self.embedder.embed(texts).astype(np.float64)
            self._owner = np.array(owner, dtype=np.int64)
        return self._prototypes, self._owner

    def _similarity_scores(self, vectors: npt.NDArray[np.float32]) -> Matrix:
        """Log-softmax over stages of each row's similarity to the stage prototypes."""
        prototypes, owner = self._prototype_matrix()
        sims = vectors.astype(np.float64) @ prototypes.T
        per_stage = np.full((len(vectors), len(self.stages)), -1.0)
        for index in range(len(self.stages)):
            cols = sims[:, owner == index]
            per_stage[:, index] = 0.5 * cols.max(axis=1) + 0.5 * cols.mean(axis=1)
        if len(vectors) >= MIN_ROWS_TO_CENTRE:
            # Every segment of an invoicing study "sounds like" paying; centring each
            # stage's column asks which stage a segment is more about than the others.
            per_stage = (per_stage - per_stage.mean(axis=0)) / (per_stage.std(axis=0) + 1e-6)
            scaled = per_stage * self.weights.sharpness
        else:
            scaled = per_stage / self.weights.temperature
        return scaled - logsumexp(scaled, axis=1, keepdims=True)

    def _context_scores(
        self, distinct: npt.NDArray[np.float32], row_of: npt.NDArray[np.int64]
    ) -> Matrix:
        """Stage scores of each segment's question (zero where there is none)."""
        out = np.zeros((len(row_of), len(self.stages)))
        if not len(distinct):
            return out
        scores = self._similarity_scores(distinct)
        out[row_of >= 0] = scores[row_of[row_of >= 0]]
        return out

    def _cue_matrix(self, texts: list[str]) -> Matrix:
        out = np.zeros((len(texts), len(self.stages)))
        for i, text in enumerate(texts):
            if not text:
                continue
            for s, profile in enumerate(self.profiles):
                out[i, s] = min(cue_hits(profile, text), MAX_CUE_HITS)
        return out

    def _uncontacted(self, segments: Sequence[Segment], contexts: list[str]) -> Matrix:
        """1 at the default Support stage of segments that reach no one, else 0."""
        out = np.zeros((len(segments), len(self.stages)))
        support = [i for i, p in enumerate(self.profiles) if is_default_support(p.stage)]
        if not support:
            return out
        for row, (segment, context) in enumerate(zip(segments, contexts, strict=True)):
            if not (reaches_the_company(segment.text) or reaches_the_company(context)):
                out[row, support] = 1.0
        return out

    def _position_prior(self, positions: npt.NDArray[np.float64]) -> Matrix:
        size = len(self.stages)
        expected = np.linspace(0.0, 1.0, size) if size > 1 else np.zeros(1)
        gap = (positions[:, None] - expected[None, :]) / self.weights.position_width
        return -0.5 * gap * gap


def informativeness(segments: Sequence[Segment]) -> npt.NDArray[np.float64]:
    """0..1 per segment: how far its own words can place it (``INFORMATIVE_WORDS``)."""
    return np.array([min(1.0, word_count(s.text) / INFORMATIVE_WORDS) for s in segments])


def question_text(segment: Segment) -> str:
    """The diary prompt, or the interviewer's question; context only, never cited.

    Only the question itself is kept (the last sentence with a question mark, else the
    last sentence): the chatter before it says little and costs embedding time.
    """
    context = (segment.prompt or segment.context or "").strip().lstrip("\u2026").strip()
    if not context:
        return ""
    sentences = [span.of(context) for span in sentence_spans(context)]
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    question = (asked or sentences or [context])[-1]
    return question[-CONTEXT_TAIL_CHARS:]


def embed_questions(
    questions: list[str], embedder: Embedder
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """The distinct questions' vectors, and each segment's row among them (-1: none);
    a question asked before several replies is embedded once."""
    distinct = sorted({q for q in questions if q})
    row = {text: i for i, text in enumerate(distinct)}
    row_of = np.array([row.get(q, -1) if q else -1 for q in questions], dtype=np.int64)
    if not distinct:
        return np.zeros((0, embedder.dimension), dtype=np.float32), row_of
    return np.asarray(embedder.embed(distinct), dtype=np.float32), row_of


def question_matrix(
    vectors: npt.NDArray[np.float32],
    distinct: npt.NDArray[np.float32],
    row_of: npt.NDArray[np.int64],
) -> npt.NDArray[np.float32]:
    """Each segment's question vector, zeros where it answers none (a diary without a
    prompt, a monologue)."""
    out = np.zeros_like(vectors, dtype=np.float32)
    out[row_of >= 0] = distinct[row_of[row_of >= 0]]
    return out


#: Sources whose rows are entries by many people (a diary export, a session log), each
#: person's entries a sequence of their own in date and row order.
PER_ENTRY_KINDS = frozenset({SourceKind.DIARY, SourceKind.NOTES})


def _sequences(segments: Sequence[Segment]) -> list[list[int]]:
    """Index lists in conversation order: one per source (per diarist for diaries)."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, seg in enumerate(segments):
        who = seg.participant if seg.kind in PER_ENTRY_KINDS else ""
        groups[(seg.source_id, who)].append(i)
    ordered = []
    for key in sorted(groups):
        members = groups[key]
        members.sort(key=lambda i: (segments[i].date or "", segments[i].start))
        ordered.append(members)
    return ordered


def _positions(
    segments: Sequence[Segment], conversations: list[list[int]]
) -> npt.NDArray[np.float64]:
    """How far along its conversation each segment is; diaries go by entry order."""
    out = np.array([min(max(seg.position, 0.0), 1.0) for seg in segments])
    for order in conversations:
        if segments[order[0]].kind in PER_ENTRY_KINDS and len(order) > 1:
            out[order] = np.linspace(0.0, 1.0, len(order))
    return out


def _viterbi(scores: Matrix, transitions: Matrix) -> npt.NDArray[np.int64]:
    steps, size = scores.shape
    best = scores[0].copy()
    back = np.zeros((steps, size), dtype=np.int64)
    for t in range(1, steps):
        candidates = best[:, None] + transitions
        back[t] = candidates.argmax(axis=0)
        best = candidates.max(axis=0) + scores[t]
    path = np.zeros(steps, dtype=np.int64)
    path[-1] = int(best.argmax())
    for t in range(steps - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def logsumexp(values: Matrix, axis: int, keepdims: bool = False) -> Matrix:
    """log(sum(exp(values))) along ``axis`` without overflow. SciPy's has the same
    answer but checks its arguments on each of the thousands of calls a draft makes
    (about half a second on twelve interviews)."""
    top = values.max(axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        out = np.log(np.exp(values - top).sum(axis=axis, keepdims=True)) + top
    return out if keepdims else out.squeeze(axis=axis)


def _posteriors(scores: Matrix, transitions: Matrix) -> Matrix:
    steps, size = scores.shape
    forward = np.zeros((steps, size))
    backward = np.zeros((steps, size))
    forward[0] = scores[0]
    for t in range(1, steps):
        forward[t] = scores[t] + logsumexp(forward[t - 1][:, None] + transitions, axis=0)
    for t in range(steps - 2, -1, -1):
        backward[t] = logsumexp(transitions + (scores[t + 1] + backward[t + 1])[None, :], axis=1)
    joint = forward + backward
    return np.exp(joint - logsumexp(joint, axis=1, keepdims=True))
