"""Cue phrases for opinions stated without opinion words: inability, refusal, idiom.

Much of what participants complain about carries no lexicon word at all: "I couldn't
prove otherwise", "the old system couldn't produce an audit trail", "my team would never
have used them". What marks these is grammar that means the same in any domain: the
speaker (or the thing they used) was unable to do something, or they would refuse to.
The few idioms where the same grammar is praise ("can't fault it", "couldn't be
easier") are matched first. Discourse markers with a lexicon-positive word in them
("funnily enough") carry no opinion. Valences are on VADER's -4..4 scale.
"""

from __future__ import annotations

import re


def _cue(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b" + pattern + r"\b")


_UNABLE = r"(?:couldn't|could not|can't|cannot|wasn't able to|weren't able to|unable to)"
#: Verbs after "can't" that speak about memory, knowledge or talk, not a failure.
_NOT_A_FAILURE = (
    r"(?:remember|recall|think|say|speak|comment|imagine|believe|see why|help|stress|"
    r"emphasi[sz]e|wait|complain|fault|beat|go wrong|recommend|live|do|manage|be)\b"
)

#: Evaluative words of service talk that VADER's lexicon lacks (it was built on social
#: media text, where "convenient" or "stranded" are rare).
IMPLICIT_LEXICON: dict[str, float] = {
    "cheaper": 1.2,
    "quicker": 1.2,
    "faster": 1.0,
    "handy": 1.5,
    "convenient": 1.6,
    "reliable": 1.6,
    "reliably": 1.2,
    "effortless": 1.8,
    "breeze": 1.8,
    "stranded": -2.0,
    "cluttered": -1.3,
    # "What hinders you?", "the main blocker": obstacles named as such.
    "hinder": -1.4,
    "hinders": -1.4,
    "hindered": -1.4,
    "hindering": -1.4,
    "blocker": -1.4,
    "blockers": -1.4,
    "unreliable": -1.8,
    "inconvenient": -1.5,
    "unhelpful": -1.8,
    "patronising": -1.8,
    "overcharged": -2.0,
    "dearer": -1.0,
    "pricier": -1.0,
    "slower": -1.0,
}

#: Applied after the general cue list (``cues.PHRASE_CUES``), in this order.
IMPLICIT_CUES: tuple[tuple[re.Pattern[str], float], ...] = (
    (
        _cue(
            r"(?:can't|cannot|couldn't) (?:fault|complain about|beat|go wrong with|"
            r"complain|go wrong)|(?:couldn't|could not|can't) be (?:happier|easier|"
            r"simpler|better|more pleased)|(?:can't|cannot|couldn't) recommend (?:it|them|"
            r"\w+) (?:enough|highly enough)|(?:couldn't|can't|cannot) (?:live|do|manage) "
            r"without|can't wait"
        ),
        2.0,
    ),
    (_cue(_UNABLE + r" (?!" + _NOT_A_FAILURE + r")[a-z]+"), -1.0),
    (
        _cue(
            r"(?:would|will|'d|'ll)(?: \w+)? never (?:have )?(?:use|used|buy|bought|pay|paid|"
            r"go back|gone back|touch|touched|trust|trusted|recommend|recommended|choose|"
            r"chosen|pick|picked|sign up|signed up)|never again"
        ),
        -1.5,
    ),
    (_cue(r"(?:funnily|oddly|strangely|interestingly|curiously|ironically) enough"), 0.0),
    # Relief: a chore that is gone ("I don't have to chase anyone any more").
    (
        _cue(
            r"(?:no longer|don't|do not|never|haven't|didn't|did not) (?:have|had|need|needed|"
            r"got) to|without (?:having|needing) "
            r"to|(?:not|no) having to|(?:don't|do not) need to (?:\w+ )?any ?more"
        ),
        1.5,
    ),
    # Ease and speed, reliability and value, said without an opinion word.
    (
        _cue(
            r"(?:in|within) (?:a few |a couple of |about |under )?(?:seconds|minutes|"
            r"no time|an hour|the hour|a day)|(?:turned up|arrived|came|delivered) "
            r"(?:bang )?on time|when they said (?:they would|it would)?"
        ),
        1.2,
    ),
    (
        _cue(
            r"sav(?:e|es|ed|ing) (?:me|us|you) (?:\w+ )?(?:time|money|hours|days|a trip|"
            r"the hassle|a fortune|loads)|worth (?:it|every penny|the money)|pays? for itself"
        ),
        1.8,
    ),
    (_cue(r"(?:now (?:i|we) can|(?:i|we) can (?:now|finally)|(?:i|we) finally can)"), 1.2),
    # Obligation: something the speaker was made to do ("I had to take a day off").
    # "All I had to do was..." and "I only had to..." are ease, not burden; "I have to
    # say" is a way of talking, and "I have to log in weekly" a routine.
    (
        _cue(
            r"(?<!all )(?:i|we) (?:then |still |even )?had to "
            r"(?!say|admit|be honest|confess|laugh|agree)[a-z]+"
        ),
        -0.8,
    ),
    # Delay: "it was three weeks before anyone came", "two months later".
    (
        _cue(
            r"(?:days|weeks|months|hours) (?:later|before (?:anyone|anybody|someone|they|it)|"
            r"(?:and|with) no(?:thing)?)"
        ),
        -1.2,
    ),
    # A thing that failed to do its job ("the app didn't save it", "it wouldn't start").
    (
        _cue(
            r"(?:it|they|that|this|the \w+) (?:didn't|doesn't|wouldn't|won't|did not|does not|"
            r"would not) (?!matter|mind|need|bother|cost|take long|hurt|seem to matter)"
            r"[a-z]+"
        ),
        -0.8,
    ),
)
