"""Terminal rendering of the map's action layer: scope, touchpoints, expectation gaps,
moments of truth, the action plan and what changed between drafts."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from journeybot.core.models import ActionItem, Scope, StageInsight
from journeybot.service.changes import MapChanges, summary_lines


def scope_text(scope: Scope) -> Text:
    text = Text()
    text.append("Actor: ", style="bold")
    text.append(scope.actor or "All participants")
    text.append("  Scenario: ", style="bold")
    text.append(scope.scenario or "not set (journeybot scope --scenario ...)")
    text.append("  Goal: ", style="bold")
    text.append(scope.goal or "not set (journeybot scope --goal ...)")
    return text


def scope(console: Console, study: str, value: Scope) -> None:
    console.print(Text(f"Scope of study '{study}'", style="bold"))
    console.print(scope_text(value))


def stage_extras(stage: StageInsight) -> list[Text | Group]:
    """Touchpoints, channel switches, expectation gaps and the moment-of-truth flag."""
    parts: list[Text | Group] = []
    if stage.moment_of_truth is not None:
        parts.append(Text(f"★ Moment of truth: {stage.moment_of_truth.reason}", style="bold red"))
    if stage.touchpoints:
        named = ", ".join(f"{t.name} ({t.participants})" for t in stage.touchpoints)
        parts.append(Text(f"Touchpoints: {named}"))
    for switch in stage.channel_switches:
        parts.append(
            Text(
                f"Channel switch ({' → '.join(switch.channels)}), {switch.participant}: "
                f"“{switch.citation.quote}”",
                style="yellow",
            )
        )
    for gap in stage.expectation_gaps:
        parts.append(Text(f"Expectation gap: {gap.expected.text} / {gap.experienced.text}"))
    return parts


def action_plan(console: Console, study: str, plan: Sequence[ActionItem]) -> None:
    """One row per opportunity: impact, stage, and the opportunity with the team's cells
    under it, so the text keeps most of the width (an 80-column terminal included)."""
    table = Table(
        title=f"Action plan of study '{study}' (by impact)",
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("impact", justify="right", no_wrap=True, width=6)
    table.add_column("stage", max_width=STAGE_WIDTH, overflow="fold")
    table.add_column("opportunity", ratio=1)
    for item in plan:
        opportunity = Text(item.text)
        opportunity.append(f"\n{_cells_line(item)}", style="dim")
        table.add_row(f"{item.impact:.2f}", item.stage, opportunity)
    console.print(table)
    if not plan:
        console.print("No opportunities were drafted yet.")


#: The stage column's widest: long stage names wrap rather than squeeze the opportunity.
STAGE_WIDTH = 16


def _cells_line(item: ActionItem) -> str:
    cells = item.cells
    return " · ".join(
        (
            f"id {item.opportunity_id}",
            f"feasibility {cells.feasibility or '—'}",
            f"owner {cells.owner or 'unowned'}",
            f"metric {cells.metric or f'(suggested: {item.suggested_metric})'}",
            f"due {cells.due or '—'}",
        )
    )


def touchpoint_names(console: Console, study: str, names: dict[str, list[str]]) -> None:
    if not names:
        console.print(f"Study '{study}' uses the built-in channels only.")
    for name, variants in names.items():
        console.print(f"{name}: {', '.join(variants) or '(the name itself)'}")


def map_changes(console: Console, changes: MapChanges) -> None:
    console.print(
        Text(
            f"Changes in study '{changes.study}' since draft {changes.since_draft} "
            f"(now {changes.draft})",
            style="bold",
        )
    )
    for line in summary_lines(changes):
        console.print(Text(f"- {line}"))
