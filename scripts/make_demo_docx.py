"""Build the sample study's Word transcript from its plain-text source.

The demo study needs one interview in the shape meeting tools export to Word (a
"Speaker   0:03" paragraph, then the words), but a binary file cannot be reviewed in a
diff. So the words live in ``journeybot/data/demo/sources/interview-04.txt`` and this
script turns them into the committed ``.docx``. The output is byte-for-byte repeatable
(fixed document properties and zip timestamps), so regenerating an unchanged source
leaves git clean and ``--check`` can tell when someone edited one file but not the other.

Usage: ``python scripts/make_demo_docx.py [--check] [--source TXT] [--out DOCX]``
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import Pt, RGBColor

DEMO_DIR = Path(__file__).resolve().parent.parent / "journeybot" / "data" / "demo"
DEFAULT_SOURCE = DEMO_DIR / "sources" / "interview-04.txt"
DEFAULT_OUT = DEMO_DIR / "interview-04-priya-ceramics.docx"

#: When the (fictional) meeting took place; also stamped on every zip entry.
RECORDED_AT = datetime(2025, 10, 28, 10, 2, 0)
_SPEAKER_LINE = re.compile(r"^(?P<name>\S.*?)\s{2,}(?P<time>\d{1,2}(?::\d{2}){1,2})$")
_TIMESTAMP_GREY = RGBColor(0x61, 0x61, 0x61)


@dataclass(frozen=True)
class Turn:
    speaker: str
    time: str
    text: str


@dataclass(frozen=True)
class SourceTranscript:
    header: list[str]
    turns: list[Turn]


def parse_source(text: str, origin: str) -> SourceTranscript:
    """Header lines up to the first blank line, then "Name   m:ss" lines each followed
    by one line of speech."""
    blocks = [block.strip().splitlines() for block in re.split(r"\n\s*\n", text.strip())]
    if len(blocks) < 2:
        raise ValueError(f"{origin} needs a header block and at least one turn.")
    turns = [_turn(block, origin) for block in blocks[1:]]
    return SourceTranscript(header=[line.strip() for line in blocks[0]], turns=turns)


def _turn(block: list[str], origin: str) -> Turn:
    match = _SPEAKER_LINE.match(block[0].strip()) if block else None
    if match is None or len(block) != 2:
        first = block[0] if block else ""
        raise ValueError(
            f"{origin}: the turn starting {first!r} must be a 'Name   m:ss' line "
            "followed by exactly one line of speech."
        )
    return Turn(speaker=match["name"], time=match["time"], text=block[1].strip())


def build_docx(transcript: SourceTranscript) -> bytes:
    """The transcript as a Word file, laid out like a meeting tool's transcript export."""
    document = Document()
    title, *details = transcript.header
    document.add_heading(title, level=1)
    for line in details:
        document.add_paragraph(line)
    for turn in transcript.turns:
        speaker_line = document.add_paragraph()
        speaker_line.add_run(turn.speaker).bold = True
        stamp = speaker_line.add_run(f"   {turn.time}")
        stamp.font.color.rgb = _TIMESTAMP_GREY
        stamp.font.size = Pt(9)
        document.add_paragraph(turn.text)
    _fix_properties(document, title)
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_zip_times(buffer.getvalue())


def _fix_properties(document: WordDocument, title: str) -> None:
    properties = document.core_properties
    properties.title = title
    properties.author = "Journeybot sample study"
    properties.last_modified_by = "Journeybot sample study"
    properties.comments = "Fictional transcript written for Journeybot's demo."
    properties.created = RECORDED_AT
    properties.modified = RECORDED_AT
    properties.last_printed = RECORDED_AT
    properties.revision = 1


def _with_fixed_zip_times(data: bytes) -> bytes:
    """python-docx stamps each zip entry with the current time; pin it instead."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            pinned = zipfile.ZipInfo(entry.filename, date_time=RECORDED_AT.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            target.writestr(pinned, source.read(entry.filename))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the committed .docx differs from what the source would produce",
    )
    args = parser.parse_args(argv)
    transcript = parse_source(args.source.read_text(encoding="utf-8"), str(args.source))
    data = build_docx(transcript)
    if args.check:
        current = args.out.read_bytes() if args.out.is_file() else b""
        if current != data:
            sys.stderr.write(f"{args.out} is out of date; run scripts/make_demo_docx.py.\n")
            return 1
        sys.stdout.write(f"{args.out} is up to date.\n")
        return 0
    args.out.write_bytes(data)
    sys.stdout.write(f"Wrote {args.out} ({len(transcript.turns)} turns, {len(data)} bytes).\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
