"""Grouping participants into personas by what they talk about, and what they were asked.

Each participant becomes the mean of their segment vectors (interviews and diaries
together), each segment leaning on the question it answers (``QUESTION_WEIGHT``): an
interviewer follows each person's situation ("You said you work shifts, how does that
fit?"), so the follow-ups say who someone is as much as their answers do. Over the
twenty-three tuned planted studies, mean adjusted Rand index against the planted
personas went 0.633 -> 0.710 and the planted k was found in 18 studies instead of 14
(weights 0.35-0.65 all measured 0.71-0.73; the questions alone, 0.0). Everyone in a
study talks about the same product, so the study's mean is subtracted first: what is
left is what sets a participant apart. With fewer than four participants there is
nothing to cluster: one persona covers everyone, and the draft says so.

How many personas: everyone is divided in two along the Ward clustering tree, then each
group again while its two halves stand apart (their silhouette within the group is at
least ``SPLIT_SILHOUETTE``) and each half holds two people or more. Choosing one k for
the whole study by the best silhouette, as before, favours two groups whenever one
persona stands far from the rest, and then the other two stay merged (Tidyhome and
Handyhub: one persona of three apart, six people together). Over the twenty-seven tuned
planted studies mean adjusted Rand index went 0.687 -> 0.746, the planted k found in 22
studies instead of 21, and the eight newest 0.515 -> 0.697. Every threshold from 0.06 to
0.14 measured 0.714-0.746; choosing it with each study left out picked 0.08 every time.
Ward clustering needs no random start, so the grouping is the same on every run.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.hierarchy import cut_into, silhouette, ward_tree
from journeybot.synthesis.sentences import word_count
from journeybot.synthesis.stage_assign import embed_questions, question_matrix, question_text

MIN_PARTICIPANTS_TO_CLUSTER = 4
MAX_K = 6
#: Segments shorter than this ("Yeah.", "Okay, sure.") say nothing about a person.
MIN_PROFILE_WORDS = 8
#: A question's vector's share beside its answer's in a participant's profile.
QUESTION_WEIGHT = 0.5
#: A group is divided while its two halves are at least this distinct (silhouette within
#: the group, cosine) and each half holds ``MIN_GROUP`` people or more.
SPLIT_SILHOUETTE = 0.08
MIN_GROUP = 2


@dataclass(frozen=True)
class ParticipantClusters:
    """Participant groups (largest first) and how their number was chosen."""

    groups: tuple[tuple[str, ...], ...]
    k: int
    method: str
    score: float
    reason: str = ""

    def as_dict(self) -> dict[str, float | int | str]:
        return {
            "k": self.k,
            "method": self.method,
            "score": round(self.score, 4),
            "reason": self.reason or self.method,
        }


def participant_profiles(
    evidence: StudyEvidence, embedder: Embedder | None = None
) -> tuple[list[str], npt.NDArray[np.float64]]:
    """Participants (sorted) and one centred, unit-length profile vector each; with the
    questions they answered when ``embedder`` is given (a caching one saves the stage
    assigner embedding them again)."""
    rows: dict[str, list[int]] = defaultdict(list)
    short: dict[str, list[int]] = defaultdict(list)
    for i, seg in enumerate(evidence.segments):
        target = rows if word_count(seg.text) >= MIN_PROFILE_WORDS else short
        target[seg.participant].append(i)
    participants = sorted(set(rows) | set(short))
    vectors = _centred_by_kind(evidence)
    if embedder is not None:
        vectors = vectors + QUESTION_WEIGHT * _centred_questions(evidence, embedder)
    profiles = np.zeros((len(participants), vectors.shape[1] if vectors.ndim == 2 else 1))
    for p, name in enumerate(participants):
        profiles[p] = vectors[rows.get(name) or short[name]].mean(axis=0)
    profiles = _unit(profiles)
    if len(participants) > 1:
        profiles = _unit(profiles - profiles.mean(axis=0))
    return participants, profiles


def _centred_by_kind(evidence: StudyEvidence) -> npt.NDArray[np.float64]:
    """Segment vectors less the mean of their source kind, when a study mixes kinds.

    Diary entries all sound like diary entries ("today I..."), so people who kept a
    diary would otherwise look alike whatever they need; what is left after removing
    each kind's common voice is what the person talks about.
    """
    vectors = np.asarray(evidence.vectors, dtype=np.float64).copy()
    kinds = [seg.kind for seg in evidence.segments]
    if len(set(kinds)) < 2:
        return vectors
    for kind in set(kinds):
        rows = [i for i, k in enumerate(kinds) if k == kind]
        vectors[rows] -= vectors[rows].mean(axis=0)
    return vectors


def _centred_questions(evidence: StudyEvidence, embedder: Embedder) -> npt.NDArray[np.float64]:
    """Each segment's question vector less the mean over segments that answer one; zero
    where a segment answers none (a diary without a prompt, a monologue). Only what one
    person was asked and others were not is left."""
    vectors = np.asarray(evidence.vectors)
    questions = [question_text(segment) for segment in evidence.segments]
    distinct, row_of = embed_questions(questions, embedder)
    if not len(distinct) or distinct.shape[1] != vectors.shape[1]:
        return np.zeros(vectors.shape)  # none asked, or another model than the segments'
    out = question_matrix(vectors, distinct, row_of).astype(np.float64)
    asked = row_of >= 0
    out[asked] -= out[asked].mean(axis=0)
    return out


def cluster_participants(
    evidence: StudyEvidence, embedder: Embedder | None = None
) -> ParticipantClusters:
    """Personas as participant groups; ``embedder`` (the segments' own model) lets the
    questions each person was asked count too."""
    participants, profiles = participant_profiles(evidence, embedder)
    if len(participants) < MIN_PARTICIPANTS_TO_CLUSTER:
        return ParticipantClusters(
            groups=(tuple(participants),) if participants else (),
            k=1 if participants else 0,
            method=f"none: fewer than {MIN_PARTICIPANTS_TO_CLUSTER} participants",
            score=0.0,
        )
    labels, splits = _divided(profiles)
    k = int(labels.max()) + 1
    return ParticipantClusters(
        groups=_groups(participants, labels),
        k=k,
        method="ward clustering of centred mean segment embeddings"
        + (" (each leaning on its question)" if embedder is not None else "")
        + f", groups divided while their halves stand apart (silhouette >= {SPLIT_SILHOUETTE})",
        score=silhouette(profiles, labels, "cosine") if k > 1 else 0.0,
        reason=_reason(k, splits),
    )


@dataclass(frozen=True)
class _Division:
    """One group considered for dividing: its size, how far apart its halves stand
    (``None`` when too small to have two halves of ``MIN_GROUP``) and the smaller half."""

    size: int
    apart: float | None = None
    smaller_half: int = 0
    divided: bool = False

    def why_kept(self) -> str:
        if self.apart is None:
            return f"a group of {self.size} (too few to divide)"
        if self.smaller_half < MIN_GROUP:
            return f"a group of {self.size} (one half would be one person)"
        return f"a group of {self.size} (halves {self.apart:.2f} apart)"


def _divided(profiles: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int64], list[_Division]]:
    """Labels from dividing everyone in two, then each group again while its halves stand
    apart; and each group considered, divided or not."""
    labels = np.zeros(len(profiles), dtype=np.int64)
    decisions: list[_Division] = []
    queue = [np.arange(len(profiles))]
    while queue and int(labels.max()) + 1 < MAX_K:
        members = queue.pop(0)
        first = not decisions
        if len(members) < 2 * MIN_GROUP and not first:
            decisions.append(_Division(len(members)))
            continue
        halves = cut_into(ward_tree(profiles[members]), 2)
        apart = silhouette(profiles[members], halves, "cosine")
        smaller = int(np.bincount(halves).min())
        divide = first or (apart >= SPLIT_SILHOUETTE and smaller >= MIN_GROUP)
        decisions.append(_Division(len(members), apart, smaller, divide))
        if divide:
            labels[members[halves != halves[0]]] = labels.max() + 1
            queue += [members[halves == halves[0]], members[halves != halves[0]]]
    return labels, decisions


def _reason(k: int, decisions: list[_Division]) -> str:
    """Why this many personas, in words a researcher can check against the recruitment."""
    made = [d.apart for d in decisions if d.divided and d.apart is not None]
    kept = [d.why_kept() for d in decisions if not d.divided]
    weak = " Divisions under 0.1 are weak: those groups overlap." if min(made) < 0.1 else ""
    if made[0] < SPLIT_SILHOUETTE:
        weak = " The first division is always made, though its halves barely differ." + weak
    if k >= MAX_K:
        weak += f" {MAX_K} personas is the most drafted."
    return (
        f"{k} personas: everyone was divided in two by what they talk about, then each group "
        f"again while its halves stood apart (silhouette within the group at least "
        f"{SPLIT_SILHOUETTE} on a -1..1 scale) and each half held two people or more. "
        f"Divided at {', '.join(f'{apart:.2f}' for apart in made)}; kept whole: "
        f"{'; '.join(kept) or 'none'}.{weak} Check the groups against who was recruited "
        "before relying on them."
    )


def _groups(participants: list[str], labels: npt.NDArray[np.int64]) -> tuple[tuple[str, ...], ...]:
    by_label: dict[int, list[str]] = defaultdict(list)
    for name, label in zip(participants, labels, strict=True):
        by_label[int(label)].append(name)
    groups = [tuple(sorted(members)) for members in by_label.values()]
    groups.sort(key=lambda g: (-len(g), g))
    return tuple(groups)


def _unit(matrix: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms
