"""Blocks for the map's action layer: scope, per-stage touchpoints and moments of truth,
the action plan, and what changed since the last draft."""

from __future__ import annotations

from collections.abc import Sequence

from journeybot.bot.blocks.common import Block, context, header, quote_block, sections
from journeybot.bot.blocks.limits import Message, paginate
from journeybot.bot.mrkdwn import escape
from journeybot.core.models import ActionItem, Scope, StageInsight
from journeybot.service.changes import MapChanges, summary_lines

#: Quotes shown under a moment-of-truth flag in Slack; the Word export has them all.
FLAG_QUOTES = 2


def scope_context(scope: Scope) -> Block:
    return context(
        f"*Actor:* {escape(scope.actor or 'All participants')}",
        f"*Scenario:* {escape(scope.scenario) if scope.scenario else '_not set_'}",
        f"*Goal:* {escape(scope.goal) if scope.goal else '_not set_'}",
    )


def scope_messages(study: str, scope: Scope, *, changed_by: str | None = None) -> list[Message]:
    lead = f"Scope of study *{escape(study)}*"
    if changed_by:
        lead = f"<@{changed_by}> set the scope of study *{escape(study)}*"
    return [Message(f"Scope of {study}", [*sections(lead), scope_context(scope)])]


def touchpoints_messages(
    study: str, names: dict[str, list[str]], *, changed_by: str | None = None
) -> list[Message]:
    lead = f"Touchpoint names of study *{escape(study)}*"
    if changed_by:
        lead = f"<@{changed_by}> added touchpoint names to study *{escape(study)}*"
    lines = [
        f"• *{escape(n)}*: {escape(', '.join(v)) or '_the name itself_'}" for n, v in names.items()
    ]
    body = "\n".join(lines) or "Only the built-in channels (website, app, e-mail, phone...)."
    return [Message(f"Touchpoints of {study}", [*sections(lead), *sections(body)])]


def stage_extra_blocks(stage: StageInsight) -> list[Block]:
    """The flag (with its evidence), touchpoints, switches and expectation gaps."""
    blocks: list[Block] = []
    flag = stage.moment_of_truth
    if flag is not None:
        blocks.extend(sections(f":star: *Moment of truth:* {escape(flag.reason)}"))
        blocks.extend(quote_block(c) for c in flag.citations[:FLAG_QUOTES])
    lines: list[str] = []
    if stage.touchpoints:
        named = ", ".join(f"{escape(t.name)} ({t.participants})" for t in stage.touchpoints)
        lines.append(f"*Touchpoints:* {named}")
    for switch in stage.channel_switches:
        lines.append(
            f"*Channel switch* ({escape(' → '.join(switch.channels))}), "
            f"{escape(switch.participant)}: “{escape(switch.citation.quote)}”"
        )
    for gap in stage.expectation_gaps:
        lines.append(
            f"*Expectation gap:* {escape(gap.expected.text)} / {escape(gap.experienced.text)}"
        )
    if lines:
        blocks.extend(sections("\n".join(lines)))
    return blocks


def actions_messages(study: str, plan: Sequence[ActionItem]) -> list[Message]:
    title = f"Action plan for {study}"
    blocks: list[Block] = [header(title)]
    if not plan:
        blocks.extend(sections("No opportunities were drafted yet."))
    for number, item in enumerate(plan, start=1):
        cells = item.cells
        owner = escape(cells.owner) if cells.owner else "_unowned_"
        metric = (
            escape(cells.metric) if cells.metric else f"suggested: {escape(item.suggested_metric)}"
        )
        blocks.extend(
            sections(
                f"*{number}. {escape(item.text)}* ({escape(item.stage)})\n"
                f"Impact {item.impact:.2f} · feasibility {escape(cells.feasibility or '—')} · "
                f"owner {owner} · metric {metric} · due {escape(cells.due or '—')}"
            )
        )
        blocks.append(context(escape(item.impact_basis), f"`{escape(item.opportunity_id)}`"))
    return paginate(escape(title), blocks)


def changes_messages(changes: MapChanges) -> list[Message]:
    """One message: what the new evidence changed in the study's journey map."""
    title = f"The journey map of {changes.study} was re-drafted: what changed"
    lines = "\n".join(f"• {escape(line)}" for line in summary_lines(changes))
    blocks: list[Block] = [
        *sections(f"*{escape(title)}*"),
        *sections(lines),
        context(f"Draft `{escape(changes.draft)}`, compared with `{escape(changes.since_draft)}`"),
    ]
    return paginate(escape(title), blocks)
