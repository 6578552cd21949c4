"""Merging the vector and lexical rankings into one.

Reciprocal rank fusion: each side adds ``weight / (RRF_K + rank)`` for the segments it
ranked. Ranks need no calibration between cosine similarity and BM25, so several studies'
candidates can be pooled and ranked together. A vector candidate weighs 1; a lexical one
weighs the share of the query's distinctive wording it contains, so a segment carrying the
whole phrase "direct debit" counts as much as the best vector match while one that only
shares a single common word ("share my screen" for "share results") counts little.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from journeybot.core.models import Segment

RRF_K = 60

Key = tuple[str, str]


@dataclass(frozen=True)
class Candidate:
    """One side's proposal: a segment of a study with that side's score."""

    study: str
    segment_id: str
    score: float  # cosine similarity (vector side) or BM25 (lexical side)
    weight: float = 1.0
    segment: Segment | None = None

    @property
    def key(self) -> Key:
        return (self.study, self.segment_id)


@dataclass(frozen=True)
class Fused:
    key: Key
    score: float
    vector: Candidate | None
    lexical: Candidate | None
    #: Every side that proposed this segment, by side name ("vector", "lexical", ...).
    sides: dict[str, Candidate] = field(default_factory=dict)

    @property
    def segment(self) -> Segment | None:
        for candidate in self.sides.values():
            if candidate.segment is not None:
                return candidate.segment
        return None


def fuse(
    vector: Sequence[Candidate], lexical: Sequence[Candidate], *, k: int, pool: int
) -> list[Fused]:
    """Top ``k`` of both rankings, each cut to its best ``pool`` first."""
    return fuse_sides({"vector": vector, "lexical": lexical}, k=k, pool=pool)


def fuse_sides(sides: Mapping[str, Sequence[Candidate]], *, k: int, pool: int) -> list[Fused]:
    """Top ``k`` of several rankings (vector, lexical, context...), each cut to ``pool``.

    Ties break on the best similarity any side saw, then on the key, so the order is
    stable.
    """
    ranked = {
        name: {c.key: c for c in sorted(candidates, key=_best_first)[:pool]}
        for name, candidates in sides.items()
    }
    scores: dict[Key, float] = {}
    for ranking in ranked.values():
        for rank, candidate in enumerate(ranking.values(), start=1):
            scores[candidate.key] = scores.get(candidate.key, 0.0) + candidate.weight / (
                RRF_K + rank
            )
    by_vector = ranked.get("vector", {})

    def order(key: Key) -> tuple[float, float, str, str]:
        similarity = by_vector[key].score if key in by_vector else 0.0
        return (-scores[key], -similarity, *key)

    return [
        Fused(
            key,
            scores[key],
            by_vector.get(key),
            ranked.get("lexical", {}).get(key),
            {name: ranking[key] for name, ranking in ranked.items() if key in ranking},
        )
        for key in sorted(scores, key=order)[:k]
    ]


def _best_first(candidate: Candidate) -> tuple[float, str, str]:
    return (-candidate.score, candidate.study, candidate.segment_id)
