"""The one entry point from uploaded bytes to a ``Transcript``.

Checks that cost nothing run before any parsing (size, extension, emptiness), so a
wrong upload is refused at once with a message that says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from journeybot.core.errors import EmptyFileError, FileTooLargeError, UnsupportedFormatError
from journeybot.core.models import Role, SourceKind, Transcript
from journeybot.ingestion.building import RawTurn, build_transcript, normalise
from journeybot.ingestion.captions import read_captions
from journeybot.ingestion.csv_reader import read_diary_csv
from journeybot.ingestion.decoding import decode_text
from journeybot.ingestion.docx_reader import read_docx
from journeybot.ingestion.pdf_reader import read_pdf
from journeybot.ingestion.plaintext import read_plain_text
from journeybot.ingestion.xlsx_reader import read_xlsx

SUPPORTED_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".md",
    ".markdown",
    ".vtt",
    ".srt",
    ".sbv",
    ".docx",
    ".pdf",
    ".csv",
    ".tsv",
    ".xlsx",
)
#: A WebVTT file however it is named (a Teams or Zoom download saved as .txt).
_WEBVTT = re.compile(r"\A\ufeff?\s*WEBVTT(?:[ \t].*)?$", re.MULTILINE)
_FORMAT_NAMES = {".markdown": "md"}


def read_transcript(
    data: bytes,
    file_name: str,
    *,
    interviewers: Sequence[str] = (),
    max_bytes: int = 25_000_000,
    max_docx_uncompressed: int = 200_000_000,
) -> Transcript:
    """Read any supported file; raises an ``InputFileError`` subclass on bad input."""
    if len(data) > max_bytes:
        raise FileTooLargeError(file_name, len(data), max_bytes)
    extension = PurePath(file_name).suffix.lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFormatError(
            file_name,
            f"'{extension or 'no extension'}' files cannot be read; "
            f"supported formats are {', '.join(SUPPORTED_EXTENSIONS)}",
        )
    if not data.strip():
        raise EmptyFileError(file_name)
    if extension == ".docx":
        return read_docx(
            data, file_name, interviewers=interviewers, max_uncompressed=max_docx_uncompressed
        )
    if extension == ".pdf":
        return read_pdf(data, file_name, interviewers=interviewers)
    if extension == ".xlsx":
        return read_xlsx(data, file_name, max_uncompressed=max_docx_uncompressed)
    text = decode_text(data, file_name)
    if extension in (".csv", ".tsv"):
        return read_diary_csv(text, file_name)
    format_name = _FORMAT_NAMES.get(extension, extension.lstrip("."))
    if _WEBVTT.match(text) and "-->" in text:  # captions saved as text: read as captions
        format_name, extension = "vtt", ".vtt"
    if extension in (".vtt", ".srt", ".sbv"):
        return read_captions(text, file_name, format=format_name, interviewers=interviewers)
    return read_plain_text(
        text,
        file_name,
        format=format_name,
        interviewers=interviewers,
        markdown=format_name == "md",
    )


def diary_transcript(
    participant: str,
    text: str,
    *,
    date: str,
    file_name: str,
    prompt: str | None = None,
) -> Transcript:
    """One diary post (a Slack message) as a one-utterance transcript, located by date."""
    if not normalise(text):
        raise EmptyFileError(file_name, "the diary entry has no text")
    turn = RawTurn(
        label=participant,
        text=text,
        location=date,
        date=date,
        prompt=prompt,
        role=Role.PARTICIPANT,
        speaker=normalise(participant) or participant,
    )
    return build_transcript([turn], file_name=file_name, format="slack", kind=SourceKind.DIARY)
