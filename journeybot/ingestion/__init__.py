"""Ingestion: uploaded bytes to transcripts of speaker turns, redacted, then segments.

Imports only ``journeybot.core``. Other layers use the names below and nothing else.
The names resolve on first use (PEP 562), so importing one light submodule (labels,
roster, redaction) does not pull in the PDF and Word readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeybot.ingestion.reader import (
        SUPPORTED_EXTENSIONS,
        diary_transcript,
        read_transcript,
    )
    from journeybot.ingestion.redaction import redact_text, redact_transcript
    from journeybot.ingestion.segmentation import segment_transcript

_HOMES = {
    "SUPPORTED_EXTENSIONS": "journeybot.ingestion.reader",
    "diary_transcript": "journeybot.ingestion.reader",
    "read_transcript": "journeybot.ingestion.reader",
    "redact_text": "journeybot.ingestion.redaction",
    "redact_transcript": "journeybot.ingestion.redaction",
    "segment_transcript": "journeybot.ingestion.segmentation",
}

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "diary_transcript",
    "read_transcript",
    "redact_text",
    "redact_transcript",
    "segment_transcript",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'journeybot.ingestion' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
