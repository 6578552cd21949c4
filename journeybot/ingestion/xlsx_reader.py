"""Diary, survey and transcript workbooks (.xlsx), read as their CSV would be.

Diary tools and spreadsheets export .xlsx as often as CSV. A workbook is read by
openpyxl (cell values only, never formulas or macros) after the same zip checks as a
Word file, and its rows go to the CSV reader's table reading (``csv_reader.read_rows``),
so every layout a CSV may have (diary, survey, session notes, a tool's transcript)
reads the same from a workbook.

Several sheets are one table when they share their header row (a month a sheet); a
sheet a person (one diarist a sheet, the participant column left out) gets a
participant column holding the sheet's name; survey waves as sheets (a column per
question) stay many respondents a sheet. Sheets with other columns are not read,
and the warning names them: nothing is left out without being named.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from journeybot.core.errors import CorruptFileError
from journeybot.core.models import Transcript
from journeybot.core.text import short_list
from journeybot.ingestion.archives import ArchiveKind, check_archive
from journeybot.ingestion.csv_reader import has_participant_column, match_columns, read_rows
from journeybot.ingestion.survey_csv import survey_layout

XLSX = ArchiveKind(
    member="xl/workbook.xml",
    what="the workbook",
    needs="diary or survey",
    not_valid="is not a valid Excel .xlsx workbook (old .xls and password-protected files "
    "cannot be read); save it as .xlsx or export the sheet as CSV",
)


#: A header is looked for in a sheet's first rows, as in a CSV.
_HEADER_SEARCH_ROWS = 5
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]{1,3}\d+:[A-Z]{1,3}\d+)"')


@dataclass(frozen=True)
class _Sheet:
    """A sheet's rows from its first one with any text; ``first_row`` is that row's
    number in the sheet, so a quote is cited at the row a reader finds it in."""

    title: str
    rows: list[list[str]]
    first_row: int = 1

    @property
    def header_at(self) -> int:
        """The header row's index: the first with two or more cells filled, below any
        title row ("Diary study, wave 2") written above it."""
        return next(
            (i for i, row in enumerate(self.rows[:_HEADER_SEARCH_ROWS]) if sum(map(bool, row)) > 1),
            0,
        )

    @property
    def header(self) -> list[str]:
        return self.rows[self.header_at]

    def body(self) -> list[tuple[list[str], int]]:
        """The rows below the header, each with its row number in the sheet."""
        start = self.header_at + 1
        return [(row, self.first_row + n) for n, row in enumerate(self.rows[start:], start)]


@dataclass(frozen=True)
class _Table:
    """The rows read as one table, and where each came from: (sheet, row number)."""

    rows: list[list[str]]
    places: list[tuple[str, int]]
    left_out: list[_Sheet]
    several_sheets: bool = False

    def place(self, number: int) -> str:
        """Row ``number`` of the table (from 1) as the workbook numbers it."""
        sheet, row = self.places[number - 1]
        return f"sheet '{sheet}', row {row}" if self.several_sheets else f"row {row}"


def read_xlsx(data: bytes, file_name: str, *, max_uncompressed: int) -> Transcript:
    check_archive(data, file_name, XLSX, max_uncompressed)
    sheets = _sheets(data, file_name)
    if not sheets:
        raise CorruptFileError(file_name, "the workbook's sheets are all empty")
    table = _one_table(sheets)
    warnings = []
    if table.left_out:
        warnings.append(
            f"read the sheet(s) with the columns of '{sheets[0].title}'; not read, as their "
            f"columns differ: {short_list([repr(s.title) for s in table.left_out])}"
        )
    return read_rows(table.rows, file_name, format="xlsx", warnings=warnings, row_place=table.place)


def _sheets(data: bytes, file_name: str) -> list[_Sheet]:
    from openpyxl import load_workbook  # a workbook is rare: not imported until one comes

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sheets = [
                _Sheet(
                    sheet.title,
                    _merged_down(
                        [
                            [_text(value) for value in row]
                            for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True)
                        ],
                        _column_merges(archive, getattr(sheet, "_worksheet_path", "")),
                    ),
                )
                for sheet in book.worksheets
            ]
        book.close()
    except Exception as err:  # openpyxl raises many kinds on a malformed workbook
        raise CorruptFileError(file_name, XLSX.not_valid) from err
    return [filled for sheet in sheets if (filled := _filled(sheet)).rows]


def _column_merges(archive: zipfile.ZipFile, path: str) -> list[tuple[int, int, int]]:
    """The sheet's cells merged down one column, as (column, first row, last row), 1-based.

    Openpyxl's streaming reader does not report merged cells, so they are read from the
    sheet's XML (its size already checked with the archive's)."""
    if not path or path not in archive.namelist():
        return []
    from openpyxl.utils.cell import range_boundaries

    merges = []
    for found in _MERGE_REF.finditer(archive.read(path)):
        first_col, first_row, last_col, last_row = range_boundaries(found.group(1).decode())
        if first_col == last_col and first_row is not None and last_row is not None:
            merges.append((first_col, first_row, last_row))
    return merges


def _merged_down(rows: list[list[str]], merges: list[tuple[int, int, int]]) -> list[list[str]]:
    """A value merged down a column (a diarist's name beside all their entries) is every
    merged row's value: a CSV export leaves the rows below it blank, and their entries
    were skipped as having no participant."""
    for column, first, last in merges:
        if first > len(rows):
            continue
        value = rows[first - 1][column - 1] if column <= len(rows[first - 1]) else ""
        for row in rows[first : min(last, len(rows))]:
            row.extend([""] * (column - len(row)))
            row[column - 1] = row[column - 1] or value
    return rows


def _filled(sheet: _Sheet) -> _Sheet:
    """The sheet from its first row with any text; trailing empty columns cut."""
    rows = sheet.rows
    start = next((i for i, row in enumerate(rows) if any(rows[i])), len(rows))
    kept = [list(row) for row in rows[start:]]
    width = max(
        (max((i + 1 for i, v in enumerate(row) if v), default=0) for row in kept), default=0
    )
    return _Sheet(sheet.title, [row[:width] for row in kept] if width else [], start + 1)


def _one_table(sheets: list[_Sheet]) -> _Table:
    """The rows of every sheet that shares the first one's header, as one table; the
    sheet's name as the participant where the header names no participant column."""
    first = sheets[0]
    alike = [s for s in sheets if _key(s.header) == _key(first.header)]
    left_out = [s for s in sheets if s not in alike]
    body = [(s.title, row, number) for s in alike for row, number in s.body()]
    places = [(title, number) for title, _, number in body]
    several = len(alike) > 1
    if not several or not _a_diary_a_sheet(first):
        above = first.rows[: first.header_at + 1]  # a title above the header stays
        heading = [(first.title, first.first_row + n) for n in range(len(above))]
        rows = [*above, *(row for _, row, _ in body)]
        return _Table(rows, [*heading, *places], left_out, several)
    rows = [["Participant", *first.header], *([title, *row] for title, row, _ in body)]
    heading = [(first.title, first.first_row + first.header_at)]
    return _Table(rows, [*heading, *places], left_out, several)


def _a_diary_a_sheet(sheet: _Sheet) -> bool:
    """Whether sheets sharing this one's header are one diarist each: the header names no
    participant, and it has one column of entries (a diary's, or one written question's).
    Survey waves as sheets (several questions answered in writing) are many respondents a
    sheet, never one person named after the sheet."""
    if has_participant_column(sheet.header):
        return False
    if match_columns(["Participant", *sheet.header]) is not None:
        return True
    layout = survey_layout(sheet.header, [row for row, _ in sheet.body()], None, None)
    return layout is not None and len(layout.questions) == 1


def _key(header: Sequence[str]) -> list[str]:
    return [" ".join(cell.casefold().split()) for cell in header]


def _text(value: object) -> str:
    """A cell as the CSV export would write it: dates as ISO dates, 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
