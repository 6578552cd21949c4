"""Answering a question with participants' own words, grouped by participant.

Retrieval already ranked the segments; this picks the sentence(s) of each segment that
share the most words with the question (a long segment is cut to what answers), keeps
a couple of quotes per participant, and says how many people and sources they come from.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from journeybot.core.models import Answer, Citation, Segment
from journeybot.synthesis.base import RetrievedEvidence
from journeybot.synthesis.rows import asks_the_listener
from journeybot.synthesis.sentences import Span, sentence_spans, word_count
from journeybot.synthesis.terms import content_words, stem
from journeybot.synthesis.verify import CitationVerifier

MAX_QUOTES = 8
MAX_PER_PARTICIPANT = 2
#: A segment this short is quoted whole.
WHOLE_SEGMENT_WORDS = 45
#: A best sentence shorter than this is quoted with the sentence after it.
SHORT_SENTENCE_WORDS = 12


def extractive_answer(retrieved: RetrievedEvidence, engine: str = "extractive") -> Answer:
    permalinks = {s.id: s.permalink for s in retrieved.sources if s.permalink}
    verifier = CitationVerifier(retrieved.segments, permalinks)
    question = {stem(w) for w in content_words(retrieved.question)}
    picked: dict[str, list[Citation]] = defaultdict(list)
    order: list[str] = []
    total = 0
    for segment in retrieved.segments:
        if total == MAX_QUOTES:
            break
        if len(picked[segment.participant]) == MAX_PER_PARTICIPANT:
            continue
        passage = best_passage(segment, question)
        if asks_the_listener(passage):
            continue  # a question put to someone else is no one's evidence
        citation = verifier.cite(segment.id, passage)
        if citation is None:
            continue
        if segment.participant not in order:
            order.append(segment.participant)
        picked[segment.participant].append(citation)
        total += 1
    citations = [c for participant in order for c in picked[participant]]
    sources = len({c.source for c in citations})
    return Answer(
        question=retrieved.question,
        answer=_summary(len(citations), len(order), sources),
        citations=citations,
        participants=len(order),
        sources=sources,
        engine=engine,
        quotes_dropped=verifier.dropped_total,
    )


def best_passage(segment: Segment, question: set[str]) -> str:
    """The sentence (or two) of ``segment`` that shares most words with the question."""
    text = segment.text
    if word_count(text) <= WHOLE_SEGMENT_WORDS:
        return text
    spans = sentence_spans(text)
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


def _summary(quotes: int, participants: int, sources: int) -> str:
    if quotes == 0:
        return "No participant said anything that matches this question in the study's evidence."
    return (
        f"{quotes} quote{_s(quotes)} from {participants} participant{_s(participants)} "
        f"across {sources} source{_s(sources)}, most relevant first, grouped by participant."
    )


def _s(count: int) -> str:
    return "" if count == 1 else "s"
