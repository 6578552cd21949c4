"""Personas and journey maps as Slack messages; every claim carries its quotes."""

from __future__ import annotations

from collections.abc import Sequence

from journeybot.bot.blocks.actions import scope_context, stage_extra_blocks
from journeybot.bot.blocks.common import (
    Block,
    claim_block,
    context,
    divider,
    header,
    plural,
    quote_block,
    sections,
)
from journeybot.bot.blocks.limits import Message, paginate
from journeybot.bot.mrkdwn import escape
from journeybot.core.models import Claim, Coverage, JourneyMap, Persona, PersonaSet, StageInsight
from journeybot.core.text import short_list

_CURVE = "▁▂▃▄▅▆▇█"


def personas_messages(persona_set: PersonaSet) -> list[Message]:
    title = f"Draft personas for {persona_set.study}"
    blocks: list[Block] = [header(title), coverage_context(persona_set.coverage)]
    reason = str(persona_set.clustering.get("reason", ""))
    blocks.extend(notes_blocks([reason] if reason else []))
    blocks.extend(notes_blocks(persona_set.coverage.notes))
    if not persona_set.personas:
        blocks.extend(sections("No personas could be drafted from this evidence yet."))
    for persona in persona_set.personas:
        blocks.append(divider())
        blocks.extend(_persona_blocks(persona))
    return paginate(escape(title), blocks)


def _persona_blocks(persona: Persona) -> list[Block]:
    people = short_list([escape(p) for p in persona.participants], limit=20)
    blocks: list[Block] = [
        header(persona.name),
        *sections(f"{escape(persona.summary)}\n*Participants:* {people}"),
    ]
    for title, claims in (
        ("Goals", persona.goals),
        ("Pain points", persona.pain_points),
        ("Behaviours", persona.behaviours),
        ("Where participants disagree", persona.dissent),
    ):
        blocks.extend(_claim_group(title, claims))
    if persona.quotes:
        blocks.extend(sections("*In their words*"))
        blocks.extend(quote_block(c) for c in persona.quotes)
    return blocks


def map_messages(journey: JourneyMap) -> list[Message]:
    who = f" ({journey.persona_name or journey.persona})" if journey.persona else ""
    title = f"Draft journey map for {journey.study}{who}"
    blocks: list[Block] = [
        header(title),
        scope_context(journey.scope),
        coverage_context(journey.coverage),
        *notes_blocks(journey.coverage.notes),
        *sections(f"*Emotion curve*\n{escape(emotion_curve(journey.stages))}"),
    ]
    for stage in journey.stages:
        blocks.append(divider())
        blocks.extend(_stage_blocks(stage))
    return paginate(escape(title), blocks)


def emotion_curve(stages: Sequence[StageInsight]) -> str:
    """One bar per stage, low to high, so the shape reads at a glance."""
    lines = []
    for stage in stages:
        if not stage.has_evidence:
            lines.append(f"  · {stage.name}: no evidence")
            continue
        level = round((stage.emotion + 1) / 2 * (len(_CURVE) - 1))
        flag = " ★ moment of truth" if stage.moment_of_truth else ""
        lines.append(f"{_CURVE[level]} {stage.name}: {stage.emotion:+.2f}{flag}")
    return "\n".join(lines)


def _stage_blocks(stage: StageInsight) -> list[Block]:
    if not stage.has_evidence:
        note = f"*{escape(stage.name)}*: no evidence placed at this stage yet."
        return sections(note)
    lead = (
        f"*{escape(stage.name)}* · emotion {stage.emotion:+.2f} "
        f"({plural(stage.emotion_participants, 'participant')}) · "
        f"{plural(stage.segments, 'segment')}"
    )
    blocks = sections(lead)
    blocks.extend(_claim_group("Actions", stage.actions))
    blocks.extend(_claim_group("Thoughts", stage.thoughts))
    if stage.feelings:
        blocks.extend(sections("*Feelings*"))
        blocks.extend(claim_block(f, polarity=f.polarity) for f in stage.feelings)
    blocks.extend(_claim_group("Pain points", stage.pain_points))
    blocks.extend(_claim_group("Opportunities", stage.opportunities))
    blocks.extend(stage_extra_blocks(stage))
    return blocks


def _claim_group(title: str, claims: Sequence[Claim]) -> list[Block]:
    if not claims:
        return []
    return [*sections(f"*{title}*"), *(claim_block(c) for c in claims)]


def notes_blocks(notes: Sequence[str]) -> list[Block]:
    """What the draft says about itself (a stage list that fits badly, why this many
    personas, a part left out): said where the draft is read, not only in the export."""
    return [context(f":information_source: {escape(note)}") for note in notes if note.strip()]


def coverage_context(coverage: Coverage) -> Block:
    model = f" ({escape(coverage.model)})" if coverage.model else ""
    return context(
        f"Read {plural(len(coverage.sources), 'source')}, "
        f"{plural(len(coverage.participants), 'participant')}, "
        f"{plural(coverage.segments_read, 'segment')}; cited {coverage.segments_cited}",
        f"engine: {escape(coverage.engine)}{model}",
        f"drafted {coverage.created_at:%Y-%m-%d %H:%M} UTC",
        "A draft: check it with the team before the workshop.",
    )
