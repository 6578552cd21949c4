"""Domain types shared by every layer.

These are the nouns of DESIGN.md. Their JSON form (``model_dump(mode="json")``) is the
CLI's machine-readable contract, so field names here are part of the public interface:
add fields freely, rename none.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, computed_field

from journeybot.core.roles import Role

#: A claim backed by fewer distinct participants than this is marked thin.
THIN_EVIDENCE_BELOW = 2


class SourceKind(StrEnum):
    INTERVIEW = "interview"
    DIARY = "diary"
    NOTES = "notes"


class ReviewStatus(StrEnum):
    UNREVIEWED = "unreviewed"
    CONFIRMED = "confirmed"
    CHANGE = "change"
    REMOVE = "remove"


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- ingestion -------------------------------------------------------------------


class Utterance(BaseModel):
    """One speaker turn, located in its transcript's canonical text.

    Invariant: ``transcript.text[start:end] == text``.
    """

    speaker: str = Field(description="Who is citable as: a participant id or a name.")
    label: str = Field(description="The speaker label exactly as written in the file.")
    role: Role
    text: str
    location: str = Field(description="'00:12:34', 'line 42' or 'row 7'.")
    start: int
    end: int
    date: str | None = Field(default=None, description="Diary entry date, ISO 8601.")
    prompt: str | None = Field(default=None, description="Diary prompt answered.")


class SpeakerRole(BaseModel):
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


class Transcript(BaseModel):
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


class Segment(BaseModel):
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


class Source(BaseModel):
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


class RosterEntry(BaseModel):
    """One person of a study's roster: the id outputs use, and who else they appear as."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, str] = Field(default_factory=dict)


class IngestStatus(StrEnum):
    INGESTED = "ingested"
    DUPLICATE = "duplicate"
    ERROR = "error"


class IngestResult(BaseModel):
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


class IngestReport(BaseModel):
    study: str
    sources: list[IngestResult]
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


class Stage(BaseModel):
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


# --- evidence and claims ---------------------------------------------------------


class Citation(BaseModel):
    """A verified quote: ``quote`` is the stored participant text, verbatim."""

    model_config = ConfigDict(frozen=True)

    quote: str
    participant: str
    source: str = Field(description="The source's file name.")
    location: str
    segment_id: str
    source_id: str | None = None
    permalink: str | None = None


class Claim(BaseModel):
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


class Coverage(BaseModel):
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


class Scope(BaseModel):
    """What a map answers: whose journey, through which scenario, towards which goal."""

    actor: str = "All participants"
    scenario: str = ""
    goal: str = ""


class Touchpoint(BaseModel):
    """A channel participants mention at a stage (website, phone line, letter...)."""

    name: str
    participants: int = 0
    citations: list[Citation] = Field(default_factory=list)


class ChannelSwitch(BaseModel):
    """One participant moving from one channel to another within a stage: friction."""

    participant: str
    channels: list[str]
    citation: Citation


class ExpectationGap(BaseModel):
    """What a participant expected, against what happened (both cited where possible)."""

    expected: Claim
    experienced: Claim


class MomentOfTruth(BaseModel):
    """Why a stage is flagged: strong feeling among many, or a sharp swing."""

    reason: str
    kind: str = Field(default="strong", description="strong | swing")
    citations: list[Citation] = Field(default_factory=list)


class ActionCells(BaseModel):
    """The team's cells of one action-plan row, carried over from draft to draft."""

    feasibility: str | None = None
    owner: str | None = None
    metric: str | None = None
    due: str | None = Field(default=None, description="ISO date.")


class ActionItem(BaseModel):
    """One row of the action plan: an opportunity, its impact, the team's cells."""

    opportunity_id: str
    stage: str
    text: str
    impact: float
    impact_basis: str
    participants: int
    suggested_metric: str
    cells: ActionCells = Field(default_factory=ActionCells)


class StageInsight(BaseModel):
    id: str
    name: str
    description: str = ""
    emotion: float = Field(default=0.0, ge=-1.0, le=1.0)
    emotion_participants: int = Field(
        default=0, description="How many participants the emotion score rests on."
    )
    has_evidence: bool = True
    segments: int = Field(default=0, description="Segments placed at this stage.")
    actions: list[Claim] = Field(default_factory=list)
    thoughts: list[Claim] = Field(default_factory=list)
    feelings: list[Feeling] = Field(default_factory=list)
    pain_points: list[Claim] = Field(default_factory=list)
    opportunities: list[Claim] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    channel_switches: list[ChannelSwitch] = Field(default_factory=list)
    expectation_gaps: list[ExpectationGap] = Field(default_factory=list)
    moment_of_truth: MomentOfTruth | None = None

    def claims(self) -> list[Claim]:
        return [
            *self.actions,
            *self.thoughts,
            *self.feelings,
            *self.pain_points,
            *self.opportunities,
        ]

    def extra_citations(self) -> list[Citation]:
        """Quotes behind touchpoints, switches, gaps and the moment of truth."""
        gaps = [
            c
            for g in self.expectation_gaps
            for c in (*g.expected.citations, *g.experienced.citations)
        ]
        return [
            *(c for t in self.touchpoints for c in t.citations),
            *(s.citation for s in self.channel_switches),
            *gaps,
            *(self.moment_of_truth.citations if self.moment_of_truth else []),
        ]


class JourneyMap(BaseModel):
    study: str
    draft_id: str = Field(default="", description="Set when the draft is stored.")
    persona: str | None = None
    persona_name: str | None = None
    coverage: Coverage
    stages: list[StageInsight]
    scope: Scope = Field(default_factory=Scope)
    action_plan: list[ActionItem] = Field(default_factory=list)

    def claims(self) -> list[Claim]:
        return [claim for stage in self.stages for claim in stage.claims()]


class Persona(BaseModel):
    id: str
    name: str
    summary: str
    participants: list[str]
    goals: list[Claim] = Field(default_factory=list)
    pain_points: list[Claim] = Field(default_factory=list)
    behaviours: list[Claim] = Field(default_factory=list)
    quotes: list[Citation] = Field(default_factory=list)
    dissent: list[Claim] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)

    def claims(self) -> list[Claim]:
        return [*self.goals, *self.pain_points, *self.behaviours, *self.dissent]


class PersonaSet(BaseModel):
    study: str
    draft_id: str = Field(default="", description="Set when the draft is stored.")
    personas: list[Persona]
    coverage: Coverage
    clustering: dict[str, float | int | str] = Field(
        default_factory=dict,
        description="How the number of personas was chosen: k, method, score.",
    )

    def claims(self) -> list[Claim]:
        return [claim for persona in self.personas for claim in persona.claims()]


class AnswerTheme(BaseModel):
    """A group of an answer's quotes: what came up, and from how many people."""

    label: str
    participants: int
    citations: list[int] = Field(description="Indexes into the answer's citations.")


class Answer(BaseModel):
    question: str
    answer: str
    citations: list[Citation]
    participants: int = 0
    sources: int = 0
    engine: str = "extractive"
    quotes_dropped: int = 0
    themes: list[AnswerTheme] = Field(default_factory=list)


# --- review ----------------------------------------------------------------------


class ClaimReview(BaseModel):
    claim_id: str
    status: ReviewStatus
    comment: str | None = None


class ReviewReport(BaseModel):
    study: str
    confirmed: int = 0
    changed: int = 0
    removed: int = 0
    unreviewed: int = 0
    unknown: list[str] = Field(default_factory=list)
    actions_applied: int = Field(default=0, description="Action-plan rows read back.")
    action_problems: list[str] = Field(
        default_factory=list, description="Action-plan cells that could not be used, named."
    )
