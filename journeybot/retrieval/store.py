"""The evidence store: participant segments in Chroma, searched by meaning and by words.

Decisions, and the measurements behind them (``benchmarks/query.py``, 2 CPUs, k=16,
every query embedded by MiniLM inside the timing): search p95 is 13 ms at 10k segments and
10 ms at 100k embedded, 19 ms and 17 ms through a ``chroma run`` server; with a participant
filter 19 ms and 50 ms (59 ms through the server). Target: 150 ms at 100k.

* **One Chroma collection per study**, named ``jb-<slug>-<hash of the exact name>``.
  Isolation then holds by construction (a search only opens the studies it is given),
  deleting a study is one call, and a study's HNSW graph only holds its own vectors.
  Searching several studies queries each and merges; cosine similarity is comparable
  across collections because every collection uses the same embedder, which is checked.
* **We embed, Chroma stores.** Vectors are computed by our ``Embedder`` in batches and
  passed explicitly; each collection also carries ``EmbedderFunction`` so Chroma never
  reaches for its downloading default. Cosine space.
* **Lexical side: an in-memory BM25 index per study** (``lexical.py``), built from the
  study's documents on first search and rebuilt when the study changed. Every write bumps a
  ``revision`` in the collection's metadata after the data is written; a search reads the
  revision (it fetches the collection anyway), so a store shared through a Chroma server
  stays correct when another process writes. Chroma's ``where_document`` ``$contains``
  was measured at 25-35 ms per term at 100k segments, case-sensitive and unranked (thousands
  of matches for a common product word), so it cannot rank on its own; an SQLite FTS5 table
  under ``JOURNEYBOT_HOME`` would be a second copy of the evidence that a shared server
  cannot see. The price of BM25 in memory is one build per study, process and change:
  0.7 s at 10k segments and about 6 s at 100k (most of it reading the documents back out
  of Chroma), and about 190 MB more resident memory at 100k.
* **Fusion: weighted reciprocal rank fusion** (``fusion.py``). Ranks need no score
  calibration between cosine and BM25, so several studies pool into one ranking; a lexical
  match weighs the share of the query's distinctive words it contains, so a segment with
  the exact phrase can reach the top ``k`` while one sharing a single common word cannot.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

import chromadb.errors
import httpx
import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection

from journeybot.core.errors import ConfigError, StoreUnavailableError, UsageError
from journeybot.core.models import Segment
from journeybot.core.settings import Settings
from journeybot.retrieval.chroma import (
    COLLECTION_PREFIX,
    READ_PAGE,
    EmbedderFunction,
    as_vectors,
    changed_segments,
    collection_name,
    open_client,
    pages,
    register_embedder_function,
    segment_metadata,
    segments_of,
    vector_candidates,
)
from journeybot.retrieval.embeddings import Embedder, MiniLMEmbedder
from journeybot.retrieval.fusion import Candidate, fuse
from journeybot.retrieval.hits import SearchHit, search_hits
from journeybot.retrieval.lexical import LexicalCache, LexicalIndex
from journeybot.retrieval.steps import SearchSteps

#: Each side of the hybrid search proposes this many candidates per result wanted...
CANDIDATES_PER_RESULT = 5
#: ...and never fewer than this.
MIN_CANDIDATES = 50
#: Segments embedded and written per step (one progress report each).
WRITE_BATCH = 256

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _translated(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Turn a dropped connection to a Chroma server into a sentence a user can act on."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except (httpx.TransportError, ConnectionError) as exc:
            store = args[0]
            assert isinstance(store, EvidenceStore)
            raise StoreUnavailableError(
                f"Lost contact with {store.location} ({exc}); check that the Chroma server "
                "is running and reachable, then try again."
            ) from exc

    return wrapper


class EvidenceStore:
    """Segments of every study, with their vectors; safe to share between threads."""

    def __init__(self, client: ClientAPI, embedder: Embedder) -> None:
        self.client = client
        self.embedder = embedder
        self._function = EmbedderFunction(embedder)
        self._lexical = LexicalCache()
        register_embedder_function()

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> EvidenceStore:
        if embedder is None:
            embedder = MiniLMEmbedder(
                settings.embedding_model_path, batch_size=settings.embedding_batch_size
            )
        return cls(open_client(settings), embedder)

    @property
    def location(self) -> str:
        """Where the evidence lives, in words for error messages."""
        chroma = self.client.get_settings()
        if chroma.chroma_server_host:
            return (
                f"the Chroma server at {chroma.chroma_server_host}:{chroma.chroma_server_http_port}"
            )
        return f"the evidence store at {chroma.persist_directory}"

    # --- writes --------------------------------------------------------------------

    @_translated
    def add(
        self,
        segments: Sequence[Segment],
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Upsert segments; returns how many were new or changed (0 when re-adding).

        ``progress(done, total)`` is called after each batch, counting the segments given.
        """
        unique = list({segment.id: segment for segment in segments}.values())
        by_study: dict[str, list[Segment]] = {}
        for segment in unique:
            by_study.setdefault(segment.study, []).append(segment)
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            if progress is not None:
                progress(done, len(unique))

        return sum(self._add_to_study(study, group, advance) for study, group in by_study.items())

    def _add_to_study(
        self, study: str, group: list[Segment], advance: Callable[[int], None]
    ) -> int:
        collection = self._collection(study, create=True)
        assert collection is not None
        self._lexical.forget(study)
        written = 0
        try:
            for begin in range(0, len(group), WRITE_BATCH):
                batch = group[begin : begin + WRITE_BATCH]
                written += self._write(collection, batch)
                advance(len(batch))
        except BaseException:
            if written:  # readers elsewhere must still notice the partial write
                with contextlib.suppress(Exception):
                    self._bump_revision(collection)
            raise
        if written:
            self._bump_revision(collection)
        return written

    def _write(self, collection: Collection, batch: list[Segment]) -> int:
        changed = changed_segments(collection, batch)
        if changed:
            collection.upsert(
                ids=[segment.id for segment in changed],
                documents=[segment.text for segment in changed],
                metadatas=[segment_metadata(segment) for segment in changed],
                embeddings=self.embedder.embed([segment.text for segment in changed]),
            )
        return len(changed)

    @_translated
    def delete_source(self, study: str, source_id: str) -> int:
        collection = self._collection(study)
        if collection is None:
            return 0
        ids = collection.get(where={"source_id": source_id}, include=[])["ids"]
        self._lexical.forget(study)
        for begin in range(0, len(ids), READ_PAGE):
            collection.delete(ids=ids[begin : begin + READ_PAGE])
        if ids:
            self._bump_revision(collection)
        return len(ids)

    @_translated
    def delete_study(self, study: str) -> None:
        self._lexical.forget(study)
        try:
            self.client.delete_collection(collection_name(study))
        except chromadb.errors.NotFoundError:
            return

    # --- reads ---------------------------------------------------------------------

    @_translated
    def get(self, study: str, ids: Sequence[str]) -> list[Segment]:
        """The stored segments among ``ids``, in the order asked; unknown ids are skipped."""
        collection = self._collection(study)
        wanted = list(dict.fromkeys(ids))
        if collection is None or not wanted:
            return []
        found: dict[str, Segment] = {}
        for begin in range(0, len(wanted), READ_PAGE):
            records = collection.get(
                ids=wanted[begin : begin + READ_PAGE], include=["documents", "metadatas"]
            )
            found.update((s.id, s) for s in segments_of(records))
        return [found[segment_id] for segment_id in wanted if segment_id in found]

    @_translated
    def segments(self, study: str, *, source_id: str | None = None) -> list[Segment]:
        """A study's segments in conversation order: by source file, then offset."""
        where = {"source_id": source_id} if source_id is not None else None
        segments: list[Segment] = []
        collection = self._collection(study)
        if collection is None:
            return []
        for records in pages(collection, ["documents", "metadatas"], where):
            segments.extend(segments_of(records))
        return sorted(segments, key=_conversation_order)

    @_translated
    def segments_with_vectors(self, study: str) -> tuple[list[Segment], np.ndarray]:
        """Segments in conversation order and their unit vectors, row for row."""
        segments: list[Segment] = []
        blocks: list[np.ndarray] = []
        collection = self._collection(study)
        if collection is not None:
            self._check_embedder(study, collection)
        include = ["documents", "metadatas", "embeddings"]
        for records in pages(collection, include) if collection is not None else ():
            segments.extend(segments_of(records))
            blocks.append(as_vectors(records["embeddings"], self.embedder.dimension))
        if not segments:
            return [], np.zeros((0, self.embedder.dimension), dtype=np.float32)
        vectors = np.concatenate(blocks)
        order = sorted(range(len(segments)), key=lambda i: _conversation_order(segments[i]))
        return [segments[i] for i in order], vectors[order]

    @_translated
    def count(self, study: str | None = None) -> int:
        if study is not None:
            collection = self._collection(study)
            return collection.count() if collection is not None else 0
        return sum(collection.count() for collection in self._our_collections())

    @_translated
    def studies(self) -> list[str]:
        """Every study with a collection here, sorted (a study emptied by deletes stays)."""
        names = {str((c.metadata or {}).get("study", "")) for c in self._our_collections()}
        return sorted(name for name in names if name)

    # --- search --------------------------------------------------------------------

    @_translated
    def search(
        self,
        studies: Sequence[str],
        query: str,
        *,
        k: int = 8,
        participants: Sequence[str] | None = None,
        steps: SearchSteps = SearchSteps(),
    ) -> list[SearchHit]:
        """Best ``k`` segments of ``studies`` for ``query``, by meaning and by exact words."""
        if k < 1 or not query.strip() or (participants is not None and not participants):
            return []
        pool = max(CANDIDATES_PER_RESULT * k, MIN_CANDIDATES)
        query_vector = self.embedder.embed([query])[0]
        collections: dict[str, Collection] = {}
        vector: list[Candidate] = []
        lexical: list[Candidate] = []
        for study in dict.fromkeys(studies):
            collection = self._collection(study)
            if collection is None:
                continue
            self._check_embedder(study, collection)
            collections[study] = collection
            vector += vector_candidates(collection, study, query_vector, pool, participants)
            if steps.lexical:
                lexical += self._lexical_candidates(collection, study, query, pool, participants)
        return search_hits(fuse(vector, lexical, k=k, pool=pool), collections)

    def _lexical_candidates(
        self,
        collection: Collection,
        study: str,
        query: str,
        pool: int,
        participants: Sequence[str] | None,
    ) -> list[Candidate]:
        index = self._lexical_index(collection, study)
        allowed = None
        if participants is not None:
            where = {"participant": {"$in": list(participants)}}
            allowed = frozenset(collection.get(where=where, include=[])["ids"])  # type: ignore[arg-type]
        return [
            Candidate(study, match.segment_id, match.score, weight=match.coverage)
            for match in index.search(query, limit=pool, allowed=allowed)
        ]

    # --- collections and the lexical cache -----------------------------------------

    def _collection(self, study: str, *, create: bool = False) -> Collection | None:
        if not study.strip():
            raise UsageError("A study needs a name; pass --study with a non-empty name.")
        name = collection_name(study)
        try:
            if create:
                collection = self.client.get_or_create_collection(
                    name,
                    metadata=self._new_metadata(study),
                    configuration={"hnsw": {"space": "cosine"}},
                    embedding_function=self._function,  # type: ignore[arg-type]
                )
            else:
                collection = self.client.get_collection(name, embedding_function=self._function)  # type: ignore[arg-type]
        except chromadb.errors.NotFoundError:
            return None
        if create:
            self._check_embedder(study, collection)
        return collection

    def _new_metadata(self, study: str) -> dict[str, str | int]:
        return {
            "study": study,
            "embedder": self.embedder.name,
            "dimension": self.embedder.dimension,
            "revision": uuid.uuid4().hex,
        }

    def _check_embedder(self, study: str, collection: Collection) -> None:
        """Vectors of two models cannot be compared; refuse to mix or search across them."""
        metadata = collection.metadata or {}
        stored = (metadata.get("embedder"), metadata.get("dimension"))
        if stored != (self.embedder.name, self.embedder.dimension):
            raise ConfigError(
                f"Study '{study}' was indexed with the embedding model {stored[0]} "
                f"({stored[1]} dimensions), not {self.embedder.name} "
                f"({self.embedder.dimension}); use the same model, or re-ingest the study "
                "into a fresh JOURNEYBOT_HOME."
            )

    def _bump_revision(self, collection: Collection) -> None:
        collection.modify(metadata={**(collection.metadata or {}), "revision": uuid.uuid4().hex})

    def _our_collections(self) -> list[Collection]:
        return [c for c in self.client.list_collections() if c.name.startswith(COLLECTION_PREFIX)]

    def _lexical_index(self, collection: Collection, study: str) -> LexicalIndex:
        def load() -> tuple[list[str], list[str]]:
            ids: list[str] = []
            documents: list[str] = []
            for records in pages(collection, ["documents"]):
                ids.extend(records["ids"])
                documents.extend(records["documents"] or [])
            return ids, documents

        revision = str((collection.metadata or {}).get("revision", ""))
        return self._lexical.get(study, revision, load)


def _conversation_order(segment: Segment) -> tuple[str, str, int, int]:
    return (segment.file_name, segment.source_id, segment.start, segment.end)
