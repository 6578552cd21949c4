"""Polarity tuned for research talk: how the participant felt, -1 (bad) to 1 (good).

A general-purpose lexicon scorer misreads interviews. "The export was a nightmare and I
nearly cancelled" has no lexicon word for nightmare and none for nearly cancelling; "It
was fine, but it took ages" is scored by its polite opening; "I wouldn't say it was
frustrating" negates from too far back for a three-word window; and fillers ("yeah",
"okay", "like", "pretty") carry positive weight. So this scorer keeps VADER's lexicon
(valences on VADER's -4..4 scale) and its squashing, and adds:

- domain cue phrases (gave up, had to call, waited weeks, couldn't find, workaround...),
- a negation scope of several words that ends at clause punctuation,
- contrast: the clause after "but"/"however" outweighs the one before it,
- reported feeling ("I was more cross than anything") weighs extra,
- hedges ("a bit", "kind of") soften and boosters ("really") strengthen,
- a neutral band: factual talk scores exactly 0, and
- short replies to a leading question are read against the question, but the
  participant's own words decide: "was that frustrating?" / "no, not really" is not
  negative.

This module decides what is scored and how sentences combine; one sentence's score,
clause by clause, is ``polarity_clauses``.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Literal

from journeybot.synthesis.cues import HEDGES
from journeybot.synthesis.emotions import blanked, without_address, without_names
from journeybot.synthesis.memo import per_text
from journeybot.synthesis.polarity_clauses import TOKEN, sentence_score
from journeybot.synthesis.polarity_frames import (
    ASKED_LIKING,
    BORROWED_POLARITY,
    DENIAL_PREFIX,
    QUESTION_SIGN,
    doubt_starts,
    is_open_question,
)
from journeybot.synthesis.polarity_scope import (
    CLAUSE_END,
    is_echo,
    is_ironic_sentence,
    is_own_question,
    without_echoed_word,
)
from journeybot.synthesis.sentences import sentence_spans

PolarityLabel = Literal["negative", "neutral", "positive"]

#: Scores closer to 0 than this are reported as exactly 0 (neutral means neutral).
NEUTRAL_BAND = 0.1
#: Scores at or beyond this magnitude get a positive or negative label.
LABEL_THRESHOLD = 0.15
SHORT_REPLY_WORDS = 6
_LEADING_FILLER = re.compile(
    r"^(?:(?:yeah|yes|yep|okay|ok|so|well|um+|uh+|erm|hmm+|right|oh|i mean|you know|"
    r"honestly|like)\b[\s,.]*)+"
)
_AFFIRMATION = re.compile(
    r"^(?:yes|yeah|yep|definitely|absolutely|totally|very|massively|hugely|"
    r"a (?:lot|bit|little)|quite|somewhat|slightly|kind of|sort of|for sure)\b"
)


class PolarityScorer:
    """Scores participant talk; ``context`` is the question it answers (never scored alone)."""

    def score(self, text: str, context: str = "") -> float:
        """Polarity of ``text`` in -1..1, 0.0 exactly when the talk is neutral."""
        return _score(text, context)

    @staticmethod
    def own_words(text: str, context: str) -> str:
        """``text`` without a leading echo of the question's word that it then denies.

        "Annoying, nah, it came on the Thursday" to "was it annoying?": the word is the
        interviewer's, so what the sentence is evidence of (its rows) goes by the rest."""
        lower = text.lower()
        if not context or len(lower) != len(text):
            return text
        rest = without_echoed_word(lower, _asked(context))
        return text[len(text) - len(rest) :] if rest != lower else text

    @staticmethod
    def label(score: float) -> PolarityLabel:
        if score <= -LABEL_THRESHOLD:
            return "negative"
        if score >= LABEL_THRESHOLD:
            return "positive"
        return "neutral"


#: Sentences scored and kept: drafting personas reads each persona's sentences again
#: (six personas and their maps scored the same 1,617 sentences 9,396 times).
SCORES_KEPT = 65536


@per_text(maxsize=SCORES_KEPT)
def _score(text: str, context: str) -> float:
    """The scorer itself; a pure function of its text and context, so its answers keep."""
    plain = _plain(text)
    if context:  # the question's word said back and denied is not the speaker's verdict
        plain = without_echoed_word(plain, _asked(context))
    reply = _short_reply(plain, context)
    if reply is not None:
        return _snap(reply)
    values: list[tuple[float, float]] = []
    before: float | None = None
    for span in sentence_spans(plain):
        sentence = span.of(plain)
        if is_echo(sentence) or is_own_question(sentence):
            continue  # "Frustrating? No, ...", "Would I recommend it? Maybe."
        value, weight = sentence_score(sentence)
        if is_ironic_sentence(TOKEN.findall(sentence), value, before):
            value = -value  # "...never arrived. Love that for me."
        before = value
        if value != 0.0:
            values.append((value, weight * abs(value)))  # the stronger opinion leads
    if not values:
        return _borrowed(plain, context)
    total = sum(weight for _, weight in values)
    return _snap(sum(value * weight for value, weight in values) / total)


@cache
def default_scorer() -> PolarityScorer:
    return PolarityScorer()


def research_polarity(text: str, context: str = "") -> float:
    """Module-level convenience for ``PolarityScorer().score``."""
    return default_scorer().score(text, context)


#: Greetings and wishes for a day are manners, not verdicts ("say good morning to the
#: baker", "happy birthday, Mum").
_GREETING = re.compile(
    r"\b(?:good (?:morning|afternoon|evening|night)|(?:happy|merry) (?:christmas|birthday|"
    r"new year|easter|anniversary|holidays))\b(?! after\b)"
)


def _plain(text: str) -> str:
    """Lower-cased with plain quote marks, and no word of address ("thanks, love"),
    person named by a feeling word ("Rob said"), multi-word name or greeting."""
    lower = without_address(
        without_names(text)
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .lower()
    )
    return _GREETING.sub(blanked, lower)


def _snap(value: float) -> float:
    value = max(-1.0, min(1.0, value))
    return 0.0 if abs(value) < NEUTRAL_BAND else round(value, 4)


def _short_reply(answer: str, context: str) -> float | None:
    """A short yes/no reply (or one of any length that opens by denying) read against
    the question it answers, or ``None``.

    Only replies with no opinion of their own borrow the question's polarity; when the
    participant said something evaluative, their words are scored as usual. "No, not
    really, it pulled my policy in from the link" to "was it confusing?": the denial is
    the answer, however long the reason. ``answer`` comes without a denied echo of the
    question's word ("Hassle, nah, ..." arrives as "nah, ...")."""
    body = answer.strip()
    tokens = [t for t in TOKEN.findall(body) if t not in CLAUSE_END]
    denial = DENIAL_PREFIX.match(body)
    if not tokens or (len(tokens) > SHORT_REPLY_WORDS and not denial) or not context.strip():
        return None
    asked = _question_polarity(context)
    if asked == 0.0:
        return None
    rest = body[denial.end() :] if denial else _LEADING_FILLER.sub("", body)
    own = sentence_score(rest)[0] if rest.strip() else 0.0
    if abs(own) >= LABEL_THRESHOLD:
        return None
    if denial:
        return 0.2 if asked < 0 else -0.3
    if _AFFIRMATION.match(body):
        hedged = any(h in body for h in HEDGES)
        return asked * (0.5 if hedged else 0.7)
    return None


def _asked(context: str) -> str:
    """The question an answer replies to: the context's last question (or sentence)."""
    plain = _plain(context)
    spans = sentence_spans(plain)
    questions = [s.of(plain) for s in spans if s.of(plain).rstrip().endswith("?")]
    return questions[-1] if questions else (spans[-1].of(plain) if spans else "")


def _question_polarity(context: str) -> float:
    return sentence_score(_asked(context))[0]


def _borrowed(answer: str, context: str) -> float:
    """An opinion-free answer to an open question asking for problems or praise reads
    as what was asked for, mildly; a denial or a yes/no question lends nothing."""
    if not context.strip() or DENIAL_PREFIX.match(answer.strip()) or doubt_starts(answer):
        return 0.0
    question = _asked(context)
    if not is_open_question(question):
        return 0.0
    asked = sentence_score(question)[0] or (0.5 if ASKED_LIKING.search(question) else 0.0)
    if abs(asked) < QUESTION_SIGN:
        return 0.0
    return math.copysign(BORROWED_POLARITY, asked)
