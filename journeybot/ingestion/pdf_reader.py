"""PDF transcripts: the text layer, read like a plain-text transcript.

A PDF's text comes back line by line with page furniture mixed in ("1/5", "Page 3 of
9"); those lines go, the rest is parsed as labelled text. Locations name the page,
because that is what a researcher can find in the original.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from journeybot.core.errors import CorruptFileError, UnreadableFileError
from journeybot.core.models import Transcript
from journeybot.ingestion.building import build_transcript
from journeybot.ingestion.labels import participant_from_file_name
from journeybot.ingestion.plaintext import parse_lines

_PAGE_COUNTER_RE = re.compile(
    r"^\s*(?:\d{1,4}\s*/\s*\d{1,4}|page\s+\d{1,4}(?:\s+(?:of|/)\s+\d{1,4})?|[-–]\s*\d{1,4}\s*[-–])\s*$",
    re.IGNORECASE,
)


def read_pdf(data: bytes, file_name: str, *, interviewers: Sequence[str] = ()) -> Transcript:
    pages = pdf_page_texts(data, file_name)
    lines: list[str] = []
    places: list[str] = []
    for number, page in enumerate(pages, start=1):
        for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            if not _PAGE_COUNTER_RE.match(line):
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
    return build_transcript(
        turns, file_name=file_name, format="pdf", interviewers=interviewers, warnings=warnings
    )


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
