"""Ingesting files: each file on its own, so one bad file never costs the others.

Order of writes (DESIGN.md "State"): segments go to the store first, the catalog row is
committed last. A crash in between leaves orphan segments that no search returns (search
results are filtered by the catalog) and that the next ingest of the same file overwrites
with identical ids; a failure in between removes them at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from journeybot.core.errors import (
    FileTooLargeError,
    InputFileError,
    JourneybotError,
    NoParticipantTextError,
    SegmentLimitError,
)
from journeybot.core.models import (
    IngestResult,
    IngestStatus,
    Segment,
    Source,
    SpeakerRole,
    Transcript,
    Utterance,
    roles_summary,
)
from journeybot.core.settings import Settings
from journeybot.core.text import clean_name
from journeybot.ingestion import (
    read_transcript,
    redact_transcript,
    segment_transcript,
)
from journeybot.retrieval.store import EvidenceStore
from journeybot.service.catalog import Catalog
from journeybot.service.writer import WriterLock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Provenance:
    """Who shared a file and where; stored on the source for citations and audits."""

    uploaded_by: str | None = None
    channel: str | None = None
    permalink: str | None = None


class Ingestor:
    def __init__(
        self, settings: Settings, store: EvidenceStore, catalog: Catalog, writer: WriterLock
    ) -> None:
        self.settings = settings
        self.store = store
        self.catalog = catalog
        self.writer = writer
        self._locks = _KeyedLocks()

    def ingest_bytes(
        self,
        data: bytes,
        file_name: str,
        study: str,
        *,
        redact: bool,
        interviewers: Sequence[str] = (),
        provenance: Provenance = Provenance(),
    ) -> IngestResult:
        file_name = clean_name(file_name)
        try:
            transcript = read_transcript(
                data,
                file_name,
                interviewers=interviewers,
                max_bytes=self.settings.max_file_bytes,
                max_docx_uncompressed=self.settings.max_docx_uncompressed_bytes,
            )
            return self.ingest_transcript(transcript, study, redact=redact, provenance=provenance)
        except JourneybotError as err:
            return error_result(file_name, err)

    def ingest_transcript(
        self,
        transcript: Transcript,
        study: str,
        *,
        redact: bool,
        provenance: Provenance = Provenance(),
    ) -> IngestResult:
        with self._locks.hold((study, transcript.content_hash)), self.writer.hold():
            return self._ingest_new(transcript, study, redact=redact, provenance=provenance)

    def _ingest_new(
        self, transcript: Transcript, study: str, *, redact: bool, provenance: Provenance
    ) -> IngestResult:
        """Under the per-content lock: a concurrent copy of the same file waits, then
        finds the first one committed and is reported as its duplicate."""
        source_id = transcript.content_hash
        earlier = self.catalog.source(study, source_id)
        if earlier is not None:
            return _duplicate(transcript, earlier)
        stored = (
            redact_transcript(transcript, self._known_names(transcript, study))
            if redact
            else transcript
        )
        segments = segment_transcript(
            stored, study=study, source_id=source_id, max_chars=self.settings.segment_max_chars
        )
        if not segments:
            raise NoParticipantTextError(
                transcript.file_name,
                "no participant turns were found (only interviewer or observer text); "
                "check the speaker labels or name the interviewer with --interviewer",
            )
        self._check_limits(transcript, study, len(segments))
        warnings = [*transcript.warnings, *one_speaker_warning(transcript, self.settings)]
        source = Source(
            id=source_id,
            study=study,
            file_name=transcript.file_name,
            kind=transcript.kind,
            format=transcript.format,
            uploaded_by=provenance.uploaded_by,
            participants=stored.participants,
            segments=len(segments),
            permalink=provenance.permalink,
            channel=provenance.channel,
            redacted=redact,
            warnings=warnings,
            speakers=stored_speakers(transcript, stored),
            turns=text_free_turns(stored),
        )
        self._store_then_commit(source, stored.text, segments)
        return IngestResult(
            file=transcript.file_name,
            status=IngestStatus.INGESTED,
            participants=source.participants,
            segments=len(segments),
            source_id=source_id,
            warnings=source.warnings,
            speakers=source.speakers,
            roles=roles_summary(source.speakers),
        )

    def _known_names(self, transcript: Transcript, study: str) -> list[str]:
        """Full names the study knows (speakers, roster): their surnames are redacted."""
        names = [s.speaker for s in transcript.speakers]
        names += [label for s in transcript.speakers for label in s.labels]
        for entry in self.catalog.roster(study):
            names += [entry.name, *entry.aliases]
        return names

    def _check_limits(self, transcript: Transcript, study: str, count: int) -> None:
        """Refuse before embedding anything: a runaway file costs minutes and memory."""
        per_source = self.settings.max_segments_per_source
        if count > per_source:
            raise SegmentLimitError(
                transcript.file_name,
                f"it would make {count:,} segments, over the limit of {per_source:,} per file "
                f"(JOURNEYBOT_MAX_SEGMENTS_PER_SOURCE){_one_speaker_hint(transcript)}",
            )
        held = sum(source.segments for source in self.catalog.sources(study))
        per_study = self.settings.max_segments_per_study
        if held + count > per_study:
            raise SegmentLimitError(
                transcript.file_name,
                f"study '{study}' holds {held:,} segments and this file would add {count:,}, "
                f"over the limit of {per_study:,} per study (JOURNEYBOT_MAX_SEGMENTS_PER_STUDY)",
            )

    def _store_then_commit(self, source: Source, text: str, segments: list[Segment]) -> None:
        try:
            self.store.add(segments)
        except BaseException:
            self._remove_segments(source)
            raise
        if not self.catalog.add_source(source, text):
            # Another process committed the same content first; its segments are identical.
            log.info("source %s of %s was committed concurrently", source.id, source.study)

    def _remove_segments(self, source: Source) -> None:
        try:
            self.store.delete_source(source.study, source.id)
        except Exception:  # the original failure matters more; keep it
            log.exception("could not remove segments of failed source %s", source.file_name)

    def read_path(self, path: Path) -> bytes:
        """Read a file after checking it exists and is under the size cap."""
        name = clean_name(path.name)
        if not path.exists():
            raise InputFileError(name, f"there is no such file in {path.parent.resolve()}")
        if path.is_dir():
            raise InputFileError(name, "is a folder, not a file")
        size = path.stat().st_size
        if size > self.settings.max_file_bytes:
            raise FileTooLargeError(name, size, self.settings.max_file_bytes)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise InputFileError(name, f"could not be read ({exc.strerror})") from exc


class _KeyedLocks:
    """One lock per key, created on demand; keys are (study, content hash)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[tuple[str, str], threading.Lock] = {}

    @contextmanager
    def hold(self, key: tuple[str, str]) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            yield


def one_speaker_warning(transcript: Transcript, settings: Settings) -> list[str]:
    """A long file read as one voice is usually a transcript whose labels were missed."""
    speakers = {u.speaker for u in transcript.utterances}
    words = sum(len(u.text.split()) for u in transcript.utterances)
    if len(speakers) != 1 or words <= settings.one_speaker_warning_words:
        return []
    return [
        f"all {words:,} words were read as one speaker's; if others speak in it, check "
        "the speaker labels (or name the interviewer with --interviewer)"
    ]


def _one_speaker_hint(transcript: Transcript) -> str:
    if len({u.speaker for u in transcript.utterances}) == 1:
        return "; it was read as one speaker, so check its speaker labels first"
    return ""


def error_result(file_name: str, err: JourneybotError) -> IngestResult:
    reason = err.reason if isinstance(err, InputFileError) else err.user_message
    return IngestResult(
        file=file_name,
        status=IngestStatus.ERROR,
        error=f"{file_name}: {reason}",
        error_code=err.code,
    )


def _duplicate(transcript: Transcript, earlier: Source) -> IngestResult:
    changed = reading_changed(transcript, earlier)
    return IngestResult(
        file=transcript.file_name,
        status=IngestStatus.DUPLICATE,
        participants=earlier.participants,
        segments=0,
        source_id=earlier.id,
        duplicate_of=earlier.file_name,
        speakers=earlier.speakers,
        roles=roles_summary(earlier.speakers) if earlier.speakers else "",
        warnings=[changed] if changed else [],
    )


def reading_changed(fresh: Transcript, earlier: Source) -> str | None:
    """What a newer reader reads differently in a file already stored, or None.

    A file stored before a reader learnt its layout (a Teams export, a session log)
    keeps the old reading: uploading it again finds a duplicate by content, so the
    researcher is told what changed and how to take the new reading, instead of being
    left with the old one unawares. Roles the researcher set by hand are not a change;
    speakers are matched by their turns and words, which redaction does not alter."""
    hand = {(s.turns, s.words) for s in earlier.speakers if s.decided_by == "researcher"}
    if fresh.kind is not earlier.kind:
        was, now = earlier.kind.value, fresh.kind.value
    elif earlier.speakers and _speaker_shapes(earlier.speakers, hand) != _speaker_shapes(
        fresh.speakers, hand
    ):
        was, now = roles_summary(earlier.speakers), roles_summary(fresh.speakers)
    else:
        return None
    return (
        f"stored from an earlier reading of this file ({was}); it reads now as {now}. To "
        "use the new reading, forget this file and ingest it again (roles set by hand "
        "would need setting again)"
    )


def _speaker_shapes(
    speakers: list[SpeakerRole], hand_set: set[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Each speaker by turns and words, with their role unless it was set by hand."""
    return sorted(
        (s.turns, s.words, "" if (s.turns, s.words) in hand_set else s.role.value) for s in speakers
    )


def stored_speakers(read: Transcript, stored: Transcript) -> list[SpeakerRole]:
    """The speaker report under the ids the stored (maybe redacted) text uses."""
    renamed = {
        before.speaker: after.speaker
        for before, after in zip(read.utterances, stored.utterances, strict=True)
    }
    labels = {
        before.label: after.label
        for before, after in zip(read.utterances, stored.utterances, strict=True)
    }
    return [
        entry.model_copy(
            update={
                "speaker": renamed.get(entry.speaker, entry.speaker),
                "labels": [labels.get(label, label) for label in entry.labels],
            }
        )
        for entry in read.speakers
    ]


def text_free_turns(stored: Transcript) -> list[Utterance]:
    """Turns kept with the source for re-segmenting; their words are in the stored text."""
    return [utt.model_copy(update={"text": ""}) for utt in stored.utterances]
