"""Diary-study and survey exports as CSV: one row, one entry by one participant.

A transcription tool's export ("Speaker", "Start Time", "Text": one row a turn) is read
as the conversation it is (``turn_table``), its roles found as in any transcript.

Wide survey exports (a column per question) are handed to ``survey_csv`` when no entry
column is found.

Every tool names its columns differently ("Respondent ID", "Code Name", "Notes: where
they got confused..."), so columns are found by header synonyms, exact names first and
then headers that start with one. Dates are read per column, so a column of US-style
dates is not read day-first halfway down.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from journeybot.core.errors import MissingColumnsError
from journeybot.core.models import Role, SourceKind, Transcript
from journeybot.core.text import shortened
from journeybot.ingestion.building import RawTurn, build_transcript
from journeybot.ingestion.csv_quotes import close_unclosed_quotes
from journeybot.ingestion.observer_notes import observer_notes
from journeybot.ingestion.survey_csv import cell, survey_layout, survey_turns
from journeybot.ingestion.turn_table import conversation_columns, table_turns

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "participant": (
        "participant", "participant id", "participant name", "participant code",
        "respondent", "respondent id", "user", "user id", "username", "user name",
        "name", "author", "code name", "codename", "pid", "person", "diarist", "member", "code",
    ),
    "date": (
        "date", "timestamp", "submitted at", "submitted", "date submitted", "day",
        "entry date", "submission date", "created at", "created", "posted at", "datetime",
    ),
    "prompt": ("prompt", "question", "task", "topic", "activity", "diary prompt"),
    "entry": (
        "entry", "diary entry", "response", "answer", "text", "notes", "note", "comment",
        "comments", "body", "message", "content", "reflection", "feedback", "observations",
        "story", "entry text", "response text",
    ),
}  # fmt: skip
#: Synonyms also matched as the first words of a longer header.
_PREFIXES: dict[str, tuple[str, ...]] = {
    "participant": ("participant", "respondent", "code name"),
    "date": ("date", "timestamp", "submitted"),
    "prompt": ("prompt", "question"),
    "entry": ("entry", "diary entry", "response", "answer", "notes", "comment", "feedback"),
}
_HEADER_SEARCH_ROWS = 5
_ROW_LOCATION = re.compile(r"^row (\d+)\b")
_DELIMITERS = (",", ";", "\t")
_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%m/%d/%Y", "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M", "%m/%d/%y", "%m/%d/%y %H:%M", "%d/%m/%Y", "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y",
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%A, %B %d, %Y",
)  # fmt: skip
_NEEDED = (
    "a participant column (such as 'participant', 'user', 'respondent' or 'name') and an "
    "entry column (such as 'entry', 'response', 'answer', 'text' or 'notes'), or, for a "
    "survey export, question columns with written answers"
)


@dataclass(frozen=True)
class DiaryColumns:
    participant: int
    entry: int
    date: int | None
    prompt: int | None


def read_diary_csv(text: str, file_name: str) -> Transcript:
    delimiter = _delimiter(text)
    text, broken = close_unclosed_quotes(text, delimiter)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return read_rows(rows, file_name, format="csv", warnings=[_unclosed(n) for n in broken])


def read_rows(
    rows: Sequence[Sequence[str]],
    file_name: str,
    *,
    format: str,
    warnings: Sequence[str] = (),
    row_place: Callable[[int], str] | None = None,
) -> Transcript:
    """A table's rows (a CSV's, a workbook's) as a diary, a survey, notes or a transcript.

    Turns are located as "row N", N counted in ``rows`` from 1; ``row_place`` names that
    row as its reader would find it (a workbook's sheet and row)."""
    kept = [i for i, row in enumerate(rows) if any(value.strip() for value in row)]
    filled = [rows[i] for i in kept]
    conversation = conversation_columns(filled)
    kind = SourceKind.INTERVIEW
    if conversation is not None:  # a transcript exported as a table: roles as in any other
        turns = list(table_turns(filled, conversation))
        found: list[str] = []
        _renumber(turns, lambda number: f"row {kept[number - 1] + 1}")
    else:
        turns, found, kind = _entry_turns(rows, file_name)
    if row_place is not None:
        _renumber(turns, row_place)
    return build_transcript(
        turns, file_name=file_name, format=format, kind=kind, warnings=[*warnings, *found]
    )


def _entry_turns(
    rows: Sequence[Sequence[str]], file_name: str
) -> tuple[list[RawTurn], list[str], SourceKind]:
    try:
        header_at, columns = _find_header(rows, file_name)
    except MissingColumnsError:
        survey = _read_survey(rows)
        if survey is None:
            raise
        return *survey, SourceKind.DIARY
    turns, found = _row_turns(rows, header_at, columns)
    kind, found = _entries_kind(rows[header_at][columns.entry], turns, found)
    return turns, found, kind


def _renumber(turns: Sequence[RawTurn], place: Callable[[int], str]) -> None:
    """Each "row N" location (and "row N, question") as ``place`` names row N."""
    for turn in turns:
        found = _ROW_LOCATION.match(turn.location)
        if found:
            turn.location = place(int(found.group(1))) + turn.location[found.end() :]


def _entries_kind(
    header: str, turns: Sequence[RawTurn], warnings: list[str]
) -> tuple[SourceKind, list[str]]:
    """Diary entries, or an observer's notes on each participant (``observer_notes``)."""
    notes = observer_notes(_header_key(header), _short(header), [turn.text for turn in turns])
    if notes is None:
        return SourceKind.DIARY, warnings
    return SourceKind.NOTES, [notes, *warnings]


def _unclosed(line: int) -> str:
    return f"line {line} has an unclosed quote: read to the end of that line"


def _delimiter(text: str) -> str:
    first = next((line for line in text.split("\n") if line.strip(" ,;\t")), "")
    return max(_DELIMITERS, key=first.count)


def _find_header(rows: Sequence[Sequence[str]], file_name: str) -> tuple[int, DiaryColumns]:
    """The header is the first non-blank row that names participant and entry columns."""
    filled = [i for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    for index in filled[:_HEADER_SEARCH_ROWS]:
        columns = match_columns(rows[index])
        if columns is not None:
            return index, columns
    found = rows[filled[0]] if filled else []
    raise MissingColumnsError(file_name, f"needs {_NEEDED}, but found {_describe(found)}")


def _read_survey(rows: Sequence[Sequence[str]]) -> tuple[list[RawTurn], list[str]] | None:
    """A wide survey export (a column per question), or ``None`` if this is not one."""
    filled = [i for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    if not filled:
        return None
    headers = rows[filled[0]]
    names = [_header_key(cell) for cell in headers]
    participant = _find_role(names, "participant", set())
    date = _find_role(names, "date", {participant} if participant is not None else set())
    body = [
        (number, row)
        for number, row in enumerate(rows[filled[0] + 1 :], start=filled[0] + 2)
        if any(cell.strip() for cell in row)
    ]
    layout = survey_layout(headers, [row for _, row in body], participant, date)
    if layout is None:
        return None
    dates = parse_dates([cell(row, date) for _, row in body])
    return survey_turns(body, layout, dates)


def _find_role(names: Sequence[str], role: str, taken: set[int]) -> int | None:
    exact = _match_role(names, role, True, taken)
    return exact if exact is not None else _match_role(names, role, False, taken)


def _describe(headers: Sequence[str]) -> str:
    names = [_short(cell) for cell in headers if cell.strip()]
    if not names:
        return "no column headers"
    more = f" and {len(names) - 10} more" if len(names) > 10 else ""
    return "the columns " + ", ".join(f"'{name}'" for name in names[:10]) + more


def _short(header: str) -> str:
    return shortened(header, 40)


def match_columns(headers: Sequence[str]) -> DiaryColumns | None:
    names = [_header_key(cell) for cell in headers]
    chosen: dict[str, int] = {}
    for exact in (True, False):
        for role in ("participant", "entry", "date", "prompt"):
            if role in chosen:
                continue
            index = _match_role(names, role, exact, set(chosen.values()))
            if index is not None:
                chosen[role] = index
    if "participant" not in chosen or "entry" not in chosen:
        return None
    return DiaryColumns(
        participant=chosen["participant"],
        entry=chosen["entry"],
        date=chosen.get("date"),
        prompt=chosen.get("prompt"),
    )


def has_participant_column(headers: Sequence[str]) -> bool:
    """Whether some header names who wrote each row ("Participant", "User ID", ...)."""
    names = [_header_key(cell) for cell in headers]
    return any(
        _match_role(names, "participant", exact, set()) is not None for exact in (True, False)
    )


def _header_key(header: str) -> str:
    return " ".join(re.sub(r"[^\w ]+", " ", header.casefold().replace("_", " ")).split())


def _match_role(names: Sequence[str], role: str, exact: bool, taken: set[int]) -> int | None:
    """The column for ``role``; earlier synonyms win, so 'participant' beats 'name'."""
    free = [(index, name) for index, name in enumerate(names) if name and index not in taken]
    if exact:
        synonyms = _SYNONYMS[role]
        return next((i for syn in synonyms for i, name in free if name == syn), None)
    prefixes = _PREFIXES[role]
    return next((i for pre in prefixes for i, name in free if name.startswith(pre + " ")), None)


def _row_turns(
    rows: Sequence[Sequence[str]], header_at: int, columns: DiaryColumns
) -> tuple[list[RawTurn], list[str]]:
    body = list(enumerate(rows[header_at + 1 :], start=header_at + 2))
    dates = parse_dates([cell(row, columns.date) for _, row in body])
    turns: list[RawTurn] = []
    empty = anonymous = 0
    for (number, row), date in zip(body, dates, strict=True):
        entry, who = cell(row, columns.entry), cell(row, columns.participant)
        if not any(cell.strip() for cell in row):
            continue
        if not entry:
            empty += 1
        elif not who:
            anonymous += 1
        else:
            prompt = cell(row, columns.prompt) or None
            turns.append(RawTurn(who, entry, f"row {number}", date, prompt, Role.PARTICIPANT))
    return turns, _skipped(len(turns), empty, anonymous)


def _skipped(read: int, empty: int, anonymous: int) -> list[str]:
    """One sentence whose counts add up to the rows of the file."""
    reasons = []
    if empty:
        reasons.append(f"{_entries(empty)} with no text")
    if anonymous:
        reasons.append(f"{_entries(anonymous)} with no participant")
    if not reasons:
        return []
    total = read + empty + anonymous
    return [f"skipped {' and '.join(reasons)} ({read} of {total} rows read)"]


def _entries(count: int) -> str:
    return f"{count} entry" if count == 1 else f"{count} entries"


def parse_dates(values: Sequence[str]) -> list[str | None]:
    """ISO 8601 dates; one format is chosen for the whole column where one fits all."""
    readable = [
        value
        for value in values
        if value and _iso(value) is None and any(_parse(value, fmt) for fmt in _DATE_FORMATS)
    ]
    column_format = next(
        (fmt for fmt in _DATE_FORMATS if readable and all(_parse(v, fmt) for v in readable)),
        None,
    )
    return [_to_iso(value, column_format) for value in values]


def _to_iso(value: str, column_format: str | None) -> str | None:
    if not value:
        return None
    iso = _iso(value)
    if iso is not None:
        return iso
    formats = (column_format,) if column_format else _DATE_FORMATS
    for fmt in formats:
        parsed = _parse(value, fmt)
        if parsed is not None:
            return _format(parsed, fmt)
    return None


def _iso(value: str) -> str | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return _format(parsed, "%H" if any(ch in value for ch in "T:") else "")


def _parse(value: str, fmt: str) -> datetime | None:
    try:
        return datetime.strptime(value, fmt)
    except ValueError:
        return None


def _format(parsed: datetime, fmt: str) -> str:
    if "%H" in fmt:
        return parsed.isoformat(timespec="seconds")
    return parsed.date().isoformat()
