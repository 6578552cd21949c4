"""The validation table: the part of the Word draft reviewers write in.

Its header row and claim-id column are what ``read_review`` looks for, so their wording
lives in ``identity`` and is shared with the reader.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Cm, Pt
from docx.table import _Cell

from journeybot.exporters.bundle import STATUS_LABELS, ClaimEntry, clean_text, is_supported
from journeybot.exporters.docx_kit import (
    ALERT,
    MUTED,
    WARN,
    add_body_row,
    add_run,
    cell_paragraph,
    headed_table,
    shade,
    text_width,
)
from journeybot.exporters.identity import VALIDATION_HEADERS, review_key

TABLE_FONT = 8.5
NO_ID = "—"
INPUT_FILL = "FFF8E1"  # a pale yellow marks the cells reviewers write in


def write_validation(
    document: DocumentObject, entries: list[ClaimEntry], study: str, draft_id: str
) -> None:
    """Written in the map's landscape section, which leaves room for comments."""
    heading = document.add_heading("Validation", level=1)
    heading.paragraph_format.page_break_before = True
    _write_instructions(document)
    key = document.add_paragraph()
    add_run(key, review_key(clean_text(study), clean_text(draft_id)), color=MUTED, size=7.5)
    width = text_width(document.sections[-1])
    fixed = [Cm(4.3), Cm(4.4), Cm(2.4), Cm(6.2)]
    widths = [fixed[0], fixed[1], width - sum(fixed), fixed[2], fixed[3]]
    table = headed_table(document, widths, VALIDATION_HEADERS, size=TABLE_FONT + 0.5)
    for entry in entries:
        _write_row(add_body_row(table, widths), entry)


def _write_instructions(document: DocumentObject) -> None:
    paragraph = document.add_paragraph()
    add_run(paragraph, "How to review. ", bold=True)
    add_run(
        paragraph,
        "For each claim, replace Unreviewed in the Status column with Confirmed, Change or "
        "Remove, and use the Comment column to say what should change or why. Leave the "
        "Claim ID column and the review key below as they are: Journeybot matches your "
        "verdicts to its draft by them. When done, save the file (Word or LibreOffice) and "
        "send it back, in the study's Slack channel or with ",
    )
    add_run(paragraph, "journeybot validate FILE --study STUDY", bold=True)
    add_run(paragraph, ".")
    paragraph.paragraph_format.space_after = Pt(4)


def _write_row(cells: tuple[_Cell, ...], entry: ClaimEntry) -> None:
    claim = entry.claim
    add_run(cell_paragraph(cells[0], first=True), claim.id or NO_ID, size=TABLE_FONT)
    where = cell_paragraph(cells[1], first=True)
    add_run(where, clean_text(entry.where), color=MUTED, size=TABLE_FONT)
    text = cell_paragraph(cells[2], first=True)
    if not is_supported(claim):
        add_run(text, "Unsupported: ", bold=True, color=ALERT, size=TABLE_FONT)
    add_run(text, clean_text(claim.text), size=TABLE_FONT)
    if is_supported(claim) and claim.thin:
        add_run(text, " (thin evidence)", bold=True, color=WARN, size=TABLE_FONT)
    shade(cells[3], INPUT_FILL)
    shade(cells[4], INPUT_FILL)
    status = cell_paragraph(cells[3], first=True)
    add_run(status, STATUS_LABELS[claim.status], size=TABLE_FONT)
    comment = cell_paragraph(cells[4], first=True)
    if claim.comment:
        add_run(comment, clean_text(claim.comment), size=TABLE_FONT)
