"""Word transcripts as Teams, Zoom and Otter export them, read safely.

A .docx is a zip archive, so it is checked before python-docx opens it: a small upload
that inflates to gigabytes (a zip bomb) must fail fast with a clear message, not take
the bot's memory. Four layouts are understood: a "Name  0:03" paragraph followed by
the words, "Name: words" paragraphs, paragraphs opening with the speaker's name in bold
(with or without a colon), and tables with speaker / time / text columns.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from journeybot.core.errors import CorruptFileError
from journeybot.core.models import Transcript
from journeybot.ingestion.archives import ArchiveKind, check_archive
from journeybot.ingestion.building import RawTurn, build_transcript
from journeybot.ingestion.label_lines import opens_with_label
from journeybot.ingestion.labels import looks_like_label, participant_from_file_name
from journeybot.ingestion.plaintext import parse_lines
from journeybot.ingestion.turn_table import table_turns, transcript_columns

_TABLE_BREAK = "---"


DOCX = ArchiveKind(
    member="word/document.xml",
    what="the .docx",
    needs="transcript",
    not_valid="is not a valid Word .docx file (old .doc and password-protected files cannot "
    "be read); save it as .docx or export the transcript as text",
)


def read_docx(
    data: bytes,
    file_name: str,
    *,
    interviewers: Sequence[str] = (),
    max_uncompressed: int = 200_000_000,
) -> Transcript:
    check_archive(data, file_name, DOCX, max_uncompressed)
    try:
        document = Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception as err:  # python-docx raises many kinds on malformed XML
        raise CorruptFileError(file_name, DOCX.not_valid) from err
    collector = _Collector(participant=participant_from_file_name(file_name))
    for block in blocks:
        if isinstance(block, Paragraph):
            collector.add_paragraph(_with_bold_label(block))
        else:
            collector.add_table(block)
    turns, warnings = collector.finish()
    return build_transcript(
        turns, file_name=file_name, format="docx", interviewers=interviewers, warnings=warnings
    )


def _with_bold_label(paragraph: Paragraph) -> str:
    """The paragraph's text, its leading bold name written as a label ("**Sarah:** ...").

    A bold name is how many researchers mark the speaker in Word, often with no colon
    ("**Interviewer** Thanks for coming"); read as plain text, the interviewer's
    questions became the participant's words."""
    text = paragraph.text
    lead = ""
    for run in paragraph.runs:
        if not run.text.strip() and not lead:
            continue
        if not run.bold:
            break
        lead += run.text
    name = lead.strip().rstrip(":").strip()
    rest = text[text.find(lead) + len(lead) :] if lead else ""
    if not name or "\n" in lead or not rest.strip() or not looks_like_label(name):
        return text
    if opens_with_label(text):  # already a label as written ("Sam Reid  0:03")
        return text
    return f"**{name}:** {rest.strip().lstrip(':').strip()}"


@dataclass
class _Collector:
    """Document order kept: paragraph runs are parsed as text, transcript tables by row."""

    turns: list[RawTurn] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0
    participant: str = ""

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
        turns, warnings = parse_lines(
            self.lines, locate=lambda index: places[index], participant=self.participant
        )
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
