"""What a reviewer does to the Word draft, done with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import Table, _Cell


def validation_table(document: docx.document.Document) -> Table:
    [table] = [t for t in document.tables if t.rows[0].cells[0].text == "Claim ID"]
    return table


def fill_review(source: Path, out: Path, verdicts: dict[str, tuple[str, str]]) -> Path:
    """Type each claim's status and comment into the table, as a reviewer would."""
    document = docx.Document(str(source))
    for row in validation_table(document).rows[1:]:
        claim = row.cells[0].text
        if claim in verdicts:
            status, comment = verdicts[claim]
            row.cells[3].text = status
            row.cells[4].text = comment
    document.save(str(out))
    return out


def track_status_change(cell: _Cell, old: str, new: str) -> None:
    """Replace the cell's text as Word does with Track Changes on: a deletion + an insertion."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        paragraph._p.remove(run._r)
    deletion = _revision("w:del", 1)
    deleted_run = OxmlElement("w:r")
    deleted_text = OxmlElement("w:delText")
    deleted_text.text = old
    deleted_run.append(deleted_text)
    deletion.append(deleted_run)
    insertion = _revision("w:ins", 2)
    inserted_run = OxmlElement("w:r")
    inserted_text = OxmlElement("w:t")
    inserted_text.text = new
    inserted_run.append(inserted_text)
    insertion.append(inserted_run)
    paragraph._p.append(deletion)
    paragraph._p.append(insertion)


def _revision(tag: str, revision_id: int) -> BaseOxmlElement:
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(revision_id))
    element.set(qn("w:author"), "Reviewer")
    element.set(qn("w:date"), "2026-03-10T09:00:00Z")
    return element
