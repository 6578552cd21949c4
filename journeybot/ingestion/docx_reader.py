"""Word transcripts as Teams, Zoom and Otter export them, read safely.

A .docx is a zip archive, so it is checked before python-docx opens it: a small upload
that inflates to gigabytes (a zip bomb) must fail fast with a clear message, not take
the bot's memory. Three layouts are understood: a "Name  0:03" paragraph followed by
the words, "Name: words" paragraphs, and tables with speaker / time / text columns.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from journeybot.core.errors import CorruptFileError
from journeybot.core.models import Transcript
from journeybot.ingestion.building import RawTurn, build_transcript
from journeybot.ingestion.labels import is_timestamp, looks_like_label, normalise_timestamp
from journeybot.ingestion.plaintext import parse_lines

_TABLE_BREAK = "---"
_SPEAKER_HEADERS = frozenset({"speaker", "speaker name", "name", "who", "person", "participant"})
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


def check_docx_archive(data: bytes, file_name: str, max_uncompressed: int) -> None:
    """Refuse non-zips and archives that inflate past ``max_uncompressed`` bytes.

    The declared sizes are enough: ``zipfile`` never returns more than a member's
    declared size (a lying header fails its CRC check instead).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > max_uncompressed:
                raise _zip_bomb(file_name, max_uncompressed)
            if "word/document.xml" not in {member.filename for member in members}:
                raise _not_docx(file_name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as err:
        raise _not_docx(file_name) from err
    except NotImplementedError as err:
        raise _not_docx(file_name) from err


def _zip_bomb(file_name: str, limit: int) -> CorruptFileError:
    return CorruptFileError(
        file_name,
        f"the .docx unpacks to more than {limit / 1_000_000:.0f} MB, far more than a "
        "transcript needs, so it was not opened; save it again from Word or export it as text",
    )


def _not_docx(file_name: str) -> CorruptFileError:
    return CorruptFileError(
        file_name,
        "is not a valid Word .docx file (old .doc and password-protected files cannot be "
        "read); save it as .docx or export the transcript as text",
    )


def read_docx(
    data: bytes,
    file_name: str,
    *,
    interviewers: Sequence[str] = (),
    max_uncompressed: int = 200_000_000,
) -> Transcript:
    check_docx_archive(data, file_name, max_uncompressed)
    try:
        document = Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception as err:  # python-docx raises many kinds on malformed XML
        raise _not_docx(file_name) from err
    collector = _Collector()
    for block in blocks:
        if isinstance(block, Paragraph):
            collector.add_paragraph(block.text)
        else:
            collector.add_table(block)
    turns, warnings = collector.finish()
    return build_transcript(
        turns, file_name=file_name, format="docx", interviewers=interviewers, warnings=warnings
    )


@dataclass
class _Collector:
    """Document order kept: paragraph runs are parsed as text, transcript tables by row."""

    turns: list[RawTurn] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0

    def add_paragraph(self, text: str) -> None:
        """Each paragraph is followed by a blank line: a paragraph is a block of its own."""
        self.paragraphs += 1
        for line in [*text.split("\n"), ""]:
            self.lines.append(line)
            self.places.append(f"paragraph {self.paragraphs}")

    def add_table(self, table: Table) -> None:
        self.tables += 1
        rows = [_row_cells(row.cells) for row in table.rows]
        columns = transcript_columns(rows)
        if columns is None:
            self._add_table_as_text(rows)
            return
        self._flush()
        self.turns.extend(table_turns(rows, columns))

    def _add_table_as_text(self, rows: Sequence[Sequence[str]]) -> None:
        place = f"table {self.tables}"
        for line in [_TABLE_BREAK, *(" ".join(cells) for cells in rows), _TABLE_BREAK]:
            self.lines.append(line)
            self.places.append(place)

    def _flush(self) -> None:
        if not any(line.strip() for line in self.lines):
            self.lines, self.places = [], []
            return
        places = self.places
        turns, warnings = parse_lines(self.lines, locate=lambda index: places[index])
        self.turns.extend(turns)
        self.warnings.extend(w for w in warnings if w not in self.warnings)
        self.lines, self.places = [], []

    def finish(self) -> tuple[list[RawTurn], list[str]]:
        self._flush()
        return self.turns, self.warnings


def _row_cells(cells: Sequence[object]) -> list[str]:
    """Cell texts, with horizontally merged cells (repeated by python-docx) once."""
    seen: set[int] = set()
    texts: list[str] = []
    for cell in cells:
        key = id(getattr(cell, "_tc", cell))
        if key not in seen:
            seen.add(key)
            texts.append(str(getattr(cell, "text", "")).strip())
    return texts


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
