"""Reading the action plan's team cells back from a reviewed Word file.

Forgiving where people are (case, spacing, common date forms) and exact about what it
cannot use: an unreadable due date, or an owner cell holding a table instead of a
name, is reported by opportunity and column, and the rest of the row is applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from lxml import etree

from journeybot.core.models import ActionCells
from journeybot.exporters.docx_text import cell_text
from journeybot.exporters.identity import ACTION_HEADERS, TEAM_COLUMNS

#: Day first where the order is ambiguous (03/04/2027 is 3 April), as most of the world.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d/%m/%y",
)
MAX_CELL_CHARS = 200


@dataclass
class ActionPlanCells:
    cells: dict[str, ActionCells] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_action_plan(document: DocumentObject) -> ActionPlanCells:
    """The team cells of every action-plan row (empty when the file has no plan)."""
    found = ActionPlanCells()
    table = _plan_table(document)
    if table is None:
        return found
    header, rows = table
    columns = {name: header.index(name) for name in (ACTION_HEADERS[0], *TEAM_COLUMNS)}
    for row in rows:
        texts = [cell_text(cell) for cell in row]
        if len(texts) <= max(columns.values()):
            continue
        opportunity = "".join(texts[columns[ACTION_HEADERS[0]]].split())
        if opportunity:
            found.cells[opportunity] = _row_cells(opportunity, row, columns, found.problems)
    return found


def is_action_plan_header(cells: list[str]) -> bool:
    names = [" ".join(cell.split()) for cell in cells]
    return all(name in names for name in (ACTION_HEADERS[0], *TEAM_COLUMNS))


def _plan_table(
    document: DocumentObject,
) -> tuple[list[str], list[list[etree._Element]]] | None:
    for table in document.element.body.iter(qn("w:tbl")):
        rows = [list(tr.iterchildren(qn("w:tc"))) for tr in table.iterchildren(qn("w:tr"))]
        if not rows:
            continue
        header = [" ".join(cell_text(c).split()) for c in rows[0]]
        if is_action_plan_header(header):
            return header, rows[1:]
    return None


def _row_cells(
    opportunity: str,
    row: list[etree._Element],
    columns: dict[str, int],
    problems: list[str],
) -> ActionCells:
    values: dict[str, str | None] = {}
    for column, attr in zip(TEAM_COLUMNS, ("feasibility", "owner", "metric", "due"), strict=True):
        cell = row[columns[column]]
        text = " ".join(cell_text(cell).split())
        problem = _problem(column, cell, text)
        if problem is not None:
            problems.append(
                f"Opportunity {opportunity}, {column}: {problem}; that cell was skipped."
            )
            continue
        values[attr] = (_iso_date(text) if attr == "due" else text) or None
    return ActionCells.model_validate(values)


def _problem(column: str, cell: etree._Element, text: str) -> str | None:
    if cell.find(f".//{qn('w:tbl')}") is not None:
        return "the cell holds a table, not a value"
    if len(text) > MAX_CELL_CHARS:
        return f"{len(text)} characters, more than the {MAX_CELL_CHARS} a cell may hold"
    if column == "Due date" and text and _iso_date(text) is None:
        return f"'{text}' is not a date (write it as YYYY-MM-DD)"
    return None


def _iso_date(text: str) -> str | None:
    if not text:
        return None
    for form in DATE_FORMATS:
        try:
            parsed: date = datetime.strptime(text, form).date()
        except ValueError:
            continue
        return parsed.isoformat()
    return None
