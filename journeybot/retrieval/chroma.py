"""What the store needs to say to Chroma: collection names, records, vacuuming.

Kept apart from ``store.py`` so the store reads as retrieval logic, and so the Chroma
details that version changes touch (metadata value rules, the on-disk layout) live in
one place. Nothing here imports ``chromadb``: the full client and our embedding function
are in ``chroma_client.py``, and reads of an embedded store go through ``chroma_core.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np

from journeybot.core.errors import ConfigError, StoreUnavailableError
from journeybot.core.models import READING_FIELDS, Segment, SourceKind
from journeybot.retrieval.chroma_core import CoreCollection
from journeybot.retrieval.embeddings import Embedder
from journeybot.retrieval.fusion import Candidate

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

#: A collection to read: Chroma's own, or the same collection read through its core.
Readable: TypeAlias = "Collection | CoreCollection"

#: Prefix of every collection this project creates; other collections are left alone.
COLLECTION_PREFIX = "jb-"
#: Compacting a large store rewrites its SQLite file; allow for that.
VACUUM_TIMEOUT_SECONDS = 600
#: Records per Chroma read; unfiltered reads of 100k records with metadata fail in SQLite.
READ_PAGE = 5000

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_OPTIONAL_FIELDS = ("date", "prompt")


#: Collection metadata key: the readings version every segment of the study carries.
READINGS_KEY = "readings"


def collection_name(study: str) -> str:
    """A valid, stable Chroma name for a study: readable slug plus a hash of the exact name.

    The hash keeps "Onboarding 2024" and "onboarding-2024" apart; the slug keeps the
    server's collection list readable.
    """
    slug = _SLUG_RE.sub("-", study.lower()).strip("-")[:40].strip("-") or "study"
    digest = hashlib.sha256(study.encode("utf-8")).hexdigest()[:12]
    return f"{COLLECTION_PREFIX}{slug}-{digest}"


def segment_metadata(segment: Segment) -> dict[str, str | int | float | bool]:
    """Everything but id and text (those are Chroma's id and document); None is omitted."""
    fields = segment.model_dump(mode="json", exclude={"id", "text"})
    return {key: value for key, value in fields.items() if value is not None}


def segment_from_record(
    segment_id: str, document: str | None, metadata: Mapping[str, Any] | None
) -> Segment:
    fields = dict(metadata or {})
    for name in _OPTIONAL_FIELDS:
        fields.setdefault(name, None)
    fields["kind"] = SourceKind(fields.get("kind", SourceKind.INTERVIEW))
    return Segment(id=segment_id, text=document or "", **fields)


def as_vectors(rows: Any, dimension: int) -> np.ndarray:
    if rows is None or len(rows) == 0:
        return np.zeros((0, dimension), dtype=np.float32)
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)


def vacuum_folder(folder: Path) -> None:
    """Chroma's own ``chroma vacuum``: purge its log, then VACUUM its SQLite file.

    Run in a child process because the command prints progress on standard output,
    which belongs to our ``--json`` documents.
    """
    script = (
        "import sys, chromadb_rust_bindings as b; "
        "b.cli(['chroma', 'vacuum', '--path', sys.argv[1], '--force'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        capture_output=True,
        text=True,
        timeout=VACUUM_TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise StoreUnavailableError(
            f"Chroma could not compact {folder} ({detail[0]}); erased text may remain in "
            "its files until `journeybot doctor --repair` succeeds."
        )


#: A vector index folder of an embedded store is named by its segment's id.
_INDEX_FOLDER = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def remove_orphan_index_folders(folder: Path) -> list[str]:
    """Delete the vector index folders that no segment of the store owns any more.

    Chroma's embedded store leaves a deleted collection's HNSW folder on disk: the
    forgotten segments' vectors, and whatever heap bytes its index library wrote into
    unused slots (text it had just read, once in about ten erasure test runs). Run with
    every client closed and under the store's lock, after ``vacuum_folder``.
    """
    database = folder / "chroma.sqlite3"
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        live = {str(row[0]) for row in db.execute("SELECT id FROM segments")}
    removed = []
    for child in sorted(folder.iterdir()):
        if child.is_dir() and _INDEX_FOLDER.match(child.name) and child.name not in live:
            shutil.rmtree(child)
            removed.append(child.name)
    return removed


def segments_of(records: Any) -> list[Segment]:
    """Segments of a ``Collection.get`` answer that included documents and metadatas."""
    return [
        segment_from_record(segment_id, document, metadata)
        for segment_id, document, metadata in zip(
            records["ids"], records["documents"] or [], records["metadatas"] or [], strict=True
        )
    ]


def pages(
    collection: Readable, include: list[str], where: dict[str, Any] | None = None
) -> Iterator[Any]:
    """A collection's records, ``READ_PAGE`` at a time (large reads hit SQLite's limits)."""
    offset = 0
    while True:
        records = collection.get(
            where=where,
            include=include,  # type: ignore[arg-type]
            limit=READ_PAGE,
            offset=offset,
        )
        if records["ids"]:
            yield records
        if len(records["ids"]) < READ_PAGE:
            return
        offset += READ_PAGE


def vector_candidates(
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
        include=["documents", "metadatas", "distances"],
    )
    ids = result["ids"][0]
    documents = (result["documents"] or [[]])[0]
    metadatas = (result["metadatas"] or [[]])[0]
    distances = (result["distances"] or [[]])[0]
    return [
        Candidate(
            study,
            segment_id,
            1.0 - float(distance),
            segment=segment_from_record(segment_id, document, metadata),
        )
        for segment_id, document, metadata, distance in zip(
            ids, documents, metadatas, distances, strict=True
        )
    ]


def changed_segments(collection: Collection, batch: list[Segment]) -> list[Segment]:
    """The segments of ``batch`` not already stored exactly so (skips re-embedding them)."""
    stored = collection.get(ids=[s.id for s in batch], include=["documents", "metadatas"])
    existing = {
        segment_id: (document, dict(metadata or {}))
        for segment_id, document, metadata in zip(
            stored["ids"], stored["documents"] or [], stored["metadatas"] or [], strict=True
        )
    }
    return [s for s in batch if not _same_record(existing.get(s.id), s)]


def _same_record(stored: tuple[str | None, dict[str, Any]] | None, segment: Segment) -> bool:
    # Floats may come back one ulp off after Chroma's round trip; that is not a change.
    # Readings are the store's own additions: a segment given without them is unchanged.
    if stored is None or stored[0] != segment.text:
        return False
    wanted = {k: v for k, v in segment_metadata(segment).items() if k not in READING_FIELDS}
    stored = (stored[0], {k: v for k, v in stored[1].items() if k not in READING_FIELDS})
    if stored[1].keys() != wanted.keys():
        return False
    return all(
        math.isclose(value, stored[1][key], rel_tol=1e-9)
        if isinstance(value, float)
        else value == stored[1][key]
        for key, value in wanted.items()
    )


def check_embedder(study: str, collection: Readable, embedder: Embedder) -> None:
    """Vectors of two models cannot be compared; refuse to mix or search across them."""
    metadata = collection.metadata or {}
    stored = (metadata.get("embedder"), metadata.get("dimension"))
    if stored != (embedder.name, embedder.dimension):
        raise ConfigError(
            f"Study '{study}' was indexed with the embedding model {stored[0]} "
            f"({stored[1]} dimensions), not {embedder.name} "
            f"({embedder.dimension}); use the same model, or re-ingest the study "
            "into a fresh JOURNEYBOT_HOME."
        )


def new_metadata(
    study: str, embedder: Embedder, readings: str | None, revision: str
) -> dict[str, str | int]:
    """A new study collection's metadata: its study, embedder, readings version, revision."""
    current = {READINGS_KEY: readings} if readings is not None else {}
    return {
        **current,
        "study": study,
        "embedder": embedder.name,
        "dimension": embedder.dimension,
        "revision": revision,
    }
