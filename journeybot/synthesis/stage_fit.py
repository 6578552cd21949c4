"""Whether a study's stage list fits its evidence, and stages proposed from the interviews.

The default purchase-funnel stages suit a customer-journey study, not a usability test
or an onboarding diary. When most talk lands in one or two stages, or the stage guesses
are unsure overall, the map says so and what to do. A better list is usually in the
interviews already: interviewers follow a discussion guide, so the order and topics of
their questions are the study's own phases. ``suggest_stages`` groups the questions by
meaning and by when they were asked, orders the groups by when they come up, and names
each by its distinctive words, for the researcher to accept or edit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from journeybot.core.models import Segment, Stage
from journeybot.core.stages import slugify
from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.terms import TermIndex, join_terms

if TYPE_CHECKING:  # SciPy comes with it, and `ask` imports this module without drafting
    from journeybot.synthesis.stage_assign import StageAssignment

#: Most talk in this few stages (of a list at least twice as long) is a poor fit.
CROWDED_STAGES = 2
CROWDED_SHARE = 0.7
#: Below this mean confidence the stage guesses are mostly guesses (a study that follows
#: its stages reads about 0.85; a usability study on funnel stages about 0.65).
LOW_CONFIDENCE = 0.7
MIN_STAGES, MAX_STAGES = 3, 7
#: How much when a question was asked counts against what it asks about.
POSITION_WEIGHT = 0.8
MIN_QUESTIONS = 6


def fit_warnings(
    study: str, stages: Sequence[Stage], assigned: Sequence[StageAssignment]
) -> list[str]:
    """Plain-English warnings when the stage list fits the evidence badly."""
    if not assigned or len(stages) < 2 * CROWDED_STAGES:
        return []
    advice = (
        f"run `journeybot stages --suggest --study {study}` to propose stages from the "
        "interviewer's questions, then set them with `journeybot stages --set FILE`."
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


def interviewer_questions(segments: Sequence[Segment]) -> list[tuple[float, str]]:
    """(position in the conversation 0..1, question) for each distinct question put to a
    participant: the interviewer's turn before an answer, or a diary prompt."""
    seen: set[tuple[str, str]] = set()
    out: list[tuple[float, str]] = []
    for seg in segments:
        question = (seg.prompt or seg.context or "").strip()
        key = (seg.source_id, question)
        if len(question.split()) < 3 or key in seen:
            continue
        seen.add(key)
        out.append((seg.position, question))
    return out


def suggest_stages(segments: Sequence[Segment], embedder: Embedder) -> list[Stage]:
    """Stages proposed from the interviews' questions, in the order they come up."""
    questions = interviewer_questions(segments)
    if len(questions) < MIN_QUESTIONS:
        return []
    positions = np.array([p for p, _ in questions])
    texts = [q for _, q in questions]
    features = np.hstack(
        [np.asarray(embedder.embed(texts), dtype=np.float64), POSITION_WEIGHT * positions[:, None]]
    )
    labels = _best_grouping(features)
    groups = sorted(set(labels.tolist()), key=lambda g: float(np.median(positions[labels == g])))
    index = TermIndex(texts)
    stages: list[Stage] = []
    used: set[str] = set()
    for number, group in enumerate(groups, 1):
        members = [texts[i] for i in np.flatnonzero(labels == group)]
        name = _name(index, members, used) or f"Phase {number}"
        used.add(name)
        stages.append(
            Stage(
                id=slugify(name) if name else f"phase-{number}",
                name=name.capitalize(),
                description=f"Questions such as: {_central(features, labels == group, texts)}",
            )
        )
    return stages


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


def _name(index: TermIndex, members: list[str], used: set[str]) -> str:
    terms = [t for t in index.distinctive(members, top=4) if t not in used]
    return join_terms(terms[:2])


def _central(features: np.ndarray, mask: np.ndarray, texts: list[str]) -> str:
    """The question nearest its group's centre, quoted."""
    rows = np.flatnonzero(mask)
    centre = features[rows].mean(axis=0)
    best = rows[int(np.argmax(features[rows] @ centre))]
    return f"\u201c{texts[best]}\u201d"
