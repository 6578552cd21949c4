"""Cutting participant turns into quotable spans.

A claim cites a sentence or two, not a whole 800-character window, so researchers can
read the evidence at a glance. Spans are offsets into the stored segment text: the quote
handed to the verifier is always ``text[start:end]``, never a re-typed string. Run-on
talk ("so we export it, and then, you know, we...") is cut further at clause breaks so
no quote runs on for a paragraph; talk with no punctuation at all (automatic captions)
is cut before a word that opens a clause ("and", "so", "um").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeybot.synthesis.memo import per_text
from journeybot.synthesis.stopwords import word_set

#: Longer sentences are cut at clause breaks (commas, semicolons, dashes).
MAX_QUOTE_WORDS = 45

# A sentence ends at . ! ? (or an ellipsis) followed by space, or where a new line starts
# a numbered item ("1. ...", "b) ..."); abbreviations such as
# "e.g." or "Mr." are rare enough in talk that a split there only shortens a quote.
_SENTENCE_END = re.compile(
    r"(?<=[.!?\u2026])[\"'\u201d\u2019)]*\s+"
    r"|[ \t]*\n(?=[ \t]*\(?\d{1,2}[.)]\s)"  # a new line numbering a list item
)
_LIST_MARKER = re.compile(r"\(?\d{1,2}[.)]")
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[-\u2013\u2014]\s)")
#: Words that open a new clause in talk without punctuation, where a run-on may be cut.
_CLAUSE_OPENERS = word_set(
    "and but so because cause then um uh erm which when where while or yeah okay right"
)
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?")


@dataclass(frozen=True)
class Span:
    """A quotable stretch of a segment's text, by offsets into that text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentence_spans(text: str, max_words: int = MAX_QUOTE_WORDS) -> list[Span]:
    """Sentence spans of ``text``; over-long sentences are packed into clause groups."""
    return list(_sentence_spans(text, max_words))


@per_text(maxsize=32768)
def _sentence_spans(text: str, max_words: int) -> tuple[Span, ...]:
    """Kept per text: a segment is cut into sentences by every reader that quotes it."""
    spans: list[Span] = []
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if not _is_list_marker(text, begin, match):
            spans.extend(_cut_long(text, begin, match.start(), max_words))
        begin = match.end()  # "3." numbering a list item is no sentence of its own
    spans.extend(_cut_long(text, begin, len(text), max_words))
    return tuple(span for span in spans if word_count(span.of(text)) > 0)


def _is_list_marker(text: str, begin: int, end: re.Match[str]) -> bool:
    """ "3." alone at the start of a line, with the item's words after it."""
    at_line_start = begin == 0 or text[:begin].rstrip(" \t").endswith("\n")
    has_item = end.end() < len(text)
    return (
        at_line_start
        and has_item
        and bool(_LIST_MARKER.fullmatch(text[begin : end.start()].strip()))
    )


def _cut_long(text: str, start: int, end: int, max_words: int) -> list[Span]:
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    if word_count(text[start:end]) <= max_words:
        return [Span(start, end)]
    pieces: list[Span] = []
    piece_start = start
    last_break: int | None = None
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if word_count(text[piece_start : match.start()]) > max_words and last_break:
            pieces.append(Span(*_trim(text, piece_start, last_break)))
            piece_start = _next_word(text, last_break, end)
        last_break = match.start()
    if last_break and word_count(text[piece_start:end]) > max_words:
        pieces.append(Span(*_trim(text, piece_start, last_break)))
        piece_start = _next_word(text, last_break, end)
    pieces.append(Span(*_trim(text, piece_start, end)))
    out: list[Span] = []
    for piece in pieces:
        if piece.start < piece.end:
            out.extend(_cut_unbroken(text, piece, max_words))
    return out


def _cut_unbroken(text: str, piece: Span, max_words: int) -> list[Span]:
    """A piece still too long has no punctuation to cut at: automatic captions ("so we
    did auto instrumentation in our python code um and so we use a couple different
    frameworks but..."). It is cut before the last word that starts a new clause ("and",
    "but", "so", "um") in the second half of each ``max_words`` run, else after the run."""
    found = list(_WORD.finditer(text, piece.start, piece.end))
    if len(found) <= max_words:
        return [piece]
    out: list[Span] = []
    first = 0
    while len(found) - first > max_words:
        window = range(first + max_words, first + max_words // 2, -1)
        cut = next((i for i in window if found[i].group().lower() in _CLAUSE_OPENERS), None)
        cut = cut if cut is not None else first + max_words
        start = piece.start if not out else found[first].start()
        out.append(Span(*_trim(text, start, found[cut].start())))
        first = cut
    out.append(Span(*_trim(text, found[first].start(), piece.end)))
    return [span for span in out if span.start < span.end]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _next_word(text: str, index: int, end: int) -> int:
    while index < end and not text[index].isalnum():
        index += 1
    return index


def words(text: str) -> list[str]:
    """Lower-case word tokens with apostrophes kept ("didn't", "i'm")."""
    return [w.replace("\u2019", "'").lower() for w in _WORD.findall(text)]
