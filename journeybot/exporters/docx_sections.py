"""The prose sections of the Word draft: cover, persona profiles, evidence, method."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.shared import Cm, Pt
from docx.table import _Cell

from journeybot.core.models import Citation, Persona
from journeybot.exporters.bundle import (
    PERSONA_ROWS,
    EvidenceIndex,
    ExportBundle,
    clean_text,
    coverage_statement,
    long_date,
    notes_caveat,
    persona_title,
    timestamp,
)
from journeybot.exporters.docx_claims import (
    evidence_anchor,
    write_claim_list,
    write_quote,
)
from journeybot.exporters.docx_kit import (
    ACCENT,
    MUTED,
    add_body_row,
    add_bookmark,
    add_link,
    add_run,
    cell_paragraph,
    headed_table,
    set_page,
    text_width,
)

EVIDENCE_FONT = 8.5


def write_cover(document: DocumentObject, bundle: ExportBundle, index: EvidenceIndex) -> None:
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_before = Cm(5)
    document.add_paragraph(clean_text(bundle.study), style="Title")
    document.add_paragraph(f"Journey map and personas: {persona_title(bundle)}", style="Subtitle")
    status = document.add_paragraph()
    add_run(status, "Draft for validation", bold=True, color=ACCENT, size=14)
    add_run(document.add_paragraph(), long_date(bundle.generated_at), size=12)
    coverage = document.add_paragraph()
    coverage.paragraph_format.space_before = Pt(24)
    add_run(coverage, coverage_statement(bundle.journey.coverage))
    guide = document.add_paragraph()
    add_run(
        guide,
        "Every quote in this draft is a participant's own words, found verbatim in the "
        f"stored transcripts.{notes_caveat(index)} Please confirm, "
        "change or remove each claim in the validation table near the end, then send the "
        "file back to Journeybot.",
        italic=True,
        color=MUTED,
    )


def write_personas(document: DocumentObject, bundle: ExportBundle, index: EvidenceIndex) -> None:
    heading = document.add_heading("Personas", level=1)
    heading.paragraph_format.page_break_before = True
    if not bundle.personas:
        add_run(document.add_paragraph(), "No personas were drafted.", italic=True, color=MUTED)
    for note in bundle.persona_notes:
        add_run(document.add_paragraph(), clean_text(note), italic=True, color=MUTED)
    for persona in bundle.personas:
        _write_persona(document, persona, index)


def _write_persona(document: DocumentObject, persona: Persona, index: EvidenceIndex) -> None:
    document.add_heading(clean_text(persona.name), level=2)
    add_run(document.add_paragraph(), clean_text(persona.summary))
    for attr, label in PERSONA_ROWS:
        document.add_heading(label, level=3)
        write_claim_list(document, getattr(persona, attr), index, f"No {label.lower()} drafted.")
    document.add_heading("Representative quotes", level=3)
    if not persona.quotes:
        add_run(document.add_paragraph(), "No quotes selected.", italic=True, color=MUTED)
    for citation in persona.quotes:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6)
        write_quote(paragraph, citation, index)
    document.add_heading("Participants", level=3)
    names = ", ".join(clean_text(name) for name in persona.participants) or "None listed."
    add_run(document.add_paragraph(), names)
    document.add_heading("Dissent", level=3)
    write_claim_list(document, persona.dissent, index, "No dissenting views recorded.")


def write_evidence(document: DocumentObject, index: EvidenceIndex) -> None:
    """Back to portrait: the appendix and method read like a report."""
    set_page(document.add_section(WD_SECTION.NEW_PAGE), landscape=False)
    document.add_heading("Evidence", level=1)
    add_run(
        document.add_paragraph(),
        "Each quote is numbered once; the numbers in brackets throughout the draft point "
        f"here. Quotes are verbatim participant words.{notes_caveat(index)}",
    )
    if not index.citations:
        add_run(document.add_paragraph(), "No quotes were cited.", italic=True, color=MUTED)
        return
    width = text_width(document.sections[-1])
    widths = [Cm(1.1), int(width * 0.6) - Cm(1.1), width - int(width * 0.6)]
    headers = ("#", "Quote", "Who and where")
    table = headed_table(document, widths, headers, size=EVIDENCE_FONT)
    for number, citation in enumerate(index.citations, start=1):
        _write_evidence_row(add_body_row(table, widths), number, citation)


def _write_evidence_row(cells: tuple[_Cell, ...], number: int, citation: Citation) -> None:
    label = cell_paragraph(cells[0], first=True)
    add_run(label, f"[{number}]", bold=True, size=EVIDENCE_FONT)
    add_bookmark(label, evidence_anchor(number), number)
    quote = cell_paragraph(cells[1], first=True)
    add_run(quote, f"“{clean_text(citation.quote)}”", size=EVIDENCE_FONT)
    who = cell_paragraph(cells[2], first=True)
    add_run(who, clean_text(citation.attribution), bold=True, size=EVIDENCE_FONT)
    where = cell_paragraph(cells[2], first=False)
    place = f"{clean_text(citation.source)}, {clean_text(citation.location)}"
    add_run(where, place, color=MUTED, size=EVIDENCE_FONT)
    if citation.permalink:
        link = cell_paragraph(cells[2], first=False)
        add_link(link, "Slack message", url=citation.permalink, size=EVIDENCE_FONT)


def write_method(document: DocumentObject, bundle: ExportBundle) -> None:
    heading = document.add_heading("Method", level=1)
    heading.paragraph_format.page_break_before = True
    coverage = bundle.journey.coverage
    document.add_heading("What was read", level=2)
    add_run(document.add_paragraph(), coverage_statement(coverage))
    for label, values in (("Sources", coverage.sources), ("Participants", coverage.participants)):
        paragraph = document.add_paragraph()
        add_run(paragraph, f"{label}: ", bold=True)
        add_run(paragraph, ", ".join(clean_text(v) for v in values) or "none recorded")
    document.add_heading("How it was drafted", level=2)
    _write_facts(document, bundle)
    for note in coverage.notes:
        add_run(document.add_paragraph(style="List Bullet"), clean_text(note))
    document.add_heading("Stages", level=2)
    _write_stage_definitions(document, bundle)
    document.add_heading("About the quotes", level=2)
    add_run(
        document.add_paragraph(),
        "Every quote was checked against the stored transcript, character for character "
        "after whitespace normalisation, and comes from a participant's own turns; "
        "interviewer words are never cited as evidence. A claim resting on a single "
        "participant is marked as thin evidence, and a claim without any verified quote is "
        "marked unsupported rather than shown as a finding.",
    )


def _write_facts(document: DocumentObject, bundle: ExportBundle) -> None:
    coverage = bundle.journey.coverage
    prompts = ", ".join(f"{name} {ver}" for name, ver in sorted(coverage.prompt_versions.items()))
    facts = (
        ("Engine", coverage.engine),
        ("Model", coverage.model or "none (offline extractive drafting)"),
        ("Prompt versions", prompts or "none (no language model prompts used)"),
        ("Draft", bundle.draft_id or "not stored"),
        ("Drafted", timestamp(coverage.created_at)),
        ("Exported", timestamp(bundle.generated_at)),
    )
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        add_run(paragraph, f"{label}: ", bold=True)
        add_run(paragraph, clean_text(value))


def _write_stage_definitions(document: DocumentObject, bundle: ExportBundle) -> None:
    # A bundle built without stage definitions still names the map's stages.
    stages = bundle.stages or bundle.journey.stages
    width = text_width(document.sections[-1])
    widths = [Cm(3.5), width - Cm(3.5)]
    headers = ("Stage", "Definition used for placing evidence")
    table = headed_table(document, widths, headers, size=9)
    for stage in stages:
        cells = add_body_row(table, widths, keep_together=False)
        add_run(cell_paragraph(cells[0], first=True), clean_text(stage.name), bold=True, size=9)
        text = clean_text(stage.description) or "No description given."
        add_run(cell_paragraph(cells[1], first=True), text, size=9)
