"""The word valences polarity reads: VADER's lexicon with our domain words on top.

VADER's lexicon (-4..4) was built on social media text; this module's
``DOMAIN_LEXICON`` and the cue modules add the words of product and service talk it
lacks or misjudges, and drop the ones that mislead in interviews. Loaded on first use,
never at import (it is a file read).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from journeybot.synthesis.cues import FEELING_WORDS, IGNORED_WORDS
from journeybot.synthesis.cues_everyday import EVERYDAY_LEXICON
from journeybot.synthesis.cues_implicit import IMPLICIT_LEXICON
from journeybot.synthesis.cues_service import SERVICE_IGNORED, SERVICE_LEXICON

#: Single words VADER lacks or misjudges in product talk (added or overridden).
DOMAIN_LEXICON: dict[str, float] = {
    "nightmare": -2.6,
    "clunky": -1.5,
    "fiddly": -1.3,
    "faff": -1.2,
    "hassle": -1.5,
    "headache": -1.6,
    "buggy": -1.8,
    "glitchy": -1.5,
    "laggy": -1.3,
    "slow": -1.1,
    "sluggish": -1.3,
    "cumbersome": -1.5,
    "tedious": -1.6,
    "overwhelming": -1.5,
    "overwhelmed": -1.6,
    "unclear": -1.1,
    "confusing": -1.5,
    "baffling": -1.6,
    "overpriced": -1.8,
    "expensive": -1.0,
    "pricey": -0.8,
    "stuck": -1.3,
    "broke": -1.6,
    "crashed": -1.8,
    "crashes": -1.8,
    "bug": -1.2,
    "bugs": -1.2,
    "glitch": -1.2,
    "glitches": -1.2,
    "outage": -1.6,
    "useless": -2.2,
    "dreadful": -2.5,
    "gutted": -2.2,
    "livid": -2.8,
    "chuffed": 2.2,
    "seamless": 1.9,
    "seamlessly": 1.9,
    "intuitive": 1.6,
    "straightforward": 1.4,
    "decent": 1.2,
    "simple": 0.9,
    "simpler": 1.1,
    "painless": 1.6,
    "smooth": 1.5,
    "slick": 1.5,
    "sleek": 1.4,
    "smoothly": 1.5,
    "affordable": 1.2,
    "reassured": 1.6,
    "reassuring": 1.6,
    "lifesaver": 2.5,
    "cancel": -0.6,
    "cancelled": -0.8,
    "canceled": -0.8,
}


@cache
def vader_lexicon() -> Mapping[str, float]:
    """VADER's word valences, loaded on first use (a file read; never at import)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = dict(SentimentIntensityAnalyzer().lexicon)
    for word in IGNORED_WORDS | SERVICE_IGNORED:
        lexicon.pop(word, None)
    lexicon.update(DOMAIN_LEXICON)
    lexicon.update(IMPLICIT_LEXICON)
    lexicon.update(SERVICE_LEXICON)
    lexicon.update(EVERYDAY_LEXICON)
    return lexicon


#: An inflected form borrows its base's valence only for a clear problem word: positive
#: bases are too often a feature's or a thing's name ("highlighting", "importances",
#: "fitting", "cleaning"), mild ones a plain verb ("leaving").
BASE_PROBLEM_VALENCE = -1.0


@cache
def fallback_valence(word: str) -> float | None:
    """The valence of a form the lexicon lacks: a graded form, a British spelling or an
    -ing form of a word it has ("marvellous", "crashing"). Kept per word: most tokens of
    a clause are words the lexicon lacks, and each would run the spelling patterns."""
    lexicon = vader_lexicon()
    found = graded(word, lexicon)
    if found is not None:
        return found
    for variant in _us_spellings(word):
        if variant in lexicon:
            return lexicon[variant]
    for base in _bases(word):
        if lexicon.get(base, 0.0) <= BASE_PROBLEM_VALENCE:
            return lexicon[base]
    return None


#: British spellings and their American forms; VADER was built on American text, and
#: research participants say "marvellous", "favourite", "disorganised", "cancelled".
_UK_TO_US = (
    (re.compile(r"(?<=[a-z]{2})our(?=$|s$|ed$|ing$|ite$|ites$|ful$|able$|ably$|less$)"), "or"),
    (re.compile(r"(?<=[aeiou])ll(?=ed$|ing$|ous$|ously$|er$|ers$|ation$)"), "l"),
    (re.compile(r"(?<=[a-z]{2})is(?=e$|ed$|es$|ing$|ation$|er$|ers$)"), "iz"),
    (re.compile(r"ys(?=e$|ed$|es$|ing$)"), "yz"),
    (re.compile(r"(?<=[a-z]{2})tre(?=$|s$)"), "ter"),
)


def _us_spellings(word: str) -> list[str]:
    out = []
    for pattern, american in _UK_TO_US:
        changed = pattern.sub(american, word)
        if changed != word:
            out.append(changed)
    return out


def _bases(word: str) -> list[str]:
    """ "crashing" -> "crash", "lagging" -> "lag": the plain form of a verb's -ing (the
    lexicon has "crashed" but not "crashing"). Plurals are left alone: "limitations"
    and "issues" are mostly the interviewer's words read back."""
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        doubled = [stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else []
        return [stem, stem + "e", *doubled]
    return []


def graded(word: str, lexicon: Mapping[str, float]) -> float | None:
    """The valence of a graded form the lexicon lacks, from its base: "smoothest",
    "clunkier", "simplest" read as "smooth", "clunky", "simple". Only -est and -ier/-iest
    are stripped: a bare -er strips nouns too ("number" is no "numb")."""
    for suffix, ends in (("iest", ("y",)), ("ier", ("y",)), ("est", ("", "e"))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            for base in (stem + end for end in ends):
                if base in lexicon:
                    return lexicon[base]
            if suffix == "est" and len(stem) > 2 and stem[-1] == stem[-2]:
                return lexicon.get(stem[:-1])  # "biggest"
    return None


def word_valence(word: str) -> float:
    """A single word's valence on VADER's -4..4 scale (0 when it carries none)."""
    lexicon = vader_lexicon()
    if word in FEELING_WORDS or word in lexicon:
        return FEELING_WORDS.get(word) or lexicon.get(word, 0.0)
    return fallback_valence(word) or 0.0


def opinion_words() -> frozenset[str]:
    """Every single word this scorer gives a valence to."""
    return frozenset(vader_lexicon()) | frozenset(FEELING_WORDS)
