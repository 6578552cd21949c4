"""Use cases about who said it: speakers of a source, and participants across sources.

A part of ``Workspace`` kept in its own module so each stays small; ``Workspace``
inherits it and provides ``participants``, ``speaker_roles``, ``ingestor`` and the
source lookups used here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from journeybot.core.models import IngestResult, IngestStatus, Role, Source
from journeybot.service.participants import ParticipantService, ParticipantsOverview
from journeybot.service.writer import WriterLock

if TYPE_CHECKING:
    from journeybot.service.ingest import Ingestor
    from journeybot.service.listing import SourceSpeakers
    from journeybot.service.speakers import SpeakerService


class IdentityUseCases:
    participants: ParticipantService
    writer: WriterLock

    @property
    def speaker_roles(self) -> SpeakerService:
        raise NotImplementedError

    @property
    def ingestor(self) -> Ingestor:
        raise NotImplementedError

    def sources(self, study: str) -> list[Source]:
        raise NotImplementedError

    def _find_source(self, study: str, name_or_id: str) -> Source:
        raise NotImplementedError

    def _require_study(self, study: str) -> None:
        raise NotImplementedError

    def speakers(self, study: str, name_or_id: str | None = None) -> list[SourceSpeakers]:
        """Each source's speakers: role, share of words, turns, and how it was decided."""
        from journeybot.service.listing import SourceSpeakers

        if name_or_id:
            return [SourceSpeakers.of(self._find_source(study, name_or_id))]
        return [SourceSpeakers.of(source) for source in self.sources(study)]

    def set_speaker(
        self, study: str, name_or_id: str, speaker: str, role: Role, *, as_id: str | None = None
    ) -> SourceSpeakers:
        """Correct one speaker of one source; its segments and drafts follow."""
        with self.writer.hold():
            source = self._find_source(study, name_or_id)
            return self.speaker_roles.set_role(source, speaker, role, as_id)

    def _proposals(self, study: str, results: Sequence[IngestResult]) -> list[str]:
        if not any(r.status is IngestStatus.INGESTED for r in results):
            return []
        return self.participants.proposal_lines(study)

    def participants_overview(self, study: str) -> ParticipantsOverview:
        """Each participant with the labels and sources they appear under; likely joins."""
        self._require_study(study)
        return self.participants.overview(study)

    def import_roster(self, study: str, path: Path) -> ParticipantsOverview:
        self._require_study(study)
        data = self.ingestor.read_path(path)
        return self.participants.import_roster(study, data, path.name)

    def merge_participants(self, study: str, keep: str, other: str) -> ParticipantsOverview:
        self._require_study(study)
        return self.participants.merge(study, keep, other)
