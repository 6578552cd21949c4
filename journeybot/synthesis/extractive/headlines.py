"""Wording a claim from its own evidence: the clause of the lead quote that says it.

The extractive engine cannot paraphrase, and a bag of keywords ("Pain point: sticks and
card") makes a reviewer open every quote to learn what the claim is. So a claim is
worded by the participant: the clause of its most central quote that carries the row's
language (a problem for a pain point, a want for a goal, a deed for an action) and the
theme's distinctive terms, cut verbatim from that quote. Only leading fillers ("so",
"and honestly,") and trailing punctuation are dropped (a long clause is cut at a word,
with an ellipsis), so the headline can always be found in the quote cited first.
Theme terms the clause does not mention are added in brackets as the topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeybot.synthesis.polarity import research_polarity
from journeybot.synthesis.polarity_scope import denied_echo
from journeybot.synthesis.quote_choice import rejected_words, says_rejected
from journeybot.synthesis.rows import ROW_CUES, Row
from journeybot.synthesis.sentences import sentence_spans, word_count, words
from journeybot.synthesis.terms import stem

#: A headline clause is at most this many words; longer ones are cut at a word.
MAX_HEADLINE_WORDS = 16
MIN_HEADLINE_WORDS = 4
#: A clause that says a word the speaker turned down ("Worrying, no, ...") is never the
#: headline while another clause will do, however feeling-laden the word makes it look.
REJECTED_PENALTY = 10.0

_CLAUSE_BREAK = re.compile(r"(?<=[.!?;:,\u2026])[\"'\u201d\u2019)]*\s+|\s+[-\u2013\u2014]+\s+")
#: "No" opens a clause as filler only when said on its own ("No, it came on the
#: Thursday"); before a word it is what the clause says ("no trip to the surgery", "no
#: one rang"), and a label without it would say the opposite.
_LEADING_FILLER = re.compile(
    r"^(?:(?:and|but|so|because|cos|or|then|well|yeah|yes|um+|uh+|er+m*|oh|okay|ok|"
    r"honestly|basically|actually|like|right|i mean|you know|i think|i guess|"
    r"to be honest|to be fair|anyway|no(?=\s*(?:[,.!?;:\u2026-]|$)))\b[\s,.\u2026-]*)+",
    re.IGNORECASE,
)
#: Asides that say nothing about the claim: never a headline on their own.
_ASIDE = re.compile(
    r"(?:don't quote me(?: on that)?|if that makes sense|you know what i mean|i don't know|"
    r"i'm not sure|i suppose|i think|that's it really|if you see what i mean)[?!.]*$",
    re.IGNORECASE,
)
#: Spoken fillers inside a clause: "it was, uh, fine", "it's, like, slow", "you know";
#: "like" only where commas set it off (not "I'd like to").
_FILLER = re.compile(
    r"(?<=[\s,])(?:u+h+m*|u+m+|e+r+m+|you know|i mean),?(?=[\s,.])"
    r"|(?<=,)\s*like,(?=\s)|(?<=[\s])like,(?=\s)",
    re.IGNORECASE,
)
#: A restart: "I would, I would like" -> "I would like".
_RESTART = re.compile(r"\b(\w+(?:'\w+)?(?: \w+(?:'\w+)?){0,3}),? \1\b", re.IGNORECASE)
#: "Annoying, nah, it came on the Thursday": a word said back and denied opens the
#: clause; the words after the denial are the participant's.
_ECHO_DENIAL = re.compile(denied_echo("echo") + r"[\s,.!]*(?:not really\b[\s,.!]*)?", re.IGNORECASE)
_RELATIVE_OPENING = re.compile(r"(?:which|who|whereas|whereby|that's why)\b")
#: "That's the one thing that made me cross" after "So, the export.": the sentence says
#: what it was about only with the short one before it.
_POINTING_BACK = re.compile(r"(?:that|this|it)(?:'s|\s+(?:is|was))\b")
#: A sentence this short before a pointing one names what it points at.
TOPIC_WORDS = 4
_TRAILING = re.compile(r"[\s,;:\-\u2013\u2014.\u2026]+$")


@dataclass(frozen=True)
class Headline:
    """A verbatim clause of a quote: the wording of a claim."""

    clause: str
    #: The clause before it was cut to length; "" where not known (a headline made
    #: by hand), and then ``clause`` is all there is.
    uncut: str = ""

    def label(self) -> str:
        """A theme's label: the clause with spoken fillers ("uh", "you know") taken out
        and no bracketed term list; worded from the evidence, not a quote itself."""
        cut = self.clause.endswith("\u2026")
        return _capitalised(without_fillers(self.clause)) + ("\u2026" if cut else "")

    def quoted(self) -> str:
        """The clause in quote marks, for use inside a sentence of our own."""
        return f"\u201c{self.clause}\u201d"


def headline(quote: str, terms: list[str], row: Row | None) -> Headline:
    """The clause of ``quote`` that best states a claim of ``row`` about ``terms``."""
    # Scored as shown: a long sentence cut to length may lose the words that made it fit.
    found = _candidates(quote) or [(quote.strip(), False)]
    uncut_of = {_shorten(t): t for t, _ in found}
    candidates = [(_shorten(t), w) for t, w in found]
    term_stems = [{stem(w) for w in words(term)} for term in terms]
    rejected = rejected_words(quote)
    scored = [
        (
            _score(text, whole, term_stems, row) - REJECTED_PENALTY * says_rejected(text, rejected),
            -i,
            text,
        )
        for i, (text, whole) in enumerate(candidates)
    ]
    clause = max(scored)[2]
    return Headline(clause=clause, uncut=uncut_of.get(clause, clause))


def _candidates(quote: str) -> list[tuple[str, bool]]:
    """Each sentence of the quote whole, and its clauses; (text, is whole sentence).

    A clause too short to stand alone ("Fine,") is joined to the next one of the same
    sentence, so a headline is a fragment only when the sentence is one.
    """
    out: list[tuple[str, bool]] = []
    previous = 0
    for span in sentence_spans(quote, max_words=10_000):
        sentence = span.of(quote)
        whole = _clean(sentence)
        if _leans_back(whole, quote[previous : span.start]):
            # "Which I can't with Fernbill." says nothing without the sentence before it
            whole = _clean(quote[previous : span.end])
        previous = span.start
        if whole:
            out.append((whole, True))
        breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(sentence)]
        if not breaks:
            continue
        clause_start = 0
        for end, next_start in [*breaks, (len(sentence), len(sentence))]:
            text = _clean(sentence[clause_start:end])  # offsets: always a substring
            if word_count(text) < MIN_HEADLINE_WORDS:
                continue  # too short alone: the next clause starts from the same place
            clause_start = next_start
            if text != whole:
                out.append((text, False))
    return [(text, whole) for text, whole in out if word_count(text) and not _ASIDE.match(text)]


def _leans_back(sentence: str, before: str) -> bool:
    """Whether ``sentence`` needs the one ``before`` it to say what it is about."""
    lower = sentence.lower().replace("\u2019", "'")
    if not before.strip():
        return False
    if _RELATIVE_OPENING.match(lower):
        return True
    return bool(_POINTING_BACK.match(lower)) and word_count(before) <= TOPIC_WORDS


def _clean(text: str) -> str:
    text = _ECHO_DENIAL.sub("", text.strip())
    text = _LEADING_FILLER.sub("", text)
    return _TRAILING.sub("", text)


def _score(clause: str, whole: bool, term_stems: list[set[str]], row: Row | None) -> float:
    """Row language first, then theme terms, then a readable, self-standing length."""
    lower = clause.lower().replace("\u2019", "'")
    said = {stem(w) for w in words(clause)}
    score = 0.5 if whole else 0.0
    if row is not None and ROW_CUES[row](lower):
        score += 4.0
    if row is Row.PAIN:  # a pain point is worded by its complaint, not the "it was fine"
        score += -3.0 if research_polarity(clause) > 0 else 0.0
    named = sum(1 for stems in term_stems if stems and stems <= said)
    score += min(named, 2) * 1.2  # the row's language outranks the topic's words
    if _RELATIVE_OPENING.match(lower):  # "which was good": leans on what came before
        score -= 1.5
    count = word_count(clause)
    if count < MIN_HEADLINE_WORDS:  # "Relieved." may be a feeling's best words, not more
        score -= 1.0 if row is Row.FEELING else 4.5
    elif count > MAX_HEADLINE_WORDS:
        score -= 0.1 * (count - MAX_HEADLINE_WORDS)
    return score


def _shorten(clause: str) -> str:
    """About ``MAX_HEADLINE_WORDS`` words, marked with an ellipsis when cut.

    Cut at the last place in range where the speaker paused (a comma or dash) or a new
    clause starts ("and", "because"), so the headline reads as a thought and keeps as
    much of it as fits; only when neither falls in range is it cut at a word, and never
    after a word that needs the next one ("and", "a").
    """
    if word_count(clause) <= MAX_HEADLINE_WORDS + 4:
        return clause
    spans = list(re.finditer(r"\S+", clause))
    if len(spans) <= MAX_HEADLINE_WORDS + 4:  # counted as fewer words by whitespace
        return clause
    lowest, highest = MIN_HEADLINE_WORDS + 2, MAX_HEADLINE_WORDS + 4
    pauses = [n for n in range(lowest, highest + 1) if _PAUSE_AFTER.search(spans[n - 1].group())]
    joins = [n for n in range(lowest, highest + 1) if spans[n].group().lower() in _JOINERS]
    count = max([*pauses, *joins], default=MAX_HEADLINE_WORDS)
    while count > 1 and _dangling(spans[count - 1].group()):
        count -= 1
    return _TRAILING.sub("", clause[: spans[count - 1].end()]) + "\u2026"


#: Words after which a headline cannot stop.
_DANGLING = frozenset(
    re.findall(
        r"\S+",
        "a an the and or but so to of for with in on at by from that which who my your our "
        "their his her its this these those i we you they he she it's i'm i'd was is be been "
        "were are would could should will can",
    )
)
#: Words that open a new clause: a headline may stop just before one.
_JOINERS = frozenset(
    re.findall(r"\S+", "and but because so which when while whereas although though")
)
_PAUSE_AFTER = re.compile(r"[,;:\u2013\u2014]$")


def _dangling(word: str) -> bool:
    """A word a headline cannot stop after; a bare dash too, since cutting strips it and
    leaves the word before it last."""
    bare = word.lower().strip("\"'\u201c\u201d\u2018\u2019().,;:!?-\u2013\u2014")
    return not bare or bare in _DANGLING


def without_fillers(text: str) -> str:
    """``text`` without hesitations and verbal tics, which read as noise in a label."""
    cleaned = re.sub(r"\s{2,}", " ", _FILLER.sub(" ", f" {text} "))
    cleaned = re.sub(r"\s+([,.;:?!])", r"\1", _RESTART.sub(r"\1", cleaned)).strip()
    cleaned = re.sub(r"^[,;:\s]+|(?<=,)\s*,", "", cleaned)
    return _TRAILING.sub("", _LEADING_FILLER.sub("", cleaned)) or text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
