"""Transcripts laid out as a table: one row a turn, with speaker, time and text columns.

Word documents hold them as tables (Teams and some agencies), and transcription tools
export them as CSV ("Speaker", "Start Time", "End Time", "Text"); both are read here,
so a turn is a turn whichever file it came in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from journeybot.ingestion.building import RawTurn
from journeybot.ingestion.labels import is_timestamp, looks_like_label, normalise_timestamp

_SPEAKER_HEADERS = frozenset(
    {"speaker", "speaker name", "speaker label", "name", "who", "person", "participant"}
)
_TIME_HEADERS = frozenset({"time", "timestamp", "start", "start time", "timecode", "time code"})
_TEXT_HEADERS = frozenset(
    {
        "text",
        "transcript",
        "transcription",
        "utterance",
        "content",
        "what was said",
        "words",
        "speech",
        "dialogue",
        "dialog",
        "caption",
        "comment",
        "message",
    }
)
_TIMESTAMP_SHARE = 0.8


@dataclass(frozen=True)
class TableColumns:
    speaker: int
    text: int
    time: int | None
    header_rows: int


def transcript_columns(rows: Sequence[Sequence[str]]) -> TableColumns | None:
    """Which columns hold speaker, time and text; ``None`` if this is no transcript table."""
    if len(rows) < 2 or min(len(row) for row in rows) < 2:
        return None
    by_header = _columns_by_header(rows[0])
    if by_header is not None:
        return by_header
    return _columns_by_content(rows)


#: Headers only a conversation's table has: a diary names its "participant" or "user".
CONVERSATION_SPEAKER_HEADERS = frozenset({"speaker", "speaker name", "speaker label"})


def conversation_columns(rows: Sequence[Sequence[str]]) -> TableColumns | None:
    """A transcription tool's CSV export: a "Speaker" and a text column by header."""
    if not rows or not any(
        re.sub(r"[^a-z ]", "", cell.casefold()).strip() in CONVERSATION_SPEAKER_HEADERS
        for cell in rows[0]
    ):
        return None
    return _columns_by_header(rows[0])


def _columns_by_header(header: Sequence[str]) -> TableColumns | None:
    names = [re.sub(r"[^a-z ]", "", cell.casefold()).strip() for cell in header]

    def find(options: frozenset[str]) -> int | None:
        return next((i for i, name in enumerate(names) if name in options), None)

    speaker, text = find(_SPEAKER_HEADERS), find(_TEXT_HEADERS)
    if speaker is None or text is None or speaker == text:
        return None
    return TableColumns(speaker=speaker, text=text, time=find(_TIME_HEADERS), header_rows=1)


def _columns_by_content(rows: Sequence[Sequence[str]]) -> TableColumns | None:
    width = min(len(row) for row in rows)
    columns = [[row[i] for row in rows if row[i]] for i in range(width)]
    time = next(
        (
            i
            for i, cells in enumerate(columns)
            if cells and _share(cells, is_timestamp) >= _TIMESTAMP_SHARE
        ),
        None,
    )
    rest = [i for i in range(width) if i != time and columns[i]]
    speakers = [
        i
        for i in rest
        if _share(columns[i], looks_like_label) >= _TIMESTAMP_SHARE
        and len(set(columns[i])) < len(columns[i])
    ]
    if not speakers:
        return None
    speaker = speakers[0]
    texts = [i for i in rest if i != speaker]
    if not texts:
        return None
    text = max(texts, key=lambda i: sum(map(len, columns[i])) / len(columns[i]))
    return TableColumns(speaker=speaker, text=text, time=time, header_rows=0)


def _share(cells: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(1 for cell in cells if test(cell)) / len(cells)


def table_turns(rows: Sequence[Sequence[str]], columns: TableColumns) -> Iterator[RawTurn]:
    """One turn per row; a row with no speaker continues the turn above it."""
    current: RawTurn | None = None
    for number, row in enumerate(rows[columns.header_rows :], start=columns.header_rows + 1):
        speaker, words = row[columns.speaker], row[columns.text]
        stamp = row[columns.time] if columns.time is not None else ""
        if not words:
            continue
        if speaker or current is None:
            location = normalise_timestamp(stamp) if is_timestamp(stamp) else f"row {number}"
            current = RawTurn(speaker, words, location)
            yield current
        else:
            current.add(words)
