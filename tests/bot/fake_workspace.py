"""An in-memory stand-in for ``service.Workspace`` with the same method signatures.

It keeps the behaviour the bot depends on (per-study evidence, verbatim quotes taken from
stored participant turns, channel links, once-only claims) and records what it was asked,
so listener tests can check exactly which studies a question searched.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx

from journeybot.core.errors import (
    NoEvidenceError,
    NotADraftError,
    SourceNotFoundError,
    StudyNotFoundError,
    UsageError,
)
from journeybot.core.models import (
    Answer,
    Citation,
    Claim,
    Coverage,
    IngestReport,
    IngestResult,
    IngestStatus,
    JourneyMap,
    Persona,
    PersonaSet,
    ReviewReport,
    Source,
    Stage,
    StageInsight,
)
from journeybot.core.stages import default_stages
from journeybot.exporters.map_picture import write_map_picture
from journeybot.service.records import (
    IncomingFile,
    IngestProgress,
    ProgressCallback,
    StudySummary,
)

INTERVIEWERS = {"dan", "interviewer", "moderator"}
DRAFT_MARKER = "journeybot-draft:"
_TURN = re.compile(r"^\s*([A-Za-z][\w .'-]{0,30}):\s*(.+)$")
_WORD = re.compile(r"[a-z']+")


@dataclass
class _Segment:
    id: str
    study: str
    source: Source
    participant: str
    text: str
    location: str


@dataclass
class _Study:
    sources: list[Source] = field(default_factory=list)
    segments: list[_Segment] = field(default_factory=list)
    stages: list[Stage] | None = None


class FakeWorkspace:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._studies: dict[str, _Study] = {}
        self._links: dict[str, str] = {}
        self._titles: dict[str, str] = {}
        self._notes: dict[str, str] = {}
        self._diary: set[str] = set()
        self._claimed: set[str] = set()
        self.asked: list[tuple[str, list[str], list[str]]] = []
        self.ingested: list[str] = []
        self.validated: list[str] = []
        self.fail_next_ask: Exception | None = None
        self.next_answer: Answer | None = None
        self.suggested: list[Stage] = []
        self.claims: list[tuple[str, bool]] = []
        self._claimed_changed = threading.Condition(self._lock)

    # --- ingest --------------------------------------------------------------------

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
        results = []
        for file in files:
            results.append(self._ingest_one(file, study, uploaded_by, channel))
            if progress:
                progress(IngestProgress(len(results), len(files), results[-1]))
        return IngestReport(study=study, sources=results)

    def _ingest_one(
        self, file: IncomingFile, study: str, user: str | None, channel: str | None
    ) -> IngestResult:
        with self._lock:
            self.ingested.append(file.name)
            said = _participant_turns(file)
            if isinstance(said, IngestResult):
                return said
            data = self._studies.setdefault(study, _Study())
            digest = hashlib.sha256(file.data).hexdigest()
            for source in data.sources:
                if source.id == digest:
                    return IngestResult(
                        file=file.name,
                        status=IngestStatus.DUPLICATE,
                        participants=source.participants,
                        duplicate_of=source.file_name,
                    )
            source = self._add_source(data, file, study, digest, said, user, channel)
            return IngestResult(
                file=file.name,
                status=IngestStatus.INGESTED,
                participants=source.participants,
                segments=len(said),
                source_id=digest,
            )

    @staticmethod
    def _add_source(
        data: _Study,
        file: IncomingFile,
        study: str,
        digest: str,
        said: list[tuple[str, str]],
        user: str | None,
        channel: str | None,
    ) -> Source:
        source = Source(
            id=digest,
            study=study,
            file_name=file.name,
            format="txt",
            uploaded_by=user,
            participants=list(dict.fromkeys(who for who, _ in said)),
            segments=len(said),
            permalink=file.permalink,
            channel=channel,
        )
        data.sources.append(source)
        for line, (who, words) in enumerate(said, start=1):
            data.segments.append(
                _Segment(f"{digest[:8]}:{line}", study, source, who, words, f"line {line}")
            )
        return source

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
        name = f"diary-{participant}-{date}-{entry_id}.txt"
        entry = IncomingFile(name, f"{participant}: {text}".encode(), permalink)
        return self._ingest_one(entry, study, posted_by, None)

    # --- studies and sources ---------------------------------------------------------

    def studies(self) -> list[StudySummary]:
        with self._lock:
            return [
                StudySummary(
                    study=name,
                    sources=len(data.sources),
                    participants=sorted({p for s in data.sources for p in s.participants}),
                    segments=len(data.segments),
                    channels=[c for c, s in self._links.items() if s == name],
                    last_personas_at=None,
                    last_map_at=None,
                )
                for name, data in sorted(self._studies.items())
            ]

    def sources(self, study: str) -> list[Source]:
        return list(self._study(study).sources)

    def forget(self, study: str, name_or_id: str) -> Source:
        with self._lock:
            data = self._study(study)
            for source in data.sources:
                if name_or_id in (source.file_name, source.id):
                    data.sources.remove(source)
                    data.segments = [s for s in data.segments if s.source.id != source.id]
                    return source
            raise SourceNotFoundError(study, name_or_id)

    # --- evidence --------------------------------------------------------------------

    def ask(
        self, question: str, studies: Sequence[str], *, k: int = 8, history: Sequence[str] = ()
    ) -> Answer:
        with self._lock:
            self.asked.append((question, list(studies), list(history)))
            if self.fail_next_ask is not None:
                error, self.fail_next_ask = self.fail_next_ask, None
                raise error
            if self.next_answer is not None:
                return self.next_answer
            segments = [
                seg for name in studies for seg in self._studies.get(name, _Study()).segments
            ]
        if not segments:
            raise NoEvidenceError("There is no evidence to search yet; ingest transcripts first.")
        wanted = set(_WORD.findall(question.lower()))
        ranked = sorted(segments, key=lambda s: -len(wanted & set(_WORD.findall(s.text.lower()))))
        hits = [s for s in ranked[:k] if wanted & set(_WORD.findall(s.text.lower()))]
        citations = [_citation(s) for s in hits]
        people = {c.participant for c in citations}
        return Answer(
            question=question,
            answer=f"{len(people)} participant(s) speak to this; their words follow.",
            citations=citations,
            participants=len(people),
            sources=len({c.source for c in citations}),
        )

    # --- stages and drafts -------------------------------------------------------------

    def stages(self, study: str) -> list[Stage]:
        return self._studies.get(study, _Study()).stages or default_stages()

    def suggest_stages(self, study: str) -> list[Stage]:
        """What a test put in ``suggested`` (the proposal itself is tested with
        ``synthesis/stage_fit``); none, as for a study without questions, is an error."""
        self._study(study)
        if not self.suggested:
            raise NoEvidenceError(f"Study '{study}' has too few interviewer questions.")
        return list(self.suggested)

    def set_stages(self, study: str, stages: Sequence[Stage]) -> None:
        if not stages:
            raise UsageError("A study needs at least one stage.")
        with self._lock:
            self._studies.setdefault(study, _Study()).stages = list(stages)

    def personas(self, study: str) -> PersonaSet:
        data = self._study(study)
        people = sorted({s.participant for s in data.segments})
        persona = Persona(
            id="persona-1",
            name="Everyone",
            summary="All participants together.",
            participants=people,
            pain_points=[_claim("They describe problems.", data.segments[:3])],
            quotes=[_citation(s) for s in data.segments[:2]],
        )
        return PersonaSet(study=study, personas=[persona], coverage=_coverage(study, data))

    def journey_map(
        self, study: str, *, persona: str | None = None, stages: Sequence[Stage] | None = None
    ) -> JourneyMap:
        data = self._study(study)
        insights = [
            StageInsight(
                id=stage.id,
                name=stage.name,
                emotion=-0.25,
                emotion_participants=1,
                segments=1,
                has_evidence=index < len(data.segments),
                pain_points=[_claim(f"Pain at {stage.name}.", data.segments[index : index + 1])]
                if index < len(data.segments)
                else [],
            )
            for index, stage in enumerate(stages or self.stages(study))
        ]
        return JourneyMap(
            study=study, persona=persona, coverage=_coverage(study, data), stages=insights
        )

    def export(
        self,
        study: str,
        out: Path,
        *,
        persona: str | None = None,
        stages: Sequence[Stage] | None = None,
        fmt: str = "docx",
    ) -> Path:
        journey = self.journey_map(study, persona=persona, stages=stages)
        if fmt in ("png", "pdf"):
            return write_map_picture(journey, out, fmt)
        document = docx.Document()
        document.add_heading(f"Journey map: {study}", level=1)
        document.add_paragraph(f"{DRAFT_MARKER}{study}")
        for claim in journey.claims():
            document.add_paragraph(claim.text)
            for citation in claim.citations:
                document.add_paragraph(citation.quote, style="Quote")
        document.save(str(out))
        return out

    def validate(self, path: Path, study: str) -> ReviewReport:
        self._study(study)
        paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
        marker = next((p for p in paragraphs if p.startswith(DRAFT_MARKER)), None)
        if marker is None:
            raise NotADraftError(f"{path.name} is not a Journeybot draft.")
        self.validated.append(path.name)
        return ReviewReport(study=study, confirmed=sum("CONFIRMED" in p for p in paragraphs))

    # --- Slack-facing state ------------------------------------------------------------

    def study_for_channel(self, channel: str, *, default_name: str | None = None) -> str:
        with self._lock:
            if channel not in self._links and default_name:
                self._titles.setdefault(channel, default_name)
            study = self._links.setdefault(channel, channel)
            self._studies.setdefault(study, _Study())
            return study

    def link_channel(self, channel: str, study: str) -> None:
        with self._lock:
            self._links[channel] = study
            self._studies.setdefault(study, _Study())

    def study_names(self) -> dict[str, str]:
        with self._lock:
            return {study: self._titles.get(study, study) for study in self._studies}

    def find_study(self, name: str) -> str | None:
        names = self.study_names()
        matches = [s for s, shown in names.items() if name in (s, shown)]
        return matches[0] if matches else None

    def rename_study(self, study: str, name: str) -> str:
        with self._lock:
            self._study(study)
            self._titles[study] = name
            return name

    def channel_links(self) -> dict[str, str]:
        with self._lock:
            return dict(self._links)

    def set_diary(self, channel: str, on: bool) -> None:
        self.study_for_channel(channel)
        with self._lock:
            (self._diary.add if on else self._diary.discard)(channel)

    def is_diary(self, channel: str) -> bool:
        return channel in self._diary

    def latest_map(self, study: str) -> None:
        """This fake keeps no drafts."""
        return None

    def refresh_map(self, study: str) -> None:
        """This fake keeps no drafts, so new evidence never has a map to re-draft."""
        return None

    def remember(self, key: str, value: str) -> None:
        with self._lock:
            self._notes[key] = value

    def recall(self, key: str) -> str | None:
        return self._notes.get(key)

    def prune_notes(self, older_than_days: float, keep_jobs: set[str]) -> int:
        return 0  # notes in memory carry no time; the catalog's pruning is tested itself

    def claim_once(self, key: str, owner: str | None = None) -> bool:
        with self._lock:
            first = key not in self._claimed
            self._claimed.add(key)
            self.claims.append((key, first))
            self._claimed_changed.notify_all()
            return first

    def wait_claims(self, key: str, count: int, timeout: float = 10.0) -> list[bool]:
        """Block until ``key`` was claimed ``count`` times; the results, in order."""
        with self._claimed_changed:
            done = self._claimed_changed.wait_for(
                lambda: sum(k == key for k, _ in self.claims) >= count, timeout
            )
            assert done, f"{key} was not claimed {count} times"
            return [first for k, first in self.claims if k == key]

    def _study(self, study: str) -> _Study:
        if study not in self._studies:
            raise StudyNotFoundError(study)
        return self._studies[study]


def _participant_turns(file: IncomingFile) -> list[tuple[str, str]] | IngestResult:
    """(speaker, words) for each participant turn, or the error result for the file."""
    try:
        text = file.data.decode("utf-8")
    except UnicodeDecodeError:
        return _error(file.name, "the file is not text this reader understands")
    turns = [m.groups() for m in map(_TURN.match, text.splitlines()) if m]
    said = [(who.strip(), words) for who, words in turns if who.lower() not in INTERVIEWERS]
    return said or _error(file.name, "no participant turns were found")


def _error(name: str, reason: str) -> IngestResult:
    return IngestResult(file=name, status=IngestStatus.ERROR, error=f"{name}: {reason}")


def _citation(segment: _Segment) -> Citation:
    return Citation(
        quote=segment.text,
        participant=segment.participant,
        source=segment.source.file_name,
        location=segment.location,
        segment_id=segment.id,
        source_id=segment.source.id,
        permalink=segment.source.permalink,
    )


def _claim(text: str, segments: Sequence[_Segment]) -> Claim:
    citations = [_citation(s) for s in segments]
    return Claim(
        text=text, citations=citations, participants=len({c.participant for c in citations})
    )


def _coverage(study: str, data: _Study) -> Coverage:
    return Coverage(
        study=study,
        sources=[s.file_name for s in data.sources],
        participants=sorted({s.participant for s in data.segments}),
        segments_read=len(data.segments),
    )
