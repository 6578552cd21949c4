"""Grouping participants into personas by what they talk about.

Each participant becomes the mean of their segment vectors (interviews and diaries
together). Everyone in a study talks about the same product, so the study's mean is
subtracted first: what is left is what sets a participant apart. Ward clustering is run for
each k from 2 to 6 (fewer when there are fewer participants) and the k with the best
silhouette wins. Ward clustering needs no random start, so the grouping is the same on
every run. With fewer than four participants there is nothing to cluster: one
persona covers everyone, and the draft says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.cluster import AgglomerativeClustering
from sklearn.metrics import silhouette_score

from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.sentences import word_count

MIN_PARTICIPANTS_TO_CLUSTER = 4
MIN_K = 2
MAX_K = 6
#: Segments shorter than this ("Yeah.", "Okay, sure.") say nothing about a person.
MIN_PROFILE_WORDS = 8


@dataclass(frozen=True)
class ParticipantClusters:
    """Participant groups (largest first) and how their number was chosen."""

    groups: tuple[tuple[str, ...], ...]
    k: int
    method: str
    score: float

    def as_dict(self) -> dict[str, float | int | str]:
        return {"k": self.k, "method": self.method, "score": round(self.score, 4)}


def participant_profiles(
    evidence: StudyEvidence,
) -> tuple[list[str], npt.NDArray[np.float64]]:
    """Participants (sorted) and one centred, unit-length profile vector each."""
    rows: dict[str, list[int]] = defaultdict(list)
    short: dict[str, list[int]] = defaultdict(list)
    for i, seg in enumerate(evidence.segments):
        target = rows if word_count(seg.text) >= MIN_PROFILE_WORDS else short
        target[seg.participant].append(i)
    participants = sorted(set(rows) | set(short))
    vectors = np.asarray(evidence.vectors, dtype=np.float64)
    profiles = np.zeros((len(participants), vectors.shape[1] if vectors.ndim == 2 else 1))
    for p, name in enumerate(participants):
        profiles[p] = vectors[rows.get(name) or short[name]].mean(axis=0)
    profiles = _unit(profiles)
    if len(participants) > 1:
        profiles = _unit(profiles - profiles.mean(axis=0))
    return participants, profiles


def cluster_participants(evidence: StudyEvidence) -> ParticipantClusters:
    participants, profiles = participant_profiles(evidence)
    if len(participants) < MIN_PARTICIPANTS_TO_CLUSTER:
        return ParticipantClusters(
            groups=(tuple(participants),) if participants else (),
            k=1 if participants else 0,
            method=f"none: fewer than {MIN_PARTICIPANTS_TO_CLUSTER} participants",
            score=0.0,
        )
    best: tuple[float, int, npt.NDArray[np.int64]] | None = None
    for k in range(MIN_K, min(MAX_K, len(participants) - 1) + 1):
        model = AgglomerativeClustering(n_clusters=k, linkage="ward")
        labels = np.asarray(model.fit_predict(profiles), dtype=np.int64)
        if len(set(labels.tolist())) < 2:
            continue
        score = float(silhouette_score(profiles, labels, metric="cosine"))
        if best is None or score > best[0] + 1e-9:
            best = (score, k, labels)
    if best is None:
        return ParticipantClusters((tuple(participants),), 1, "ward: no separable groups", 0.0)
    score, k, labels = best
    return ParticipantClusters(
        groups=_groups(participants, labels),
        k=k,
        method="ward clustering of centred mean segment embeddings, k by silhouette (cosine)",
        score=score,
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
