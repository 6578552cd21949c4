"""The journey map: a landscape table (stages across, rows down) and the emotion curve.

More than five stages do not fit a landscape page legibly, so the table is split into
balanced parts, each repeating the row labels, rather than shrinking the type further.
"""

from __future__ import annotations

import io
import math

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.shared import Cm, Emu
from docx.table import Table, _Cell

from journeybot.core.models import StageInsight
from journeybot.exporters.bundle import (
    MAP_ROWS,
    EvidenceIndex,
    ExportBundle,
    clean_text,
    participants_label,
    persona_title,
    signed,
)
from journeybot.exporters.chart import emotion_alt_text, emotion_curve_png, stage_score
from journeybot.exporters.docx_actions import write_map_picture
from journeybot.exporters.docx_claims import write_claim
from journeybot.exporters.docx_kit import (
    ALERT,
    EMPTY_FILL,
    LABEL_FILL,
    MUTED,
    WARN,
    add_run,
    cell_paragraph,
    header_cell,
    new_table,
    repeat_as_header,
    set_page,
    shade,
    text_width,
)

MAX_STAGES_PER_TABLE = 5
TABLE_FONT = 8.5
LABEL_WIDTH = Cm(3.0)  # fits "Opportunities" on one line


def split_stages(stages: list[StageInsight]) -> list[list[StageInsight]]:
    """Balanced parts of at most MAX_STAGES_PER_TABLE stages each (7 -> 4 + 3)."""
    if not stages:
        return []
    parts = math.ceil(len(stages) / MAX_STAGES_PER_TABLE)
    size = math.ceil(len(stages) / parts)
    return [stages[start : start + size] for start in range(0, len(stages), size)]


def write_journey(document: DocumentObject, bundle: ExportBundle, index: EvidenceIndex) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=True)
    document.add_heading("Journey map", level=1)
    write_map_picture(document, bundle, text_width(section))  # the whole map at a glance
    _write_legend(document, bundle)
    stages = bundle.journey.stages
    if not stages:
        add_run(document.add_paragraph(), "This draft has no stages.", italic=True, color=MUTED)
        return
    parts = split_stages(stages)
    width = text_width(section)
    first = 1
    for number, part in enumerate(parts, start=1):
        if len(parts) > 1:
            last = first + len(part) - 1
            heading = document.add_heading(f"Stages {first}–{last} of {len(stages)}", level=2)
            heading.paragraph_format.page_break_before = number > 1
            first = last + 1
        _write_table(document, part, index, width)
    _write_chart(document, stages, width)


def _write_legend(document: DocumentObject, bundle: ExportBundle) -> None:
    paragraph = document.add_paragraph()
    add_run(paragraph, f"{persona_title(bundle)}. ", bold=True)
    add_run(
        paragraph,
        "Numbers in brackets point to quotes in the evidence appendix; each claim says how "
        "many participants it rests on. ",
    )
    add_run(paragraph, "Thin evidence", bold=True, color=WARN)
    add_run(paragraph, " marks a claim from a single participant; ")
    add_run(paragraph, "Unsupported", bold=True, color=ALERT)
    add_run(paragraph, " marks a claim with no verified quote, which is not a finding.")


def _write_table(
    document: DocumentObject, stages: list[StageInsight], index: EvidenceIndex, width: int
) -> None:
    stage_width = (width - LABEL_WIDTH) // len(stages)
    widths = [LABEL_WIDTH] + [stage_width] * len(stages)
    table = new_table(document, rows=len(MAP_ROWS) + 2, widths=widths)
    _write_header(table, stages)
    labels = [label for _attr, label in MAP_ROWS] + ["Emotion"]
    for row_number, label in enumerate(labels, start=1):
        cell = table.rows[row_number].cells[0]
        shade(cell, LABEL_FILL)
        add_run(cell_paragraph(cell, first=True), label, bold=True, size=TABLE_FONT)
    for column, stage in enumerate(stages, start=1):
        if stage.has_evidence:
            _write_stage_column(table, column, stage, index)
        else:
            _write_empty_column(table, column)


def _write_header(table: Table, stages: list[StageInsight]) -> None:
    header = table.rows[0]
    repeat_as_header(header)
    header_cell(header.cells[0], "Stage", size=TABLE_FONT)
    for cell, stage in zip(header.cells[1:], stages, strict=True):
        header_cell(cell, clean_text(stage.name), size=TABLE_FONT + 1)
        note = f"{stage.segments} segments" if stage.has_evidence else "no evidence"
        add_run(cell_paragraph(cell, first=False), note, color=MUTED, size=TABLE_FONT - 1)


def _write_stage_column(
    table: Table, column: int, stage: StageInsight, index: EvidenceIndex
) -> None:
    for row_number, (attr, _label) in enumerate(MAP_ROWS, start=1):
        cell = table.rows[row_number].cells[column]
        claims = getattr(stage, attr)
        if not claims:
            add_run(cell_paragraph(cell, first=True), "—", color=MUTED, size=TABLE_FONT)
        for position, claim in enumerate(claims):
            write_claim(cell_paragraph(cell, first=position == 0), claim, index, size=TABLE_FONT)
    emotion = table.rows[len(MAP_ROWS) + 1].cells[column]
    _write_emotion(emotion, stage)


def _write_emotion(cell: _Cell, stage: StageInsight) -> None:
    paragraph = cell_paragraph(cell, first=True)
    score = stage_score(stage)
    if score is None:
        add_run(paragraph, "no score", italic=True, color=MUTED, size=TABLE_FONT)
        return
    add_run(paragraph, signed(score), bold=True, size=TABLE_FONT)
    detail = f" · {participants_label(stage.emotion_participants)}"
    add_run(paragraph, detail, color=MUTED, size=TABLE_FONT)


def _write_empty_column(table: Table, column: int) -> None:
    top = table.rows[1].cells[column]
    merged = top.merge(table.rows[len(MAP_ROWS) + 1].cells[column])
    shade(merged, EMPTY_FILL)
    paragraph = cell_paragraph(merged, first=True)
    note = "No evidence was placed at this stage."
    add_run(paragraph, note, italic=True, color=MUTED, size=TABLE_FONT)


def _write_chart(document: DocumentObject, stages: list[StageInsight], width: int) -> None:
    document.add_heading("Emotion curve", level=2)  # keeps with the chart below it
    picture_width = min(width, Emu(914400 * 10))
    png = emotion_curve_png(stages)
    shape = document.add_picture(io.BytesIO(png), width=picture_width)
    shape._inline.docPr.set("descr", emotion_alt_text(stages))
    caption = document.add_paragraph(style="Caption")
    caption.add_run(
        "Each point is the average feeling at that stage, from −1 (very negative) to +1 "
        "(very positive); n is the number of participants it rests on. A stage without "
        "evidence is a gap in the line, not a zero. A red star marks a moment of truth."
    )
