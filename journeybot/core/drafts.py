"""What a draft holds: the journey map and its action plan, personas, answers and reviews.

These are the shapes the CLI's JSON contract (docs/cli-json.md) and the Word export are
built from; they sit on top of ``journeybot.core.claims``.
"""

from __future__ import annotations

from pydantic import Field

from journeybot.core.claims import (
    Citation,
    Claim,
    Coverage,
    Feeling,
    ReviewStatus,
)
from journeybot.core.record import Record


class Scope(Record):
    """What a map answers: whose journey, through which scenario, towards which goal."""

    actor: str = "All participants"
    scenario: str = ""
    goal: str = ""


class Touchpoint(Record):
    """A channel participants mention at a stage (website, phone line, letter...)."""

    name: str
    participants: int = 0
    citations: list[Citation] = Field(default_factory=list)


class ChannelSwitch(Record):
    """One participant moving from one channel to another within a stage: friction."""

    participant: str
    channels: list[str]
    citation: Citation


class ExpectationGap(Record):
    """What a participant expected, against what happened (both cited where possible)."""

    expected: Claim
    experienced: Claim


class MomentOfTruth(Record):
    """Why a stage is flagged: strong feeling among many, or a sharp swing."""

    reason: str
    kind: str = Field(default="strong", description="strong | swing")
    citations: list[Citation] = Field(default_factory=list)


class ActionCells(Record):
    """The team's cells of one action-plan row, carried over from draft to draft."""

    feasibility: str | None = None
    owner: str | None = None
    metric: str | None = None
    due: str | None = Field(default=None, description="ISO date.")


class ActionItem(Record):
    """One row of the action plan: an opportunity, its impact, the team's cells."""

    opportunity_id: str
    stage: str
    text: str
    impact: float
    impact_basis: str
    participants: int
    suggested_metric: str
    cells: ActionCells = Field(default_factory=ActionCells)


class StageInsight(Record):
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


class JourneyMap(Record):
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


class Persona(Record):
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


class PersonaSet(Record):
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


class AnswerTheme(Record):
    """A group of an answer's quotes: what came up, and from how many people."""

    label: str
    participants: int
    citations: list[int] = Field(description="Indexes into the answer's citations.")


class Answer(Record):
    question: str
    answer: str
    citations: list[Citation]
    participants: int = 0
    sources: int = 0
    engine: str = "extractive"
    quotes_dropped: int = 0
    themes: list[AnswerTheme] = Field(default_factory=list)


# --- review ----------------------------------------------------------------------


class ClaimReview(Record):
    claim_id: str
    status: ReviewStatus
    comment: str | None = None


class ReviewReport(Record):
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
