"""Participant turns into the segments that are embedded and cited.

A segment is always a slice of the canonical text, so a citation can be checked
against the source character for character. Long turns are cut on sentence boundaries
without overlap: each participant word belongs to exactly one segment, so counting
segments never counts a sentence twice.
"""

from __future__ import annotations

import re

from journeybot.core.errors import ConfigError
from journeybot.core.models import Role, Segment, Transcript, Utterance, segment_id
from journeybot.ingestion.evidence import citable_spans

CONTEXT_CHARS = 300
CONTEXT_TURNS = 3
_SENTENCE_END_RE = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")


def segment_transcript(
    transcript: Transcript,
    *,
    study: str,
    source_id: str,
    max_chars: int = 800,
    generation: int = 0,
) -> list[Segment]:
    if max_chars < 1:
        raise ConfigError(f"The segment size must be at least 1 character, not {max_chars}.")
    utterances = transcript.utterances
    last_turn = max(len(utterances) - 1, 1)
    segments: list[Segment] = []
    for turn, utt in enumerate(utterances):
        if utt.role is not Role.PARTICIPANT:
            continue
        context = interviewer_context(utterances, turn)
        for start, end in evidence_windows(
            transcript.text[utt.start : utt.end], context, max_chars
        ):
            segments.append(
                Segment(
                    id=segment_id(source_id, utt.start + start, utt.start + end, generation),
                    study=study,
                    source_id=source_id,
                    file_name=transcript.file_name,
                    kind=transcript.kind,
                    participant=utt.speaker,
                    text=transcript.text[utt.start + start : utt.start + end],
                    start=utt.start + start,
                    end=utt.start + end,
                    location=utt.location,
                    turn=turn,
                    position=turn / last_turn if len(utterances) > 1 else 0.0,
                    context=context,
                    date=utt.date,
                    prompt=utt.prompt,
                    generation=generation,
                )
            )
    return segments


def evidence_windows(text: str, question: str, max_chars: int) -> list[tuple[int, int]]:
    """Windows over the parts of a turn that are evidence (see ``evidence.py``)."""
    windows: list[tuple[int, int]] = []
    for begin, finish in citable_spans(text, question):
        windows.extend(
            (begin + start, begin + end)
            for start, end in window_spans(text[begin:finish], max_chars)
        )
    return windows


def window_spans(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Spans of ``text``, each at most ``max_chars`` and trimmed, covering every word once."""
    pieces: list[tuple[int, int]] = []
    for start, end in _sentence_spans(text):
        pieces.extend(_word_chunks(text, start, end, max_chars))
    windows: list[tuple[int, int]] = []
    for start, end in pieces:
        if windows and end - windows[-1][0] <= max_chars:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END_RE.finditer(text):
        spans.extend(_trimmed(text, cursor, match.end()))
        cursor = match.end()
    spans.extend(_trimmed(text, cursor, len(text)))
    return spans


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _word_chunks(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """A sentence too long for one window, cut at the last space that fits."""
    chunks: list[tuple[int, int]] = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars + 1)
        if cut <= start:
            cut = start + max_chars
        chunks.extend(_trimmed(text, start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    chunks.extend(_trimmed(text, start, end))
    return chunks


def interviewer_context(utterances: list[Utterance], turn: int) -> str:
    """The question this turn answers: the interviewer's last words shortly before it.

    Questions come at the end of an interviewer's turn, so a long turn keeps its end.
    """
    for earlier in range(turn - 1, max(turn - 1 - CONTEXT_TURNS, -1), -1):
        utt = utterances[earlier]
        if utt.role is Role.INTERVIEWER:
            return _tail(utt.text, CONTEXT_CHARS)
    return ""


def _tail(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.find(" ", len(text) - limit)
    tail = text[cut + 1 :] if cut >= 0 else text[-limit:]
    return "…" + tail
