"""A complaint's grammar turned into the team's question, where it says what was missing.

"How might we address “I couldn't see if my wages had gone in”?" only quotes the pain
point again. Many complaints name what people could not do, were not told or had to do
themselves, and that is already the direction for the team: "How might we let people
see if their wages had gone in?". As with requests (``requests``), the rewrite is
grammar only, the participant's own words turned from the speaker's point of view to
the people the team serves; a complaint of any other shape keeps its quoted form.
"""

from __future__ import annotations

import re

from journeybot.synthesis.extractive.headlines import without_fillers
from journeybot.synthesis.extractive.requests import for_the_team
from journeybot.synthesis.stopwords import word_set

#: The speaker as the subject of a clause of their own, not of a relative clause whose
#: object went before ("that's twelve quid I can't put on the bill": put what?).
_CLAUSE_START = (
    r"(?:^|[,;:\u2013\u2014]\s*|\b(?:and|but|so|because|cos|then|now|still|just|"
    r"and then|but then)\s+)"
)
_ADVERBS = r"\s+(?:just\s+|still\s+|really\s+|even\s+|simply\s+)*"
_WE = _CLAUSE_START + r"(?:i|we)" + _ADVERBS
#: A chore is told with anyone's "you" too ("you have to go through the chat"); what
#: "you can't" do is not, being said of praise as often ("you can't fault them").
_ANYONE = _CLAUSE_START + r"(?:i|we|you)" + _ADVERBS
#: Verbs after "I couldn't" that tell of memory or talk, not of something the service
#: stopped them doing ("I can't remember", "I couldn't tell you").
_NOT_A_BARRIER = (
    r"(?!remember\b|recall\b|think\b|say\b|tell\b|believe\b|imagine\b|wait\b|stand\b|"
    r"see the point\b|"
    r"understand why\b|help\b|be bothered\b|complain\b|fault\b|afford\b|stop\b|see why\b|"
    # "Which I can't with Fernbill": what follows names no action
    r"(?:with|in|on|at|for|from|now|anymore|either|really|though|because|yet|anyway)\b)"
)
#: Words that end a thing's name before its verb ("the app and I", "the one that").
_NOT_A_NOUN = (
    r"(?:and|but|or|so|because|i|we|you|it|he|she|they|them|his|her|my|your|our|their|"
    r"me|us|him|i'm|i'd|i've|we're|you're|that|which|who|was|were|is|are|to|of|in|on|at|"
    r"for|with|just|still|never|really|even|actually|always|can't|couldn't|didn't|don't|"
    r"won't|wouldn't|doesn't)(?![a-z'-])"
)
#: Verbs of knowing, wanting and seeming: "the lady didn't know" asks the team for
#: nothing it could make happen.
_NOT_AN_ACT = (
    r"(?:know|want|like|need|mind|care|seem|matter|think|mean|happen|exist|look|feel|"
    r"sound|have|be|get|go|do|say|tell|ask|bother|understand|realise|realize|believe|"
    r"remember|agree|even|really|actually|ever|always|just)\b"
)
#: The speaker's people, who are no part of the service ("my son didn't want to").
_PEOPLE = word_set(
    """
    son daughter wife husband partner mum mom dad mother father brother sister friend
    friends kids children child boy girl baby nan gran grandad grandma family neighbour
    boyfriend girlfriend mate mates colleague colleagues boss cousin uncle auntie aunt
    parents
    """
)
#: (pattern, how the team's question opens); ``rest`` is what follows, kept as said.
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            _WE + r"(?:couldn't|can't|cannot|could not|can not|wasn't able to|"
            r"weren't able to|had no way to)\s+" + _NOT_A_BARRIER + r"(?P<rest>\w.*)$",
            re.IGNORECASE,
        ),
        "let people",
    ),
    (
        re.compile(
            r"\b(?:it|they|the app|the site|the website|the system)\s+(?:doesn't|didn't|"
            r"won't|wouldn't|don't)\s+let\s+(?:me|us|you)\s+(?P<rest>\w.*)$",
            re.IGNORECASE,
        ),
        "let people",
    ),
    (
        re.compile(
            r"\b(?:nobody|no one|no-one|they never|you never|nobody ever)\s+(?:had\s+)?"
            r"(?:told|warned|explained to)\s+(?:me|us)\s+(?P<rest>(?:that|about|how|what|"
            r"when|where|why|whether|if)\b.*)$",
            re.IGNORECASE,
        ),
        "make sure people are told",
    ),
    (
        # a regret for news not given: "I'd like to have been told properly", "I wish
        # they'd told us about the fee"
        re.compile(
            r"\b(?:(?:i|we)(?:'d| would)(?: have)? (?:like|liked|love|loved|prefer|preferred)"
            r"(?: to)? (?:have been|be) (?:told|warned|informed)|(?:i|we) wish (?:they|you|"
            r"someone|somebody)(?:'d| had) (?:told|warned) (?:me|us))\b\s*(?P<rest>.*)$",
            re.IGNORECASE,
        ),
        "make sure people are told",
    ),
    (
        re.compile(
            _WE + r"(?:didn't (?:really |even )?know|did not know|had no idea|never knew)\s+"
            r"(?P<rest>(?:that|about|how|what|when|where|whether|if|who)\b.*)$",
            re.IGNORECASE,
        ),
        "make sure people know",
    ),
    (
        re.compile(
            _ANYONE + r"(?:had to|have to|have got to|'ve got to|ended up having to)\s+"
            r"(?!say\b|admit\b|laugh\b|smile\b|ask myself\b)(?P<rest>\w.*)$",
            re.IGNORECASE,
        ),
        "spare people having to",
    ),
    (
        re.compile(
            r"\bthere(?:'s| is| was)\s+no\s+(?:way|option)\s+to\s+(?P<rest>\w.*)$",
            re.IGNORECASE,
        ),
        "give people a way to",
    ),
    (
        # "the reset email just didn't come": get the reset email to come
        re.compile(
            _CLAUSE_START + r"(?P<subject>(?:the|my|our|your)(?:\s+(?!" + _NOT_A_NOUN + r")"
            r"[a-z'-]+){1,3}?)\s+(?:just\s+|still\s+)?(?:didn't|doesn't|don't|wouldn't|"
            r"won't|couldn't|can't|did not|does not|would not)\s+(?:even\s+|really\s+|"
            r"actually\s+|ever\s+)?(?P<rest>(?!" + _NOT_AN_ACT + r")[a-z]+\b.*)$",
            re.IGNORECASE,
        ),
        "get {subject} to",
    ),
)
#: Where what was missing ends: a turn to something else, a reason, or a new clause
#: with its own subject ("had to phone the helpline and I was on hold").
_END = re.compile(
    r"\s*(?:[,;\u2013\u2014]\s*(?:but|though|although|so|and then|because|cos|which|"
    r"you know|honestly|i mean|like|and)\b|\s(?:because|cos|so that's|but)\s|[.?!]|"
    r"\s(?:and|then|and then)\s+(?:i|we|they|he|she|it|there|you)\b).*$",
    re.IGNORECASE | re.DOTALL,
)
#: Words of when or how it came to it, closing what was missing: the team acts on the
#: chore, not on its timing ("had to use the chat in the end": use the chat). "Again" and
#: "every time" stay: repeating is the chore.
_TRAILING_ASIDE = re.compile(
    r"(?:[\s,]+(?:in the end|in the finish|eventually|after all|anyway|at the end of the day|"
    r"as well|too))+$",
    re.IGNORECASE,
)
#: How long something did not happen ("didn't update for three days").
_HOW_LONG = re.compile(
    r"\s+for\s+(?:ages|weeks|days|months|hours|(?:a|an|\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|half an|"
    r"a few|a couple of|over a|over an)(?:-[a-z]+)?\s+(?:\w+\s+)?"
    r"(?:minutes?|hours?|days?|weeks?|months?|fortnight))\b.*$",
    re.IGNORECASE,
)
#: Words that point at something said before ("accept it", "show this", "either"): the
#: question would not say what.
_POINTING = frozenset({"it", "this", "that", "these", "those", "one", "either", "them"})
_LATE = re.compile(r"\b(?:till|until|til|before)\b", re.IGNORECASE)
#: The openings of news people lacked, which may have come, only late.
_TOLD_OR_KNOWN = frozenset({"make sure people are told", "make sure people know"})
#: How news should have come, in a word ("I'd like to have been told properly").
_HOW_TOLD = word_set(
    """
    properly clearly earlier sooner upfront beforehand first straight honestly
    """
) | {"in advance", "up front", "at the start", "straight away"}
_MIN_WORDS = 2
_MAX_WORDS = 18
#: What a service can let people do: find, see, change or pay for something, reach
#: someone. "I can't sleep anyway" and "I couldn't justify that" are barriers of the
#: speaker's life, not of the service, and turn into questions no team can act on.
_SERVICE_VERBS = word_set(
    """
    access add book cancel change check choose claim connect contact download edit email
    end find leave link lock log message move open order pause pay phone pick print read
    rebook register renew reorder reset return ring save scan see select send sign speak
    submit switch talk top track transfer unlock update upload use view withdraw
    """
)
#: Chores a service makes people do: contact it again, wait, repeat or redo, go
#: somewhere. "I had to hide it in yoghurt" or "I had to tell her to sit down" is no
#: work the team put on anyone.
_EFFORT_VERBS = _SERVICE_VERBS | word_set(
    """
    borrow call chase click copy dig drive enter explain export fill hunt import install
    navigate paste queue re-enter redo refresh reinstall repeat resend restart retype
    scroll search sit start take tap type wait write
    """
)
#: "go" is an errand where it heads somewhere ("go back out to the desk"), not "go past".
_GOING = re.compile(r"go (?:back|into|in|to|and|off|round|online|through|down|up)\b")
_FIRST_WORD_SKIPS = frozenset({"even", "just", "actually", "really", "then", "also", "still"})
#: The speaker in the rest ("if it was me or the tablets", "how I'd pay"): turned to
#: "people" it no longer says who.
_SPEAKER = re.compile(r"\b(?:i|me|we|us|i'd|i'm|i've|i'll|we'd|we're|we've)\b", re.IGNORECASE)


def complaint_question(clause: str) -> str | None:
    """The team's how-might-we for a complaint that names what people could not do,
    were not told or had to do; ``None`` for any other complaint."""
    text = " ".join(without_fillers(clause).replace("\u2019", "'").split())
    for pattern, opening in _SHAPES:
        match = pattern.search(text)
        if match is None:
            continue
        rest = _TRAILING_ASIDE.sub("", _END.sub("", match["rest"]).strip(" ,;:-"))
        rest = _HOW_LONG.sub("", rest)  # what was missing, not how long it was missed
        subject = match.groupdict().get("subject")
        if subject is not None:
            rest = rest.split(",")[0]
            if not _failed_to_do(subject, rest):
                return None
            opening = opening.format(subject=_named_for_the_team(subject))
        told = _told_late(opening, rest) or _told_how(opening, rest)
        if told is not None:
            return told
        if not (_actionable(f"{subject or ''} {rest}") and _in_the_teams_hands(opening, rest)):
            return None
        return f"How might we {opening} {_turned(rest)}?"
    return None


def _told_late(opening: str, rest: str) -> str | None:
    """The question for news that came too late ("nobody told me that until the
    Friday"): what is missing is telling sooner, so the time it came goes ("make sure
    people are told that until the Friday" asks for nothing), and so does a word that
    only points back at something said before."""
    late = _LATE.search(rest)
    if opening not in _TOLD_OR_KNOWN or late is None:
        return None
    what = rest[: late.start()].strip(" ,;:-")
    if set(what.lower().split()) <= _POINTING:
        return f"How might we {opening} sooner?"
    if _SPEAKER.search(what) or len(what.split()) > _MAX_WORDS:
        return None
    return f"How might we {opening} sooner {_turned(what)}?"


def _told_how(opening: str, rest: str) -> str | None:
    """News wanted in a better way, said in one word ("told properly", "warned
    upfront"): too short for ``_actionable`` yet clear about what the team should do."""
    if opening not in _TOLD_OR_KNOWN or rest.lower() not in _HOW_TOLD:
        return None
    return f"How might we {opening} {rest.lower()}?"


def _failed_to_do(subject: str, rest: str) -> bool:
    """Whether "<subject> didn't <rest>" is a thing of the service's that did not do its
    part: not the speaker's people ("my son didn't want to"), not lateness ("didn't come
    till Saturday" asks for sooner) and nothing pointed at ("won't take it": what?)."""
    late_or_pointing = _LATE.search(rest) or _POINTING & set(rest.lower().split())
    return not late_or_pointing and subject.lower().split()[-1] not in _PEOPLE


def _named_for_the_team(subject: str) -> str:
    """A thing the speaker named, said of anyone: "my parcel" -> "people's parcel"."""
    first, _, rest = subject.partition(" ")
    owner = {"my": "people's", "our": "people's", "your": "the"}.get(first.lower(), first.lower())
    return f"{owner} {rest}"


def _in_the_teams_hands(opening: str, rest: str) -> bool:
    """Whether what was missing is something the service does: for "let people" a thing
    a service lets people do, for "spare people" a chore it made, and never a rest that
    speaks of the speaker."""
    if _SPEAKER.search(rest):
        return False
    words = rest.lower().split()
    while len(words) > 1 and words[0] in _FIRST_WORD_SKIPS:
        words = words[1:]
    if opening == "let people":
        return words[0] in _SERVICE_VERBS
    if opening == "spare people having to":
        return words[0] in _EFFORT_VERBS or bool(_GOING.match(" ".join(words[:2])))
    return True


def _actionable(rest: str) -> bool:
    """Enough words to act on: "log in" is, "do it" (what is "it"?) and a paragraph not."""
    words = rest.lower().split()
    if len(words) < _MIN_WORDS + 1 and _VAGUE & set(words):
        return False
    return _MIN_WORDS <= len(words) <= _MAX_WORDS


_VAGUE = frozenset({"it", "that", "this", "them", "so", "there", "one", "anything"})


def _turned(rest: str) -> str:
    """The rest from the team's side; the speaker was talking to the company ("I can't
    pay you by direct debit": pay us), while "your child" is the person's own."""
    return for_the_team(rest, to_the_company=True)
