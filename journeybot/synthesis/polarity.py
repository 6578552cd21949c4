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
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import Literal

from journeybot.synthesis.cues import (
    ANY_PHRASE_CUE,
    BOOSTERS,
    FEELING_WORDS,
    HEDGES,
    PHRASE_CUES,
)
from journeybot.synthesis.cues_service import (
    HEDGED_VERDICT,
    HEDGED_VERDICT_VALENCE,
    MINIMISERS,
    NOT_VERDICTS,
)
from journeybot.synthesis.emotions import without_address
from journeybot.synthesis.polarity_frames import (
    ASKED_LIKING,
    BORROWED_POLARITY,
    BROKEN_EXPECTATION,
    DENIAL_PREFIX,
    DOUBT_FACTOR,
    QUESTION_SIGN,
    broken_expectation,
    doubt_starts,
    is_expectation,
    is_open_question,
)
from journeybot.synthesis.polarity_lexicon import (
    fallback_valence,
    vader_lexicon,
    word_valence,
)
from journeybot.synthesis.polarity_scope import (
    ALTERNATIVE_FACTOR,
    CLAUSE_END,
    HEARSAY_FACTOR,
    OWN_VOICE,
    VERDICT_OBJECT_FACTOR,
    WANTED_FACTOR,
    alternative_positions,
    doubt_positions,
    hearsay_positions,
    ironic_positions,
    is_echo,
    is_ironic_sentence,
    is_own_question,
    verdict_positions,
    wanted_positions,
    without_echoed_word,
)
from journeybot.synthesis.polarity_tokens import (
    EFFORT_VALENCE,
    denies_a_problem,
    feeling_positions,
    is_effort,
    is_liking,
    is_noun_use,
    modifier,
    negated,
    removed_problems,
)
from journeybot.synthesis.sentences import sentence_spans

PolarityLabel = Literal["negative", "neutral", "positive"]

#: Scores closer to 0 than this are reported as exactly 0 (neutral means neutral).
NEUTRAL_BAND = 0.1
#: Scores at or beyond this magnitude get a positive or negative label.
LABEL_THRESHOLD = 0.15
#: VADER's normalisation constant: raw / sqrt(raw^2 + ALPHA) maps to -1..1.
ALPHA = 15.0
NEGATED_NEGATIVE = -0.5  # "not bad": a denied problem is mildly good
NEGATED_POSITIVE = -0.74  # "not easy": VADER's own factor
CONTRAST_WEIGHT = 3.0  # the clause after "but" counts three times
FAINT_PRAISE = 1.0  # "fine", "sort of okay": praise this faint concedes before a "but"
FEELING_BOOST = 1.4
SHORT_REPLY_WORDS = 6
LIKING = 1.5  # "I like that..." (VADER's value; "like" as a filler scores nothing)

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,;:!?]|\u2014|--")
_CONTRAST = re.compile(
    r"\b(?:but|however|though|although|except that|that said(?=,)|having said that|"
    r"even so|mind you)\b[\s,]*",
)
_SUBORDINATE_LEAD = re.compile(r"^\s*(?:although|though|even though|while)\b[^,]*,")
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


@lru_cache(maxsize=SCORES_KEPT)
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
        value, weight = _sentence_score(sentence)
        if is_ironic_sentence(_TOKEN.findall(sentence), value, before):
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


def _plain(text: str) -> str:
    """Lower-cased with plain quote marks, and no word of address ("thanks, love")."""
    return without_address(
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
        .lower()
    )


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
    tokens = [t for t in _TOKEN.findall(body) if t not in CLAUSE_END]
    denial = DENIAL_PREFIX.match(body)
    if not tokens or (len(tokens) > SHORT_REPLY_WORDS and not denial) or not context.strip():
        return None
    asked = _question_polarity(context)
    if asked == 0.0:
        return None
    rest = body[denial.end() :] if denial else _LEADING_FILLER.sub("", body)
    own = _sentence_score(rest)[0] if rest.strip() else 0.0
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
    return _sentence_score(_asked(context))[0]


def _borrowed(answer: str, context: str) -> float:
    """An opinion-free answer to an open question asking for problems or praise reads
    as what was asked for, mildly; a denial or a yes/no question lends nothing."""
    if not context.strip() or DENIAL_PREFIX.match(answer.strip()) or doubt_starts(answer):
        return 0.0
    question = _asked(context)
    if not is_open_question(question):
        return 0.0
    asked = _sentence_score(question)[0] or (0.5 if ASKED_LIKING.search(question) else 0.0)
    if abs(asked) < QUESTION_SIGN:
        return 0.0
    return math.copysign(BORROWED_POLARITY, asked)


def _sentence_score(sentence: str) -> tuple[float, float]:
    """(polarity, weight) of one sentence; contrast clauses decide most of it."""
    clauses = _clauses(sentence)
    scored: list[tuple[float, float]] = []
    feeling = False
    expected: float | None = None
    for at, (clause, weight) in enumerate(clauses):
        raw, has_feeling = _clause_raw(clause)
        feeling = feeling or has_feeling
        if expected is None and at < len(clauses) - 1 and is_expectation(clause):
            expected, raw = raw, 0.0  # what was expected is not what happened
        elif expected is None and at < len(clauses) - 1 and 0 < raw <= FAINT_PRAISE:
            expected = raw  # "it's sort of fine, but ...": a concession before a reservation
        elif expected is not None and abs(raw) < BROKEN_EXPECTATION:
            raw = broken_expectation(expected)  # no clear opinion after "but": let-down
        if raw != 0.0:
            scored.append((raw / math.sqrt(raw * raw + ALPHA), weight))
    if not scored:
        return 0.0, 0.0
    total = sum(w for _, w in scored)
    value = sum(v * w for v, w in scored) / total
    return value, (1.5 if feeling else 1.0)


def _clauses(sentence: str) -> list[tuple[str, float]]:
    """Split at contrast markers; later clauses outweigh earlier ones."""
    lead = _SUBORDINATE_LEAD.match(sentence)
    if lead:  # "Although it was cheap, the setup was awful": the main clause wins
        return [(lead.group(0), 1.0), (sentence[lead.end() :], CONTRAST_WEIGHT)]
    parts = _CONTRAST.split(sentence)
    if len(parts) == 1:
        return [(sentence, 1.0)]
    return [(part, 1.0 if i == 0 else CONTRAST_WEIGHT) for i, part in enumerate(parts)]


def _clause_raw(clause: str) -> tuple[float, bool]:
    """Summed valence of one clause (VADER scale) and whether it reports a feeling."""
    masked, total = _phrase_cues(clause)
    tokens = _TOKEN.findall(masked)
    lexicon = vader_lexicon()
    feeling_at = feeling_positions(tokens)
    factors = _scope_factors(masked, tokens)
    wanted = wanted_positions(masked, tokens, _TOKEN)
    tag, neutral_is_irony = ironic_positions(masked, _TOKEN, vader_lexicon())
    removed = removed_problems(tokens, _is_problem_word, wanted)
    removers = set(removed.values())
    tag_value = 0.0
    for i, token in enumerate(tokens):
        valence = lexicon.get(token) if token in lexicon else fallback_valence(token)
        if is_effort(tokens, i):
            valence = EFFORT_VALENCE  # "hard to find": VADER's -0.4 is for "work hard"
        if token in FEELING_WORDS and (i in feeling_at or valence is None):
            valence = FEELING_WORDS[token] if i in feeling_at else valence
        if token == "like":
            valence = LIKING if is_liking(tokens, i) else None
        if token in BOOSTERS and i + 1 < len(tokens) and word_valence(tokens[i + 1]):
            continue  # "super annoying": the booster strengthens, it has no say of its own
        if i in removers or is_noun_use(tokens, i):
            continue
        if not valence:
            continue
        valence *= modifier(tokens, i)
        if i in feeling_at:
            valence *= FEELING_BOOST
        if negated(tokens, i) or i in removed:
            valence *= NEGATED_NEGATIVE if valence < 0 else NEGATED_POSITIVE
        valence *= factors.get(i, 1.0)
        if valence > 0 and i in wanted:
            valence *= WANTED_FACTOR  # wished-for praise; a wished-away problem stays
        if i in tag:
            tag_value += valence
            continue
        total += valence
    # "..., which was, you know, brilliant": praise tacked on to no praise is irony.
    ironic = total < 0 or (total == 0 and neutral_is_irony)
    return total + (-abs(tag_value) if ironic else tag_value), bool(feeling_at)


def _is_problem_word(token: str) -> bool:
    return word_valence(token) < 0


def _scope_factors(clause: str, tokens: list[str]) -> dict[int, float]:
    """How much each token's opinion counts: hearsay, doubt, an alternative not taken."""
    factors: dict[int, float] = {}
    for finder, factor in (
        (hearsay_positions, HEARSAY_FACTOR),
        (doubt_positions, DOUBT_FACTOR),
        (alternative_positions, ALTERNATIVE_FACTOR),
        (verdict_positions, VERDICT_OBJECT_FACTOR),
    ):
        for i in finder(clause, tokens, _TOKEN):
            factors[i] = factors.get(i, 1.0) * factor
    return factors


def _phrase_cues(clause: str) -> tuple[str, float]:
    """Apply multi-word cues first and blank them out so their words count once."""
    total = 0.0
    masked = clause
    if not ANY_PHRASE_CUE.search(clause):
        return masked, _hedged_verdicts(clause)
    for pattern, valence in PHRASE_CUES:
        matches = list(pattern.finditer(masked))
        if not matches:
            continue
        for match in matches:
            value = valence
            before = _TOKEN.findall(masked[: match.start()])
            # "no card fees I'd switch": a cue opening on its own subject starts a clause.
            opens_clause = match.group(0).split(" ", 1)[0] in OWN_VOICE
            minimised = value < 0 and before[-1:] and before[-1] in MINIMISERS
            if minimised or (not opens_clause and negated([*before, "_"], len(before))):
                value *= NEGATED_NEGATIVE if value < 0 else NEGATED_POSITIVE
            elif value < 0 and denies_a_problem(_TOKEN.findall(match.group(0)), _is_problem_word):
                value = -value  # "it doesn't crash": reliability, told as a failure denied
            if value < 0 and _praised(masked[match.end() :]):
                value = 0.0  # "the workaround was fine": the problem is the topic, not the verdict
            total += value
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    return masked, total + _hedged_verdicts(masked)


_PRAISED = re.compile(r"^\s*(?:was|is|were|are|'s|has been|worked)\s+(?:\w+\s+)?(?P<word>[a-z]+)")


def _praised(after: str) -> bool:
    """Whether a cue's words are the subject of praise ("... was fine", "... is great")."""
    match = _PRAISED.match(after)
    return match is not None and word_valence(match.group("word")) > 0


def _hedged_verdicts(clause: str) -> float:
    """ "It was a bit much": "a bit" before a word with no valence softens a criticism."""
    return sum(
        HEDGED_VERDICT_VALENCE
        for match in HEDGED_VERDICT.finditer(clause)
        if match.group("word") not in NOT_VERDICTS and not word_valence(match.group("word"))
    )
