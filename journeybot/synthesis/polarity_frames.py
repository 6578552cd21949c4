"""Frames that change what an opinion word means: expectations, open questions, doubt.

The lexicon and cue rules in ``polarity.py`` read what words say. Research talk often
puts those words inside a frame that changes their weight:

- an expectation set up and then broken ("I assumed I could add roles first, but it's
  the other way round"): the expectation is not the experience, and a "but" after it
  with nothing evaluative in it reports a let-down;
- a doubt, an embedded question or a condition ("I wondered whether they'd trust it,
  whether it would go to spam"; "if someone comes along cheaper, I'd switch"): the
  words after "whether" or "if" are a possibility, not a verdict;
- an answer to an open question that asks for a problem or for praise ("is there
  anything that frustrates you?", "what did you like about it?"): when the answer has
  no opinion words of its own and does not deny, it is what was asked for. Yes/no
  leading questions ("was that frustrating?") lend nothing here: the participant's own
  words decide those (``polarity._short_reply`` reads the short replies).

Each frame is recognised by sentence structure, never by a product's vocabulary.
"""

from __future__ import annotations

import re

from journeybot.synthesis.cues import DENIALS

#: Valence (VADER scale) of a let-down after an expectation: "but it's the other way round".
BROKEN_EXPECTATION = 1.2
#: Opinion words after "whether" count this much: a possibility, not a verdict.
DOUBT_FACTOR = 0.3
#: The polarity an answer with no opinion words borrows from an open question.
BORROWED_POLARITY = 0.2
#: A question must read at least this strongly to lend its sign.
QUESTION_SIGN = 0.15

_EXPECTATION = re.compile(
    r"^\s*(?:(?:so|and|well|because|cause|i mean|at first|originally|honestly)[\s,]+)*"
    r"(?:(?:i|we)(?: \w+)? (?:assumed|expected|thought|imagined|hoped|figured|presumed|"
    r"reckoned|was hoping|were hoping|was expecting|were expecting|was told|were told|"
    r"was under the impression|had assumed|had expected|had hoped|'d assumed|'d hoped)|"
    # What the service said or was for: "the app said there were bikes, but ...",
    # "it was supposed to take a day, but ...".
    r"(?:it|they|the(?: (?!that|which|who)\w+){1,2}) (?:said|says|showed|shows|promised|"
    r"claimed|told (?:me|us)|"
    r"(?:was|were|is|are) (?:supposed|meant) to)|(?:it|that)'s (?:supposed|meant) to|"
    # What ought to have been: "it should be easy, but ...".
    r"(?:it|that|this|they) (?:should|ought to) (?:be|have been)\b)\b"
)
#: Where a doubt starts: the rest of the clause is a possibility being weighed (a
#: condition's ends where the speaker's own consequence begins: "if it's cheaper, I'd...").
DOUBT = re.compile(r"\b(?:whether|if)\b")
#: Tokens that end a condition: the main clause of "if ..., I'll / we'd ...".
DOUBT_ENDS = frozenset({"i'd", "i'll", "we'd", "we'll", "then"})
#: Open questions: they ask for whatever there is, rather than suggesting an answer.
_OPEN_QUESTION = re.compile(
    r"\b(?:what|which|anything|any|something|where|how come|tell me about|talk me through)\b"
)
#: "What did you like about it?": liking asked about (the scorer reads "like" only
#: after a first-person subject, so a question's "you like" needs its own rule).
ASKED_LIKING = re.compile(r"\byou (?:\w+ )?(?:like|liked|love|loved|enjoy|enjoyed)\b")


def is_expectation(clause: str) -> bool:
    """Whether a (lower-cased) clause states what the speaker expected beforehand."""
    return bool(_EXPECTATION.match(clause))


def broken_expectation(expected_raw: float) -> float:
    """The valence of a neutral "but ..." after an expectation of ``expected_raw``.

    Hoping for something good (or stating a plain assumption) and then "but" is a
    let-down, as strong as the praise it follows ("The staff were lovely, but it took
    three visits" is a complaint, not praise with a fact beside it); fearing something
    bad and then "but" is relief."""
    if expected_raw < 0:
        return BROKEN_EXPECTATION
    return -max(BROKEN_EXPECTATION, expected_raw)


def doubt_starts(clause: str) -> list[int]:
    """Character offsets in a (lower-cased) clause where doubt frames' content starts."""
    return [match.end() for match in DOUBT.finditer(clause)]


def is_open_question(question: str) -> bool:
    """Whether a (lower-cased) question asks openly rather than suggesting a yes or no."""
    return bool(_OPEN_QUESTION.search(question))


#: A one-word denial opens a reply only when the reply stops there or goes on as a
#: reply does ("No, it was fine", "No I didn't"): "No version control" and "Never heard
#: back" state an absence, they deny nothing.
_REPLY_GOES_ON = (
    r"(?:\s*[,.!;]+|\s*$|\s+(?=(?:not|no|never|really|i|it|that|this|we|they|he|she|you|"
    r"there|nothing|none|nobody)\b))"
)
#: Where a reply opens by denying what the question suggested.
DENIAL_PREFIX = re.compile(
    r"^(?:(?:"
    + "|".join(re.escape(d) for d in sorted(DENIALS, key=len, reverse=True) if " " in d)
    + r")\b|(?:"
    + "|".join(re.escape(d) for d in DENIALS if " " not in d)
    + rf")\b{_REPLY_GOES_ON})[\s,.!]*"
)
