"""The read-only use cases behind the listing commands: the catalog and nothing else.

``journeybot studies``, ``sources``, ``stages`` and ``speakers`` are what people run
most, so they must answer at once: they open the SQLite catalog and never import the
evidence store, the model, the drafting stack or the settings machinery (see
``benchmarks/cli_speed.py``). ``Workspace`` offers the same reads to the Slack app; both
take the same catalog rows through the same participant identity.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from journeybot.core.errors import SourceNotFoundError, StudyNotFoundError, UsageError
from journeybot.core.home import CATALOG_FILE
from journeybot.core.models import Source, SpeakerRole, Stage, roles_summary
from journeybot.service.catalog import Catalog
from journeybot.service.records import StudySummary


@dataclass(frozen=True)
class SourceSpeakers:
    """One source's speakers as a researcher reviews them."""

    file: str
    source_id: str
    roles: str
    speakers: list[SpeakerRole]

    @classmethod
    def of(cls, source: Source) -> SourceSpeakers:
        roles = (
            roles_summary(source.speakers)
            if source.speakers
            else "roles not recorded (ingested by an older version; forget and ingest it again)"
        )
        return cls(source.file_name, source.id, roles, source.speakers)

    def as_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "source_id": self.source_id,
            "roles": self.roles,
            "speakers": [entry.model_dump(mode="json") for entry in self.speakers],
        }


class Listings:
    """What is in a data folder, read from its catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    @classmethod
    def open(cls, home: Path) -> Listings:
        return cls(Catalog(home / CATALOG_FILE))

    def studies(self) -> list[StudySummary]:
        from journeybot.service.participants import ParticipantService

        participants = ParticipantService(self.catalog)
        links = self.catalog.channel_links()
        titles = self.catalog.titles()
        summaries = []
        for study in self.catalog.study_ids():
            sources = participants.identity(study).sources(self.catalog.sources(study))
            times = self.catalog.draft_times(study)
            summaries.append(
                StudySummary(
                    study=study,
                    sources=len(sources),
                    participants=sorted({p for source in sources for p in source.participants}),
                    segments=sum(source.segments for source in sources),
                    channels=[c for c, s in links.items() if s == study],
                    last_personas_at=times.get("personas"),
                    last_map_at=times.get("map"),
                    title=titles.get(study),
                )
            )
        return summaries

    def sources(self, study: str) -> list[Source]:
        self.require_study(study)
        return self.catalog.sources(study)

    def stages(self, study: str) -> list[Stage]:
        from journeybot.core.stages import default_stages

        self.require_study(study)
        return self.catalog.stages(study) or default_stages()

    def speakers(self, study: str, name_or_id: str | None = None) -> list[SourceSpeakers]:
        """Each source's speakers: role, share of words, turns, and how it was decided."""
        if name_or_id:
            return [SourceSpeakers.of(self.find_source(study, name_or_id))]
        return [SourceSpeakers.of(source) for source in self.sources(study)]

    def require_study(self, study: str) -> None:
        if not self.catalog.study_exists(study):
            raise StudyNotFoundError(study, self.catalog.study_ids())

    def find_source(self, study: str, name_or_id: str) -> Source:
        """A source by file name, or by an id prefix of six or more characters."""
        sources = self.sources(study)
        wanted = name_or_id.strip()
        matches = [s for s in sources if s.file_name == wanted]
        if not matches and len(wanted) >= 6:
            matches = [s for s in sources if s.id.startswith(wanted.lower())]
        if not matches:
            raise SourceNotFoundError(study, wanted, [s.file_name for s in sources])
        if len(matches) > 1:
            ids = ", ".join(s.id[:12] for s in matches)
            raise UsageError(
                f"Study '{study}' has {len(matches)} sources called '{wanted}'; "
                f"forget one by its id ({ids})."
            )
        return matches[0]
