"""The heavy parts of a Workspace, each opened the first time a use case needs it.

Listing studies, sources or stages reads the catalog alone; importing Chroma (over a
second), the ONNX embedder or the drafting stack for them would make every command slow.
So the evidence store, embedder, drafter, ingestor and draft service are built here on
first use, once per process, under one lock (the Slack app's worker threads share them).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from journeybot.core.settings import Settings
from journeybot.service.catalog import Catalog
from journeybot.service.writer import WriterLock

if TYPE_CHECKING:
    from journeybot.retrieval.embeddings import Embedder
    from journeybot.retrieval.store import EvidenceStore
    from journeybot.service.doctor import Doctor
    from journeybot.service.drafting import DraftService
    from journeybot.service.erasure import Eraser
    from journeybot.service.identity import Identity
    from journeybot.service.ingest import Ingestor
    from journeybot.service.readings import SegmentReader
    from journeybot.service.speakers import SpeakerService
    from journeybot.synthesis.base import Drafter


class WorkspaceParts:
    """Store, embedder, drafter and the services built on them; each made once, on demand."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        writer: WriterLock,
        *,
        store: EvidenceStore | None = None,
        embedder: Embedder | None = None,
        drafter: Drafter | None = None,
        llm: Any = None,
        identity: Callable[[str], Identity] | None = None,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.writer = writer
        self._store = store
        self._embedder = embedder
        self._drafter = drafter
        self._llm = llm
        self._identity = identity
        self._speaker_roles: SpeakerService | None = None
        self._ingestor: Ingestor | None = None
        self._drafts: DraftService | None = None
        self._lock = threading.RLock()

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = self._store.embedder if self._store else self._minilm()
            return self._embedder

    def _minilm(self) -> Embedder:
        from journeybot.retrieval.embeddings import MiniLMEmbedder

        return MiniLMEmbedder.for_settings(self.settings)

    @property
    def store(self) -> EvidenceStore:
        with self._lock:
            if self._store is None:
                from journeybot.retrieval.store import EvidenceStore

                self._store = EvidenceStore.open(self.settings, self.embedder)
            if self._store.reader is None:
                self._store.reader = self._segment_reader(self._store)
            return self._store

    def _segment_reader(self, store: EvidenceStore) -> SegmentReader:
        """Readings made at ingest (polarity, statement, stage) against the study's stages."""
        from journeybot.core.stages import default_stages
        from journeybot.service.readings import SegmentReader

        catalog = self.catalog
        return SegmentReader(
            store.embedder, lambda study: catalog.stages(study) or default_stages()
        )

    @property
    def drafter(self) -> Drafter:
        with self._lock:
            if self._drafter is None:
                from journeybot.service.engines import make_drafter

                self._drafter = make_drafter(self.settings, self._llm)
            return self._drafter

    @property
    def ingestor(self) -> Ingestor:
        with self._lock:
            if self._ingestor is None:
                from journeybot.service.ingest import Ingestor

                self._ingestor = Ingestor(self.settings, self.store, self.catalog, self.writer)
            return self._ingestor

    @property
    def drafts(self) -> DraftService:
        with self._lock:
            if self._drafts is None:
                from journeybot.service.drafting import DraftService

                self._drafts = DraftService(
                    self.store, self.catalog, self.drafter, self.embedder, self._identity
                )
            return self._drafts

    @property
    def speaker_roles(self) -> SpeakerService:
        with self._lock:
            if self._speaker_roles is None:
                from journeybot.service.speakers import SpeakerService

                self._speaker_roles = SpeakerService(self.settings, self.store, self.catalog)
            return self._speaker_roles

    @property
    def eraser(self) -> Eraser:
        from journeybot.service.erasure import Eraser

        return Eraser(self.store, self.catalog)

    @property
    def doctor(self) -> Doctor:
        from journeybot.service.doctor import Doctor

        return Doctor(self.settings.home, self.store, self.catalog)

    def open_all(self) -> None:
        """Open everything now, so a bad setting (store, model, LLM) fails at start-up."""
        _ = self.store, self.drafter
