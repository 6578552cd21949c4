"""Reading a reviewed Word draft back: whose draft it is, and each claim's verdict.

Reviewers save from Word or LibreOffice, type statuses by hand and sometimes lose the
document properties on the way, so the reader is forgiving about case, spacing and where
the marker lives, and strict about what it cannot guess: an unknown status is an error
that names the claim, never a silent "unreviewed".
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from journeybot.core.errors import NotADraftError, ReviewFileError
from journeybot.core.models import ClaimReview, ReviewStatus
from journeybot.exporters.action_reader import is_action_plan_header, read_action_plan
from journeybot.exporters.bundle import STATUS_LABELS, ReviewFile
from journeybot.exporters.docx_text import element_text, table_rows
from journeybot.exporters.identity import (
    CLAIM_ID_PATTERN,
    HEADER_CLAIM_ID,
    HEADER_COMMENT,
    HEADER_STATUS,
    VALIDATION_HEADERS,
    draft_from_identifier,
    parse_review_key,
)

_STATUS_WORDS: dict[str, ReviewStatus] = {
    "": ReviewStatus.UNREVIEWED,
    "unreviewed": ReviewStatus.UNREVIEWED,
    "not reviewed": ReviewStatus.UNREVIEWED,
    "confirmed": ReviewStatus.CONFIRMED,
    "confirm": ReviewStatus.CONFIRMED,
    "change": ReviewStatus.CHANGE,
    "changed": ReviewStatus.CHANGE,
    "remove": ReviewStatus.REMOVE,
    "removed": ReviewStatus.REMOVE,
}
_ALLOWED = ", ".join(STATUS_LABELS.values())
_NO_ID = {"", "—", "-"}


def read_review(path: Path) -> ReviewFile:
    """The study, draft id and one verdict per validation-table row of ``path``."""
    path = Path(path)
    document = _open(path)
    identity = _identity(document)
    table = _validation_table(document)
    if identity is None or table is None:
        missing = "review key" if identity is None else "validation table"
        raise NotADraftError(
            f"{path.name} is a Word file but not a Journeybot draft for validation (it has "
            f"no {missing}); export the draft again and review that file."
        )
    study, draft_id = identity
    columns, rows = table
    reviews = [_review(path, columns, row) for row in rows if _row_claim_id(columns, row)]
    plan = read_action_plan(document)
    return ReviewFile(
        study=study,
        draft_id=draft_id,
        reviews=reviews,
        action_cells=plan.cells,
        action_problems=plan.problems,
    )


def _open(path: Path) -> DocumentObject:
    if not path.is_file():
        raise ReviewFileError(f"There is no file at {path}; check the path and try again.")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReviewFileError(
            f"{path.name} is not a readable Word (.docx) file; save it from Word or "
            "LibreOffice as .docx and try again."
        ) from exc
    except etree.LxmlError as exc:
        raise ReviewFileError(
            f"{path.name} is a damaged Word file; open and re-save it in Word or "
            "LibreOffice, then try again."
        ) from exc


def _identity(document: DocumentObject) -> tuple[str, str] | None:
    """(study, draft id): from the core properties, else from the visible review key."""
    properties = document.core_properties
    draft_id = draft_from_identifier(properties.identifier)
    if draft_id is not None and properties.subject:
        return properties.subject, draft_id
    for paragraph in document.element.body.iter(qn("w:p")):
        key = parse_review_key(element_text(paragraph))
        if key is not None:
            return key
    return None


_Columns = dict[str, int]
_Rows = list[list[str]]


def _validation_table(document: DocumentObject) -> tuple[_Columns, _Rows] | None:
    """The table headed Claim ID ... Status ... Comment, or one whose rows hold claim ids."""
    for table in document.element.body.iter(qn("w:tbl")):
        rows = table_rows(table)
        if not rows or is_action_plan_header(rows[0]):
            continue  # the action plan also lists claim ids, but holds no verdicts
        columns = _columns_by_header(rows[0])
        if columns is not None:
            return columns, rows[1:]
        if _looks_like_claim_rows(rows):
            defaults = {name: position for position, name in enumerate(VALIDATION_HEADERS)}
            return defaults, rows
    return None


def _columns_by_header(header: list[str]) -> _Columns | None:
    names = [" ".join(cell.split()).lower() for cell in header]
    found: _Columns = {}
    for wanted in (HEADER_CLAIM_ID, HEADER_STATUS, HEADER_COMMENT):
        positions = [i for i, name in enumerate(names) if name.startswith(wanted.lower())]
        if not positions:
            return None
        found[wanted] = positions[0]
    return found


def _looks_like_claim_rows(rows: _Rows) -> bool:
    """True when most rows start with a claim id (the header row itself was lost)."""
    if any(len(row) < len(VALIDATION_HEADERS) for row in rows):
        return False
    ids = [row[0] for row in rows if row[0].strip()]
    matching = sum(1 for value in ids if CLAIM_ID_PATTERN.match(value.strip()))
    return bool(ids) and matching * 2 > len(ids)


def _cell(columns: _Columns, row: list[str], name: str) -> str:
    position = columns[name]
    return row[position] if position < len(row) else ""


def _row_claim_id(columns: _Columns, row: list[str]) -> str:
    value = "".join(_cell(columns, row, HEADER_CLAIM_ID).split())
    return "" if value in _NO_ID else value


def _review(path: Path, columns: _Columns, row: list[str]) -> ClaimReview:
    claim_id = _row_claim_id(columns, row)
    raw_status = _cell(columns, row, HEADER_STATUS)
    word = " ".join(raw_status.split()).strip(" .!").lower()
    status = _STATUS_WORDS.get(word)
    if status is None:
        raise ReviewFileError(
            f"{path.name}: claim {claim_id} has the status '{raw_status.strip()}', which is "
            f"not one of {_ALLOWED}; correct it and send the file again."
        )
    comment = _cell(columns, row, HEADER_COMMENT).strip()
    return ClaimReview(claim_id=claim_id, status=status, comment=comment or None)
