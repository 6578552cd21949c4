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
* **Reads of an embedded store skip Chroma's Python client** (``chroma_core.py``): the
  same core answers, without the second ``import chromadb`` costs. Any write closes that
  reader and opens the full client, so one process never holds both.
* **Lexical side: SQLite FTS5 with bm25, persisted** (``lexical_file.py``) next to the
  catalog, written at ingest and changed by forget, so no process rebuilds it (the
  in-memory BM25 it replaced took 6 s per process at 100k segments). Every write bumps a
  ``revision`` in the collection's metadata; the index records the revision it reflects
  and catches up from Chroma when another process wrote through a shared server.
* **Search** (``search.py``): context channel, fusion, intent and the relevance floor.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from journeybot.core.models import Segment, Stage
from journeybot.core.settings import Settings
from journeybot.retrieval import deletion
from journeybot.retrieval.access import REBUILD_SUFFIX, ChromaAccess
from journeybot.retrieval.chroma import (
    READ_PAGE,
    Readable,
    as_vectors,
    changed_segments,
    pages,
    segment_metadata,
    segments_of,
)
from journeybot.retrieval.chroma_core import open_core
from journeybot.retrieval.context import (
    ContextVectors,
    context_vectors,
    write_contexts,
)
from journeybot.retrieval.embeddings import Embedder, MiniLMEmbedder
from journeybot.retrieval.guard import HomeGuard
from journeybot.retrieval.hits import SearchHit
from journeybot.retrieval.lexical_file import LexicalFile
from journeybot.retrieval.lexical_sync import catch_up
from journeybot.retrieval.question import query_vector
from journeybot.retrieval.readings import READINGS_KEY, KnowsStages, reread
from journeybot.retrieval.search import Query, StudyIndex, hybrid_search
from journeybot.retrieval.steps import SearchSteps
from journeybot.retrieval.translate import translated

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection


__all__ = ["REBUILD_SUFFIX", "WRITE_BATCH", "EvidenceStore", "translated"]

#: Segments embedded and written per step (one progress report each).
WRITE_BATCH = 256


class EvidenceStore(ChromaAccess):
    """Segments of every study, with their vectors; safe to share between threads."""

    @classmethod
    def open(cls, settings: Settings, embedder: Embedder | None = None) -> EvidenceStore:
        """The store of ``settings``: a Chroma server when one is set, else embedded."""
        embedder = embedder or MiniLMEmbedder.for_settings(settings)
        lexical = LexicalFile(settings.lexical_path)
        if settings.chroma_host:
            # A dead server should fail the command at once, not at its first search.
            return cls(
                _full_client(settings),
                embedder,
                lexical,
                connect=lambda: _full_client(settings),
                location=f"the Chroma server at {settings.chroma_host}:{settings.chroma_port}",
            )
        return cls(  # embedded: connects on the first call that needs Chroma
            None,
            embedder,
            lexical,
            connect=lambda: _full_client(settings),
            guard=HomeGuard(settings.chroma_path),
            location=f"the evidence store at {settings.chroma_path}",
            folder=settings.chroma_path,
            core=lambda: open_core(settings.chroma_path),
        )

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

    def delete_source(self, study: str, source_id: str) -> int:
        return deletion.delete_source(self, study, source_id)

    def delete_segments(self, study: str, ids: Sequence[str]) -> int:
        """Remove the given segments (an outdated segmentation of a source)."""
        return deletion.delete_segments(self, study, ids)

    def delete_study(self, study: str) -> None:
        deletion.delete_study(self, study)

    # --- reads ---------------------------------------------------------------------

    @translated
    def get(self, study: str, ids: Sequence[str]) -> list[Segment]:
        """The stored segments among ``ids``, in the order asked; unknown ids are skipped."""
        collection = self._read_collection(study)
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
        collection = self._read_collection(study)
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
        collection = self._read_collection(study)
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
            collection = self._read_collection(study)
            return collection.count() if collection is not None else 0
        return sum(collection.count() for collection in self._read_collections())

    @translated
    def studies(self) -> list[str]:
        """Every study with a collection here, sorted (a study emptied by deletes stays)."""
        names = {str((c.metadata or {}).get("study", "")) for c in self._read_collections()}
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
        indexes: list[StudyIndex] = []
        for study in dict.fromkeys(studies):
            collection = self._read_collection(study)
            if collection is None:
                continue
            self._check_embedder(study, collection)
            if steps.lexical or steps.floor:
                self._catch_up(study, collection)
            indexes.append(StudyIndex(study, collection, self._read_context(collection)))
        vector = query_vector(self.embedder, query, topic=steps.topic)
        stages = self._stages(indexes[0].study) if indexes and steps.intent else ()
        query_ = Query(query, vector, k, participants)
        return hybrid_search(indexes, query_, self.lexical, steps, stages)

    def _stages(self, study: str) -> Sequence[Stage]:
        """The study's stage list, when the reader knows it (for stage questions)."""
        return self.reader.stages_of(study) if isinstance(self.reader, KnowsStages) else ()

    # --- revisions, readings and the lexical cache ---------------------------------

    def _bump_revision(self, study: str, collection: Collection) -> None:
        """Tell readers elsewhere the study changed; our lexical rows are at the new revision."""
        revision = uuid.uuid4().hex
        try:
            collection.modify(metadata={**(collection.metadata or {}), "revision": revision})
            self.lexical.set_revision(study, revision)
        finally:
            self.guard.wrote()

    @translated
    def refresh_readings(self, study: str) -> int:
        """Read again every segment of a study read by older code; returns how many."""
        collection = self._read_collection(study)
        if self.reader is None or collection is None:
            return 0
        if (collection.metadata or {}).get(READINGS_KEY) == self.reader.version:
            return 0
        segments, vectors = self.segments_with_vectors(study)
        writable = self._collection(study)  # re-reading writes: the full client
        assert writable is not None
        reread(writable, self.reader, study, segments, vectors)
        return len(segments)

    def _catch_up(self, study: str, collection: Readable) -> None:
        catch_up(self.lexical, study, collection)


def _full_client(settings: Settings) -> ClientAPI:
    from journeybot.retrieval.chroma_client import open_client  # imports chromadb (~1 s)

    return open_client(settings)


def _conversation_order(segment: Segment) -> tuple[str, str, int, int]:
    return (segment.file_name, segment.source_id, segment.start, segment.end)
