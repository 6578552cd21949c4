"""What an export holds, and the reading order every format shares.

Word, Markdown and JSON must agree on two things a reviewer relies on: which number a
quote has in the evidence appendix, and which claims the validation table lists. Both
are decided here once, by walking the draft in document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from journeybot.core.models import (
    ActionCells,
    Citation,
    Claim,
    ClaimReview,
    Coverage,
    Feeling,
    JourneyMap,
    Persona,
    ReviewStatus,
    Stage,
    StageInsight,
)

#: Journey-map rows, in the order the table shows them.
MAP_ROWS: tuple[tuple[str, str], ...] = (
    ("actions", "Actions"),
    ("thoughts", "Thoughts"),
    ("feelings", "Feelings"),
    ("pain_points", "Pain points"),
    ("opportunities", "Opportunities"),
)

#: Persona claim lists, in the order the profile shows them (dissent comes last).
PERSONA_ROWS: tuple[tuple[str, str], ...] = (
    ("goals", "Goals"),
    ("pain_points", "Pain points"),
    ("behaviours", "Behaviours"),
)

STATUS_LABELS: dict[ReviewStatus, str] = {
    ReviewStatus.UNREVIEWED: "Unreviewed",
    ReviewStatus.CONFIRMED: "Confirmed",
    ReviewStatus.CHANGE: "Change",
    ReviewStatus.REMOVE: "Remove",
}

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class ExportBundle:
    """Everything one export shows; claims already carry their id, status and comment."""

    study: str
    draft_id: str
    journey: JourneyMap
    personas: list[Persona]
    stages: list[Stage]
    generated_at: datetime
    #: Why this many personas, and what else the persona draft says about itself.
    persona_notes: list[str] = field(default_factory=list)


@dataclass
class ReviewFile:
    """The verdicts read from a reviewed Word file, one per validation-table row."""

    study: str
    draft_id: str
    reviews: list[ClaimReview] = field(default_factory=list)
    action_cells: dict[str, ActionCells] = field(default_factory=dict)
    action_problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimEntry:
    """One row of the validation table: a claim and where it sits in the draft."""

    claim: Claim
    where: str


class EvidenceIndex:
    """Numbers each distinct quote once, in the order the document first cites it."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str], int] = {}
        self.citations: list[Citation] = []

    def add(self, citation: Citation) -> int:
        key = (citation.segment_id, citation.quote)
        number = self._numbers.get(key)
        if number is None:
            self.citations.append(citation)
            number = len(self.citations)
            self._numbers[key] = number
        return number

    def number(self, citation: Citation) -> int:
        return self._numbers[(citation.segment_id, citation.quote)]

    def numbers(self, citations: list[Citation]) -> list[int]:
        """Distinct numbers for a claim's citations, ascending like a reference list."""
        return sorted({self.number(citation) for citation in citations})


def clean_text(text: str) -> str:
    """Drop characters XML cannot carry (stray control codes from PDFs, lone surrogates)."""
    return _XML_ILLEGAL.sub("", text)


def persona_title(bundle: ExportBundle) -> str:
    journey = bundle.journey
    if journey.persona_name:
        return journey.persona_name
    if journey.persona:
        named = [p.name for p in bundle.personas if p.id == journey.persona]
        return named[0] if named else journey.persona
    return "All participants"


def iter_persona_claims(persona: Persona) -> Iterator[tuple[str, Claim]]:
    """(row label, claim) in profile order, dissent last."""
    for attr, label in PERSONA_ROWS:
        for claim in getattr(persona, attr):
            yield label, claim
    for claim in persona.dissent:
        yield "Dissent", claim


def iter_stage_claims(stage: StageInsight) -> Iterator[tuple[str, Claim]]:
    for attr, label in MAP_ROWS:
        for claim in getattr(stage, attr):
            yield label, claim


def build_evidence_index(bundle: ExportBundle) -> EvidenceIndex:
    """Persona profiles first (claims, then representative quotes), then the map."""
    index = EvidenceIndex()
    for persona in bundle.personas:
        for attr, _label in PERSONA_ROWS:
            for claim in getattr(persona, attr):
                _add_all(index, claim.citations)
        _add_all(index, persona.quotes)
        for claim in persona.dissent:
            _add_all(index, claim.citations)
    for stage in bundle.journey.stages:
        for _label, claim in iter_stage_claims(stage):
            _add_all(index, claim.citations)
    for stage in bundle.journey.stages:
        _add_all(index, stage.extra_citations())
    return index


def notes_caveat(index: EvidenceIndex) -> str:
    """A sentence for the statements that every quote is a participant's own words, when
    some quotes are session notes on a participant instead (``Citation.note``)."""
    if not any(citation.note for citation in index.citations):
        return ""
    return (
        " Quotes marked 'note on' are a note-taker's words about that participant, found "
        "verbatim in the session notes, not the participant's own."
    )


def _add_all(index: EvidenceIndex, citations: list[Citation]) -> None:
    for citation in citations:
        index.add(citation)


def claim_entries(bundle: ExportBundle) -> list[ClaimEntry]:
    """Every claim once (by id), persona claims first, then the map stage by stage."""
    entries: list[ClaimEntry] = []
    seen: set[str] = set()

    def keep(claim: Claim, where: str) -> None:
        if claim.id and claim.id in seen:
            return
        seen.add(claim.id)
        entries.append(ClaimEntry(claim=claim, where=where))

    for persona in bundle.personas:
        for label, claim in iter_persona_claims(persona):
            keep(claim, f"Persona: {persona.name} / {label}")
    for stage in bundle.journey.stages:
        for label, claim in iter_stage_claims(stage):
            keep(claim, f"Map: {stage.name} / {label}")
    return entries


def is_supported(claim: Claim) -> bool:
    """A claim is a finding only with at least one verified quote behind it."""
    return claim.supported and bool(claim.citations)


def participants_label(count: int) -> str:
    return "1 participant" if count == 1 else f"{count} participants"


def signed(value: float) -> str:
    """+0.40 / −0.25 with a real minus sign, as a reader expects in a report."""
    return f"{value:+.2f}".replace("-", "\u2212")


def polarity_word(value: float) -> str:
    if value >= 0.2:
        return "positive"
    if value <= -0.2:
        return "negative"
    return "neutral"


def feeling_polarity(claim: Claim) -> float | None:
    return claim.polarity if isinstance(claim, Feeling) else None


def coverage_statement(coverage: Coverage) -> str:
    """The one paragraph a reviewer reads first: what was read and how it was drafted."""
    sources = len(coverage.sources)
    people = len(coverage.participants)
    model = f"model {coverage.model}" if coverage.model else "no language model"
    engine = f"{coverage.engine} ({model})"
    dropped = coverage.quotes_dropped
    return (
        f"Drafted from {sources} source{'s' if sources != 1 else ''} and "
        f"{participants_label(people)}: {coverage.segments_read} segments read, "
        f"{coverage.segments_cited} cited; the verifier dropped {dropped} "
        f"quote{'s' if dropped != 1 else ''} it could not find verbatim. "
        f"Engine: {engine}."
    )


def long_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def timestamp(moment: datetime) -> str:
    zone = moment.tzname() or "local time"
    return f"{moment:%Y-%m-%d %H:%M} {zone}"
