"""The use cases: what a researcher can do, whichever interface they use.

Interfaces (the CLI in ``service.cli`` and the Slack app in ``bot``) parse input, call
one method here, and render the result. Nothing here knows about Slack or terminals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeybot.core.errors import (
    JourneybotError,
    NoEvidenceError,
    StudyNotFoundError,
    UsageError,
)
from journeybot.core.models import (
    Answer,
    IngestReport,
    IngestResult,
    JourneyMap,
    PersonaSet,
    Source,
    Stage,
)
from journeybot.core.settings import Settings
from journeybot.core.text import clean_name
from journeybot.retrieval.steps import SearchSteps
from journeybot.service import study_names
from journeybot.service.catalog import Catalog
from journeybot.service.channel_cases import ChannelUseCases
from journeybot.service.export_cases import ExportUseCases
from journeybot.service.identity_cases import IdentityUseCases
from journeybot.service.listing import Listings
from journeybot.service.map_cases import MapUseCases
from journeybot.service.participants import ParticipantService, identified
from journeybot.service.parts import WorkspaceParts
from journeybot.service.records import IncomingFile, IngestProgress, ProgressCallback, StudySummary
from journeybot.service.removal_cases import RemovalUseCases
from journeybot.service.writer import WriterLock

if TYPE_CHECKING:
    from journeybot.retrieval.embeddings import Embedder
    from journeybot.retrieval.store import EvidenceStore
    from journeybot.service.doctor import Doctor
    from journeybot.service.drafting import DraftService
    from journeybot.service.erasure import Eraser
    from journeybot.service.ingest import Ingestor
    from journeybot.service.speakers import SpeakerService
    from journeybot.synthesis.base import Drafter

#: Used to name the closest topics when nothing clears the relevance floor.
_UNFLOORED = SearchSteps(floor=False)


class Workspace(IdentityUseCases, MapUseCases, ChannelUseCases, ExportUseCases, RemovalUseCases):
    """Composed once per process by ``Workspace.open`` (or ``bot.build_app``).

    The catalog opens at once; the evidence store, embedder and drafter (seconds of
    imports) open when a use case first needs them, see ``service.parts``.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        catalog: Catalog,
        store: EvidenceStore | None = None,
        drafter: Drafter | None = None,
        embedder: Embedder | None = None,
        llm: Any = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.writer = WriterLock(
            settings.home, wait_seconds=settings.writer_wait_seconds, on_wait=on_wait
        )
        self.participants = ParticipantService(catalog)
        self.listings = Listings(catalog)  # the catalog-only reads the CLI lists with
        self._parts = WorkspaceParts(
            settings,
            catalog,
            self.writer,
            store=store,
            embedder=embedder,
            drafter=drafter,
            llm=llm,
            identity=self.participants.identity,
        )

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        store: EvidenceStore | None = None,
        llm: Any = None,
        embedder: Embedder | None = None,
        lazy: bool = False,
        on_wait: Callable[[str], None] | None = None,
    ) -> Workspace:
        """``lazy=True`` (the CLI) defers the store and drafter to first use; a long-running
        server opens them now so a bad setting fails at start-up. ``on_wait`` is told when
        a write waits for another process's write."""
        workspace = cls(
            settings,
            catalog=Catalog(settings.catalog_path),
            store=store,
            embedder=embedder,
            llm=llm,
            on_wait=on_wait,
        )
        if not lazy:
            workspace._parts.open_all()
        return workspace

    @property
    def store(self) -> EvidenceStore:
        return self._parts.store

    @property
    def drafter(self) -> Drafter:
        return self._parts.drafter

    @property
    def ingestor(self) -> Ingestor:
        return self._parts.ingestor

    @property
    def drafts(self) -> DraftService:
        return self._parts.drafts

    @property
    def speaker_roles(self) -> SpeakerService:
        return self._parts.speaker_roles

    @property
    def eraser(self) -> Eraser:
        return self._parts.eraser

    @property
    def doctor(self) -> Doctor:
        return self._parts.doctor

    # --- ingest ------------------------------------------------------------------

    def ingest_files(
        self,
        files: Sequence[IncomingFile],
        study: str,
        *,
        redact: bool | None = None,
        interviewers: Sequence[str] = (),
        uploaded_by: str | None = None,
        channel: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """Ingest each file on its own: one bad file never stops the others."""
        from journeybot.service.ingest import Provenance

        study = _study_name(study)
        notes = self._quick_check(study)
        results: list[IngestResult] = []
        for file in files:
            if progress:
                progress(IngestProgress(len(results), len(files), current=file.name))
            result = self.ingestor.ingest_bytes(
                file.data,
                file.name,
                study,
                redact=self.settings.redact if redact is None else redact,
                interviewers=interviewers,
                provenance=Provenance(uploaded_by, channel, file.permalink),
            )
            results.append(result)
            if progress:
                progress(IngestProgress(len(results), len(files), result))
        return IngestReport(
            study=study,
            sources=results,
            home_warnings=notes,
            proposals=self._proposals(study, results),
        )

    def ingest_paths(
        self,
        paths: Sequence[Path],
        study: str,
        *,
        redact: bool | None = None,
        interviewers: Sequence[str] = (),
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        from journeybot.service.folders import expand_paths
        from journeybot.service.ingest import error_result

        study = _study_name(study)
        files, skipped = expand_paths(paths)
        notes = self._quick_check(study)
        results: list[IngestResult] = []
        for path in files:
            if progress:
                progress(IngestProgress(len(results), len(files), current=path.name))
            try:
                data = self.ingestor.read_path(path)
            except JourneybotError as err:
                result = error_result(clean_name(path.name), err)
            else:
                result = self.ingestor.ingest_bytes(
                    data,
                    path.name,
                    study,
                    redact=self.settings.redact if redact is None else redact,
                    interviewers=interviewers,
                )
            results.append(result)
            if progress:
                progress(IngestProgress(len(results), len(files), result))
        return IngestReport(
            study=study,
            sources=results,
            skipped=skipped,
            home_warnings=notes,
            proposals=self._proposals(study, results),
        )

    def add_diary_entry(
        self,
        study: str,
        participant: str,
        text: str,
        *,
        date: str,
        posted_by: str | None = None,
        permalink: str | None = None,
        entry_id: str | None = None,
    ) -> IngestResult:
        """One diary post (e.g. a Slack message in a diary channel) as its own small source."""
        from journeybot.ingestion import diary_transcript
        from journeybot.service.ingest import Provenance, error_result

        suffix = f"-{entry_id}" if entry_id else ""
        name = f"diary-{participant}-{date}{suffix}.txt"
        try:
            transcript = diary_transcript(participant, text, date=date, file_name=name)
            return self.ingestor.ingest_transcript(
                transcript,
                _study_name(study),
                redact=self.settings.redact,
                provenance=Provenance(posted_by, None, permalink),
            )
        except JourneybotError as err:
            return error_result(name, err)

    # --- sources and studies -----------------------------------------------------

    def studies(self) -> list[StudySummary]:
        return self.listings.studies()

    def sources(self, study: str) -> list[Source]:
        return self.listings.sources(study)

    # --- evidence ----------------------------------------------------------------

    def ask(
        self,
        question: str,
        studies: Sequence[str],
        *,
        k: int = 8,
        history: Sequence[str] = (),
    ) -> Answer:
        question = question.strip()
        if not question:
            raise UsageError("Ask a question, for example: what do people say about paying?")
        if studies and not any(self.catalog.study_exists(study) for study in studies):
            raise StudyNotFoundError(studies[0], self.catalog.study_ids())
        sources = [source for study in studies for source in self.catalog.sources(study)]
        if not sources:
            names = ", ".join(f"'{s}'" for s in studies) or "none"
            raise NoEvidenceError(
                f"There is no evidence to search yet (studies: {names}); "
                "ingest some transcripts first."
            )
        from journeybot.synthesis.base import RetrievedEvidence

        for study in studies:
            self.store.refresh_readings(study)  # readings of older scoring code
        committed = {(source.study, source.id, source.generation) for source in sources}
        query = " ".join([*history[-2:], question])
        # Twice k: some hits give no quotable passage, and the answer still wants k quotes.
        hits = self.store.search(list(studies), query, k=max(k, 1) * 2)
        hits = [
            h
            for h in hits
            if (h.segment.study, h.segment.source_id, h.segment.generation) in committed
        ]
        nearby = [] if hits else self.store.search(list(studies), query, k=8, steps=_UNFLOORED)
        retrieved = identified(
            RetrievedEvidence(
                question=question,
                segments=[hit.segment for hit in hits],
                scores=[hit.score for hit in hits],
                sources=sources,
                k=max(k, 1),
                nearby=[
                    h.segment
                    for h in nearby
                    if (h.segment.study, h.segment.source_id, h.segment.generation) in committed
                ],
            ),
            self.participants,
        )
        return self.drafter.answer(retrieved)

    # --- stages and drafts -------------------------------------------------------

    def stages(self, study: str) -> list[Stage]:
        return self.listings.stages(study)

    def suggest_stages(self, study: str) -> list[Stage]:
        """Stages proposed from the order and topics of the interviewer's questions."""
        self._require_study(study)
        from journeybot.synthesis.stage_fit import suggest_stages

        evidence = self.drafts.evidence(study)
        suggested = suggest_stages(evidence.segments, evidence.embedder, evidence.vectors)
        if not suggested:
            raise NoEvidenceError(
                f"Study '{study}' has too few interviewer questions or diary prompts to "
                "propose stages from; set them from a file with `journeybot stages --set`."
            )
        return suggested

    def set_stages(self, study: str, stages: Sequence[Stage]) -> None:
        if not stages:
            raise UsageError("A study needs at least one stage.")
        self.catalog.set_stages(_study_name(study), list(stages))

    def personas(self, study: str) -> PersonaSet:
        self._require_study(study)
        return self.drafts.personas(study)

    def journey_map(
        self,
        study: str,
        *,
        persona: str | None = None,
        stages: Sequence[Stage] | None = None,
        save_stages: bool = False,
    ) -> JourneyMap:
        """Draft with the study's stages, or with ``stages`` for this draft only (kept as
        the study's stages when ``save_stages``)."""
        self._require_study(study)
        if stages is not None and save_stages:
            self.set_stages(study, stages)
        if stages is not None and not stages:
            raise UsageError("A study needs at least one stage.")
        return self.drafts.journey_map(study, list(stages or self.stages(study)), persona)

    def _find_source(self, study: str, name_or_id: str) -> Source:
        return self.listings.find_source(study, name_or_id)

    def _require_study(self, study: str) -> None:
        self.listings.require_study(study)


def _study_name(study: str) -> str:
    return study_names.clean_name(study)
