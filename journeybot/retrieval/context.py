"""The context channel: each segment found through the question it answers.

A participant's answer often says nothing of its topic ("Six weeks!", "Nobody."); the
interviewer's question before it does. Each segment with a context gets a second vector,
of its question and its words together (the sum of both vectors, normalised), in a
sibling collection of the study's (same ids, metadata to filter and delete by, the
question as its document). Searching that
collection finds answers by what they answer; the hit is still the segment, and the
citation is still only the participant's words: the context is never quoted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import Embedder
from journeybot.retrieval.fusion import Candidate

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

    from journeybot.retrieval.chroma import Readable

#: Prefix of context collections; deliberately not ``jb-`` so study listings skip them.
CONTEXT_PREFIX = "jbq-"
#: Weight of a context-vector rank in the fusion (a segment-vector rank weighs 1).
CONTEXT_WEIGHT = 1.5


def context_collection_name(study_collection: str) -> str:
    return CONTEXT_PREFIX + study_collection.removeprefix("jb-")


@dataclass(frozen=True)
class ContextVectors:
    """Question-and-answer vectors of the segments that have a question, ready to write."""

    ids: list[str]
    questions: list[str]
    metadatas: list[dict[str, str | int | float | bool]]
    vectors: npt.NDArray[np.float32]


def context_vectors(
    embedder: Embedder, segments: Sequence[Segment], text_vectors: npt.NDArray[np.float32]
) -> ContextVectors:
    """Each segment's question-and-answer vector (computed outside the store's lock).

    That vector is the normalised sum of the question's vector and the segment's own:
    a question is embedded once however many segments answer it (turns are cut into
    several), which costs a fraction of embedding every question-and-answer pair.
    """
    rows = [row for row, segment in enumerate(segments) if segment.context.strip()]
    if not rows:
        return ContextVectors([], [], [], np.zeros((0, embedder.dimension), dtype=np.float32))
    questions = list(dict.fromkeys(segments[row].context for row in rows))
    question_vectors = dict(zip(questions, embedder.embed(questions), strict=True))
    combined = np.stack(
        [question_vectors[segments[row].context] + text_vectors[row] for row in rows]
    ).astype(np.float32)
    combined /= np.maximum(np.linalg.norm(combined, axis=1, keepdims=True), 1e-12)
    return ContextVectors(
        ids=[segments[row].id for row in rows],
        questions=[segments[row].context for row in rows],
        metadatas=[
            {"source_id": segments[row].source_id, "participant": segments[row].participant}
            for row in rows
        ],
        vectors=combined,
    )


def write_contexts(collection: Collection, contexts: ContextVectors) -> None:
    if not contexts.ids:
        return
    collection.upsert(
        ids=contexts.ids,
        documents=contexts.questions,
        metadatas=contexts.metadatas,  # type: ignore[arg-type]
        embeddings=contexts.vectors,
    )


def context_candidates(
    collection: Readable,
    study: str,
    query_vector: np.ndarray,
    pool: int,
    participants: Sequence[str] | None,
) -> list[Candidate]:
    where = {"participant": {"$in": list(participants)}} if participants is not None else None
    result = collection.query(
        query_embeddings=[query_vector],
        n_results=pool,
        where=where,  # type: ignore[arg-type]
        include=["distances"],
    )
    distances = (result["distances"] or [[]])[0]
    return [
        Candidate(study, segment_id, 1.0 - float(distance), weight=CONTEXT_WEIGHT)
        for segment_id, distance in zip(result["ids"][0], distances, strict=True)
    ]
