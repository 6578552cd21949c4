"""What talk about each journey stage sounds like: cue phrases and example sentences.

The default stages get hand-written cues (how people describe hearing about, choosing,
buying, setting up, using, getting help with and leaving a product or service). A study's
own stages get cues derived from their names and descriptions, and borrow the default
cues when a custom stage is one of the defaults under another id ("Sign-up" vs
"purchase" does not match, but a stage named "Onboarding" does).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.core.models import Stage
from journeybot.synthesis.sentences import words
from journeybot.synthesis.terms import STOPWORDS, stem

_DEFAULT_CUES: dict[str, tuple[str, ...]] = {
    "awareness": (
        r"(?:first )?hear(?:d)? (?:about|of)",
        r"came across",
        r"(?:come|comes|came|coming) up",
        r"(?:got|get|gets) you (?:started|thinking|looking|into)",
        r"brought you (?:to|here)",
        r"found out about",
        r"recommended",
        r"recommendation",
        r"word of mouth",
        r"told me about",
        r"mentioned it",
        r"an? (?:ad|advert|advertisement)",
        r"podcast",
        r"newsletter",
        r"conference",
        r"social media",
        r"facebook",
        r"linkedin",
        r"instagram",
        r"searched for",
        r"googled",
        r"on (?:my|our|the) radar",
        r"that was the (?:trigger|moment)",
        r"how (?:did )?(?:you|i) (?:find|hear|come)",
        r"first (?:noticed|saw)",
        r"suggested it",
    ),
    "consideration": (
        r"compar\w*",
        r"alternatives?",
        r"options",
        r"shortlist\w*",
        r"reviews?",
        r"(?:free )?trials?",
        r"trialled",
        r"demos?",
        r"pros and cons",
        r"pricing pages?",
        r"looked at (?:other|a couple|three|two|four|five)",
        r"evaluat\w*",
        r"checklist",
        r"weigh\w*",
        r"choos\w*",
        r"decid\w*",
        r"top of my list",
        r"side by side",
        r"looking for in",
        r"tested",
    ),
    "purchase": (
        r"sign(?:ed|ing)? up",
        r"subscri\w*",
        r"(?:yearly|annual|monthly|team|standard) plan",
        r"paid (?:by|upfront|for)",
        r"paying for it",
        r"card details",
        r"checkout",
        r"bought",
        r"purchas\w*",
        r"contract",
        r"sales (?:person|team)",
        r"signed off",
        r"discount",
        r"billing me",
        r"buying",
        r"create (?:an|my) account",
        r"approval",
    ),
    "onboarding": (
        r"set(?:ting)? (?:it |things |everything )?up",
        r"setup",
        r"getting started",
        r"first (?:few )?(?:day|days|week|weeks|month|invoice)",
        r"install\w*",
        r"onboard\w*",
        r"tutorials?",
        r"walk(?:ed)? me through",
        r"import\w*",
        r"migrat\w*",
        r"configur\w*",
        r"rolling it out",
        r"roll(?:ed)? (?:it )?out",
        r"training",
        r"invit\w*",
        r"learning (?:it|curve)",
        r"wizard",
    ),
    "usage": (
        r"day to day",
        r"every (?:day|week|month|morning|friday|monday|quarter|half term)",
        r"daily",
        r"weekly",
        r"monthly",
        r"routine",
        r"usually",
        r"normal (?:month|week|day)",
        r"typical (?:week|day|month)",
        r"now i",
        r"these days",
        r"use it (?:for|to)",
        r"workflow",
        r"month[- ]end",
        r"day-to-day",
        r"what works",
        r"slows? (?:me|us) down",
    ),
    "support": (
        r"support",
        r"help ?(?:desk|centre|center|articles?|pages?)",
        r"(?:live )?chat",
        r"tickets?",
        r"contact(?:ed)? (?:them|support)",
        r"emailed (?:them|support)",
        r"(?:rang|called|phoned) (?:them|support)",
        r"on hold",
        r"needed (?:help|a human)",
        r"get help",
        r"helpline",
        r"customer service",
    ),
    "renewal": (
        r"renew\w*",
        r"cancel\w*",
        r"switch\w*",
        r"look(?:ing)? (?:elsewhere|around)",
        r"alternatives",
        r"stay(?:ing)? with",
        r"i'm staying",
        r"keep using",
        r"recommend\w*",
        r"told (?:others|other people|friends)",
        r"price (?:went|goes|go) up",
        r"put the price up",
        r"next year",
        r"loyal",
        r"upgrad\w*",
        r"downgrad\w*",
        r"leave",
        r"leaving",
        r"would you recommend",
    ),
}

_DEFAULT_EXAMPLES: dict[str, tuple[str, ...]] = {
    "awareness": (
        "A friend told me about it and that's how I first heard of it.",
        "I saw an advert for it and it caught my eye.",
        "That was the moment I realised I needed something better.",
    ),
    "consideration": (
        "I compared a few alternatives and read the reviews before choosing.",
        "We trialled three options side by side and looked at the pricing.",
        "What I was looking for was whether it had the features we needed.",
    ),
    "purchase": (
        "I signed up, picked a plan and paid with my card.",
        "The contract and the pricing plans when we bought it.",
        "Getting approval to buy it and setting up the subscription.",
    ),
    "onboarding": (
        "Setting it up the first time and importing our data.",
        "The first few weeks of getting started and learning how it works.",
        "Rolling it out to everyone and configuring the settings.",
    ),
    "usage": (
        "Day to day I use it every week as part of my routine.",
        "How it fits into my normal workflow now.",
        "What works well and what slows me down when I use it.",
    ),
    # Contacting the company, not the problem itself: researchers file a failure met in
    # use under usage and the call about it under support (five tuned studies agree).
    "support": (
        "I contacted their support team and asked for help.",
        "I rang them and waited on hold for someone to get back to me.",
        "I emailed customer service and chased them for an answer.",
    ),
    "renewal": (
        "Whether I'll renew, cancel or switch to something else next year.",
        "I would recommend it to others and I'm staying with it.",
        "The price went up so I'm thinking about leaving.",
    ),
}


@dataclass(frozen=True)
class StageProfile:
    """How one stage is recognised: cue patterns and texts to embed as its prototype."""

    stage: Stage
    cues: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...]
    #: For each cue, a piece of text every match of it contains (None if there is none):
    #: a substring test is far cheaper than a regex search, and most texts carry none
    #: of a stage's cues.
    needles: tuple[str | None, ...]


def stage_profiles(stages: Sequence[Stage]) -> list[StageProfile]:
    return [_profile(stage) for stage in stages]


def _profile(stage: Stage) -> StageProfile:
    default_key = _default_key(stage)
    described = f"{stage.name}. {stage.description}".strip()
    phrases = [p.strip() for p in re.split(r"[:;,.]", stage.description) if p.strip()]
    if default_key is not None:
        patterns = _DEFAULT_CUES[default_key]
        examples = (described, *_DEFAULT_EXAMPLES[default_key])
    else:
        patterns = _derived_cues(stage)
        examples = (described, *phrases[:6])
    compiled = tuple(re.compile(r"\b" + p + r"\b") for p in patterns)
    needles = tuple(required_text(p) for p in patterns)
    return StageProfile(stage=stage, cues=compiled, examples=examples, needles=needles)


#: Words of reaching the company beyond the Support stage's own cues: a call, an email,
#: a message, a complaint, a refund, someone at the desk.
_CONTACT_WORDS = (
    r"rang|ring|ringing|rings|called|call(?:ing)?|phon\w*|e-?mail(?:ed|ing)?|messag\w*|"
    r"wrote to|writ\w* to|help ?line|customer service\w*|complain\w*|got in touch|"
    r"get in touch|in touch with|spoke to|speak to|talk(?:ed)? to|repl(?:y|ied|ies)|"
    r"got back to|get back to|asked (?:them|him|her|someone|for|if|whether|the)|"
    r"told (?:them|him|her|the)|chas\w*|contact\w*|reception|the (?:office|desk|counter)|"
    r"someone (?:there|at)|refund\w*|compensat\w*|escalat\w*"
)
#: Talk of getting help: the Support stage's cues (help pages and chat included) and the
#: contact words. The default Support stage is getting help, and the planted studies'
#: researchers filed a failure met in use under Usage and the call about it under
#: Support; with none of these, in the answer or its question, a segment is not about
#: support however much goes wrong in it.
_CONTACT = re.compile(rf"\b(?:{'|'.join(_DEFAULT_CUES['support'])}|{_CONTACT_WORDS})\b")


def is_default_support(stage: Stage) -> bool:
    """The default list's Support stage (by id or name), whose evidence must reach out."""
    return _default_key(stage) == "support"


def reaches_the_company(text: str) -> bool:
    """Whether ``text`` tells of getting help from the company (``_CONTACT``)."""
    return bool(_CONTACT.search(text.lower()))


def _default_key(stage: Stage) -> str | None:
    for key in (stage.id.lower(), stage.name.lower().strip()):
        if key in _DEFAULT_CUES:
            return key
    return None


def _derived_cues(stage: Stage) -> tuple[str, ...]:
    """Cue stems from a custom stage's name and description ("Returns" -> return\\w*)."""
    seen: dict[str, None] = {}
    for word in words(f"{stage.name} {stage.name} {stage.description}"):
        if len(word) < 4 or word in STOPWORDS:
            continue
        seen.setdefault(re.escape(stem(word)) + r"\w*", None)
    return tuple(seen)


def cue_hits(profile: StageProfile, text: str) -> int:
    """How many of the stage's cues occur in ``text`` (lower-cased)."""
    return sum(
        1
        for pattern, needle in zip(profile.cues, profile.needles, strict=True)
        if (needle is None or needle in text) and pattern.search(text)
    )


#: Characters that end a run of literal text in a cue pattern.
_SPECIAL = frozenset(".^$*+?{}[]()|\\")
_OPTIONAL = frozenset("?*{")


def required_text(pattern: str) -> str | None:
    """The longest plain text every match of ``pattern`` must contain, if any.

    Reads only the pattern's top level: text inside a group, after a class or before an
    optional quantifier is not required, and a top-level ``|`` means nothing is. Two
    characters or fewer are not worth testing for.
    """
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0
    while i < len(pattern):
        char, i = pattern[i], i + 1
        if char == "\\" and i < len(pattern):
            escaped, i = pattern[i], i + 1
            literal = None if escaped.isalnum() else escaped
        elif char == "[":
            i = _class_end(pattern, i)
            literal = None
        else:
            depth += (char == "(") - (char == ")")
            if depth == 0 and char == "|":
                return None
            literal = None if char in _SPECIAL else char
        if literal is not None and depth == 0 and pattern[i : i + 1] not in _OPTIONAL:
            run.append(literal)
            continue
        runs.append("".join(run))
        run = []
    runs.append("".join(run))
    best = max(runs, key=len)
    return best if len(best) > 2 else None


def _class_end(pattern: str, start: int) -> int:
    """The index just after the ``]`` closing a character class opened before ``start``."""
    i = start + (pattern[start : start + 1] == "]")
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1
