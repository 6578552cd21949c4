"""The word valences polarity reads: VADER's lexicon with our domain words on top.

VADER's lexicon (-4..4) was built on social media text; the cue modules add the words
of product and service talk it lacks or misjudges, and drop the ones that mislead in
interviews. Loaded on first use, never at import (it is a file read).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from journeybot.synthesis.cues import DOMAIN_LEXICON, FEELING_WORDS, IGNORED_WORDS
from journeybot.synthesis.cues_implicit import IMPLICIT_LEXICON
from journeybot.synthesis.cues_service import SERVICE_IGNORED, SERVICE_LEXICON


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
    return lexicon


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
    return FEELING_WORDS.get(word) or vader_lexicon().get(word, 0.0)


def opinion_words() -> frozenset[str]:
    """Every single word this scorer gives a valence to."""
    return frozenset(vader_lexicon()) | frozenset(FEELING_WORDS)
