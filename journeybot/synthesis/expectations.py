"""Expectation gaps: what a participant expected, against what then happened.

An expectation is recognised by how people report one ("I assumed they would...", "I
thought it'd be...", "I expected...", "it was supposed to..."). What happened is the
same participant's nearby contrasting statement: the rest of the sentence after "but",
or one of the next sentences of the same turn (or their next turn) that opens with or
carries a contrast ("but", "instead", "turned out", "actually", "never"...). Both sides
are quoted verbatim; an expectation whose outcome is not in the nearby talk is kept
with the outcome marked unsupported, so nobody reads a guess as a finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.core.models import Claim, ExpectationGap, Segment, claim_id
from journeybot.synthesis.sentences import Span, sentence_spans
from journeybot.synthesis.verify import CitationVerifier

_SUBJECT = r"\b(?:i|we)(?:'d| had| would have)?\s+(?:just\s+|really\s+|kind of\s+|sort of\s+)?"
#: Verbs that report an expectation whatever follows them.
EXPECTING = re.compile(
    _SUBJECT + r"(?:assumed|expected|presumed|figured|imagined|was expecting|were expecting|"
    r"was hoping|were hoping|hoped|was under the impression|were under the impression|"
    r"was told|were told|was promised|were promised)\b"
    r"|\b(?:it|they|this|that) (?:was|were) (?:supposed|meant) to\b",
    re.IGNORECASE,
)
#: "I thought" only reports an expectation when it looks ahead ("I thought it'd be").
THINKING_AHEAD = re.compile(
    _SUBJECT + r"thought (?:that )?(?:it|they|this|that|you|we|i|there|he|she|someone)"
    r"(?:'d| would| will| was going to| were going to| should| could)\b",
    re.IGNORECASE,
)
CONTRAST = re.compile(
    r"\b(?:but|instead|turned out|turns out|in reality|in fact|actually|however|"
    r"never|nobody|no one|nothing|didn't|did not|wasn't|weren't|couldn't|took|still|"
    r"ended up|had to|rather than|not at all)\b",
    re.IGNORECASE,
)
COMPARED = re.compile(r"\b(?:than|as)\s*$", re.IGNORECASE)
_BUT = re.compile(r",?\s+\b(?:but|and instead|instead|only to find)\b", re.IGNORECASE)
#: How many following sentences of the same participant may hold what happened.
LOOK_AHEAD = 3
#: An aside or hedge before the cue says how they talk, not what happened.
_ASIDE_OPENING = re.compile(
    r"\W*(?:honestly|to be honest|to be fair|i mean|i know|i think|i guess|i suppose|"
    r"don't get me wrong|funnily enough|obviously|of course)\b",
    re.IGNORECASE,
)
#: A clause that opens with a subordinator sets the scene for the expectation ("After the
#: storm took the fence down, I was told ..."); it is not what happened instead.
_SETTING_THE_SCENE = re.compile(
    r"\W*(?:(?:and|so|but|well|then)\W+)?(?:after|when|whenever|once|since|before|as soon "
    r"as|because|as|if|while|until|by the time)\b",
    re.IGNORECASE,
)
#: What happened is told in the past: a regular past form or a common irregular one.
_REPORTS_EVENT = re.compile(
    r"\b(?:\w{2,}ed|took|left|came|went|got|was|were|had|did|made|said|told|sent|gave|"
    r"found|saw|rang|paid|kept|lost|broke|arrived|turned up)\b",
    re.IGNORECASE,
)
#: A clause before the cue needs this many words to be what happened.
MIN_SIDE_WORDS = 3
GAPS_PER_STAGE = 3


@dataclass(frozen=True)
class _Sentence:
    segment: Segment
    span: Span

    @property
    def text(self) -> str:
        return self.span.of(self.segment.text)


def expectation_gaps(
    study: str,
    stage_id: str,
    segments: Sequence[Segment],
    verifier: CitationVerifier,
) -> list[ExpectationGap]:
    """Gaps found in a stage's segments (in conversation order), both sides cited."""
    sentences = [_Sentence(seg, span) for seg in segments for span in sentence_spans(seg.text)]
    gaps: list[ExpectationGap] = []
    for position, sentence in enumerate(sentences):
        cue = EXPECTING.search(sentence.text) or THINKING_AHEAD.search(sentence.text)
        if cue is None or COMPARED.search(sentence.text[: cue.start()]):
            continue  # "better than I expected" compares; it reports no expectation
        expected, outcome = (
            _split_on_but(sentence, cue.end())
            or _split_before_cue(sentence, cue.start())
            or (sentence, None)
        )
        if outcome is None:
            outcome = _outcome(sentence, sentences[position + 1 : position + 1 + LOOK_AHEAD])
            if outcome is None and cue.re is THINKING_AHEAD:
                continue  # "I thought it'd be fine" with no contrast is no gap
        gap = _gap(study, stage_id, verifier, expected, outcome)
        if gap is not None:
            gaps.append(gap)
    gaps.sort(key=lambda g: (not g.experienced.supported,))
    return gaps[:GAPS_PER_STAGE]


def _split_on_but(sentence: _Sentence, after: int) -> tuple[_Sentence, _Sentence] | None:
    """ "I assumed X, but Y" read as two sides of one sentence."""
    match = _BUT.search(sentence.text, after)
    if match is None:
        return None
    start = sentence.span.start
    expected = _Sentence(sentence.segment, Span(start, start + match.start()))
    happened = _Sentence(sentence.segment, Span(start + match.start(), sentence.span.end))
    happened = _Sentence(sentence.segment, _trimmed(sentence.segment.text, happened.span))
    return expected, happened


def _split_before_cue(sentence: _Sentence, cue_at: int) -> tuple[_Sentence, _Sentence] | None:
    """ "It took a minute, I was expecting a fight": what happened came first.

    Only when a pause (comma, semicolon, dash) sets a clause of a few words apart before
    the cue; "I really expected..." opens its sentence and has nothing before it.
    """
    before = sentence.text[:cue_at]
    pause = max(before.rfind(mark) for mark in (",", ";", "\u2013", "\u2014", " - "))
    if pause < 0 or len(before[:pause].split()) < MIN_SIDE_WORDS:
        return None
    if len(before[pause:].split()) > 3:  # "..., and then I assumed": the cue's own clause
        return None
    if _ASIDE_OPENING.match(before) or not _REPORTS_EVENT.search(before[:pause]):
        return None  # "Honestly, I know it sounds silly, I expected...": no outcome there
    if _SETTING_THE_SCENE.match(before):
        return None  # "When I rang, I was told ...": when it was said, not what happened
    start = sentence.span.start
    happened = _Sentence(sentence.segment, Span(start, start + pause))
    cue_clause = Span(start + pause, sentence.span.end)
    expected = _Sentence(sentence.segment, _trimmed(sentence.segment.text, cue_clause))
    return expected, happened


def _trimmed(text: str, span: Span) -> Span:
    start = span.start
    while start < span.end and not text[start].isalnum():
        start += 1
    return Span(start, span.end)


def _outcome(sentence: _Sentence, following: Sequence[_Sentence]) -> _Sentence | None:
    """The first contrasting sentence the same participant says next, in that source."""
    for candidate in following:
        same_person = candidate.segment.participant == sentence.segment.participant
        same_source = candidate.segment.source_id == sentence.segment.source_id
        if not (same_person and same_source):
            return None
        if CONTRAST.search(candidate.text):
            return candidate
    return None


def _gap(
    study: str,
    stage_id: str,
    verifier: CitationVerifier,
    expected: _Sentence,
    happened: _Sentence | None,
) -> ExpectationGap | None:
    expected_citation = verifier.cite(expected.segment.id, expected.text)
    if expected_citation is None:
        return None
    key = f"{expected.segment.id}:{expected.span.start}"
    happened_citation = verifier.cite(happened.segment.id, happened.text) if happened else None
    return ExpectationGap(
        expected=Claim(
            id=claim_id(study, stage_id, "expected", key),
            text=f"Expected: {expected_citation.quote}",
            citations=[expected_citation],
            participants=1,
        ),
        experienced=Claim(
            id=claim_id(study, stage_id, "experienced", key),
            text=(
                f"Experienced: {happened_citation.quote}"
                if happened_citation
                else "What happened instead was not found in the participant's nearby talk."
            ),
            citations=[happened_citation] if happened_citation else [],
            participants=1 if happened_citation else 0,
            supported=happened_citation is not None,
        ),
    )
