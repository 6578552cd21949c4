"""The shapes the model must answer in, and the checks that need the prompt's context.

Models validate what a reply says; ``check_*`` functions validate what it refers to
(stage ids, finding ids, participants) against what the prompt showed. Both kinds of
problem go back to the model in the retry prompt. Quotes are not checked here: a
quote that fails the verifier is dropped and counted, never retried into shape.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from journeybot.core.stages import slugify

Row = Literal["action", "thought", "feeling", "pain_point"]
ProfileKind = Literal["goal", "pain_point", "behaviour"]

_ROW_ALIASES = {
    "action": "action",
    "actions": "action",
    "doing": "action",
    "thought": "thought",
    "thoughts": "thought",
    "thinking": "thought",
    "feeling": "feeling",
    "feelings": "feeling",
    "emotion": "feeling",
    "pain_point": "pain_point",
    "pain_points": "pain_point",
    "pain": "pain_point",
    "pains": "pain_point",
    "painpoint": "pain_point",
}


class QuoteRef(BaseModel):
    ref: str = Field(min_length=1)
    quote: str = Field(min_length=1)


# --- journey map -----------------------------------------------------------------


class Finding(BaseModel):
    stage: str = Field(min_length=1)
    row: Row
    claim: str = Field(min_length=1)
    polarity: float | None = Field(default=None, ge=-1.0, le=1.0)
    quotes: list[QuoteRef] = Field(min_length=1)

    @field_validator("row", mode="before")
    @classmethod
    def _row_alias(cls, value: object) -> object:
        if isinstance(value, str):
            key = value.strip().lower().replace(" ", "_").replace("-", "_")
            return _ROW_ALIASES.get(key, value)
        return value


class MapExtraction(BaseModel):
    findings: list[Finding]


class MergedClaim(BaseModel):
    text: str = Field(min_length=1)
    findings: list[str] = Field(min_length=1)


class MergedStage(BaseModel):
    stage: str
    actions: list[MergedClaim] = Field(default_factory=list)
    thoughts: list[MergedClaim] = Field(default_factory=list)
    feelings: list[MergedClaim] = Field(default_factory=list)
    pain_points: list[MergedClaim] = Field(default_factory=list)
    opportunities: list[MergedClaim] = Field(default_factory=list)

    def rows(self) -> dict[Row, list[MergedClaim]]:
        return {
            "action": self.actions,
            "thought": self.thoughts,
            "feeling": self.feelings,
            "pain_point": self.pain_points,
        }


class MapReduction(BaseModel):
    stages: list[MergedStage]


# --- personas --------------------------------------------------------------------


class ProfileItem(BaseModel):
    text: str = Field(min_length=1)
    quotes: list[QuoteRef] = Field(min_length=1)


class ParticipantProfile(BaseModel):
    participant: str = Field(min_length=1)
    summary: str = ""
    goals: list[ProfileItem] = Field(default_factory=list)
    pain_points: list[ProfileItem] = Field(default_factory=list)
    behaviours: list[ProfileItem] = Field(default_factory=list)

    def items(self) -> dict[ProfileKind, list[ProfileItem]]:
        return {"goal": self.goals, "pain_point": self.pain_points, "behaviour": self.behaviours}


class ProfileExtraction(BaseModel):
    participants: list[ParticipantProfile]


class ItemClaim(BaseModel):
    text: str = Field(min_length=1)
    items: list[str] = Field(min_length=1)


class MergedProfile(BaseModel):
    summary: str = ""
    goals: list[ItemClaim] = Field(default_factory=list)
    pain_points: list[ItemClaim] = Field(default_factory=list)
    behaviours: list[ItemClaim] = Field(default_factory=list)

    def items(self) -> dict[ProfileKind, list[ItemClaim]]:
        return {"goal": self.goals, "pain_point": self.pain_points, "behaviour": self.behaviours}


class PersonaDraft(BaseModel):
    name: str = Field(min_length=1)
    summary: str = ""
    participants: list[str] = Field(min_length=1)
    goals: list[ItemClaim] = Field(default_factory=list)
    pain_points: list[ItemClaim] = Field(default_factory=list)
    behaviours: list[ItemClaim] = Field(default_factory=list)
    dissent: list[ItemClaim] = Field(default_factory=list)

    def claim_rows(self) -> dict[str, list[ItemClaim]]:
        return {
            "goals": self.goals,
            "pain_points": self.pain_points,
            "behaviours": self.behaviours,
            "dissent": self.dissent,
        }


class PersonaGrouping(BaseModel):
    personas: list[PersonaDraft]


# --- answers ---------------------------------------------------------------------


class AnswerDraft(BaseModel):
    answer: str = Field(min_length=1)
    quotes: list[QuoteRef] = Field(default_factory=list)


# --- checks against the prompt ---------------------------------------------------


def stage_lookup(stage_ids: Sequence[str], names: Mapping[str, str]) -> dict[str, str]:
    """Every way a model may spell a stage (id, name, slug, any case) to its id."""
    lookup: dict[str, str] = {}
    for stage_id in stage_ids:
        for spelling in (stage_id, names.get(stage_id, stage_id)):
            lookup[spelling.strip().lower()] = stage_id
            lookup[slugify(spelling)] = stage_id
    return lookup


def check_extraction(
    extraction: MapExtraction, lookup: Mapping[str, str], valid: Collection[str]
) -> list[str]:
    """Unknown stages go back to the model; known spellings become the id in place.

    A feeling without a polarity is not sent back (a retry re-reads the whole chunk):
    the engine scores its verified quotes instead.
    """
    problems: list[str] = []
    for index, finding in enumerate(extraction.findings):
        stage = lookup.get(finding.stage.strip().lower()) or lookup.get(slugify(finding.stage))
        if stage is None:
            problems.append(
                f"findings[{index}].stage '{finding.stage}' is not one of: {', '.join(valid)}"
            )
        else:
            finding.stage = stage
    return problems


def check_reduction(
    reduction: MapReduction,
    stage_of: Mapping[str, str],
    pain_keys: Collection[str],
    expected_stages: Sequence[str],
    lookup: Mapping[str, str],
) -> list[str]:
    """Every stage answered once; every finding id exists and sits in its own stage."""
    problems: list[str] = []
    answered: list[str] = []
    for entry in reduction.stages:
        stage = lookup.get(entry.stage.strip().lower()) or lookup.get(slugify(entry.stage))
        if stage is None or stage not in expected_stages:
            problems.append(f"stage '{entry.stage}' was not asked for")
            continue
        entry.stage = stage
        answered.append(stage)
        problems.extend(_check_merged_rows(entry, stage_of, pain_keys))
    missing = [s for s in expected_stages if s not in answered]
    if missing:
        problems.append(f"these stages are missing: {', '.join(missing)}")
    twice = sorted({s for s in answered if answered.count(s) > 1})
    if twice:
        problems.append(f"these stages appear more than once: {', '.join(twice)}")
    return problems


def _check_merged_rows(
    entry: MergedStage, stage_of: Mapping[str, str], pain_keys: Collection[str]
) -> list[str]:
    problems: list[str] = []
    for row, claims in [*entry.rows().items(), ("opportunity", entry.opportunities)]:
        for claim in claims:
            for key in claim.findings:
                home = stage_of.get(key.strip())
                if home is None:
                    problems.append(f"{entry.stage} {row}: there is no finding '{key}'")
                elif home != entry.stage:
                    problems.append(
                        f"{entry.stage} {row}: finding '{key}' belongs to stage '{home}'"
                    )
                elif row == "opportunity" and key.strip() not in pain_keys:
                    problems.append(
                        f"{entry.stage} opportunity: '{key}' is not a pain_point finding"
                    )
    return problems


def check_profiles(extraction: ProfileExtraction, participants: Sequence[str]) -> list[str]:
    """Only participants who speak in the passages; spellings normalised in place."""
    canonical = {p.strip().lower(): p for p in participants}
    problems: list[str] = []
    seen: set[str] = set()
    for profile in extraction.participants:
        name = canonical.get(profile.participant.strip().lower())
        if name is None:
            problems.append(
                f"participant '{profile.participant}' does not speak in these passages "
                f"(those who do: {', '.join(participants)})"
            )
        elif name in seen:
            problems.append(f"participant '{name}' has more than one profile; give one")
        else:
            seen.add(name)
            profile.participant = name
    return problems


def check_merged_profile(profile: MergedProfile, keys: Collection[str]) -> list[str]:
    return [
        f"{kind}: there is no note '{key}'"
        for kind, claims in profile.items().items()
        for claim in claims
        for key in claim.items
        if key.strip() not in keys
    ]


def check_grouping(
    grouping: PersonaGrouping,
    owner_of: Mapping[str, str],
    participants: Sequence[str],
    bounds: tuple[int, int],
) -> list[str]:
    """Persona count in bounds, every participant exactly once, items from members only."""
    low, high = bounds
    problems: list[str] = []
    if not low <= len(grouping.personas) <= high:
        problems.append(f"there are {len(grouping.personas)} personas; give {low} to {high}")
    canonical = {p.strip().lower(): p for p in participants}
    placed: list[str] = []
    for persona in grouping.personas:
        persona.participants = [canonical.get(p.strip().lower(), p) for p in persona.participants]
        members = set(persona.participants)
        placed.extend(members)
        unknown = sorted(members - set(participants))
        if unknown:
            problems.append(f"persona '{persona.name}' names unknown participants: {unknown}")
        for row, claims in persona.claim_rows().items():
            for claim in claims:
                for key in claim.items:
                    owner = owner_of.get(key.strip())
                    if owner is None:
                        problems.append(f"persona '{persona.name}' {row}: no item '{key}'")
                    elif owner not in members:
                        problems.append(
                            f"persona '{persona.name}' {row}: item '{key}' is from {owner}, "
                            "who is not in this persona"
                        )
    missing = [p for p in participants if p not in placed]
    if missing:
        problems.append(f"these participants are in no persona: {', '.join(missing)}")
    twice = sorted({p for p in placed if placed.count(p) > 1})
    if twice:
        problems.append(f"these participants are in more than one persona: {', '.join(twice)}")
    return problems
