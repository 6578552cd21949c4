"""Upload progress and per-file results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.bot.blocks.common import Block, context, plural, sections
from journeybot.bot.blocks.limits import Message, paginate
from journeybot.bot.mrkdwn import escape, escape_entities
from journeybot.core.models import IngestResult, IngestStatus, ReviewReport, Stage
from journeybot.core.text import short_list


@dataclass(frozen=True)
class ReviewApplied:
    """A reviewed Journeybot Word file whose verdicts were applied."""

    file: str
    report: ReviewReport


@dataclass(frozen=True)
class StagesSet:
    """A stages file that set the study's journey stages."""

    file: str
    stages: list[Stage]


FileOutcome = IngestResult | ReviewApplied | StagesSet


def progress_text(total: int, done: int | None = None) -> str:
    reading = f"Reading {plural(total, 'file')}..."
    return reading if done is None else f"{reading} {done} of {total} done"


def results_messages(
    study: str, outcomes: list[FileOutcome], *, proposals: Sequence[str] = ()
) -> list[Message]:
    failed = sum(isinstance(o, IngestResult) and o.status is IngestStatus.ERROR for o in outcomes)
    summary = (
        f"Study *{escape(study)}*: {len(outcomes) - failed} of "
        f"{plural(len(outcomes), 'file')} done" + (f", {failed} failed" if failed else "")
    )
    blocks: list[Block] = [*sections(summary)]
    for outcome in outcomes:
        blocks.extend(sections(outcome_line(outcome)))
    if proposals:
        blocks.extend(sections("\n".join(f":link: {escape(line)}" for line in proposals)))
    if failed:
        blocks.append(context("Fix the failed files and share them again; the others are kept."))
    return paginate(summary, blocks)


def action_plan_note(report: ReviewReport) -> str:
    """The action-plan rows read back, and each cell that could not be used."""
    if not (report.actions_applied or report.action_problems):
        return ""
    note = f"; action plan: {plural(report.actions_applied, 'row')} read back"
    return note + "".join(f"\n:warning: {escape(p)}" for p in report.action_problems)


def outcome_line(outcome: FileOutcome) -> str:
    if isinstance(outcome, ReviewApplied):
        r = outcome.report
        return (
            f":ballot_box_with_check: *{escape(outcome.file)}*: review applied: "
            f"{r.confirmed} confirmed, {r.changed} changed, {r.removed} removed, "
            f"{r.unreviewed} unreviewed"
            + (f", {plural(len(r.unknown), 'unknown claim id')}" if r.unknown else "")
            + action_plan_note(r)
        )
    if isinstance(outcome, StagesSet):
        names = ", ".join(escape(s.name) for s in outcome.stages)
        return f":world_map: *{escape(outcome.file)}*: journey stages set: {names}"
    return _ingest_line(outcome)


def _ingest_line(result: IngestResult) -> str:
    name = f"*{escape(result.file)}*"
    if result.status is IngestStatus.ERROR:
        reason = (result.error or "it could not be read").removeprefix(f"{result.file}: ")
        return f":warning: {name}: failed: {escape_entities(reason)}"
    if result.status is IngestStatus.DUPLICATE:
        earlier = f" of {escape(result.duplicate_of)}" if result.duplicate_of else ""
        line = f":recycle: {name}: duplicate{earlier}, nothing new added"
        return line + "".join(f"\n  _note:_ {escape(w)}" for w in result.warnings)
    people = short_list([escape(p) for p in result.participants], limit=20) or "none"
    line = (
        f":white_check_mark: {name}: {plural(len(result.participants), 'participant')} "
        f"({people}), {plural(result.segments, 'segment')}"
    )
    if result.roles:
        line += f"\n  _roles:_ {escape(result.roles)}"
    if result.warnings:
        line += "\n" + "\n".join(f"  _note:_ {escape(w)}" for w in result.warnings)
    return line
