"""Whether a study's stage list fits its evidence, and stages proposed from the interviews.

The default purchase-funnel stages suit a customer-journey study, not a usability test
or an onboarding diary. When most talk lands in one or two stages, or the stage guesses
are unsure overall, the map says so and what to do. A better list is usually in the
interviews already: interviewers follow a discussion guide, so the order and topics of
their questions are the study's own phases. ``suggest_stages`` groups the questions by
what they ask about (their words and the answers they drew) and by their place in the
interview, orders the groups by when they come up, and names each by its distinctive
words (never a person's name or the study's subject), for the researcher to accept or
edit.

Measured as the adjusted Rand index between the phase of the question each planted
quote answers and the quote's gold stage, over the twenty-seven tuned planted studies
(``benchmarks/quality.py``, ``suggested_stages``): 0.243 as first built; 0.264 reading
a turn by its question sentences, with acknowledgements, thanks and call logistics left
out; 0.324 with position weighing more (1.2; 1.6 measured 0.346 but gave the sample
study three phases); 0.307 once requests ("Tell me about...") count as questions; 0.403
placing a question by its rank among its interview's questions and reading it with its
answers; 0.439 leaving a diary's daily prompts out where people were interviewed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from journeybot.core.models import Segment, Stage
from journeybot.core.stages import slugify
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.sentences import sentence_spans
from journeybot.synthesis.terms import (
    MID_SENTENCE_NAME,
    TermIndex,
    join_terms,
    names_a_topic,
    tells_an_act,
    term_roots,
)

if TYPE_CHECKING:  # SciPy comes with it, and `ask` imports this module without drafting
    from journeybot.synthesis.base import StudyEvidence
    from journeybot.synthesis.stage_assign import StageAssignment

#: Most talk in this few stages (of a list at least twice as long) is a poor fit.
CROWDED_STAGES = 2
CROWDED_SHARE = 0.7
#: Below this mean confidence the stage guesses are mostly guesses (a study that follows
#: its stages reads about 0.85; a usability study on funnel stages about 0.65).
LOW_CONFIDENCE = 0.7
MIN_STAGES, MAX_STAGES = 3, 7
#: How much when a question was asked counts against what it asks about; with places by
#: rank and answers read, 1.0 measured 0.403, 0.8 0.347, 1.2 0.395 and 1.4 0.356 (the
#: module's measure).
POSITION_WEIGHT = 1.0
#: The answers' share, beside the question's own words, of what a question is about
#: (0.5: 0.368, 0.75: 0.381, 1.0: 0.395, 2.0: 0.295, at position weight 1.2).
ANSWER_WEIGHT = 1.0
MIN_QUESTIONS = 6
#: Questions quoted in a proposed stage's description. They are also what the stage
#: assigner matches answers' questions against once the stages are set: with the
#: suggestions set on the tuned planted studies, answers placed in the phase of their own
#: question 0.784 (one example) -> 0.82 (three; five 0.829), and adjusted Rand index
#: with the key's stages 0.336 -> 0.358.
EXAMPLE_QUESTIONS = 3
#: Distinctive terms looked at for a phase's name, before names and used ones go.
NAME_TERMS_CONSIDERED = 6
#: A name asked about in this many phases is what the study is about, not a phase.
SUBJECT_PHASES = 3
_LOWER_WORD = re.compile(r"\b[a-z]{2,}\b")
_ABBREVIATION = re.compile(r"\b[A-Z]{2,}\b")
#: Interviewer turns with a question mark, of all, above which a study's questions are
#: taken to be punctuated (a turn without one asks nothing).
PUNCTUATED_SHARE = 0.3
_QUESTION_END = re.compile(r"\?[\s\"'\u201d\u2019)]*$")
#: A question put as a request ("Tell me about the business.", "So, walk me through it.").
_REQUEST = re.compile(
    r"^(?:(?:so|and|okay|ok|right|now|well|first|finally)\b[,.]?\s+)*(?:[A-Z]\w+,\s+)?"
    r"(?:(?:can|could|would) you\s+)?(?:please\s+)?"
    r"(?:(?:tell|talk|walk|take|show) (?:me|us)\b|describe\b|explain\b|say more\b)",
    re.IGNORECASE,
)


def fit_notes(
    evidence: StudyEvidence,
    stages: Sequence[Stage],
    assigned: Sequence[StageAssignment],
    embedder: Embedder,
) -> list[str]:
    """The map's notes on how its stage list fits: the warnings, and where there are
    any, the phases the interviews themselves suggest, so the advice can be judged
    before it is taken."""
    warnings = fit_warnings(evidence.study, stages, assigned)
    if not warnings:
        return []
    proposed = suggest_stages(evidence.segments, embedder, evidence.vectors)
    if not proposed:
        return warnings
    names = join_terms([f"\u201c{stage.name}\u201d" for stage in proposed])
    return [*warnings, f"The interviews' own phases, in the order they come up: {names}."]


def fit_warnings(
    study: str, stages: Sequence[Stage], assigned: Sequence[StageAssignment]
) -> list[str]:
    """Plain-English warnings when the stage list fits the evidence badly."""
    if not assigned or len(stages) < 2 * CROWDED_STAGES:
        return []
    advice = (
        f"run `journeybot stages --suggest --study {study}` (in Slack, `/journey stages "
        "suggest`) to propose stages from the interviewer's questions, then set them with "
        "`journeybot stages --set FILE` (in Slack, the command the proposal gives)."
    )
    counts = Counter(a.stage_id for a in assigned)
    top = counts.most_common(CROWDED_STAGES)
    share = sum(n for _, n in top) / len(assigned)
    names = {s.id: s.name for s in stages}
    warnings: list[str] = []
    if share >= CROWDED_SHARE:
        where = join_terms([names.get(stage_id, stage_id) for stage_id, _ in top])
        warnings.append(
            f"The stage list may not fit this study: {share:.0%} of the talk landed in "
            f"{where}, so the other stages rest on little; {advice}"
        )
    confidence = float(np.mean([a.confidence for a in assigned]))
    if confidence < LOW_CONFIDENCE:
        warnings.append(
            f"Stage placement is unsure overall (mean confidence {confidence:.2f} on 0..1): "
            f"the talk does not follow these stages clearly; check the rows, or {advice}"
        )
    return warnings


@dataclass(frozen=True)
class Question:
    """One distinct question put to a participant, as the stage proposal reads it."""

    source_id: str
    position: float  # how far through its interview's questions, 0..1 (by rank)
    text: str  # what was asked: the question sentences of the turn, or the diary prompt
    turn: str  # the whole turn (or prompt) as the answers' segments carry it
    answers: tuple[int, ...]  # the segments (indexes) that answer it


def interviewer_questions(segments: Sequence[Segment]) -> list[Question]:
    """Each distinct question put to a participant: the interviewer's turn before an
    answer, cut to what it asks; a diary's prompts only where no one was interviewed.

    An interviewer's turn often opens by acknowledging the last answer ("That's great
    to hear. It sounds like...") and many turns only acknowledge or thank; grouped by
    meaning, those remarks make phases of their own ("thank and questions") and blur the
    rest. So where a study's interviewers punctuate their questions, a turn counts by its
    question sentences alone, and a turn that asks nothing is left out. Transcripts
    without question marks (automatic captions) are read whole. How far into the
    interview a question came is its rank among that interview's questions: interviews
    run at different paces, and the guide's order is what they share."""
    from journeybot.synthesis.quote_choice import is_logistics  # the cue rules: not for `ask`

    turns = _turns(segments)
    spoken = [turn for (_, turn), rows in turns.items() if not segments[rows[0]].prompt]
    strict = bool(spoken) and sum("?" in t for t in spoken) / len(spoken) >= PUNCTUATED_SHARE
    kept: list[tuple[str, str, str, list[int]]] = []
    for (source, turn), rows in turns.items():
        asked = turn if segments[rows[0]].prompt or not strict else asked_part(turn)
        if len(asked.split()) >= 3 and not is_logistics(asked):
            kept.append((source, asked, turn, rows))
    count = Counter(source for source, _, _, _ in kept)
    seen: Counter[str] = Counter()
    out: list[Question] = []
    for source, asked, turn, rows in kept:  # in conversation order, as the segments are
        place = (seen[source] + 0.5) / count[source]
        seen[source] += 1
        out.append(Question(source, place, asked, turn, tuple(rows)))
    return out


def _turns(segments: Sequence[Segment]) -> dict[tuple[str, str], list[int]]:
    """(source, the turn or prompt answered) -> the segments answering it, in order."""
    turns: dict[tuple[str, str], list[int]] = {}
    interviewed = any(seg.context and not seg.prompt for seg in segments)
    for index, seg in enumerate(segments):
        if seg.prompt and interviewed:
            continue  # a diary's prompts recur day after day: they follow no guide
        turn = (seg.prompt or seg.context or "").strip()
        if len(turn.split()) >= 3:
            turns.setdefault((seg.source_id, turn), []).append(index)
    return turns


def asked_part(turn: str) -> str:
    """The turn from its first question sentence to its last ("" if it asks nothing):
    "That's a great approach! Can you tell us about your sampling?" asks the second."""
    asks = [span for span in sentence_spans(turn) if _asks(turn[span.start : span.end])]
    if not asks:
        return ""
    return turn[asks[0].start : asks[-1].end].strip()


def _asks(sentence: str) -> bool:
    return bool(_QUESTION_END.search(sentence) or _REQUEST.match(sentence.strip()))


def suggest_stages(
    segments: Sequence[Segment],
    embedder: Embedder,
    segment_vectors: npt.NDArray[np.float32] | None = None,
) -> list[Stage]:
    """Stages proposed from the interviews' questions, in the order they come up."""
    found = phases(segments, embedder, segment_vectors)
    namer = _PhaseNamer(found, segments)
    stages: list[Stage] = []
    for number, rows in enumerate(found.in_order(), 1):
        members = [found.questions[i].text for i in rows]
        name = namer.name(members) or f"Phase {number}"
        stages.append(
            Stage(
                id=slugify(name),
                name=name[:1].upper() + name[1:],
                description=f"Questions such as: {_central(found.vectors[rows], members)}",
            )
        )
    return stages


@dataclass(frozen=True)
class Phases:
    """The questions put to participants and the phase (label) each falls in."""

    questions: list[Question]
    labels: npt.NDArray[np.int64]
    vectors: npt.NDArray[np.float64]  # one per question: what it asks, by meaning

    def of_segment(self, segment: Segment) -> int | None:
        """The phase of the question ``segment`` answers; None for one left out."""
        turn = (segment.prompt or segment.context or "").strip()
        for question, label in zip(self.questions, self.labels.tolist(), strict=True):
            if question.source_id == segment.source_id and question.turn == turn:
                return int(label)
        return None

    def in_order(self) -> list[npt.NDArray[np.int64]]:
        """Each phase's question rows, phases in the order they come up (median time)."""
        positions = np.array([q.position for q in self.questions])
        groups = sorted(
            set(self.labels.tolist()),
            key=lambda g: float(np.median(positions[self.labels == g])),
        )
        return [np.flatnonzero(self.labels == g) for g in groups]


def phases(
    segments: Sequence[Segment],
    embedder: Embedder,
    segment_vectors: npt.NDArray[np.float32] | None = None,
) -> Phases:
    """The questions grouped by what they ask about and by when they were asked; none
    when there are too few to group.

    What a question is about is read from its words and, where the segments' vectors
    are given, from the answers it drew (``ANSWER_WEIGHT``): "How did that go?" says
    nothing alone, its answers say what "that" was."""
    questions = interviewer_questions(segments)
    if len(questions) < MIN_QUESTIONS:
        return Phases([], np.zeros(0, dtype=np.int64), np.zeros((0, 0)))
    vectors = _unit(np.asarray(embedder.embed([q.text for q in questions]), dtype=np.float64))
    if segment_vectors is not None and segment_vectors.shape[1:] == vectors.shape[1:]:
        answers = np.stack([segment_vectors[list(q.answers)].mean(axis=0) for q in questions])
        vectors = _unit(vectors + ANSWER_WEIGHT * _unit(answers.astype(np.float64)))
    positions = np.array([q.position for q in questions])
    features = np.hstack([vectors, POSITION_WEIGHT * positions[:, None]])
    return Phases(questions, _best_grouping(features), vectors)


def _unit(matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _best_grouping(features: np.ndarray) -> np.ndarray:
    from journeybot.synthesis.hierarchy import cut_into, silhouette, ward_tree

    best: tuple[float, np.ndarray] | None = None
    if len(features) <= MIN_STAGES:
        return np.zeros(len(features), dtype=np.int64)
    tree = ward_tree(features)
    for k in range(MIN_STAGES, min(MAX_STAGES, len(features) - 1) + 1):
        labels = cut_into(tree, k)
        score = silhouette(features, labels, "euclidean")
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    return np.zeros(len(features), dtype=np.int64) if best is None else best[1]


class _PhaseNamer:
    """Names phases by the words that set their questions apart, never by a person or
    by what the whole study is about (``_not_a_phase_name``)."""

    def __init__(self, found: Phases, segments: Sequence[Segment]) -> None:
        self._index = TermIndex(q.text for q in found.questions)
        self._used: set[str] = set()  # roots of earlier phases' names
        self._excluded, self._surfaces = _not_a_phase_name(found, segments)

    def name(self, members: list[str]) -> str:
        """Two terms for the phase of ``members`` that no earlier phase's name used
        ("Collectors" after "Collector and manual" says one phase twice)."""
        fit = [
            term
            for term in self._index.distinctive(members, top=NAME_TERMS_CONSIDERED)
            if not term_roots(term) & self._used
            and names_a_topic(term)
            and not set(term.split()) & self._excluded
        ]
        # "Telling" and "happened" come from how a question is put, not what it is about.
        terms = ([term for term in fit if not tells_an_act(term)] or fit)[:2]
        for term in terms:
            self._used |= term_roots(term)
        return " ".join(self._surfaces.get(w, w) for w in join_terms(terms).split(" "))


def _not_a_phase_name(
    found: Phases, segments: Sequence[Segment]
) -> tuple[set[str], dict[str, str]]:
    """Names (lower-cased) that name no phase, and the written form of those that do.

    A word written capitalised inside a question is a person's name ("Hi Maisie"), a
    place's or a product's. Said to one participant only, it is theirs, not the
    guide's. Asked about in ``SUBJECT_PHASES`` phases or more, or said by half the
    participants or more, it is the study's subject ("How did you hear about Parlo?",
    "Would you stay with Parlo?") and names none of them. Asked about in one or two
    phases across interviews, it is their topic ("Test Swap") and keeps its written
    case ("OpenTelemetry", not "Opentelemetry"), as an abbreviation does ("API key")."""
    lowercase = {w for q in found.questions for w in _LOWER_WORD.findall(q.text)}
    asked_of: dict[str, set[str]] = defaultdict(set)
    phases_of: dict[str, set[int]] = defaultdict(set)
    surfaces: dict[str, str] = {}
    for question, label in zip(found.questions, found.labels.tolist(), strict=True):
        for word in MID_SENTENCE_NAME.findall(question.text):
            if word.lower() not in lowercase:
                surfaces.setdefault(word.lower(), word)
                asked_of[word.lower()].add(question.source_id)
                phases_of[word.lower()].add(label)
    said_by: dict[str, set[str]] = defaultdict(set)
    for seg in segments:
        for word in MID_SENTENCE_NAME.findall(seg.text):
            said_by[word.lower()].add(seg.source_id)
    everywhere = max(2, len({seg.source_id for seg in segments}) / 2)
    excluded = {
        w
        for w in surfaces
        if len(asked_of[w]) < 2
        or len(phases_of[w]) >= SUBJECT_PHASES
        or len(said_by[w]) >= everywhere
    }
    abbreviations = {
        word.lower(): word
        for q in found.questions
        for word in _ABBREVIATION.findall(q.text)
        if word.lower() not in lowercase
    }
    kept = {w: form for w, form in surfaces.items() if w not in excluded}
    return excluded, abbreviations | kept


def _central(vectors: npt.NDArray[np.float64], members: list[str]) -> str:
    """The questions nearest their group's centre by meaning, distinct, quoted."""
    closeness = vectors @ vectors.mean(axis=0)
    chosen: list[str] = []
    for row in np.argsort(-closeness, kind="stable"):
        text = members[int(row)]
        if text.casefold() not in {c.casefold() for c in chosen}:
            chosen.append(text)
        if len(chosen) == EXAMPLE_QUESTIONS:
            break
    return "; ".join(f"\u201c{text}\u201d" for text in chosen)
