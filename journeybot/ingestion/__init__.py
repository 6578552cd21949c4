"""Ingestion: uploaded bytes to transcripts of speaker turns, redacted, then segments.

Imports only ``journeybot.core``. Other layers use the names below and nothing else.
"""

from journeybot.ingestion.reader import SUPPORTED_EXTENSIONS, diary_transcript, read_transcript
from journeybot.ingestion.redaction import redact_text, redact_transcript
from journeybot.ingestion.segmentation import segment_transcript

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "diary_transcript",
    "read_transcript",
    "redact_text",
    "redact_transcript",
    "segment_transcript",
]
