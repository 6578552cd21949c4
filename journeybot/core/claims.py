"""Evidence behind a claim: verified citations, claims, and how well a draft covers its sources.

Kept apart from the ingestion types so drafting code and exporters can import what a
claim is without the rest of the domain, and so each module stays small.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import ConfigDict, Field, computed_field

from journeybot.core.record import Record

#: A claim backed by fewer distinct participants than this is marked thin.
THIN_EVIDENCE_BELOW = 2


class ReviewStatus(StrEnum):
    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    CHANGE = "change"
    REMOVE = "remove"


def utc_now() -> datetime:
    return datetime.now(UTC)


class Citation(Record):
    """A verified quote: ``quote`` is the stored participant text, verbatim."""

    model_config = ConfigDict(frozen=True)

    quote: str
    participant: str
    source: str = Field(description="The source's file name.")
    location: str
    segment_id: str
    source_id: str | None = None
    permalink: str | None = None
    note: bool = Field(
        default=False,
        description="True when the quoted text is someone's note on the participant (an "
        "observer's log of a session), not the participant's own words.",
    )

    @property
    def attribution(self) -> str:
        """Whom the quote is shown as from: the participant, or a note on them."""
        return f"note on {self.participant}" if self.note else self.participant


class Claim(Record):
    id: str = ""
    text: str
    citations: list[Citation] = Field(default_factory=list)
    participants: int = Field(default=0, description="Distinct participants behind it.")
    supported: bool = Field(
        default=True, description="False marks a claim shown as unsupported, not a finding."
    )
    status: ReviewStatus = ReviewStatus.UNREVIEWED
    comment: str | None = None
    impact: float | None = Field(
        default=None, description="Opportunities only: participants affected x strength."
    )
    impact_basis: str | None = Field(default=None, description="How ``impact`` was computed.")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def thin(self) -> bool:
        return self.participants < THIN_EVIDENCE_BELOW


class Feeling(Claim):
    polarity: float = Field(ge=-1.0, le=1.0)


def claim_id(study: str, scope: str, kind: str, key: str) -> str:
    """Stable claim id, so a re-draft keeps reviewers' verdicts.

    ``scope`` is a persona or stage id, ``kind`` the row (pain_points, goals...), and
    ``key`` what identifies the claim across drafts (a theme, or its lead segment ids).
    """
    digest = hashlib.sha256(f"{study}\x1f{scope}\x1f{kind}\x1f{key}".encode()).hexdigest()
    return f"{scope[:12]}-{kind[:4]}-{digest[:8]}"


def distinct_participants(citations: list[Citation]) -> int:
    return len({c.participant for c in citations})


# --- drafts ----------------------------------------------------------------------


class Coverage(Record):
    """What a draft read and how it was made: the first thing a reviewer checks."""

    study: str
    sources: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    segments_read: int = 0
    segments_cited: int = 0
    quotes_dropped: int = 0
    engine: str = "extractive"
    model: str | None = None
    prompt_versions: dict[str, str] = Field(default_factory=dict)
    stages: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
    notes: list[str] = Field(default_factory=list)
