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
* **Lexical side: SQLite FTS5 with bm25, persisted** (``lexical_file.py``) next to the
  catalog, written at ingest and changed by forget, so no process rebuilds it (the
  in-memory BM25 it replaced took 6 s per process at 100k segments). Every write bumps a
  ``revision`` in the collection's metadata; the index records the revision it reflects
  and catches up from Chroma when another process wrote through a shared server.
* **Context channel** (``context.py``): a second vector per segment, of the question it
  answers plus its words, in a sibling collection; it finds answers that never name
  their topic. The context is never quoted.
* **Fusion: weighted reciprocal rank fusion** (``fusion.py``) of every side. Ranks need
  no calibration between cosine and BM25, so several studies pool into one ranking; a lexical
  match weighs the share of the query's distinctive words it contains, so a segment with
  the exact phrase can reach the top ``k`` while one sharing a single common word cannot.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
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
from journeybot.retrieval.context import (
    ContextVectors,
    context_candidates,
    context_collection_name,
    context_vectors,
    write_contexts,
)
from journeybot.retrieval.embeddings import Embedder, MiniLMEmbedder
from journeybot.retrieval.fusion import Candidate, fuse_sides
from journeybot.retrieval.guard import HomeGuard, StoreGuard
from journeybot.retrieval.hits import SearchHit, search_hits
from journeybot.retrieval.intent import apply_intent, read_intent
from journeybot.retrieval.lexical_file import LexicalFile
from journeybot.retrieval.ranking import above_floor, spread
from journeybot.retrieval.readings import READINGS_KEY, Reader, reread
from journeybot.retrieval.steps import SearchSteps

#: Each side of the hybrid search proposes this many candidates per result wanted...
CANDIDATES_PER_RESULT = 5
#: ...and never fewer than this.
MIN_CANDIDATES = 50
#: Intent and spreading re-rank this many times ``k`` fused hits before the cut.
SPREAD_WIDTH = 3
#: Segments embedded and written per step (one progress report each).
WRITE_BATCH = 256
#: Suffix of a collection being rebuilt by ``maintenance.rebuild_without`` (see doctor).
REBUILD_SUFFIX = "-rebuild"

_P = ParamSpec("_P")
_R = TypeVar("_R")


def translated(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a store call under the store's guard; a dropped server connection becomes a
    sentence a user can act on."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        store = args[0]
        assert isinstance(store, EvidenceStore)
        try:
            with store.guard.hold(store._reconnect):
                return method(*args, **kwargs)
        except (httpx.TransportError, ConnectionError) as exc:
            raise StoreUnavailableError(
                f"Lost contact with {store.location} ({exc}); check that the Chroma server "
                "is running and reachable, then try again."
            ) from exc

    return wrapper


class EvidenceStore:
    """Segments of every study, with their vectors; safe to share between threads."""

    def __init__(
        self,
        client: ClientAPI | None,
        embedder: Embedder,
        lexical: LexicalFile | None = None,
        *,
        connect: Callable[[], ClientAPI] | None = None,
        guard: StoreGuard | None = None,
        location: str = "the evidence store",
        folder: Path | None = None,
    ) -> None:
        if client is None and connect is None:
            raise ValueError("an EvidenceStore needs a client or a way to connect")
        self._client = client
        self._connect = connect
        self.guard = guard or StoreGuard()
        self.location = location
        self.folder = folder
        self.embedder = embedder
        self._function = EmbedderFunction(embedder)
        #: Without a file (tests, benchmarks) the lexical index lives in memory.
        self.lexical = lexical or LexicalFile(None)
        #: Reads segments as they are written (set by the service layer); None: unread.
        self.reader: Reader | None = None
        register_embedder_function()

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> EvidenceStore:
        if embedder is None:
            embedder = MiniLMEmbedder(
                settings.embedding_model_path, batch_size=settings.embedding_batch_size
            )
        lexical = LexicalFile(settings.lexical_path)
        if settings.chroma_host:
            where = f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}"
            # A dead server should fail the command at once, not at its first search.
            client = open_client(settings)
            return cls(
                client, embedder, lexical, connect=lambda: open_client(settings), location=where
            )
        return cls(  # embedded: connects on the first call that needs Chroma
            None,
            embedder,
            lexical,
            connect=lambda: open_client(settings),
            guard=HomeGuard(settings.chroma_path),
            location=f"the evidence store at {settings.chroma_path}",
            folder=settings.chroma_path,
        )

    @property
    def client(self) -> ClientAPI:
        if self._client is None:
            self._reconnect()
        assert self._client is not None
        return self._client

    def _reconnect(self) -> None:
        """Drop our Chroma state and open it afresh (another process changed the store)."""
        if self._connect is None:
            return
        self.close()
        self._client = self._connect()

    def close(self) -> None:
        """Release Chroma's files (before another process vacuums or copies them)."""
        if self._client is not None and self._connect is not None:
            with contextlib.suppress(Exception):
                self._client.close()  # type: ignore[attr-defined]
            self._client = None

    # --- writes --------------------------------------------------------------------

    def add(
        self,
        segments: Sequence[Segment],
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Upsert segments; returns how many were new or changed (0 when re-adding).

        ``progress(done, total)`` is called after each batch, counting the segments given.
        Each batch holds the store's guard only to read and to write, not while embedding,
        so another process's search waits for one write, not for a whole file.
        """
        unique = list({segment.id: segment for segment in segments}.values())
        done = written = 0
        for begin in range(0, len(unique), WRITE_BATCH):
            batch = unique[begin : begin + WRITE_BATCH]
            for study in dict.fromkeys(segment.study for segment in batch):
                written += self._add_batch(study, [s for s in batch if s.study == study])
            done += len(batch)
            if progress is not None:
                progress(done, len(unique))
        return written

    def _add_batch(self, study: str, batch: list[Segment]) -> int:
        changed = self._changed(study, batch)
        if not changed:
            return 0
        vectors = as_vectors(
            self.embedder.embed([segment.text for segment in changed]), self.embedder.dimension
        )
        contexts = context_vectors(self.embedder, changed, vectors)
        if self.reader is not None:
            changed = self.reader(study, changed, vectors)
        self._upsert(study, changed, vectors, contexts)
        return len(changed)

    @translated
    def _changed(self, study: str, batch: list[Segment]) -> list[Segment]:
        collection = self._collection(study, create=True)
        assert collection is not None
        self._catch_up(study, collection)
        return changed_segments(collection, batch)

    @translated
    def _upsert(
        self,
        study: str,
        changed: list[Segment],
        vectors: np.ndarray,
        contexts: ContextVectors,
    ) -> None:
        collection = self._collection(study, create=True)
        assert collection is not None
        try:
            write_contexts(self._context_collection(collection), contexts)
            collection.upsert(
                ids=[segment.id for segment in changed],
                documents=[segment.text for segment in changed],
                metadatas=[segment_metadata(segment) for segment in changed],
                embeddings=vectors,
            )
            self.lexical.add(study, changed)
        finally:  # readers elsewhere must notice even a partial write
            self._bump_revision(study, collection)

    @translated
    def delete_source(self, study: str, source_id: str) -> int:
        collection = self._collection(study)
        if collection is None:
            return 0
        ids = collection.get(where={"source_id": source_id}, include=[])["ids"]
        self._context_collection(collection).delete(where={"source_id": source_id})
        for begin in range(0, len(ids), READ_PAGE):
            collection.delete(ids=ids[begin : begin + READ_PAGE])
        self.lexical.erase(study, source_id=source_id)
        if ids:
            self._bump_revision(study, collection)
        return len(ids)

    @translated
    def delete_segments(self, study: str, ids: Sequence[str]) -> int:
        """Remove the given segments (an outdated segmentation of a source)."""
        collection = self._collection(study)
        if collection is None or not ids:
            return 0
        context = self._context_collection(collection)
        for begin in range(0, len(ids), READ_PAGE):
            page = list(ids[begin : begin + READ_PAGE])
            collection.delete(ids=page)
            context.delete(ids=page)
        self.lexical.erase_ids(study, ids)
        self._bump_revision(study, collection)
        return len(ids)

    @translated
    def delete_study(self, study: str) -> None:
        self.lexical.remove_study(study)
        self.lexical.compact()
        name = collection_name(study)
        for doomed in (context_collection_name(name), name):
            with contextlib.suppress(chromadb.errors.NotFoundError):
                self.client.delete_collection(doomed)
        self.guard.wrote()

    # --- reads ---------------------------------------------------------------------

    @translated
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

    @translated
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

    @translated
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

    @translated
    def count(self, study: str | None = None) -> int:
        if study is not None:
            collection = self._collection(study)
            return collection.count() if collection is not None else 0
        return sum(collection.count() for collection in self._our_collections())

    @translated
    def studies(self) -> list[str]:
        """Every study with a collection here, sorted (a study emptied by deletes stays)."""
        names = {str((c.metadata or {}).get("study", "")) for c in self._our_collections()}
        return sorted(name for name in names if name)

    # --- search --------------------------------------------------------------------

    @translated
    def search(
        self,
        studies: Sequence[str],
        query: str,
        *,
        k: int = 8,
        participants: Sequence[str] | None = None,
        steps: SearchSteps | None = None,
    ) -> list[SearchHit]:
        """Best ``k`` segments of ``studies`` for ``query``, by meaning and by exact words."""
        if k < 1 or not query.strip() or (participants is not None and not participants):
            return []
        steps = steps or SearchSteps()
        pool = max(CANDIDATES_PER_RESULT * k, MIN_CANDIDATES)
        query_vector = self.embedder.embed([query])[0]
        collections: dict[str, Collection] = {}
        sides: dict[str, list[Candidate]] = {"vector": [], "lexical": [], "context": []}
        for study in dict.fromkeys(studies):
            collection = self._collection(study)
            if collection is None:
                continue
            self._check_embedder(study, collection)
            collections[study] = collection
            sides["vector"] += vector_candidates(
                collection, study, query_vector, pool, participants
            )
            if steps.context:
                sides["context"] += context_candidates(
                    self._context_collection(collection), study, query_vector, pool, participants
                )
            if steps.lexical:
                sides["lexical"] += self._lexical_candidates(
                    collection, study, query, pool, participants, context=steps.context
                )
        wide = min(pool, SPREAD_WIDTH * k) if steps.spread or steps.intent else k
        hits = search_hits(fuse_sides(sides, k=wide, pool=pool), collections)
        if steps.intent:
            hits = apply_intent(hits, read_intent(query))
        if steps.floor:
            hits = above_floor(hits)
        return spread(hits, k) if steps.spread else hits[:k]

    def _lexical_candidates(
        self,
        collection: Collection,
        study: str,
        query: str,
        pool: int,
        participants: Sequence[str] | None,
        *,
        context: bool,
    ) -> list[Candidate]:
        self._catch_up(study, collection)
        return [
            Candidate(study, match.segment_id, match.score, weight=match.coverage)
            for match in self.lexical.search(
                study, query, limit=pool, participants=participants, context=context
            )
        ]

    # --- collections and the lexical cache -----------------------------------------

    def _collection(self, study: str, *, create: bool = False) -> Collection | None:
        if not study.strip():
            raise UsageError("A study needs a name; pass --study with a non-empty name.")
        name = collection_name(study)
        try:
            if create:
                collection = self._create(name, study)
            else:
                collection = self.client.get_collection(name, embedding_function=self._function)  # type: ignore[arg-type]
        except chromadb.errors.NotFoundError:
            return None
        if create:
            self._check_embedder(study, collection)
        return collection

    def _create(self, name: str, study: str) -> Collection:
        return self.client.get_or_create_collection(
            name,
            metadata=self._new_metadata(study),
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=self._function,  # type: ignore[arg-type]
        )

    def _new_metadata(self, study: str) -> dict[str, str | int]:
        current = {READINGS_KEY: self.reader.version} if self.reader is not None else {}
        return {
            **current,
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

    def _bump_revision(self, study: str, collection: Collection) -> None:
        """Tell readers elsewhere the study changed; our lexical rows are at the new revision."""
        revision = uuid.uuid4().hex
        try:
            collection.modify(metadata={**(collection.metadata or {}), "revision": revision})
            self.lexical.set_revision(study, revision)
        finally:
            self.guard.wrote()

    def _context_collection(self, collection: Collection) -> Collection:
        return self.client.get_or_create_collection(
            context_collection_name(collection.name),
            metadata={"embedder": self.embedder.name, "dimension": self.embedder.dimension},
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=self._function,  # type: ignore[arg-type]
        )

    def _our_collections(self) -> list[Collection]:
        return [
            c
            for c in self.client.list_collections()
            if c.name.startswith(COLLECTION_PREFIX) and not c.name.endswith(REBUILD_SUFFIX)
        ]

    @translated
    def refresh_readings(self, study: str) -> int:
        """Read again every segment of a study read by older code; returns how many."""
        collection = self._collection(study)
        if self.reader is None or collection is None:
            return 0
        if (collection.metadata or {}).get(READINGS_KEY) == self.reader.version:
            return 0
        segments, vectors = self.segments_with_vectors(study)
        reread(collection, self.reader, study, segments, vectors)
        return len(segments)

    def _catch_up(self, study: str, collection: Collection) -> None:
        """Re-fill the study's lexical rows when the store moved on without them.

        That happens when another process wrote through a shared Chroma server, or for a
        home made before the lexical index was persisted; never on our own writes.
        """
        revision = str((collection.metadata or {}).get("revision", ""))
        if self.lexical.revision(study) == revision:
            return
        segments: list[Segment] = []
        for records in pages(collection, ["documents", "metadatas"]):
            segments.extend(segments_of(records))
        self.lexical.replace_study(study, segments, revision)


def _conversation_order(segment: Segment) -> tuple[str, str, int, int]:
    return (segment.file_name, segment.source_id, segment.start, segment.end)
