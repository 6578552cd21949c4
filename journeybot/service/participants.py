"""Participants across sources: importing a roster, merging people, proposing joins."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from journeybot.core.errors import ParticipantNotFoundError, UsageError
from journeybot.core.models import RosterEntry
from journeybot.ingestion.labels import participant_code
from journeybot.ingestion.roster import read_roster
from journeybot.service.catalog import Catalog
from journeybot.service.identity import Identity, JoinProposal, proposals

if TYPE_CHECKING:
    from journeybot.synthesis.base import RetrievedEvidence

#: Join proposals an ingest report lists one by one; the rest are counted, and
#: `journeybot participants` lists them all.
PROPOSALS_SHOWN = 10


@dataclass(frozen=True)
class ParticipantRow:
    id: str
    labels: list[str]
    sources: list[str]
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParticipantsOverview:
    study: str
    participants: list[ParticipantRow]
    proposals: list[JoinProposal]
    roster: int
    unmatched: list[str] = field(default_factory=list)
    hint: str | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "study": self.study,
            "roster": self.roster,
            "participants": [row.__dict__ for row in self.participants],
            "proposals": [
                {"first": p.first, "second": p.second, "reason": p.reason, "command": p.command}
                for p in self.proposals
            ],
            "unmatched": self.unmatched,
            "hint": self.hint,
        }


def _roster_hint(rows: dict[str, ParticipantRow]) -> str | None:
    """Names in some sources and bare ids in others usually mean the same people twice."""
    coded = sorted(pid for pid in rows if participant_code(pid))
    named = sorted(pid for pid in rows if not participant_code(pid))
    if not coded or not named:
        return None
    coded_files = {f for pid in coded for f in rows[pid].sources}
    named_files = {f for pid in named for f in rows[pid].sources}
    if coded_files == named_files:
        return None
    return (
        f"Some sources name people ({', '.join(named[:4])}) and others use ids "
        f"({', '.join(coded[:4])}); if they are the same people, import a roster "
        "(journeybot participants import roster.csv) or merge them."
    )


def identified(retrieved: RetrievedEvidence, service: ParticipantService) -> RetrievedEvidence:
    """Found segments named by participant (roster id or first name), one person once."""
    by_study: dict[str, Identity] = {}

    def identity_of(study: str) -> Identity:
        # Made once per study: it reads every source row of the study's catalog.
        if study not in by_study:
            by_study[study] = service.identity(study)
        return by_study[study]

    segments = []
    for segment in retrieved.segments:
        segments.extend(identity_of(segment.study).segments([segment]))
    sources = [
        source
        for study in dict.fromkeys(s.study for s in retrieved.sources)
        for source in identity_of(study).sources([s for s in retrieved.sources if s.study == study])
    ]
    return replace(retrieved, segments=segments, sources=sources)


class ParticipantService:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def identity(self, study: str) -> Identity:
        labels = [p for source in self.catalog.sources(study) for p in source.participants]
        return Identity(
            roster=self.catalog.roster(study),
            merges=self.catalog.merges(study),
            labels=list(dict.fromkeys(labels)),
        )

    def overview(self, study: str) -> ParticipantsOverview:
        identity = self.identity(study)
        rows: dict[str, ParticipantRow] = {}
        for source in self.catalog.sources(study):
            for label in source.participants:
                pid = identity.participant(label)
                row = rows.setdefault(pid, ParticipantRow(pid, [], [], identity.attributes(pid)))
                if label not in row.labels:
                    row.labels.append(label)
                if source.file_name not in row.sources:
                    row.sources.append(source.file_name)
        roster_ids = {entry.id for entry in identity.roster}
        unmatched = sorted(pid for pid in rows if identity.roster and pid not in roster_ids)
        return ParticipantsOverview(
            study=study,
            participants=sorted(rows.values(), key=lambda row: row.id.casefold()),
            proposals=[] if identity.roster else proposals(identity),
            roster=len(identity.roster),
            unmatched=unmatched,
            hint=None if identity.roster else _roster_hint(rows),
        )

    def proposal_lines(self, study: str) -> list[str]:
        """Sentences proposing joins (never made silently), for ingest reports."""
        overview = self.overview(study)
        lines = [
            f"'{p.first}' and '{p.second}' may be one person ({p.reason}): "
            f"{p.command} --study '{study}'"
            for p in overview.proposals[:PROPOSALS_SHOWN]
        ]
        more = len(overview.proposals) - PROPOSALS_SHOWN
        if more > 0:
            lines.append(
                f"and {more} more pair{'s' if more != 1 else ''} that may be one person: "
                f"`journeybot participants --study '{study}'` lists them all"
            )
        if overview.hint:
            lines.append(overview.hint)
        return lines

    def import_roster(self, study: str, data: bytes, file_name: str) -> ParticipantsOverview:
        """Replace the roster; a file that cannot be used raises and changes nothing."""
        entries: list[RosterEntry] = read_roster(data, file_name)
        if not entries:
            raise UsageError(f"{file_name} lists no participants; nothing was imported.")
        self.catalog.set_roster(study, entries)
        return self.overview(study)

    def merge(self, study: str, keep: str, other: str) -> ParticipantsOverview:
        """Count ``other`` as ``keep`` everywhere from now on."""
        identity = self.identity(study)
        resolved = {name: identity.resolve(name) for name in (keep, other)}
        unknown = [name for name, pid in resolved.items() if pid is None]
        if unknown:
            raise ParticipantNotFoundError(study, unknown, identity.known())
        target, alias = resolved[keep], resolved[other]
        assert target is not None and alias is not None
        if target == alias:
            raise UsageError(f"'{keep}' and '{other}' are already one participant ({target}).")
        self.catalog.add_merge(study, alias, target)
        return self.overview(study)
