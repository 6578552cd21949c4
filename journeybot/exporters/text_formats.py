"""The draft as one JSON document, and as Markdown readable on GitHub or pasted in chat.

Both follow the Word file's sections and numbering, so a quote is [7] in every format.
"""

from __future__ import annotations

import json
import re
from typing import Any

from journeybot.core.models import Citation, Claim, Persona, StageInsight
from journeybot.exporters.bundle import (
    MAP_ROWS,
    PERSONA_ROWS,
    STATUS_LABELS,
    EvidenceIndex,
    ExportBundle,
    build_evidence_index,
    claim_entries,
    clean_text,
    coverage_statement,
    feeling_polarity,
    is_supported,
    long_date,
    notes_caveat,
    participants_label,
    persona_title,
    polarity_word,
    signed,
    timestamp,
)
from journeybot.exporters.chart import stage_score
from journeybot.exporters.identity import ACTION_HEADERS, VALIDATION_HEADERS, review_key

JSON_FORMAT = "journeybot.export"
JSON_VERSION = 1

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def render_json(bundle: ExportBundle) -> str:
    """Everything in the bundle plus the evidence numbering and the validation rows."""
    index = build_evidence_index(bundle)
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "study": bundle.study,
        "draft_id": bundle.draft_id,
        "generated_at": bundle.generated_at.isoformat(),
        "persona": bundle.journey.persona,
        "persona_name": persona_title(bundle),
        "stages": [stage.model_dump(mode="json") for stage in bundle.stages],
        "personas": [persona.model_dump(mode="json") for persona in bundle.personas],
        "persona_notes": list(bundle.persona_notes),
        "journey": bundle.journey.model_dump(mode="json"),
        "evidence": [
            {"number": number, **citation.model_dump(mode="json")}
            for number, citation in enumerate(index.citations, start=1)
        ],
        "validation": [
            {
                "claim_id": entry.claim.id,
                "where": entry.where,
                "text": entry.claim.text,
                "status": entry.claim.status.value,
                "comment": entry.claim.comment,
                "supported": is_supported(entry.claim),
                "participants": entry.claim.participants,
                "evidence": index.numbers(entry.claim.citations),
            }
            for entry in claim_entries(bundle)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def escape_md(text: str) -> str:
    """Inline-safe Markdown: markup characters escaped, line breaks folded to spaces."""
    flat = " ".join(clean_text(text).split())
    return _ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", flat))


def render_markdown(bundle: ExportBundle) -> str:
    index = build_evidence_index(bundle)
    lines: list[str] = []
    lines += _md_cover(bundle)
    lines += _md_scope(bundle)
    lines += _md_personas(bundle, index)
    lines += _md_journey(bundle, index)
    lines += _md_action_plan(bundle)
    lines += _md_validation(bundle)
    lines += _md_evidence(index)
    lines += _md_method(bundle, index)
    return "\n".join(lines).rstrip() + "\n"


def _md_claim(claim: Claim, index: EvidenceIndex) -> str:
    text = escape_md(claim.text)
    parts = [text if is_supported(claim) else f"**Unsupported:** *{text}*"]
    polarity = feeling_polarity(claim)
    if polarity is not None:
        parts.append(f"*({polarity_word(polarity)}, {signed(polarity)})*")
    refs = "".join(f"[{n}]" for n in index.numbers(claim.citations))
    if refs:
        parts.append(refs)
    tail = [participants_label(claim.participants) if is_supported(claim) else "no verified quote"]
    if is_supported(claim) and claim.thin:
        tail.append("**thin evidence**")
    if claim.status.value != "unreviewed":
        tail.append(f"*reviewed: {STATUS_LABELS[claim.status].lower()}*")
    return " ".join(parts) + " · " + " · ".join(tail)


def _md_quote(citation: Citation, index: EvidenceIndex) -> str:
    number = index.number(citation)
    return f"> “{escape_md(citation.quote)}” — {escape_md(citation.attribution)} [{number}]"


def _md_cover(bundle: ExportBundle) -> list[str]:
    return [
        f"# {escape_md(bundle.study)}: {escape_md(persona_title(bundle))}",
        "",
        f"**Draft for validation** · {long_date(bundle.generated_at)}",
        "",
        f"> {escape_md(coverage_statement(bundle.journey.coverage))}",
        "",
    ]


def _md_personas(bundle: ExportBundle, index: EvidenceIndex) -> list[str]:
    lines = ["## Personas", ""]
    if not bundle.personas:
        lines += ["*No personas were drafted.*", ""]
    for note in bundle.persona_notes:
        lines += [f"*{escape_md(note)}*", ""]
    for persona in bundle.personas:
        lines += _md_persona(persona, index)
    return lines


def _md_persona(persona: Persona, index: EvidenceIndex) -> list[str]:
    lines = [f"### {escape_md(persona.name)}", "", escape_md(persona.summary), ""]
    for attr, label in PERSONA_ROWS:
        lines += _md_claim_block(label, getattr(persona, attr), index)
    lines += ["**Representative quotes**", ""]
    for citation in persona.quotes:
        lines += [_md_quote(citation, index), ""]
    names = ", ".join(escape_md(name) for name in persona.participants) or "none listed"
    lines += [f"**Participants:** {names}", ""]
    lines += _md_claim_block("Dissent", persona.dissent, index)
    return lines


def _md_claim_block(label: str, claims: list[Claim], index: EvidenceIndex) -> list[str]:
    lines = [f"**{label}**", ""]
    if not claims:
        return [*lines, "*None drafted.*", ""]
    return [*lines, *(f"- {_md_claim(claim, index)}" for claim in claims), ""]


def _md_journey(bundle: ExportBundle, index: EvidenceIndex) -> list[str]:
    lines = [
        "## Journey map",
        "",
        "Numbers in brackets point to the evidence list; **thin evidence** marks a claim "
        "from one participant; **Unsupported** marks a claim with no verified quote.",
        "",
    ]
    for number, stage in enumerate(bundle.journey.stages, start=1):
        lines += _md_stage(number, stage, index)
    lines += ["### Emotion curve", "", "| Stage | Emotion | Participants |", "|---|---|---|"]
    for stage in bundle.journey.stages:
        score = stage_score(stage)
        shown = "no evidence" if score is None else signed(score)
        lines.append(f"| {escape_md(stage.name)} | {shown} | {stage.emotion_participants} |")
    return [*lines, ""]


def _md_stage(number: int, stage: StageInsight, index: EvidenceIndex) -> list[str]:
    lines = [f"### {number}. {escape_md(stage.name)}", ""]
    if not stage.has_evidence:
        return [*lines, "*No evidence was placed at this stage.*", ""]
    score = stage_score(stage)
    emotion = "no score" if score is None else signed(score)
    people = participants_label(stage.emotion_participants)
    lines += [f"Emotion {emotion} ({people}) · {stage.segments} segments", ""]
    for attr, label in MAP_ROWS:
        if getattr(stage, attr):  # empty rows would only add noise to a long page
            lines += _md_claim_block(label, getattr(stage, attr), index)
    return lines + _md_stage_extras(stage, index)


def _md_scope(bundle: ExportBundle) -> list[str]:
    scope = bundle.journey.scope
    return [
        f"**Actor:** {escape_md(scope.actor or 'All participants')} · "
        f"**Scenario:** {escape_md(scope.scenario) if scope.scenario else '*not set*'} · "
        f"**Goal:** {escape_md(scope.goal) if scope.goal else '*not set*'}",
        "",
    ]


def _md_refs(citations: list[Citation], index: EvidenceIndex) -> str:
    return "".join(f"[{n}]" for n in index.numbers(citations))


def _md_stage_extras(stage: StageInsight, index: EvidenceIndex) -> list[str]:
    lines: list[str] = []
    if stage.moment_of_truth is not None:
        flag = stage.moment_of_truth
        lines += [
            f"**★ Moment of truth:** {escape_md(flag.reason)} {_md_refs(flag.citations, index)}"
        ]
    if stage.touchpoints:
        named = "; ".join(
            f"{escape_md(t.name)} ({participants_label(t.participants)}) "
            + _md_refs(t.citations, index)
            for t in stage.touchpoints
        )
        lines += [f"**Touchpoints:** {named}"]
    for switch in stage.channel_switches:
        lines += [
            f"- Channel switch (friction): {escape_md(' → '.join(switch.channels))}, "
            f"{escape_md(switch.participant)} {_md_refs([switch.citation], index)}"
        ]
    for gap in stage.expectation_gaps:
        expected, experienced = _md_claim(gap.expected, index), _md_claim(gap.experienced, index)
        lines += [f"- Expectation gap: {expected} — {experienced}"]
    return [*lines, ""] if lines else []


def _md_action_plan(bundle: ExportBundle) -> list[str]:
    plan = bundle.journey.action_plan
    if not plan:
        return []
    lines = [
        "## Action plan",
        "",
        "| " + " | ".join(ACTION_HEADERS) + " |",
        "|---" * len(ACTION_HEADERS) + "|",
    ]
    for item in plan:
        cells = item.cells
        lines.append(
            f"| {item.opportunity_id} | {escape_md(item.text)} ({escape_md(item.stage)}) | "
            f"{item.impact:.2f} ({escape_md(item.impact_basis)}) | "
            f"{escape_md(item.suggested_metric)} | "
            f"{escape_md(cells.feasibility or '')} | {escape_md(cells.owner or '')} | "
            f"{escape_md(cells.metric or '')} | {cells.due or ''} |"
        )
    return [*lines, ""]


def _md_validation(bundle: ExportBundle) -> list[str]:
    lines = [
        "## Validation",
        "",
        "Review each claim in the Word export (Status: Confirmed, Change or Remove).",
        "",
        escape_md(review_key(bundle.study, bundle.draft_id)),
        "",
        "| " + " | ".join(VALIDATION_HEADERS) + " |",
        "|" + "---|" * len(VALIDATION_HEADERS),
    ]
    for entry in claim_entries(bundle):
        claim = entry.claim
        cells = [
            escape_md(claim.id) or "—",
            escape_md(entry.where),
            ("" if is_supported(claim) else "**Unsupported:** ") + escape_md(claim.text),
            STATUS_LABELS[claim.status],
            escape_md(claim.comment or ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _md_evidence(index: EvidenceIndex) -> list[str]:
    lines = ["## Evidence", ""]
    if not index.citations:
        return [*lines, "*No quotes were cited.*", ""]
    for number, citation in enumerate(index.citations, start=1):
        where = f"{escape_md(citation.source)}, {escape_md(citation.location)}"
        link = f" ([Slack message]({citation.permalink}))" if citation.permalink else ""
        quote = escape_md(citation.quote)
        who = escape_md(citation.attribution)
        lines.append(f"- **[{number}]** “{quote}” — **{who}**, {where}{link}")
    return [*lines, ""]


def _md_method(bundle: ExportBundle, index: EvidenceIndex) -> list[str]:
    coverage = bundle.journey.coverage
    prompts = ", ".join(f"{k} {v}" for k, v in sorted(coverage.prompt_versions.items()))
    lines = [
        "## Method",
        "",
        escape_md(coverage_statement(coverage)),
        "",
        f"- **Sources:** {', '.join(escape_md(s) for s in coverage.sources) or 'none'}",
        f"- **Engine:** {escape_md(coverage.engine)}",
        f"- **Model:** {escape_md(coverage.model or 'none (offline extractive drafting)')}",
        f"- **Prompt versions:** {escape_md(prompts) or 'none'}",
        f"- **Draft:** {escape_md(bundle.draft_id) or 'not stored'}",
        f"- **Exported:** {timestamp(bundle.generated_at)}",
        "",
        "**Stages**",
        "",
    ]
    for stage in bundle.stages or bundle.journey.stages:
        lines.append(f"- **{escape_md(stage.name)}**: {escape_md(stage.description)}")
    lines += [
        "",
        "Every quote was found verbatim in a participant's own turns of a stored source; "
        "interviewer words are never cited as evidence." + notes_caveat(index),
    ]
    return lines
