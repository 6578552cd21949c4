"""A short prose answer over retrieved quotes, with only verified words in quotation marks.

The model answers with prose citing ``[S1]``-style refs and a list of quotes. Every
quote, whether listed or written inline between double quotes, goes through the
verifier; inline quoted text that fails is replaced by a marker, so the prose never
puts words in a participant's mouth. Refs are renumbered ``[1]``, ``[2]``... in the
order of ``Answer.citations``; refs to passages that were not shown are removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from journeybot.core.errors import ContextOverflowError
from journeybot.core.models import Answer, Citation
from journeybot.core.text import match_form
from journeybot.synthesis.base import RetrievedEvidence
from journeybot.synthesis.llm.chunks import Passage
from journeybot.synthesis.llm.run import DraftRun, fit_end
from journeybot.synthesis.llm.schema import AnswerDraft

MAX_SENTENCES = 5
REMOVED_QUOTE = "[unverified quote removed]"
NO_EVIDENCE = (
    "No participant quote in the evidence searched speaks to this question, so there is "
    "nothing to answer from."
)
_REF_GROUP = re.compile(r"\[\s*([Ss]\s*\d+(?:\s*[,;]\s*[Ss]?\s*\d+)*)\s*\]")
_SPACED_REF_GROUP = re.compile(r"(\s*)" + _REF_GROUP.pattern)
_REF_NUMBER = re.compile(r"\d+")
_INLINE_QUOTE = re.compile(r"\u201c([^\u201c\u201d]+)\u201d|\"([^\"]+)\"")
_AFTER_QUOTE = re.compile(r"[\s,.;:]{0,3}" + _REF_GROUP.pattern)


def draft_answer(run: DraftRun, retrieved: RetrievedEvidence, engine: str) -> Answer:
    if not run.segments:
        return Answer(question=retrieved.question, answer=NO_EVIDENCE, citations=[], engine=engine)
    frame = run.prompt(
        "answer", question=retrieved.question, max_sentences=MAX_SENTENCES, passages=[]
    )
    passages = run.chunks(frame)[0]  # best-ranked passages that fit; retrieval caps k
    passages, reply = _ask_shrinking(run, retrieved.question, passages)
    shown = {p.segment.id for p in passages}
    listed = run.verify(reply.quotes, shown)
    prose, inline = _check_inline_quotes(run, reply.answer, shown, listed)
    prose, citations = _number_refs(run, prose, shown, [*inline, *listed])
    return Answer(
        question=retrieved.question,
        answer=prose.strip(),
        citations=citations,
        participants=len({c.participant for c in citations}),
        sources=len({c.source for c in citations}),
        engine=engine,
        quotes_dropped=run.verifier.dropped_total,
    )


def _ask_shrinking(
    run: DraftRun, question: str, passages: list[Passage]
) -> tuple[list[Passage], AnswerDraft]:
    """The answer from the best-ranked passages; on a context overflow (token counts are
    estimates) the lower-ranked half is dropped and the question asked again."""
    while True:
        prompt = run.prompt(
            "answer", question=question, max_sentences=MAX_SENTENCES, passages=passages
        )
        try:
            refs = {"ref": [p.ref for p in passages]}
            return passages, run.caller.ask("answer", prompt, AnswerDraft, choices=refs)
        except ContextOverflowError:
            if len(passages) < 2:
                raise
            passages = passages[: len(passages) // 2]


def _check_inline_quotes(
    run: DraftRun, prose: str, shown: set[str], listed: list[Citation]
) -> tuple[str, list[Citation]]:
    """Prose with failing quoted text replaced, and the inline quotes that passed."""
    known = {match_form(c.quote): c for c in listed}
    passed: list[Citation] = []

    def check(match: re.Match[str]) -> str:
        quote = match.group(1) or match.group(2) or ""
        citation = known.get(match_form(quote))
        if citation is None:
            after = _AFTER_QUOTE.match(prose, match.end())
            refs = _refs(after.group(1)) if after else []
            candidates = [i for i in map(run.refs.segment_id, refs) if i in shown] or [
                seg.id for seg in run.segments if seg.id in shown
            ]
            fitted = [
                fit_end(quote, seg.text) for seg in map(run.verifier.segment, candidates) if seg
            ]
            quote = next((q for q in fitted if q != quote), quote)
            citation = run.verifier.cite_anywhere(quote, candidates)
        if citation is None:
            return REMOVED_QUOTE
        known[match_form(quote)] = citation
        passed.append(citation)
        return f"\u201c{citation.quote}\u201d"

    return _INLINE_QUOTE.sub(check, prose), passed


def _number_refs(
    run: DraftRun, prose: str, shown: set[str], quoted: list[Citation]
) -> tuple[str, list[Citation]]:
    """Refs rewritten as citation numbers; citations ordered by first mention."""
    by_segment: dict[str, list[Citation]] = {}
    for citation in quoted:
        group = by_segment.setdefault(citation.segment_id, [])
        if citation not in group:
            group.append(citation)
    mentioned: list[str] = []
    for match in _REF_GROUP.finditer(prose):
        for ref in _refs(match.group(1)):
            seg_id = run.refs.segment_id(ref)
            if seg_id in shown and seg_id not in mentioned:
                mentioned.append(seg_id)
    order = mentioned + [s for s in by_segment if s not in mentioned]
    citations: list[Citation] = []
    number: dict[str, int] = {}
    for seg_id in order:
        group = by_segment.get(seg_id) or [c for c in [run.verifier.cite(seg_id)] if c]
        number[seg_id] = len(citations) + 1
        citations.extend(group)
    return _SPACED_REF_GROUP.sub(_renumber(run, number), prose), citations


def _renumber(run: DraftRun, number: dict[str, int]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        ids = [run.refs.segment_id(ref) for ref in _refs(match.group(2))]
        numbers = sorted({number[i] for i in ids if i is not None and i in number})
        return f"{match.group(1)}[{', '.join(map(str, numbers))}]" if numbers else ""

    return replace


def _refs(group: str) -> list[str]:
    return [f"S{n}" for n in _REF_NUMBER.findall(group)]
