"""One hybrid search over the studies a question is put to: every side, fused, then judged.

``EvidenceStore.search`` opens the studies' collections and brings their lexical rows up
to date; this module does the rest, so the store stays about storing. Each side proposes
``pool`` candidates per study: the segment vectors, the question-and-answer vectors
(``context.py``) and the persisted lexical index; weighted reciprocal rank fusion
(``fusion.py``) ranks them together, then the intent (``intent.py``) and the relevance
floor (``ranking.py``) have their say. Which steps run is ``SearchSteps``.

* **Context channel** (``context.py``): a second vector per segment, of the question it
  answers plus its words, in a sibling collection; it finds answers that never name
  their topic. The context is never quoted.
* **Fusion: weighted reciprocal rank fusion** (``fusion.py``) of every side. Ranks need
  no calibration between cosine and BM25, so several studies pool into one ranking; a lexical
  match weighs the share of the query's distinctive words it contains, so a segment with
  the exact phrase can reach the top ``k`` while one sharing a single common word cannot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from journeybot.core.models import Stage
from journeybot.retrieval.chroma import Readable, vector_candidates
from journeybot.retrieval.context import context_candidates
from journeybot.retrieval.fusion import Candidate, fuse_sides
from journeybot.retrieval.hits import SearchHit, search_hits
from journeybot.retrieval.intent import apply_intent, read_intent, without_cues
from journeybot.retrieval.lexical_file import LexicalFile
from journeybot.retrieval.ranking import above_floor, spread
from journeybot.retrieval.steps import SearchSteps

#: Each side proposes this many candidates per result wanted...
CANDIDATES_PER_RESULT = 5
#: ...and never fewer than this.
MIN_CANDIDATES = 50
#: Intent and spreading re-rank this many times ``k`` fused hits before the cut.
SPREAD_WIDTH = 3


@dataclass(frozen=True)
class StudyIndex:
    """What a search reads of one study: its segments' collection and its context twin."""

    study: str
    collection: Readable
    #: None for a study stored before answers knew their questions.
    context: Readable | None


@dataclass(frozen=True)
class Query:
    text: str
    vector: np.ndarray
    k: int
    participants: Sequence[str] | None = None

    @property
    def pool(self) -> int:
        return max(CANDIDATES_PER_RESULT * self.k, MIN_CANDIDATES)


def hybrid_search(
    indexes: Sequence[StudyIndex],
    query: Query,
    lexical: LexicalFile,
    steps: SearchSteps,
    stages: Sequence[Stage] = (),
) -> list[SearchHit]:
    """Best ``query.k`` hits of ``indexes`` with the given steps, best first."""
    sides = _sides(indexes, query, lexical, steps)
    k = query.k
    wide = min(query.pool, SPREAD_WIDTH * k) if steps.spread or steps.intent else k
    collections: Mapping[str, Readable] = {i.study: i.collection for i in indexes}
    hits = search_hits(fuse_sides(sides, k=wide, pool=query.pool), collections)
    if steps.intent:
        hits = apply_intent(hits, read_intent(query.text, stages))
    if steps.floor:
        topic = without_cues(query.text)
        known = max((lexical.known_share(i.study, topic) for i in indexes), default=0.0)
        hits = above_floor(hits, known=known)
    return spread(hits, k) if steps.spread else hits[:k]


def _sides(
    indexes: Sequence[StudyIndex], query: Query, lexical: LexicalFile, steps: SearchSteps
) -> dict[str, list[Candidate]]:
    sides: dict[str, list[Candidate]] = {"vector": [], "lexical": [], "context": []}
    for index in indexes:
        sides["vector"] += vector_candidates(
            index.collection, index.study, query.vector, query.pool, query.participants
        )
        if steps.context and index.context is not None:
            sides["context"] += context_candidates(
                index.context, index.study, query.vector, query.pool, query.participants
            )
        if steps.lexical:
            sides["lexical"] += [
                Candidate(index.study, match.segment_id, match.score, weight=match.coverage)
                for match in lexical.search(
                    index.study,
                    query.text,
                    limit=query.pool,
                    participants=query.participants,
                    context=steps.context,
                )
            ]
    return sides
