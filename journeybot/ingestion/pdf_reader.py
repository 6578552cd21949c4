"""PDF transcripts: the text layer, read like a plain-text transcript.

A PDF's text comes back line by line with page furniture mixed in ("1/5", "Page 3 of
9", a running head or foot on every page); those lines go, the rest is parsed as
labelled text. Locations name the page, because that is what a researcher can find in
the original.
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from collections.abc import Sequence

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from journeybot.core.errors import CorruptFileError, UnreadableFileError
from journeybot.core.models import Transcript
from journeybot.core.text import short_list, shortened
from journeybot.ingestion.building import build_transcript
from journeybot.ingestion.label_lines import opens_with_label
from journeybot.ingestion.labels import participant_from_file_name
from journeybot.ingestion.plaintext import parse_lines

#: How many lines at a page's top and bottom may be running heads and feet, and on what
#: share of the pages one must recur to be one.
_EDGE_LINES = 3
_RUNNING_SHARE = 0.5
_DIGITS = re.compile(r"\d+")
_PAGE_COUNTER_RE = re.compile(
    r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?|[-–]\s*\d{1,4}\s*[-–])\s*$",
    re.IGNORECASE,
)


def read_pdf(data: bytes, file_name: str, *, interviewers: Sequence[str] = ()) -> Transcript:
    pages = [
        page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for page in pdf_page_texts(data, file_name)
    ]
    running = _running_lines(pages)
    lines: list[str] = []
    places: list[str] = []
    for number, page in enumerate(pages, start=1):
        for line in page:
            if not _PAGE_COUNTER_RE.match(line) and _shape(line) not in running:
                lines.append(line)
                places.append(f"page {number}")
        lines.append("")
        places.append(f"page {number}")
    if not any(line.strip() for line in lines):
        raise UnreadableFileError(
            file_name,
            "the PDF has no text layer (it may be a scan); "
            "export the transcript as text or .docx and upload that instead",
        )
    turns, warnings = parse_lines(
        lines,
        locate=lambda index: places[index],
        participant=participant_from_file_name(file_name),
    )
    if running:
        shown = short_list([f"'{shortened(line, 60)}'" for line in sorted(running.values())])
        warnings.append(f"left out the page headers and footers repeated on its pages: {shown}")
    return build_transcript(
        turns, file_name=file_name, format="pdf", interviewers=interviewers, warnings=warnings
    )


def _running_lines(pages: Sequence[Sequence[str]]) -> dict[str, str]:
    """Lines at the top or bottom of most pages, the same but for their numbers: running
    heads and feet ("Confidential - Interview 3", "Transcribed by ..."). Left in, they
    ran into whoever was speaking at each page break and were quoted as their words.
    A line that opens a turn ("Sarah: Yes.") is never one. Keyed by shape (digits as
    '#'), with one line as written."""
    if len(pages) < 2:
        return {}
    seen: Counter[str] = Counter()
    written: dict[str, str] = {}
    for page in pages:
        filled = [line.strip() for line in page if line.strip() and not opens_with_label(line)]
        edges = {_shape(line): line for line in filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]}
        seen.update(edges.keys())
        for shape, line in edges.items():
            written.setdefault(shape, line)
    needed = max(2, math.ceil(_RUNNING_SHARE * len(pages)))
    return {
        shape: written[shape]
        for shape, count in seen.items()
        if count >= needed and (len(shape.split()) >= 2 or len(pages) >= 3)
    }


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()).casefold())


def pdf_page_texts(data: bytes, file_name: str) -> list[str]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _unlock(reader, file_name)
        return [page.extract_text() or "" for page in reader.pages]
    except UnreadableFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as err:
        raise CorruptFileError(
            file_name,
            "is not a readable PDF file; open it and export it again as PDF, text or .docx",
        ) from err


def _unlock(reader: PdfReader, file_name: str) -> None:
    """Many PDFs are encrypted with an empty password only to stop editing."""
    try:
        unlocked = bool(reader.decrypt(""))
    except (PyPdfError, DependencyError, NotImplementedError):
        unlocked = False
    if not unlocked:
        raise UnreadableFileError(
            file_name,
            "the PDF is password-protected; remove the password "
            "or export the transcript as text or .docx and upload that instead",
        )
