"""What changed between two drafts of a map, in the terms a research lead follows.

A theme is the same theme across drafts when its claim id is the same, or, failing
that, when it sits in the same stage and row and cites at least one of the same quotes
(new evidence can change which quote leads a theme, and so its id). Verdicts and
action-plan cells of a theme whose id changed are carried to the new id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from journeybot.core.models import Claim, JourneyMap

#: A stage's feeling "moved" when its score changed by at least this much (-1..1 scale).
FEELING_MOVED = 0.15
ROWS = ("actions", "thoughts", "feelings", "pain_points", "opportunities")


@dataclass(frozen=True)
class ThemeChange:
    stage: str
    row: str
    text: str
    before: int
    after: int


@dataclass(frozen=True)
class FeelingMove:
    stage: str
    before: float
    after: float


@dataclass
class MapChanges:
    study: str
    since_draft: str
    draft: str
    new_themes: list[ThemeChange] = field(default_factory=list)
    grown: list[ThemeChange] = field(default_factory=list)
    shrunk: list[ThemeChange] = field(default_factory=list)
    feeling_moved: list[FeelingMove] = field(default_factory=list)
    new_moments: list[str] = field(default_factory=list)
    evidence_removed: list[ThemeChange] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def nothing(self) -> bool:
        return not (
            self.new_themes
            or self.grown
            or self.shrunk
            or self.feeling_moved
            or self.new_moments
            or self.evidence_removed
        )


def _claims(journey: JourneyMap) -> Iterator[tuple[str, str, Claim]]:
    for stage in journey.stages:
        for row in ROWS:
            for claim in getattr(stage, row):
                yield stage.name, row, claim


def compare(before: JourneyMap, after: JourneyMap, sources_now: set[str]) -> MapChanges:
    """Changes from ``before`` to ``after``; ``sources_now`` are the study's source ids."""
    changes = MapChanges(study=after.study, since_draft=before.draft_id, draft=after.draft_id)
    old = {claim.id: (stage, row, claim) for stage, row, claim in _claims(before)}
    matched: set[str] = set()
    for stage, row, claim in _claims(after):
        previous = old.get(claim.id) or _same_theme(old, matched, stage, row, claim)
        if previous is None:
            changes.new_themes.append(_change(stage, row, claim, 0, claim.participants))
            continue
        was = previous[2]
        matched.add(was.id)
        if was.id != claim.id:
            changes.renamed[was.id] = claim.id
        if claim.participants > was.participants:
            changes.grown.append(_change(stage, row, claim, was.participants, claim.participants))
        elif claim.participants < was.participants:
            changes.shrunk.append(_change(stage, row, claim, was.participants, claim.participants))
    for claim_id, (stage, row, claim) in old.items():
        gone = {c.source_id for c in claim.citations if c.source_id not in sources_now}
        if claim_id not in matched and gone:
            # No wording kept: it may be the words of a participant who was forgotten.
            removed = ThemeChange(stage=stage, row=row, text="", before=claim.participants, after=0)
            changes.evidence_removed.append(removed)
    _stage_changes(before, after, changes)
    return changes


def _same_theme(
    old: dict[str, tuple[str, str, Claim]], matched: set[str], stage: str, row: str, claim: Claim
) -> tuple[str, str, Claim] | None:
    quotes = {(c.segment_id, c.quote) for c in claim.citations}
    for was_stage, was_row, was in old.values():
        if was.id in matched or (was_stage, was_row) != (stage, row):
            continue
        if quotes & {(c.segment_id, c.quote) for c in was.citations}:
            return was_stage, was_row, was
    return None


def _stage_changes(before: JourneyMap, after: JourneyMap, changes: MapChanges) -> None:
    previous = {stage.id: stage for stage in before.stages}
    for stage in after.stages:
        was = previous.get(stage.id)
        if was is None:
            continue
        has_score = stage.emotion_participants > 0 and was.emotion_participants > 0
        if has_score and abs(stage.emotion - was.emotion) >= FEELING_MOVED:
            changes.feeling_moved.append(FeelingMove(stage.name, was.emotion, stage.emotion))
        if stage.moment_of_truth is not None and was.moment_of_truth is None:
            changes.new_moments.append(f"{stage.name}: {stage.moment_of_truth.reason}")


def _change(stage: str, row: str, claim: Claim, before: int, after: int) -> ThemeChange:
    return ThemeChange(stage=stage, row=row, text=claim.text, before=before, after=after)


def summary_lines(changes: MapChanges) -> list[str]:
    """The change summary as plain sentences, one per change (shared by CLI and Slack)."""
    if changes.nothing:
        return ["Nothing in the map changed."]
    lines = [
        f"New theme at {c.stage} ({_row(c.row)}, {c.after}): {c.text}" for c in changes.new_themes
    ]
    lines += [
        f"Grew from {c.before} to {c.after} participants at {c.stage}: {c.text}"
        for c in changes.grown
    ]
    lines += [
        f"Shrank from {c.before} to {c.after} participants at {c.stage}: {c.text}"
        for c in changes.shrunk
    ]
    lines += [
        f"Feeling at {m.stage} moved from {m.before:+.2f} to {m.after:+.2f}"
        for m in changes.feeling_moved
    ]
    lines += [f"New moment of truth at {text}" for text in changes.new_moments]
    lines += [
        f"A {_row(c.row)} at {c.stage} ({c.before} participant{'s' if c.before != 1 else ''}) "
        "lost its evidence and left the map"
        for c in changes.evidence_removed
    ]
    return lines


_ROW_NAMES = {
    "actions": "action",
    "thoughts": "thought",
    "feelings": "feeling",
    "pain_points": "pain point",
    "opportunities": "opportunity",
}


def _row(row: str) -> str:
    return _ROW_NAMES.get(row, row)
