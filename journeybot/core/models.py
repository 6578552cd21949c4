"""Domain types shared by every layer.

These are the nouns of DESIGN.md. Their JSON form (``model_dump(mode="json")``) is the
CLI's machine-readable contract, so field names here are part of the public interface:
add fields freely, rename none.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from journeybot.core.claims import (
    THIN_EVIDENCE_BELOW as THIN_EVIDENCE_BELOW,
)
from journeybot.core.claims import (
    Citation as Citation,
)
from journeybot.core.claims import (
    Claim as Claim,
)
from journeybot.core.claims import (
    Coverage as Coverage,
)
from journeybot.core.claims import (
    Feeling as Feeling,
)
from journeybot.core.claims import (
    ReviewStatus as ReviewStatus,
)
from journeybot.core.claims import (
    claim_id as claim_id,
)
from journeybot.core.claims import (
    distinct_participants as distinct_participants,
)
from journeybot.core.claims import (
    utc_now as utc_now,
)
from journeybot.core.drafts import (
    ActionCells as ActionCells,
)
from journeybot.core.drafts import (
    ActionItem as ActionItem,
)
from journeybot.core.drafts import (
    Answer as Answer,
)
from journeybot.core.drafts import (
    AnswerTheme as AnswerTheme,
)
from journeybot.core.drafts import (
    ChannelSwitch as ChannelSwitch,
)
from journeybot.core.drafts import (
    ClaimReview as ClaimReview,
)
from journeybot.core.drafts import (
    ExpectationGap as ExpectationGap,
)
from journeybot.core.drafts import (
    JourneyMap as JourneyMap,
)
from journeybot.core.drafts import (
    MomentOfTruth as MomentOfTruth,
)
from journeybot.core.drafts import (
    Persona as Persona,
)
from journeybot.core.drafts import (
    PersonaSet as PersonaSet,
)
from journeybot.core.drafts import (
    ReviewReport as ReviewReport,
)
from journeybot.core.drafts import (
    Scope as Scope,
)
from journeybot.core.drafts import (
    StageInsight as StageInsight,
)
from journeybot.core.drafts import (
    Touchpoint as Touchpoint,
)
from journeybot.core.record import Record
from journeybot.core.roles import Role


class SourceKind(StrEnum):
    INTERVIEW = "interview"
    DIARY = "diary"
    NOTES = "notes"


# --- ingestion -------------------------------------------------------------------


class Utterance(Record):
    """One speaker turn, located in its transcript's canonical text.

    Invariant: ``transcript.text[start:end] == text``.
    """

    speaker: str = Field(description="Who is citable as: a participant id or a name.")
    label: str = Field(description="The speaker label exactly as written in the file.")
    role: Role
    text: str
    location: str = Field(description="'00:12:34', 'line 42', 'row 7' or \"sheet 'March', row 7\".")
    start: int
    end: int
    date: str | None = Field(default=None, description="Diary entry date, ISO 8601.")
    prompt: str | None = Field(default=None, description="Diary prompt answered.")


class SpeakerRole(Record):
    """One speaker of one source: the role decided, how, and what they did in the file."""

    speaker: str = Field(description="The speaker id citations use.")
    labels: list[str] = Field(default_factory=list, description="Labels as written.")
    role: Role
    decided_by: str = Field(
        description="header | named | key | label | conversation | reader | researcher"
    )
    reason: str = ""
    words: int = 0
    turns: int = 0
    share: float = Field(default=0.0, description="Share of the file's spoken words, 0..1.")


def roles_summary(speakers: list[SpeakerRole]) -> str:
    """'participant: Tom (71% of words); interviewers: Hannah, Luis; other: none'."""
    by_role: dict[Role, list[str]] = {role: [] for role in Role}
    for entry in speakers:
        by_role[entry.role].append(entry.speaker)
    people = [
        f"{s.speaker} ({round(100 * s.share)}% of words)"
        for s in speakers
        if s.role is Role.PARTICIPANT
    ]
    parts = [
        f"{'participants' if len(people) > 1 else 'participant'}: {', '.join(people) or 'none'}",
        f"{'interviewers' if len(by_role[Role.INTERVIEWER]) > 1 else 'interviewer'}: "
        f"{', '.join(by_role[Role.INTERVIEWER]) or 'none'}",
        f"other: {', '.join(by_role[Role.OTHER]) or 'none'}",
    ]
    return "; ".join(parts)


class Transcript(Record):
    """A file read into turns. ``text`` is the canonical text offsets refer to."""

    file_name: str
    format: str
    kind: SourceKind = SourceKind.INTERVIEW
    text: str
    utterances: list[Utterance]
    warnings: list[str] = Field(default_factory=list)
    content_hash: str = Field(
        default="", description="sha256 of the canonical text before redaction."
    )
    redacted: bool = False
    speakers: list[SpeakerRole] = Field(default_factory=list)

    @property
    def participants(self) -> list[str]:
        seen: dict[str, None] = {}
        for utt in self.utterances:
            if utt.role is Role.PARTICIPANT:
                seen.setdefault(utt.speaker, None)
        return list(seen)


class Segment(Record):
    """The unit that is embedded, searched and cited: participant words only."""

    id: str
    study: str
    source_id: str
    file_name: str
    kind: SourceKind = SourceKind.INTERVIEW
    participant: str
    text: str
    start: int = Field(description="Offset in the source's canonical text.")
    end: int
    location: str
    turn: int = Field(description="Index of the utterance within its transcript.")
    position: float = Field(
        default=0.0, description="0..1, how far into the conversation this was said."
    )
    context: str = Field(
        default="",
        description="The interviewer's question before this turn; context, never evidence.",
    )
    date: str | None = None
    prompt: str | None = None
    generation: int = Field(
        default=0, description="Which segmentation of its source this belongs to."
    )
    # Readings, made once at ingest by the service layer (``service/readings.py``) and
    # re-made when the scoring code changes; ``None`` until read.
    polarity: float | None = Field(default=None, description="-1..1, 0 when neutral.")
    statement: str | None = Field(
        default=None, description="problem, wish, behaviour, praise, feeling or fact."
    )
    stage: str | None = Field(default=None, description="Likely journey stage id.")
    readings_version: str | None = None

    @property
    def asked(self) -> str:
        """What this answers: the interviewer's question, or the diary or survey prompt
        ("How did you feel?" finds "Pleasantly surprised.")."""
        return self.context or self.prompt or ""


#: Segment fields that are readings of the words, not the words or where they stand.
READING_FIELDS = frozenset({"polarity", "statement", "stage", "readings_version"})


def segment_id(source_id: str, start: int, end: int, generation: int = 0) -> str:
    """Stable id: re-ingesting the same content yields the same ids.

    A source re-segmented after a role correction gets a new generation, and so new ids:
    the new segments are written beside the old ones before the catalog switches over.
    """
    suffix = f"~{generation}" if generation else ""
    return f"{source_id[:16]}:{start}-{end}{suffix}"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Source(Record):
    id: str = Field(description="sha256 of the normalised content.")
    study: str
    file_name: str
    kind: SourceKind = SourceKind.INTERVIEW
    format: str
    uploaded_by: str | None = None
    uploaded_at: datetime = Field(default_factory=utc_now)
    participants: list[str] = Field(default_factory=list)
    segments: int = 0
    permalink: str | None = None
    channel: str | None = None
    redacted: bool = True
    warnings: list[str] = Field(default_factory=list)
    speakers: list[SpeakerRole] = Field(default_factory=list)
    turns: list[Utterance] = Field(
        default_factory=list,
        description="The turns without their text (offsets into the stored text), so a "
        "role correction can re-segment without re-reading the file.",
    )
    generation: int = Field(default=0, description="Generation of the segments it lists.")


class RosterEntry(Record):
    """One person of a study's roster: the id outputs use, and who else they appear as."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, str] = Field(default_factory=dict)


class IngestStatus(StrEnum):
    INGESTED = "ingested"
    DUPLICATE = "duplicate"
    ERROR = "error"


class IngestResult(Record):
    file: str
    status: IngestStatus
    participants: list[str] = Field(default_factory=list)
    segments: int = 0
    error: str | None = None
    error_code: str | None = None
    source_id: str | None = None
    duplicate_of: str | None = Field(
        default=None, description="File name of the earlier source with the same content."
    )
    warnings: list[str] = Field(default_factory=list)
    speakers: list[SpeakerRole] = Field(default_factory=list)
    roles: str = Field(default="", description="The role decisions in one line.")


class SkippedFile(Record):
    """A file in a folder given to ``ingest`` that was not read, and why."""

    file: str
    reason: str


class IngestReport(Record):
    study: str
    sources: list[IngestResult]
    skipped: list[SkippedFile] = Field(
        default_factory=list,
        description="Files in the folders given that were not read (README, licence, ...).",
    )
    home_warnings: list[str] = Field(
        default_factory=list, description="What a quick check of the home found first."
    )
    proposals: list[str] = Field(
        default_factory=list,
        description="Likely joins of participants across sources, with the command to run.",
    )

    @property
    def failed(self) -> list[IngestResult]:
        return [s for s in self.sources if s.status is IngestStatus.ERROR]


# --- stages ----------------------------------------------------------------------


class Stage(Record):
    id: str
    name: str
    description: str = ""


DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage(
        id="awareness",
        name="Awareness",
        description=(
            "How they first heard of or noticed the product or the need: word of mouth, "
            "colleagues, search, ads, reviews, the trigger that started looking."
        ),
    ),
    Stage(
        id="consideration",
        name="Consideration",
        description=(
            "Researching and comparing options: alternatives, prices, features, trials, "
            "reviews, asking others, deciding whether it fits their needs."
        ),
    ),
    Stage(
        id="purchase",
        name="Purchase",
        description=(
            "Deciding and buying or signing up: plans, pricing, payment, checkout, "
            "contracts, approval, creating an account."
        ),
    ),
    Stage(
        id="onboarding",
        name="Onboarding",
        description=(
            "Getting started and set up: first use, installation, configuration, "
            "tutorials, importing data, learning how it works."
        ),
    ),
    Stage(
        id="usage",
        name="Usage",
        description=(
            "Everyday use to get their work done: features, workflows, habits, "
            "what works well, what slows them down."
        ),
    ),
    Stage(
        id="support",
        name="Support",
        description=(
            "Getting help when something goes wrong: contacting support, documentation, "
            "bugs, errors, outages, waiting for answers."
        ),
    ),
    Stage(
        id="renewal",
        name="Renewal",
        description=(
            "Deciding to stay, upgrade, recommend or leave: renewals, cancelling, "
            "switching, loyalty, price changes, telling others."
        ),
    ),
)
