"""The context channel: each segment found through the question it answers.

A participant's answer often says nothing of its topic ("Six weeks!", "Nobody."); the
interviewer's question before it does. Each segment with a context gets a second vector,
of its question and its words together, in a sibling collection of the study's (same
ids, metadata to filter and delete by, the question as its document). Searching that
collection finds answers by what they answer; the hit is still the segment, and the
citation is still only the participant's words: the context is never quoted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from chromadb.api.models.Collection import Collection

from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import Embedder
from journeybot.retrieval.fusion import Candidate

#: Prefix of context collections; deliberately not ``jb-`` so study listings skip them.
CONTEXT_PREFIX = "jbq-"
#: Reply length (characters) under which the context is the main thing said.
SHORT_REPLY_CHARS = 60


def context_collection_name(study_collection: str) -> str:
    return CONTEXT_PREFIX + study_collection.removeprefix("jb-")


def context_text(segment: Segment) -> str:
    """What the context vector embeds: the question, then the answer."""
    return f"{segment.context.strip()}\n{segment.text}"


def write_contexts(collection: Collection, embedder: Embedder, segments: Sequence[Segment]) -> None:
    with_context = [s for s in segments if s.context.strip()]
    if not with_context:
        return
    collection.upsert(
        ids=[s.id for s in with_context],
        documents=[s.context for s in with_context],
        metadatas=[{"source_id": s.source_id, "participant": s.participant} for s in with_context],
        embeddings=embedder.embed([context_text(s) for s in with_context]),
    )


def context_candidates(
    collection: Collection,
    study: str,
    query_vector: np.ndarray,
    pool: int,
    participants: Sequence[str] | None,
) -> list[Candidate]:
    if collection.count() == 0:
        return []
    where = {"participant": {"$in": list(participants)}} if participants is not None else None
    result = collection.query(
        query_embeddings=[query_vector],
        n_results=pool,
        where=where,  # type: ignore[arg-type]
        include=["distances"],
    )
    distances = (result["distances"] or [[]])[0]
    return [
        Candidate(study, segment_id, 1.0 - float(distance))
        for segment_id, distance in zip(result["ids"][0], distances, strict=True)
    ]
