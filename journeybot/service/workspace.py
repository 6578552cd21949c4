"""The use cases: what a researcher can do, whichever interface they use.

Interfaces (the CLI in ``service.cli`` and the Slack app in ``bot``) parse input, call
one method here, and render the result. Nothing here knows about Slack or terminals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from journeybot.core.errors import (
    JourneybotError,
    NoEvidenceError,
    ReviewFileError,
    SourceNotFoundError,
    StudyNotFoundError,
    UsageError,
)
from journeybot.core.models import (
    ActionItem,
    Answer,
    IngestReport,
    IngestResult,
    JourneyMap,
    PersonaSet,
    ReviewReport,
    Scope,
    Source,
    Stage,
    utc_now,
)
from journeybot.core.settings import Settings
from journeybot.core.stages import default_stages
from journeybot.core.text import clean_name
from journeybot.exporters import ExportBundle, read_review, render_json, render_markdown, write_docx
from journeybot.exporters.map_picture import write_map_picture
from journeybot.ingestion import diary_transcript
from journeybot.retrieval.embeddings import Embedder, MiniLMEmbedder
from journeybot.retrieval.store import EvidenceStore
from journeybot.service import review
from journeybot.service.catalog import Catalog
from journeybot.service.changes import MapChanges
from journeybot.service.doctor import Doctor, DoctorReport
from journeybot.service.drafting import DraftService
from journeybot.service.engines import make_drafter
from journeybot.service.erasure import Eraser, ParticipantErasure
from journeybot.service.ingest import Ingestor, Provenance, error_result, expand_paths
from journeybot.service.living_map import LivingMap
from journeybot.service.records import IncomingFile, IngestProgress, ProgressCallback, StudySummary
from journeybot.service.writer import WriterLock
from journeybot.synthesis.base import Drafter, RetrievedEvidence

EXPORT_FORMATS = ("docx", "md", "json", "png", "pdf")


class Workspace:
    """Composed once per process by ``Workspace.open`` (or ``bot.build_app``)."""

    def __init__(
        self,
        settings: Settings,
        *,
        store: EvidenceStore,
        catalog: Catalog,
        drafter: Drafter,
        embedder: Embedder,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.catalog = catalog
        self.drafter = drafter
        self.writer = WriterLock(
            settings.home, wait_seconds=settings.writer_wait_seconds, on_wait=on_wait
        )
        self.ingestor = Ingestor(settings, store, catalog, self.writer)
        self.eraser = Eraser(store, catalog)
        self.doctor = Doctor(settings.home, store, catalog)
        self.drafts = DraftService(store, catalog, drafter, embedder)

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        store: EvidenceStore | None = None,
        llm: Any = None,
        embedder: Embedder | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> Workspace:
        """``on_wait`` is told when a write waits for another process's write."""
        if embedder is None:
            embedder = (
                store.embedder
                if store is not None
                else MiniLMEmbedder(
                    settings.embedding_model_path, batch_size=settings.embedding_batch_size
                )
            )
        store = store or EvidenceStore.open(settings, embedder)
        catalog = Catalog(settings.catalog_path)
        return cls(
            settings,
            store=store,
            catalog=catalog,
            drafter=make_drafter(settings, llm),
            embedder=embedder,
            on_wait=on_wait,
        )

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
        return IngestReport(study=study, sources=results, home_warnings=notes)

    def ingest_paths(
        self,
        paths: Sequence[Path],
        study: str,
        *,
        redact: bool | None = None,
        interviewers: Sequence[str] = (),
        progress: ProgressCallback | None = None,
    ) -> IngestReport:
        study = _study_name(study)
        files = expand_paths(paths)
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
        return IngestReport(study=study, sources=results, home_warnings=notes)

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
        links = self.catalog.channel_links()
        summaries = []
        for study in self.catalog.study_ids():
            sources = self.catalog.sources(study)
            times = self.catalog.draft_times(study)
            participants = sorted({p for source in sources for p in source.participants})
            summaries.append(
                StudySummary(
                    study=study,
                    sources=len(sources),
                    participants=participants,
                    segments=sum(source.segments for source in sources),
                    channels=[c for c, s in links.items() if s == study],
                    last_personas_at=times.get("personas"),
                    last_map_at=times.get("map"),
                )
            )
        return summaries

    def sources(self, study: str) -> list[Source]:
        self._require_study(study)
        return self.catalog.sources(study)

    def forget(self, study: str, name_or_id: str) -> Source:
        """Erase a source everywhere, bytes included (see ``service.erasure``)."""
        with self.writer.hold():
            source = self._find_source(study, name_or_id)
            self.eraser.forget_source(source)
        return source

    def forget_participant(self, study: str, participant: str) -> ParticipantErasure:
        """Erase one person's words from a study (withdrawn consent)."""
        self._require_study(study)
        with self.writer.hold():
            return self.eraser.forget_participant(study, participant.strip())

    def check_home(self, *, repair: bool = False) -> DoctorReport:
        """Catalog against store; with ``repair``, fix what stored data allows."""
        with self.writer.hold():
            report = self.doctor.check()
            return self.doctor.repair(report) if repair else report

    def _quick_check(self, study: str) -> list[str]:
        with self.writer.hold():
            return self.doctor.quick_problems(study) if self.catalog.study_exists(study) else []

    def delete_study(self, study: str) -> list[Source]:
        """Erase a whole study: every segment, source, draft, verdict and channel link."""
        sources = self.sources(study)
        with self.writer.hold():
            self.eraser.forget_study(study)
        return sources

    def _find_source(self, study: str, name_or_id: str) -> Source:
        sources = self.sources(study)
        wanted = name_or_id.strip()
        matches = [s for s in sources if s.file_name == wanted]
        if not matches and len(wanted) >= 6:
            matches = [s for s in sources if s.id.startswith(wanted.lower())]
        if not matches:
            raise SourceNotFoundError(study, wanted)
        if len(matches) > 1:
            ids = ", ".join(s.id[:12] for s in matches)
            raise UsageError(
                f"Study '{study}' has {len(matches)} sources called '{wanted}'; "
                f"forget one by its id ({ids})."
            )
        return matches[0]

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
        sources = [source for study in studies for source in self.catalog.sources(study)]
        if not sources:
            names = ", ".join(f"'{s}'" for s in studies) or "none"
            raise NoEvidenceError(
                f"There is no evidence to search yet (studies: {names}); "
                "ingest some transcripts first."
            )
        committed = {(source.study, source.id) for source in sources}
        query = " ".join([*history[-2:], question])
        hits = self.store.search(list(studies), query, k=max(k, 1) * 2)
        hits = [h for h in hits if (h.segment.study, h.segment.source_id) in committed][:k]
        retrieved = RetrievedEvidence(
            question=question,
            segments=[hit.segment for hit in hits],
            scores=[hit.score for hit in hits],
            sources=sources,
        )
        return self.drafter.answer(retrieved)

    # --- stages and drafts -------------------------------------------------------

    def stages(self, study: str) -> list[Stage]:
        return self.catalog.stages(study) or default_stages()

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
    ) -> JourneyMap:
        self._require_study(study)
        if stages:
            self.set_stages(study, stages)
        return self.drafts.journey_map(study, self.stages(study), persona)

    def scope(self, study: str) -> Scope:
        self._require_study(study)
        return self.drafts.extras.scopes.get(study)

    def set_scope(
        self,
        study: str,
        *,
        scenario: str | None = None,
        goal: str | None = None,
        actor: str | None = None,
    ) -> Scope:
        """Set the map's scope; a value that is empty or too long changes nothing."""
        self._require_study(study)
        return self.drafts.extras.scopes.update(study, scenario=scenario, goal=goal, actor=actor)

    def touchpoint_names(self, study: str) -> dict[str, list[str]]:
        self._require_study(study)
        return self.drafts.extras.touchpoint_names(study)

    def add_touchpoint_names(self, study: str, names: dict[str, list[str]]) -> None:
        self._require_study(study)
        self.drafts.extras.add_touchpoint_names(study, names)

    def map_changes(self, study: str, since: str) -> MapChanges:
        """What changed in the map since a stored draft (id) or date."""
        self._require_study(study)
        return self._living_map().since(study, since)

    def refresh_map(self, study: str) -> MapChanges | None:
        """Re-draft after new evidence; None when the study had no map draft before."""
        self._require_study(study)
        return self._living_map().refresh(study)

    def latest_map(self, study: str) -> JourneyMap | None:
        """The last map drafted for the study, if any (held before a forget, to compare)."""
        return self._living_map().latest(study) if self.catalog.study_exists(study) else None

    def map_changes_from(self, study: str, before: JourneyMap) -> MapChanges:
        self._require_study(study)
        return self._living_map().changes_from(study, before)

    def _living_map(self) -> LivingMap:
        return LivingMap(
            self.catalog,
            self.drafts,
            lambda study, persona: self.journey_map(study, persona=persona),
        )

    def actions(self, study: str, *, persona: str | None = None) -> list[ActionItem]:
        """The action plan: opportunities by impact, with the team's cells."""
        return self.journey_map(study, persona=persona).action_plan

    def export(
        self,
        study: str,
        out: Path,
        *,
        persona: str | None = None,
        stages: Sequence[Stage] | None = None,
        fmt: str = "docx",
    ) -> Path:
        if fmt not in EXPORT_FORMATS:
            raise UsageError(
                f"Unknown export format '{fmt}'; use one of {', '.join(EXPORT_FORMATS)}."
            )
        journey = self.journey_map(study, persona=persona, stages=stages)
        personas = self.personas(study).personas
        if persona:
            personas = [p for p in personas if p.id == journey.persona]
        bundle = ExportBundle(
            study=study,
            draft_id=journey.draft_id,
            journey=journey,
            personas=personas,
            stages=self.stages(study),
            generated_at=utc_now(),
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "docx":
            return write_docx(bundle, out)
        if fmt in ("png", "pdf"):
            return write_map_picture(journey, out, fmt)
        text = render_markdown(bundle) if fmt == "md" else render_json(bundle)
        out.write_text(text, encoding="utf-8")
        return out

    def validate(self, path: Path, study: str) -> ReviewReport:
        """Apply a reviewed Word file's verdicts; a file that does not fit changes nothing."""
        self._require_study(study)
        reviewed = read_review(path)
        if reviewed.study != study:
            raise ReviewFileError(
                f"{path.name} is a review of study '{reviewed.study}', not '{study}'; "
                "nothing was changed."
            )
        report, applicable = review.tally(
            study, reviewed.reviews, self.drafts.known_claim_ids(study)
        )
        if reviewed.reviews and not applicable and len(report.unknown) == len(reviewed.reviews):
            raise ReviewFileError(
                f"None of the {len(reviewed.reviews)} claim ids in {path.name} belong to a "
                f"draft of study '{study}'; nothing was changed."
            )
        self.catalog.save_reviews(study, applicable)
        known = self.drafts.known_claim_ids(study)
        cells = {key: value for key, value in reviewed.action_cells.items() if key in known}
        self.drafts.extras.save_action_cells(study, cells)
        return report.model_copy(
            update={"actions_applied": len(cells), "action_problems": reviewed.action_problems}
        )

    # --- Slack-facing state (kept here so the bot stays stateless) ----------------

    def study_for_channel(self, channel: str, *, default_name: str | None = None) -> str:
        """The study a channel feeds; linked on first use to ``default_name`` or the id."""
        linked = self.catalog.channel_study(channel)
        if linked is not None:
            return linked
        study = _study_name(default_name or channel)
        self.catalog.link_channel(channel, study)
        return study

    def link_channel(self, channel: str, study: str) -> None:
        self.catalog.link_channel(channel, _study_name(study))

    def channel_links(self) -> dict[str, str]:
        """channel id -> study, for access checks in DMs."""
        return self.catalog.channel_links()

    def set_diary(self, channel: str, on: bool) -> None:
        self.study_for_channel(channel)
        self.catalog.set_diary(channel, on)

    def is_diary(self, channel: str) -> bool:
        return self.catalog.is_diary(channel)

    def claim_once(self, key: str) -> bool:
        """True the first time ``key`` (an event or file id) is seen, False after."""
        return self.catalog.claim_once(key)

    def _require_study(self, study: str) -> None:
        if not self.catalog.study_exists(study):
            raise StudyNotFoundError(study)


def _study_name(study: str) -> str:
    name = " ".join(study.split())
    if not name:
        raise UsageError("Name the study, for example --study onboarding-2026.")
    if len(name) > 80:
        raise UsageError(f"Study names are at most 80 characters ('{name[:30]}...' is longer).")
    return name
