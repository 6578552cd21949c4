"""Deleting from a study: a source, an outdated segmentation, or the whole study.

Each delete reaches the segments' collection, its context twin and the lexical index,
and bumps the study's revision so readers in other processes notice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeybot.retrieval.chroma import READ_PAGE, collection_name
from journeybot.retrieval.context import context_collection_name
from journeybot.retrieval.translate import translated

if TYPE_CHECKING:
    from journeybot.retrieval.store import EvidenceStore


@translated
def delete_source(store: EvidenceStore, study: str, source_id: str) -> int:
    collection = store._collection(study)
    if collection is None:
        return 0
    ids = collection.get(where={"source_id": source_id}, include=[])["ids"]
    store._context_collection(collection).delete(where={"source_id": source_id})
    for begin in range(0, len(ids), READ_PAGE):
        collection.delete(ids=ids[begin : begin + READ_PAGE])
    store.lexical.erase(study, source_id=source_id)
    if ids:
        store._bump_revision(study, collection)
    return len(ids)


@translated
def delete_segments(store: EvidenceStore, study: str, ids: Sequence[str]) -> int:
    """Remove the given segments (an outdated segmentation of a source)."""
    collection = store._collection(study)
    if collection is None or not ids:
        return 0
    context = store._context_collection(collection)
    for begin in range(0, len(ids), READ_PAGE):
        page = list(ids[begin : begin + READ_PAGE])
        collection.delete(ids=page)
        context.delete(ids=page)
    store.lexical.erase_ids(study, ids)
    store._bump_revision(study, collection)
    return len(ids)


@translated
def delete_study(store: EvidenceStore, study: str) -> None:
    import chromadb.errors  # deleting needs the full client, which imports it anyway

    store.lexical.remove_study(study)
    store.lexical.compact()
    name = collection_name(study)
    for doomed in (context_collection_name(name), name):
        with contextlib.suppress(chromadb.errors.NotFoundError):
            store.client.delete_collection(doomed)
    store.guard.wrote()
