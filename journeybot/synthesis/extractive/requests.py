"""What a participant asked for, worded as a how-might-we the team can act on.

An opportunity worded from the complaint ("How might we address 'I had to use the chat
in the end'?") only says the pain point again. When someone asked for something
("Tell me the same day when a direct debit fails", "I just wish the drivers would read
the notes", "they should tell you when your dentist changes"), the request is the
direction the team can take, and it is still the participant's idea, not ours. The
rewrite is grammar only: the request's own words, turned from the speaker's point of
view to the team's ("tell people the same day...", "get the drivers to read the
notes"). A request whose grammar this cannot turn is quoted as it was said.

Only a request made now counts: "I needed a filling", "I wanted the money back" and
"I wish they'd told us" (regret) tell what happened, and ask for nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journeybot.synthesis.actions import how_might_we
from journeybot.synthesis.extractive.headlines import without_fillers
from journeybot.synthesis.memo import per_text

#: Verbs a participant tells the company to do ("Tell me...", "Just put the PINs on").
_SERVICE_VERBS = (
    r"tell|let|give|show|send|warn|text|email|e-mail|make|put|stop|keep|add|fix|remind|"
    r"offer|answer|ring|call|phone|bring|explain|say|allow|check|update|change|"
    r"label|list|mark|include|sort|refund|lower|cut|drop|pay|treat|listen|"
    r"write|print|post|deliver|open|train|hire|employ|notify|flag|link|merge|split"
)
_OPENERS = r"(?:(?:and|but|so|just|please|only|maybe|perhaps|simply|honestly|well|oh)[,]?\s+)*"
#: A command opening its clause: asked of the company for the speaker ("Tell me the same
#: day...", "Send me a text") or marked as a plea ("Just put the stairs in the listing").
#: A bare verb is not enough: "Put the card in anyway" drops its "I" and tells a story.
_IMPERATIVE = re.compile(
    rf"^(?P<plea>{_OPENERS})(?P<verb>{_SERVICE_VERBS})\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_PLEA = re.compile(r"\b(?:just|please|simply)\b", re.IGNORECASE)
_TO_THE_SPEAKER = re.compile(r"^(?:me|us)\b", re.IGNORECASE)
#: "Give me a second", "let me think": talk to the interviewer, not a request.
_ASIDE = re.compile(
    rf"^{_OPENERS}(?:give|let)\s+(?:me|us)\s+(?:a|two|one|half)?\s*(?:sec|secs|second|seconds|minute|mo|"
    r"moment|tick|think|see|check|remember|get|find|look|just)\b|^let(?:'s| us)\b|"
    r"^(?:put|make) (?:it|that) (?:this|that) way\b|^say (?:that )?again\b|^put (?:me|us) off\b",
    re.IGNORECASE,
)
#: "I just wish the drivers would read the notes", "I'd like them to ring back".
_WISH_SOMEONE = re.compile(
    r"\b(?:i|we)(?:\s+|(?='))(?:just\s+|really\s+|only\s+|do\s+|still\s+)*"
    r"(?:wish|want|need|'d like|would like|'d love|would love|'d prefer|would prefer)\s+"
    r"(?:that\s+)?(?P<who>(?:they|you|someone|somebody|it|them|"
    r"(?:the|their|your|its)\s+\w+(?:\s+\w+)?))\s+(?:would|could|'d|to)\s+"
    r"(?P<rest>(?!have\s+(?:been|told|said|known|done|had|got|gone))\w.*)$",
    re.IGNORECASE,
)
#: "I want to see...", "I'd like a way to...", "I wish I could..."; not a wish for the past
#: ("I'd like to have been told properly": a regret, as "I wish they'd told us" is).
_WISH_SELF = re.compile(
    r"\b(?:i|we)(?:\s+|(?='))(?:just\s+|really\s+|only\s+|do\s+|still\s+)*"
    r"(?:(?P<can>wish (?:i|we) could)|(?<=just )want|(?<=really )want|need (?=(?:a|some) way)|"
    r"'d like|would like|'d love|would love|'d prefer|would prefer)\s+"
    r"(?!to\s+have\s+(?:been|told|said|known|done|had|got|gone|heard|seen|\w+ed)\b)"
    r"(?P<rest>(?:to|a|an|some|more|one|the)\b.*)$",
    re.IGNORECASE,
)
#: "They should tell you...", "if only they'd...", "it would be nice to...".
_SHOULD = re.compile(
    r"\b(?P<who>they|you|someone|somebody|the company|the app|the website|it)\s+"
    r"(?:really\s+|just\s+|honestly\s+)*(?:should|ought to|need to|needs to)\s+"
    r"(?:really\s+|just\s+|at least\s+|also\s+)*(?P<rest>(?!have\b|be\b|too\b|know\b)\w+\s+\w.*)$",
    re.IGNORECASE,
)
#: "It would be nice / better / handy ...": the frame of a wish for how things could be.
_WOULD_BE_NICE = (
    r"\b(?:it would|it'd|would)\s+be\s+(?:really\s+|so\s+)?(?:nice|great|good|better|"
    r"helpful|useful|lovely|handy|easier)"
)
_NICE_TO = re.compile(rf"{_WOULD_BE_NICE}\s+to\s+(?P<rest>\w.*)$", re.IGNORECASE)
_IF_THEY_COULD = re.compile(
    r"(?<!see )(?<!ask )(?<!asked )(?<!know )(?<!wonder )(?<!wondered )(?<!check )"
    r"\bif (?:only )?(?:they|you|someone|somebody) (?:could|would) (?:just |only )?"
    r"(?P<rest>\w.*)$",
    re.IGNORECASE,
)
#: A wish whose grammar the rewrite cannot turn ("it would be nice if it kept the
#: colours", "if only..."): quoted as said.
_NICE_IF = re.compile(rf"{_WOULD_BE_NICE}\s+if\b|\bif only\b", re.IGNORECASE)
#: Where the request ends: a turn to something else ("..., but honestly it's not a big
#: deal"), a tag ("..., you know?"), or the next sentence.
_REQUEST_END = re.compile(
    r"\s*(?:[,;\u2013\u2014-]\s*(?:but|though|although|because|cos|'cause|which|mind|"
    r"you know|to be honest|honestly|really|like|i think|i suppose|i guess|anyway|"
    r"that's all|that's it|or something|and that|that|what's|what|why|how|"
    r"(?:i|we|he|she|they|it)(?:'ve|'m|'re|'s|'d)?)\b|[.?!]).*$",
    re.IGNORECASE | re.DOTALL,
)
#: The speaker's words turned to the people the team serves.
_PRONOUNS = {
    "me": "people",
    "us": "people",
    "i": "they",
    "we": "they",
    "my": "their",
    "our": "their",
    "mine": "theirs",
    "ours": "theirs",
    "myself": "themselves",
    "ourselves": "themselves",
    "you": "people",
    "your": "their",
    "yours": "theirs",
    "yourself": "themselves",
    "i'm": "they're",
    "i've": "they've",
    "i'd": "they'd",
    "i'll": "they'll",
    "we're": "they're",
    "we've": "they've",
    "we'd": "they'd",
    "we'll": "they'll",
    "you're": "they're",
    "you've": "they've",
    "you'd": "they'd",
    "you'll": "they'll",
    "am": "are",
}
#: In a command the "you" is the company the team works for: "show me who's free
#: before you tell me there are six" -> "show people ... before we tell them ...".
_COMPANY_PRONOUNS = {
    **_PRONOUNS,
    "you": "we",
    "your": "our",
    "yours": "ours",
    "yourself": "ourselves",
    "you're": "we're",
    "you've": "we've",
    "you'd": "we'd",
    "you'll": "we'll",
}
#: What a preamble may be instead of a topic: talk to the interviewer ("Hold on, let me
#: shut the door"), a condition ("when the cleaner cancels, tell me..."), or a place in
#: the service ("for the block, let people pay monthly").
_INTERJECTION = re.compile(
    r"^(?:(?:yeah|yes|no|sorry|right|okay|ok|hold on|hang on|one sec(?:ond)?|bear with me|"
    r"oh|erm|um|uh|well|sure|anyway)[,.!]?\s*)+$",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"^(?:when|whenever|if|once|after|before|while|until|till|unless|for|with|on|in|at|"
    r"during)\b",
    re.IGNORECASE,
)
#: Words that report someone else's speech: what follows is theirs ("she said, 'You
#: should always screenshot them'").
_REPORTED = re.compile(
    r"(?:\b(?:said|says|say|told \w+|asked|goes|went|like)[,:]?\s*[\"'\u201c]?\s*|[\"\u201c]\s*)$",
    re.IGNORECASE,
)
#: A wish that is not a request now: refused ("I don't want"), or a condition ("if I
#: want a film, I have to spell it out").
_NOT_NOW = re.compile(
    r"\b(?:don't|do not|never|didn't)\s+(?:\w+\s+)?want\b|"
    r"\b(?:if|when|whenever|before|till|until|unless)\s+(?:i|we)\s+(?:\w+\s+)?"
    r"(?:want|need|'d like|would like)\b",
    re.IGNORECASE,
)
_SUBJECTS = frozenset(
    [
        "i",
        "we",
        "he",
        "she",
        "they",
        "you",
        "it",
        "i'm",
        "i've",
        "we're",
        "they're",
        "he's",
        "she's",
    ]
)
_TOPIC_WORDS = 4
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
_MIN_WORDS = 3


@dataclass(frozen=True)
class Request:
    """A request found in a sentence: the clause as said, and the team's question (the
    request quoted, "How might we meet the request “...”?", where its grammar cannot be
    turned)."""

    said: str
    question: str


@per_text(maxsize=16384)
def request_in(sentence: str) -> Request | None:
    """The request ``sentence`` makes, if it makes one now; ``None`` otherwise. Kept per
    text: every map drafted from a study (one a persona) reads the same sentences."""
    text = " ".join(without_fillers(sentence).replace("\u2019", "'").split())
    for clause, topic in _clauses(text):
        found = _turned(clause, topic)
        if found is not None:
            return found
    return None


def _clauses(text: str) -> list[tuple[str, str | None]]:
    """The sentence, and each part after a comma or a dash, with whether a command may
    open it: a request often follows a short topic ("The failed payments, tell me
    straight away"; "Oh, the dog fee, put it at the start"), while a comma after a
    subject is a story ("The older one, Clive, put the settee...")."""
    parts: list[tuple[str, str | None]] = [(text, "")]
    for match in re.finditer(r"[,;:\u2013\u2014]\s+", text):
        before = text[: match.start()]
        topic = _topic(before)
        usable = _topic_only(before) and not _INTERJECTION.match(before.strip())
        parts.append((text[match.end() :], topic if usable and topic else None))
    return parts


def _topic(before: str) -> str:
    """The thing a preamble names, without its openers: "And the failed payments"."""
    plain = re.sub(rf"^{_OPENERS}", "", before.strip(), flags=re.IGNORECASE)
    plain = re.sub(r"^(?:(?:erm|um|uh|oh|well|honestly|maybe|yeah)[,]?\s+)+", "", plain, flags=re.I)
    return plain.strip(" ,")


def _topic_only(before: str) -> bool:
    """Whether ``before`` is a short preamble with no one in it doing anything."""
    if _CONDITION.match(_topic(before)):
        return len(_WORD.findall(before)) <= 2 * _TOPIC_WORDS
    words = _WORD.findall(before)
    if len(words) > _TOPIC_WORDS:
        return False
    if any(w.lower() in _SUBJECTS for w in words):
        return False
    return not any(w[:1].isupper() for w in words[1:])


def _turned(clause: str, topic: str | None) -> Request | None:
    """``topic``: what a short preamble before the clause names ("" for none); ``None``
    when the clause follows a story, so no command may open it."""
    if _ASIDE.search(clause) or _NOT_NOW.search(clause):
        return None
    imperative = _IMPERATIVE.match(clause) if topic is not None else None
    if imperative and (
        bool(topic) or _PLEA.search(imperative["plea"]) or _TO_THE_SPEAKER.match(imperative["rest"])
    ):
        action = _commanded(imperative["verb"].lower(), imperative["rest"])
        wanted = _about(_trimmed(action), topic or "")
        return _request(clause, wanted, action, _COMPANY_PRONOUNS, to_the_company=True)
    for pattern, lead in ((_SHOULD, ""), (_NICE_TO, "let people "), (_IF_THEY_COULD, "")):
        match = pattern.search(clause)
        if match and not _REPORTED.search(clause[: match.start()]):
            who = match.groupdict().get("who") or ""
            wanted = _get_someone(who, match["rest"]) if who else lead + match["rest"]
            return _request(clause, wanted, match["rest"])
    someone = _WISH_SOMEONE.search(clause)
    if someone:
        return _request(clause, _get_someone(someone["who"], someone["rest"]), someone["rest"])
    self_wish = _WISH_SELF.search(clause)
    if self_wish:
        wished = self_wish["rest"]
        return _request(clause, _for_people(wished, bool(self_wish["can"])), wished)
    if _NICE_IF.search(clause):
        said = _trimmed(clause)
        return Request(said=said, question=how_might_we("meet the request", said))
    return None


def _about(action: str, topic: str) -> str:
    """The preamble's topic put back where the command points at it: "the dog fee, put
    it at the start" -> "put the dog fee at the start"; "the failed payments, tell me
    straight away" -> "tell me straight away about the failed payments"."""
    if not topic:
        return action
    topic = topic[:1].lower() + topic[1:] if not topic[:2].isupper() else topic
    if _CONDITION.match(topic):
        return f"{action} {topic}"
    if re.search(r"\b(?:it|them)\b", action):
        return re.sub(r"\b(?:it|them)\b", topic, action, count=1)
    return f"{action} about {topic}"


def _commanded(verb: str, rest: str) -> str:
    """ "tell them to put a trolley in the vans" asks the company to put one in."""
    relayed = re.match(r"(?:them|him|her|whoever|someone|somebody)\s+to\s+(.+)$", rest)
    if verb == "tell" and relayed:
        return relayed.group(1)
    return f"{verb} {rest}"


def _get_someone(who: str, rest: str) -> str:
    """ "the drivers would read the notes" -> "get the drivers to read the notes"."""
    rest = re.sub(r"^(?:be able to|just|actually|at least)\s+", "", rest, flags=re.I)
    if who.lower() in {"they", "them", "you", "someone", "somebody", "the company"}:
        return rest
    return f"get {who} to {rest}"


def _for_people(rest: str, can: bool) -> str:
    """ "to see who's on shift" -> "let people see who's on shift"; "a way to pause it"
    -> "give people a way to pause it"."""
    if can:
        return f"let people {rest}"
    if rest.lower().startswith("to "):
        body = re.sub(r"^to\s+(?:be able to\s+)?", "", rest, flags=re.I)
        return f"let people {body}"
    return f"give people {rest}"


def _request(
    clause: str,
    action: str,
    asked: str,
    pronouns: dict[str, str] = _PRONOUNS,
    *,
    to_the_company: bool = False,
) -> Request | None:
    """The team's question for ``action``; ``None`` when what was ``asked`` (the words
    after the wish) is too short to act on ("I'd like to know")."""
    if len(_WORD.findall(_trimmed(asked))) < _MIN_WORDS:
        return None
    turned = for_the_team(action, pronouns, to_the_company=to_the_company)
    return Request(said=_trimmed(clause), question=f"How might we {turned}?")


#: "pay you", "talk to you": a "you" a verb or preposition takes.
_YOU_AS_OBJECT = re.compile(
    r"\b(to|for|with|from|at|by|about|pay|paying|paid|give|ring|call|phone|email|text|"
    r"contact|reach|trust) you\b",
    re.IGNORECASE,
)
_TEAM_AS_OBJECT = "\x00"


def for_the_team(
    words: str, pronouns: dict[str, str] = _PRONOUNS, *, to_the_company: bool = False
) -> str:
    """The speaker's ``words`` said of the people the team serves: "my wages" -> "their
    wages". ``to_the_company``: the speaker was talking to the company, so a "you" a verb
    or preposition takes is the team ("let me pay you by direct debit" -> "let people
    pay us by direct debit", not "pay we")."""
    words = _trimmed(words)
    if to_the_company:
        words = _YOU_AS_OBJECT.sub(rf"\1 {_TEAM_AS_OBJECT}", words)
    turned = _WORD.sub(lambda m: pronouns.get(m.group(0).lower(), m.group(0)), words)
    turned = turned.replace(_TEAM_AS_OBJECT, "us")
    turned = re.sub(r"\bthey was\b", "they were", turned)
    turned = re.sub(r"\bpeople people\b", "people", turned)
    return re.sub(r"\b(some|all|most|many|few|one|both) of people\b", r"\1 of them", turned)


def _trimmed(text: str) -> str:
    return _REQUEST_END.sub("", text).strip(" ,;:-")
