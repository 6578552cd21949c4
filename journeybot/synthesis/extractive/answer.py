"""Answering a question with participants' own words, grouped into themes.

Retrieval already ranked the segments; this picks the sentence(s) of each segment that
share the most words with the question (a long segment is cut to what answers), keeps
a couple of quotes per participant while others have something to say, and groups the
quotes into two to four themes, each with a label and its participant count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from journeybot.core.models import Answer, AnswerTheme, Citation, Segment
from journeybot.synthesis.answer_themes import closest_topics, group_quotes
from journeybot.synthesis.base import RetrievedEvidence
from journeybot.synthesis.listener import asks_the_listener
from journeybot.synthesis.sentences import Span, sentence_spans, word_count
from journeybot.synthesis.terms import content_words, stem
from journeybot.synthesis.verify import CitationVerifier

MAX_QUOTES = 8
MAX_PER_PARTICIPANT = 2
#: A quote needs at least this many words with letters in them.
MIN_WORDS = 1
_LETTERED = re.compile(r"[^\W\d_]{2,}")
#: A segment this short is quoted whole.
WHOLE_SEGMENT_WORDS = 45
#: A best sentence shorter than this is quoted with the sentence after it.
SHORT_SENTENCE_WORDS = 12
#: An answer quotes whole sentences however long they run: drafts cut a run-on sentence
#: at a clause break to keep rows short, but in an answer a quote ending on "...see what,
#: first of all," reads as cut off. A segment is a window of a few sentences at most.
WHOLE_SENTENCE_WORDS = 10_000


def extractive_answer(retrieved: RetrievedEvidence, engine: str = "extractive") -> Answer:
    permalinks = {s.id: s.permalink for s in retrieved.sources if s.permalink}
    verifier = CitationVerifier(retrieved.segments, permalinks)
    question = {stem(w) for w in content_words(retrieved.question)}
    wanted = retrieved.k if retrieved.k is not None else MAX_QUOTES
    candidates: list[tuple[Segment, Citation]] = []
    for segment in retrieved.segments:
        passage = best_passage(segment, question)
        if asks_the_listener(passage) or _wordless(passage):
            continue  # a question put to someone else, or a run of numbers, is no evidence
        citation = verifier.cite(segment.id, passage)
        if citation is not None:
            candidates.append((segment, citation))
    chosen = _spread(candidates, wanted)
    themes = group_quotes([c.quote for _, c in chosen], [s for s, _ in chosen], retrieved.question)
    citations = [chosen[i][1] for theme in themes for i in theme.members]
    answer_themes: list[AnswerTheme] = []
    for theme in themes:
        start = sum(len(t.citations) for t in answer_themes)
        indexes = list(range(start, start + len(theme.members)))
        answer_themes.append(
            AnswerTheme(label=theme.label, participants=theme.participants, citations=indexes)
        )
    participants = len({c.participant for c in citations})
    return Answer(
        question=retrieved.question,
        answer=_summary(answer_themes, retrieved),
        citations=citations,
        participants=participants,
        sources=len({c.source for c in citations}),
        engine=engine,
        quotes_dropped=verifier.dropped_total,
        themes=answer_themes,
    )


def _spread(
    candidates: Sequence[tuple[Segment, Citation]], wanted: int
) -> list[tuple[Segment, Citation]]:
    """The first ``wanted`` quotes, at most two per participant while others remain.

    ``--k`` is honoured exactly up to what was found: when fewer people spoke to the
    question, the rest of the list is filled with their further quotes, best first.
    """
    chosen: list[int] = []
    counts: dict[str, int] = defaultdict(int)
    for index, (segment, _) in enumerate(candidates):
        if len(chosen) < wanted and counts[segment.participant] < MAX_PER_PARTICIPANT:
            chosen.append(index)
            counts[segment.participant] += 1
    for index in range(len(candidates)):
        if len(chosen) >= wanted:
            break
        if index not in chosen:
            chosen.append(index)
    return [candidates[i] for i in sorted(chosen)]


def _wordless(passage: str) -> bool:
    """No word with letters in it: a run of page or line numbers, timestamps, stray marks."""
    return len(_LETTERED.findall(passage)) < MIN_WORDS


def best_passage(segment: Segment, question: set[str]) -> str:
    """The sentence (or two) of ``segment`` that shares most words with the question."""
    text = segment.text
    if word_count(text) <= WHOLE_SEGMENT_WORDS:
        return text
    spans = sentence_spans(text, max_words=WHOLE_SENTENCE_WORDS)
    if not spans:
        return text
    scores = [
        _overlap(span.of(text), question) - (5.0 if asks_the_listener(span.of(text)) else 0.0)
        for span in spans
    ]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    chosen = _widen(text, spans, best)
    return chosen.of(text)


def _widen(text: str, spans: Sequence[Span], best: int) -> Span:
    span = spans[best]
    if word_count(span.of(text)) < SHORT_SENTENCE_WORDS and best + 1 < len(spans):
        return Span(span.start, spans[best + 1].end)
    if word_count(span.of(text)) < SHORT_SENTENCE_WORDS and best > 0:
        return Span(spans[best - 1].start, span.end)
    return span


def _overlap(sentence: str, question: set[str]) -> float:
    stems = {stem(w) for w in content_words(sentence)}
    return len(stems & question) + 0.01 * min(len(stems), 20)


def _summary(themes: Sequence[AnswerTheme], retrieved: RetrievedEvidence) -> str:
    if not themes:
        nearby = closest_topics(retrieved.nearby, retrieved.question)
        closest = f" The closest topics it does cover: {', '.join(nearby)}." if nearby else ""
        return (
            "Nothing in the study's evidence answers this question: no participant spoke "
            f"to it, so there are no quotes.{closest}"
        )
    return "\n".join(
        f"{theme.label}: {theme.participants} participant{_s(theme.participants)}"
        for theme in themes
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"
