"""Diary, survey and transcript workbooks (.xlsx), read as their CSV would be.

Diary tools and spreadsheets export .xlsx as often as CSV. A workbook is read by
openpyxl (cell values only, never formulas or macros) after the same zip checks as a
Word file, and its rows go to the CSV reader's table reading (``csv_reader.read_rows``),
so every layout a CSV may have (diary, survey, session notes, a tool's transcript)
reads the same from a workbook.

Several sheets are one table when they share their header row (a month a sheet); a
sheet a person (one diarist a sheet, the participant column left out) gets a
participant column holding the sheet's name. Sheets with other columns are not read,
and the warning names them: nothing is left out without being named.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from journeybot.core.errors import CorruptFileError
from journeybot.core.models import Transcript
from journeybot.core.text import short_list
from journeybot.ingestion.archives import ArchiveKind, check_archive
from journeybot.ingestion.csv_reader import has_participant_column, read_rows

XLSX = ArchiveKind(
    member="xl/workbook.xml",
    what="the workbook",
    needs="diary or survey",
    not_valid="is not a valid Excel .xlsx workbook (old .xls and password-protected files "
    "cannot be read); save it as .xlsx or export the sheet as CSV",
)


@dataclass(frozen=True)
class _Sheet:
    title: str
    rows: list[list[str]]

    @property
    def header(self) -> list[str]:
        return self.rows[0]


def read_xlsx(data: bytes, file_name: str, *, max_uncompressed: int) -> Transcript:
    check_archive(data, file_name, XLSX, max_uncompressed)
    sheets = _sheets(data, file_name)
    if not sheets:
        raise CorruptFileError(file_name, "the workbook's sheets are all empty")
    rows, left_out = _one_table(sheets)
    warnings = []
    if left_out:
        warnings.append(
            f"read the sheet(s) with the columns of '{sheets[0].title}'; not read, as their "
            f"columns differ: {short_list([repr(s.title) for s in left_out])}"
        )
    return read_rows(rows, file_name, format="xlsx", warnings=warnings)


def _sheets(data: bytes, file_name: str) -> list[_Sheet]:
    from openpyxl import load_workbook  # a workbook is rare: not imported until one comes

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [
            _Sheet(
                sheet.title,
                [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)],
            )
            for sheet in book.worksheets
        ]
        book.close()
    except Exception as err:  # openpyxl raises many kinds on a malformed workbook
        raise CorruptFileError(file_name, XLSX.not_valid) from err
    return [_Sheet(s.title, filled) for s in sheets if (filled := _filled_rows(s.rows))]


def _filled_rows(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """Rows from the first one with any text; trailing empty columns cut."""
    start = next((i for i, row in enumerate(rows) if any(rows[i])), len(rows))
    kept = [list(row) for row in rows[start:]]
    width = max(
        (max((i + 1 for i, v in enumerate(row) if v), default=0) for row in kept), default=0
    )
    return [row[:width] for row in kept] if width else []


def _one_table(sheets: list[_Sheet]) -> tuple[list[list[str]], list[_Sheet]]:
    """The rows of every sheet that shares the first one's header, as one table; the
    sheet's name as the participant where the header names no participant column."""
    first = sheets[0]
    alike = [s for s in sheets if _key(s.header) == _key(first.header)]
    left_out = [s for s in sheets if s not in alike]
    if len(alike) == 1 or has_participant_column(first.header):
        return [first.header, *(row for s in alike for row in s.rows[1:])], left_out
    rows = [["Participant", *first.header]]
    rows += [[s.title, *row] for s in alike for row in s.rows[1:]]
    return rows, left_out


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
