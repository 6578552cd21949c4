"""Reviewing and correcting who each speaker is, without uploading the file again.

A correction re-segments the source from its stored text and swaps it in so that a crash
at any point leaves the old state or the new one, never a mix:

1. the new segments are written under new ids (a new *generation* of the source), while
   the catalog still lists the old generation, so no reader sees them;
2. the catalog row is replaced in one statement: from then on readers (search, drafts)
   take only segments of the new generation, and drafts keyed on the old one are stale;
3. every other generation's segments are deleted. A crash before this step leaves
   orphans that no reader takes; the next correction or ``forget`` removes them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from journeybot.core.errors import NoParticipantTextError, SourceNotFoundError, UsageError
from journeybot.core.models import (
    Role,
    Segment,
    Source,
    Transcript,
    Utterance,
)
from journeybot.core.settings import Settings
from journeybot.ingestion.correction import corrected_transcript, stored_transcript
from journeybot.ingestion.segmentation import segment_transcript
from journeybot.service.catalog import Catalog
from journeybot.service.listing import SourceSpeakers

if TYPE_CHECKING:
    # Listing speakers reads the catalog only; the store (Chroma) is for corrections.
    from journeybot.retrieval.store import EvidenceStore

log = logging.getLogger(__name__)


class SpeakerService:
    def __init__(self, settings: Settings, store: EvidenceStore, catalog: Catalog) -> None:
        self.settings = settings
        self.store = store
        self.catalog = catalog

    def set_role(
        self, source: Source, name: str, role: Role, as_id: str | None = None
    ) -> SourceSpeakers:
        """Set one speaker's role (and id); on any error nothing has changed."""
        text = self.catalog.source_text(source.study, source.id)
        if text is None:
            raise SourceNotFoundError(source.study, source.file_name)
        if not source.turns:
            raise UsageError(
                f"{source.file_name} was ingested before speakers could be corrected; "
                "forget it and ingest it again, then set the role."
            )
        stored = stored_transcript(
            text,
            source.turns,
            file_name=source.file_name,
            format=source.format,
            kind=source.kind.value,
        )
        corrected = corrected_transcript(stored, source.speakers, name, role, as_id)
        generation = source.generation + 1
        segments = segment_transcript(
            corrected,
            study=source.study,
            source_id=source.id,
            max_chars=self.settings.segment_max_chars,
            generation=generation,
        )
        if not segments:
            raise NoParticipantTextError(
                source.file_name,
                "that change would leave no participant words in the file; nothing was changed",
            )
        updated = source.model_copy(
            update={
                "participants": corrected.participants,
                "segments": len(segments),
                "speakers": corrected.speakers,
                "turns": _text_free_turns(corrected),
                "generation": generation,
            }
        )
        self._swap(source, updated, segments)
        return SourceSpeakers.of(updated)

    def _swap(self, old: Source, new: Source, segments: list[Segment]) -> None:
        try:
            self.store.add(segments)
        except BaseException:
            self._drop(new, lambda generation: generation == new.generation)
            raise
        if not self.catalog.replace_source(new):
            self._drop(new, lambda generation: generation == new.generation)
            raise SourceNotFoundError(old.study, old.file_name)
        self._drop(new, lambda generation: generation != new.generation)

    def _drop(self, source: Source, stale: Callable[[int], bool]) -> None:
        """Delete the source's segments of stale generations; a failure leaves only
        segments no reader takes (readers follow the catalog's generation)."""
        try:
            ids = [
                seg.id
                for seg in self.store.segments(source.study, source_id=source.id)
                if stale(seg.generation)
            ]
            self.store.delete_segments(source.study, ids)
        except Exception:
            log.exception("could not remove outdated segments of %s", source.file_name)


def _text_free_turns(transcript: Transcript) -> list[Utterance]:
    from journeybot.service.ingest import text_free_turns

    return text_free_turns(transcript)
