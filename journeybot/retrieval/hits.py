"""From a fused ranking to search hits: whole segments with the scores that placed them.

Vector candidates arrive with their records; the lexical index holds only ids, so
segments found by words alone are fetched here, one ``get`` per study, after fusion has
cut the pool down to the ``k`` that will be shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from journeybot.core.models import Segment
from journeybot.retrieval.chroma import Readable, segments_of
from journeybot.retrieval.fusion import Fused, Key


@dataclass(frozen=True)
class SearchHit:
    segment: Segment
    score: float  # fused score used for ranking, higher is better
    vector_score: float  # cosine similarity, 0 when only found lexically
    lexical_score: float  # share of the query's distinctive words matched, 0 if vector-only
    context_score: float = 0.0  # cosine of the question-and-answer vector, 0 if not found so

    @property
    def similarity(self) -> float:
        """The best cosine similarity either vector side saw for this segment."""
        return max(self.vector_score, self.context_score)


def search_hits(fused: Sequence[Fused], collections: Mapping[str, Readable]) -> list[SearchHit]:
    """Hits in ranking order; a segment deleted between ranking and fetching is skipped."""
    fetched = _fetch(collections, [f.key for f in fused if f.segment is None])
    return [hit for f in fused if (hit := _hit(f, fetched)) is not None]


def _fetch(collections: Mapping[str, Readable], keys: list[Key]) -> dict[Key, Segment]:
    wanted: dict[str, list[str]] = {}
    for study, segment_id in keys:
        wanted.setdefault(study, []).append(segment_id)
    found: dict[Key, Segment] = {}
    for study, ids in wanted.items():
        records = collections[study].get(ids=ids, include=["documents", "metadatas"])
        found.update(((study, s.id), s) for s in segments_of(records))
    return found


def _hit(fused: Fused, fetched: Mapping[Key, Segment]) -> SearchHit | None:
    segment = fused.segment or fetched.get(fused.key)
    if segment is None:
        return None
    return SearchHit(
        segment=segment,
        score=fused.score,
        vector_score=fused.vector.score if fused.vector is not None else 0.0,
        lexical_score=fused.lexical.weight if fused.lexical is not None else 0.0,
        context_score=fused.sides["context"].score if "context" in fused.sides else 0.0,
    )
