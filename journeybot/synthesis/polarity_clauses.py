"""One sentence's polarity from its clauses: lexicon, cue phrases, negation, scope.

``polarity.py`` decides what is scored (the participant's own words, a short reply read
against its question, irony between sentences); this module scores one sentence: it
splits it at contrast markers (the clause after "but" outweighs the one before), blanks
multi-word cue phrases once counted, and sums each remaining word's valence with its
negation, hedge, reported feeling and scope (hearsay, doubt, an alternative not taken).
"""

from __future__ import annotations

import math
import re

from journeybot.synthesis.cues import (
    ANY_PHRASE_CUE,
    BOOSTERS,
    FEELING_WORDS,
    PHRASE_CUES,
)
from journeybot.synthesis.cues_service import (
    HEDGED_VERDICT,
    HEDGED_VERDICT_VALENCE,
    MINIMISERS,
    NOT_VERDICTS,
)
from journeybot.synthesis.polarity_frames import (
    BROKEN_EXPECTATION,
    DOUBT_FACTOR,
    broken_expectation,
    is_expectation,
)
from journeybot.synthesis.polarity_lexicon import (
    fallback_valence,
    vader_lexicon,
    word_valence,
)
from journeybot.synthesis.polarity_scope import (
    ALTERNATIVE_FACTOR,
    HEARSAY_FACTOR,
    OWN_VOICE,
    VERDICT_OBJECT_FACTOR,
    WANTED_FACTOR,
    alternative_positions,
    doubt_positions,
    hearsay_positions,
    ironic_positions,
    verdict_positions,
    wanted_positions,
    without_middling,
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

#: VADER's normalisation constant: raw / sqrt(raw^2 + ALPHA) maps to -1..1.
ALPHA = 15.0
NEGATED_NEGATIVE = -0.5  # "not bad": a denied problem is mildly good
NEGATED_POSITIVE = -0.74  # "not easy": VADER's own factor
CONTRAST_WEIGHT = 3.0  # the clause after "but" counts three times
FEELING_BOOST = 1.4
LIKING = 1.5  # "I like that..." (VADER's value; "like" as a filler scores nothing)

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.,;:!?]|\u2014|--")
#: "though" splits only where a clause follows it: said at a clause's end ("Customer
#: accepted it online though, which was slick") it sets the whole clause against what
#: came before the sentence, and what follows continues it, no reservation.
_CONTRAST = re.compile(
    r"\b(?:but|however|though(?!\s*(?:[,.;:!?]|$))|although|except that|"
    r"that said(?=,)|having said that|even so|mind you)\b[\s,]*",
)
_SUBORDINATE_LEAD = re.compile(r"^\s*(?:although|though|even though|while)\b[^,]*,")


def sentence_score(sentence: str) -> tuple[float, float]:
    """(polarity, weight) of one sentence; contrast clauses decide most of it."""
    clauses = _clauses(sentence)
    scored: list[tuple[float, float]] = []
    feeling = False
    expected: float | None = None
    conceded = False  # praise said before "but", not an expectation
    for at, (clause, weight) in enumerate(clauses):
        raw, has_feeling = _clause_raw(clause)
        feeling = feeling or has_feeling
        if expected is None and at < len(clauses) - 1 and is_expectation(clause):
            expected, raw = raw, 0.0  # what was expected is not what happened
        elif expected is None and at < len(clauses) - 1 and raw > 0:
            # Praise before "but" concedes ("fine, but", "a great idea, but"): a plain
            # fact after it is the reservation it was conceding to, more praise is not.
            expected, conceded = raw, True
        elif expected is not None and abs(raw) < BROKEN_EXPECTATION and not (conceded and raw > 0):
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
    masked, total = _phrase_cues(without_middling(clause))
    tokens = TOKEN.findall(masked)
    lexicon = vader_lexicon()
    feeling_at = feeling_positions(tokens)
    factors = _scope_factors(masked, tokens)
    wanted = wanted_positions(masked, tokens, TOKEN)
    tag, neutral_is_irony = ironic_positions(masked, TOKEN, vader_lexicon())
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
        for i in finder(clause, tokens, TOKEN):
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
            before = TOKEN.findall(masked[: match.start()])
            # "no card fees I'd switch": a cue opening on its own subject starts a clause.
            opens_clause = match.group(0).split(" ", 1)[0] in OWN_VOICE
            minimised = value < 0 and before[-1:] and before[-1] in MINIMISERS
            if minimised or (not opens_clause and negated([*before, "_"], len(before))):
                value *= NEGATED_NEGATIVE if value < 0 else NEGATED_POSITIVE
            elif value < 0 and denies_a_problem(TOKEN.findall(match.group(0)), _is_problem_word):
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
