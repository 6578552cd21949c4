"""Housekeeping on the evidence store: erasing for good, and the checks of ``doctor``.

Functions over an ``EvidenceStore`` rather than methods on it, so the store reads as
retrieval logic; each runs under the store's guard like the store's own calls.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import chromadb.errors
import numpy as np
from chromadb.api.models.Collection import Collection

from journeybot.core.models import Segment
from journeybot.retrieval.chroma import (
    COLLECTION_PREFIX,
    as_vectors,
    collection_name,
    pages,
    remove_orphan_index_folders,
    segment_metadata,
    segments_of,
    vacuum_folder,
)
from journeybot.retrieval.context import context_collection_name
from journeybot.retrieval.store import REBUILD_SUFFIX, WRITE_BATCH, EvidenceStore, translated


@translated
def rebuild_without(store: EvidenceStore, study: str, drop: Callable[[Segment], bool]) -> int:
    """Erase segments for good: copy the rest (vectors included) into a new collection.

    Deleting records leaves their text in Chroma's log and free pages; dropping the
    whole collection removes its log, so the study is rebuilt from what stays. The copy
    is filled under a temporary name and renamed last, so a crash leaves either the old
    collection or a complete new one that ``doctor --repair`` can finish renaming.
    """
    old = store._collection(study)
    if old is None:
        return 0
    kept, vectors, dropped = _partition(store, old, drop)
    if not dropped:
        return 0
    _rebuild_contexts(store, old, set(dropped))
    name = collection_name(study)
    temporary = f"{name}{REBUILD_SUFFIX}"
    with contextlib.suppress(chromadb.errors.NotFoundError):
        store.client.delete_collection(temporary)
    new = store._create(temporary, study)
    for begin in range(0, len(kept), WRITE_BATCH):
        rows = slice(begin, begin + WRITE_BATCH)
        new.upsert(
            ids=[s.id for s in kept[rows]],
            documents=[s.text for s in kept[rows]],
            metadatas=[segment_metadata(s) for s in kept[rows]],
            embeddings=vectors[rows],
        )
    store.client.delete_collection(name)
    new.modify(name=name)
    store.lexical.erase_ids(study, dropped)
    store._bump_revision(study, new)
    return len(dropped)


def _rebuild_contexts(
    store: EvidenceStore, study_collection: Collection, dropped: set[str]
) -> None:
    """The question-and-answer vectors of what stays, in a fresh context collection.

    Their documents are the interviewer's questions of the forgotten conversation, so
    they go the same way as the segments: a dropped collection takes its log with it.
    """
    name = context_collection_name(study_collection.name)
    try:
        old = store.client.get_collection(name, embedding_function=store._function)  # type: ignore[arg-type]
    except chromadb.errors.NotFoundError:
        return
    temporary = f"{name}{REBUILD_SUFFIX}"
    with contextlib.suppress(chromadb.errors.NotFoundError):
        store.client.delete_collection(temporary)
    new = store.client.create_collection(
        temporary,
        metadata=old.metadata,
        configuration={"hnsw": {"space": "cosine"}},
        embedding_function=store._function,  # type: ignore[arg-type]
    )
    for records in pages(old, ["documents", "metadatas", "embeddings"]):
        rows = [i for i, record_id in enumerate(records["ids"]) if record_id not in dropped]
        if rows:
            new.upsert(
                ids=[records["ids"][i] for i in rows],
                documents=[(records["documents"] or [])[i] for i in rows],
                metadatas=[(records["metadatas"] or [])[i] for i in rows],
                embeddings=as_vectors(records["embeddings"], store.embedder.dimension)[rows],
            )
    store.client.delete_collection(name)
    new.modify(name=name)


def _partition(
    store: EvidenceStore, collection: Collection, drop: Callable[[Segment], bool]
) -> tuple[list[Segment], np.ndarray, list[str]]:
    kept: list[Segment] = []
    blocks: list[np.ndarray] = []
    dropped: list[str] = []
    for records in pages(collection, ["documents", "metadatas", "embeddings"]):
        vectors = as_vectors(records["embeddings"], store.embedder.dimension)
        for row, segment in enumerate(segments_of(records)):
            if drop(segment):
                dropped.append(segment.id)
            else:
                kept.append(segment)
                blocks.append(vectors[row : row + 1])
    stacked = (
        np.concatenate(blocks)
        if blocks
        else np.zeros((0, store.embedder.dimension), dtype=np.float32)
    )
    return kept, stacked, dropped


@translated
def source_counts(store: EvidenceStore, study: str) -> dict[str, int]:
    """Segments per source id, read from metadata only (for consistency checks)."""
    counts: dict[str, int] = {}
    collection = store._collection(study)
    for records in pages(collection, ["metadatas"]) if collection is not None else ():
        for metadata in records["metadatas"] or []:
            source_id = str((metadata or {}).get("source_id", ""))
            counts[source_id] = counts.get(source_id, 0) + 1
    return counts


@translated
def unfinished_rebuilds(store: EvidenceStore) -> list[str]:
    """Studies whose ``rebuild_without`` was interrupted before its rename."""
    return sorted(
        str((c.metadata or {}).get("study", ""))
        for c in store.client.list_collections()
        if c.name.startswith(COLLECTION_PREFIX) and c.name.endswith(REBUILD_SUFFIX)
    )


@translated
def finish_rebuild(store: EvidenceStore, study: str) -> None:
    """Complete an interrupted rebuild: the new copy replaces the old one.

    The copy is only ever renamed after it was filled, so if the old collection is
    still there the copy may be incomplete and is dropped instead.
    """
    name = collection_name(study)
    temporary = store.client.get_collection(
        f"{name}{REBUILD_SUFFIX}",
        embedding_function=store._function,  # type: ignore[arg-type]
    )
    if store._collection(study) is None:
        temporary.modify(name=name)
        store._bump_revision(study, temporary)
    else:
        store.client.delete_collection(temporary.name)
        store.guard.wrote()


@translated
def lexical_rows(store: EvidenceStore, study: str) -> int:
    return store.lexical.count(study)


@translated
def rebuild_lexical(store: EvidenceStore, study: str) -> None:
    """Refill a study's lexical rows from the segments Chroma holds."""
    collection = store._collection(study)
    if collection is None:
        store.lexical.remove_study(study)
        return
    segments = [
        s for records in pages(collection, ["documents", "metadatas"]) for s in segments_of(records)
    ]
    revision = str((collection.metadata or {}).get("revision", ""))
    store.lexical.replace_study(study, segments, revision)


@translated
def compact(store: EvidenceStore) -> bool:
    """Purge Chroma's log and free pages so erased text leaves the disk (embedded only).

    Runs Chroma's own ``vacuum`` with our client closed, then deletes the index folders
    of collections that are gone (Chroma leaves them); False for a server, whose files
    only its operator can vacuum.
    """
    if store.folder is None or not (store.folder / "chroma.sqlite3").exists():
        return False
    store.close()
    vacuum_folder(store.folder)
    remove_orphan_index_folders(store.folder)
    store.guard.wrote()
    return True
