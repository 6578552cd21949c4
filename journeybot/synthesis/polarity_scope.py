"""Stretches of a clause whose opinion words are not the speaker's verdict, and irony.

A lexicon counts every opinion word it sees. In research talk many of them sit inside
a stretch that changes whose opinion it is, or whether it is one at all:

- hearsay: someone else's verdict or a message's wording ("people always say it's
  brilliant", "a text that said your claim is important to us");
- doubt: a possibility weighed ("whether it would go to spam", "if it's cheaper");
- an alternative not taken ("rather than hiding it in the small print", "instead of
  phoning"): what the speaker did *not* get says nothing bad about what they did get;
- a wish ("I'd like a better way to export", "it would be nice if it kept the colours",
  "we need a simpler way in"): the praise describes what the speaker wants and does not
  have, so it is no praise of what they have;
- an echo: the interviewer's word said back ("Frustrating? No, it was fine");
- irony: a bare word of praise tacked on after a complaint ("the page crashed, so I did
  the form again, which was, you know, brilliant"; "the first lot never arrived. Love
  that for me."). The praise is set apart (after "which" and a pause, or as a sentence
  of its own of a few words) and clashes with what came before it: that incongruity,
  not any word, is what marks it.

Each stretch is found by structure, so it reads the same in any domain. Positions are
token indexes in the clause's tokens as ``polarity.py`` splits them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from journeybot.synthesis.polarity_frames import DENIAL_PREFIX, DOUBT_ENDS, doubt_starts
from journeybot.synthesis.polarity_lexicon import word_valence
from journeybot.synthesis.terms import content_words, stem

HEARSAY_FACTOR = 0.1  # "people always say it's brilliant": their words, not the speaker's
ALTERNATIVE_FACTOR = 0.0  # "rather than hiding it": what did not happen
WANTED_FACTOR = 0.0  # "I'd like a better way": praise of what is wanted, not had
CLAUSE_END = frozenset({".", ",", ";", ":", "!", "?", "\u2014", "--"})
#: Someone else's verdict reported ("people like Kev always say", "they told us"), or a
#: message's own words ("an email saying", "a text that said").
_HEARSAY = re.compile(
    r"\b(?:(?:people|they|everyone|everybody|others|folks|he|she|the reviews?|the ads?|"
    r"the website|the advert|the salesman|the sales (?:person|rep|team)|"
    r"(?:my|our|his|her|their|a|an|another|the) (?!one\b|thing\b)[a-z]+)"
    r"(?: \w+){0,2}? (?:always |all |kept |keep |would )?"
    r"(?:says?|said|tells?|told|claims?|claimed|promised|promises|reckons?|swears?|swore)|"
    r"(?:text|email|e-mail|letter|message|notice|note|sign|banner|popup|pop-up|screen)"
    r"(?:s)?(?: that| which)? (?:said|says|saying|read|reads|reading))\b"
)
#: The speaker's own voice resumes at a first-person subject.
OWN_VOICE = frozenset({"i", "i'm", "i'd", "i've", "i'll", "we", "we're", "we'd", "we've"})
#: What was not done or not chosen: its words describe the road not taken.
_ALTERNATIVE = re.compile(r"\b(?:rather than|instead of|as opposed to)\b")
#: What is wished for: a desire with its object ("would like a", "want it to", "need a
#: way"), or a verdict made conditional ("it would be nice if", "should be easier").
#: "Everything I need" and "I wanted to say" have no object of the wish after them.
_WANTED = re.compile(
    r"\b(?:(?:i|we|you)(?:'d| would) (?:really |much |also )?(?:like|love|prefer|appreciate)|"
    r"(?:i|we) (?:just |really |still |also |always )?(?:wish|hope)|"
    r"(?:i|we|you) (?:just |really |still |also |would |'d )?(?:want|wanted|need|needed) "
    r"(?=(?:a|an|some|more|better|something|someone|somebody|it to|them to|the ability|"
    r"an easier|a simpler|a way|(?:him|her|us|the (?:\w+ ){1,2})to)\b)|"
    # A request written as a bare noun phrase: "Better dashboards!", "more examples".
    r"^[\s\W\d]*(?:better|improved|more) (?!than\b|and\b|or\b)(?=[a-z]))"
)
#: A verdict made conditional: "more documentation would be nice", "it should be
#: easier". The whole clause describes a state wished for.
_CONDITIONAL_VERDICT = re.compile(
    r"\b(?:would|'d|should|could) (?:really |also |definitely )?"
    r"(?:be|have been|help|mean|make)\b"
)
#: A verdict on a whole state of affairs or an act: "I liked that ...", "we hated how
#: ...", "hard to do meaningful diffs".
_VERDICT = re.compile(
    r"\b(?:(?:i|we) (?:really |genuinely |just |actually )?(?:liked|loved|like|love|"
    r"appreciated|appreciate|enjoyed|hated|hate|disliked|resented|valued) "
    r"(?:that|how|the way|the fact that|when)|"
    # A verdict on doing something: "hard to do meaningful diffs", "easy to undo mistakes".
    r"(?:hard|difficult|impossible|tricky|awkward|painful|easy|simple|quick) to)\b"
)
#: The opinion words a verdict governs count this much: the verdict itself carries.
VERDICT_OBJECT_FACTOR = 0.3
#: Words that end a wish: what follows is said of what is, not of what is wanted.
_WANTED_ENDS = frozenset({"but", "because", "cause", "which", "though", "although", "so"})
#: A tag of praise after "which" and a pause: "which, great, thanks", "which was, you
#: know, brilliant", "which, cheers, very helpful": up to three words, none of them a
#: verb or subject ("which, honestly, was great" is a sincere verdict, not a tag). The
#: pause (a comma, a filler) is what spoken irony leaves in text.
_TAG_WORD = r"(?!(?:was|is|were|has|had|it|that|this|i|we|they|he|she|you|to|the|an?)\b)[a-z]+"
IRONIC_TAG = re.compile(
    r"\bwhich(?: (?:was|is|has been))?,(?: (?:you know|like|yeah|oh|um|erm|honestly|just),)*"
    rf" (?P<word>{_TAG_WORD}(?:,? {_TAG_WORD}){{0,2}})[.!]*\s*$"
)
#: A word of praise alone, set off before the rest: "Brilliant, another email, ...". It is
#: irony when the rest complains, or says "another" of what happened ("again" is no
#: sign: "Great, it works again"). The rest is three words or more ("Brilliant, thank
#: you" is thanks), or "another" and what came again ("Brilliant, another upload").
IRONIC_OPENER = re.compile(
    r"^\W*(?:oh,? )?(?P<word>[a-z]+)[,!]+\s+(?=\S+(?:\s+\S+){2}|another\s+\w)"
)
#: How strong the opening praise must be (VADER scale): "yes", "okay", "thanks" are not.
IRONIC_OPENER_VALENCE = 2.0
REPEATED = re.compile(r"\b(?:another|yet (?:more|again))\b")
#: A sentence this short (tokens) that only praises can be a comment on the last one.
IRONIC_SENTENCE_TOKENS = 4
#: Contrast words that make a short praise sincere ("Love the design though.").
_SINCERE = frozenset({"but", "though", "still", "although", "however", "mind"})


def _scope_from(start: int, tokens: list[str], ends: frozenset[str]) -> set[int]:
    scope: set[int] = set()
    for i in range(start, len(tokens)):
        if tokens[i] in CLAUSE_END or tokens[i] in ends:
            break
        scope.add(i)
    return scope


def _token_count(text: str, token: re.Pattern[str]) -> int:
    return len(token.findall(text))


def hearsay_positions(clause: str, tokens: list[str], token: re.Pattern[str]) -> set[int]:
    """Token indexes of a verdict someone else gave, up to the clause's end or the
    speaker's own voice ("they said it was easy, and I was furious": only "easy")."""
    match = _HEARSAY.search(clause)
    if match is None:
        return set()
    return _scope_from(_token_count(clause[: match.end()], token), tokens, OWN_VOICE)


def doubt_positions(clause: str, tokens: list[str], token: re.Pattern[str]) -> set[int]:
    """Token indexes inside a doubt or condition, up to the clause's end or its main
    clause ("if it's cheaper, I'd switch": only "cheaper")."""
    scope: set[int] = set()
    for start in doubt_starts(clause):
        scope |= _scope_from(_token_count(clause[:start], token), tokens, DOUBT_ENDS)
    return scope


def alternative_positions(clause: str, tokens: list[str], token: re.Pattern[str]) -> set[int]:
    """Token indexes of an alternative not taken, up to the clause's end."""
    scope: set[int] = set()
    for match in _ALTERNATIVE.finditer(clause):
        scope |= _scope_from(_token_count(clause[: match.end()], token), tokens, frozenset())
    return scope


def wanted_positions(clause: str, tokens: list[str], token: re.Pattern[str]) -> set[int]:
    """Token indexes of what is wished for: after a desire up to the clause's end or a
    "but", and the whole of a clause whose verdict is conditional."""
    scope: set[int] = set()
    for match in _WANTED.finditer(clause):
        start = _token_count(clause[: match.start()], token)
        scope |= _scope_from(start, tokens, _WANTED_ENDS)
    for match in _CONDITIONAL_VERDICT.finditer(clause):
        at = _token_count(clause[: match.start()], token)
        start = at
        while start > 0 and tokens[start - 1] not in CLAUSE_END:
            start -= 1
        scope |= _scope_from(start, tokens, _WANTED_ENDS)
    return scope


def verdict_positions(clause: str, tokens: list[str], token: re.Pattern[str]) -> set[int]:
    """Token indexes of what a first-person verdict is about ("I liked that they list
    what's excluded"): the verdict speaks, the words it governs describe its object."""
    scope: set[int] = set()
    for match in _VERDICT.finditer(clause):
        scope |= _scope_from(_token_count(clause[: match.end()], token), tokens, _WANTED_ENDS)
    return scope


def ironic_positions(
    clause: str, token: re.Pattern[str], lexicon: Mapping[str, float]
) -> tuple[set[int], bool]:
    """Token indexes of praise in ``clause`` (lower-cased) that may be irony, and whether
    neutral talk around it is enough to make it so: a closing tag ("which, cheers, very
    helpful") after anything but praise; an opening word ("Brilliant, another email")
    before a complaint or a repeat."""
    tag = IRONIC_TAG.search(clause)
    if tag is not None:
        start = _token_count(clause[: tag.start("word")], token)
        return set(range(start, start + len(token.findall(tag.group("word"))))), True
    opener = IRONIC_OPENER.match(clause)
    if opener is None or lexicon.get(opener.group("word"), 0.0) < IRONIC_OPENER_VALENCE:
        return set(), False
    index = _token_count(clause[: opener.start("word")], token)
    return {index}, bool(REPEATED.search(clause[opener.end() :]))


#: How negative the sentence before must read for bare praise after it to be irony: a
#: complaint, not a trace ("She said sorry twice. I appreciated that." is thanks).
IRONY_AFTER_COMPLAINT = 0.15


def is_ironic_sentence(tokens: list[str], value: float, before: float | None) -> bool:
    """A few words of bare praise right after a complaint: "Love that for me."."""
    words = [t for t in tokens if t not in CLAUSE_END]
    return (
        before is not None
        and before <= -IRONY_AFTER_COMPLAINT
        and value > 0
        and len(words) <= IRONIC_SENTENCE_TOKENS
        and not _SINCERE & set(words)
    )


#: "Hassle, nah, ...", "A hassle? No, ...", "Stressful? God, no", "Worried about losing
#: them, no": a reply that opens by saying the question's words back (up to five words and
#: an article; every content word must be the question's) before a comma or question mark.
_ECHO_LEAD = re.compile(
    r"^\W*(?P<lead>(?:(?:a|an|the|really|that)\s+)?[a-z'-]+(?:\s+[a-z'-]+){0,4})\s*[?,]+\s*"
)
#: Words that may stand between the echoed word and its denial ("Stressful? God, no").
INTERJECTIONS = ("god", "gosh", "oh", "well", "honestly", "blimey", "crikey")
_INTERJECTION = re.compile(rf"^(?:{'|'.join(INTERJECTIONS)})\b[\s,!]*")


def denied_echo(group: str, words_after: int = 0) -> str:
    """A pattern: a word said back (captured as ``group``), then denied - "Hassle, nah",
    "A hassle? No", "Stressful? God, no" - for the readers that need only its shape.
    ``words_after``: the word is followed by one to that many of the question's words
    ("Worried about losing them, no")."""
    interjections = "|".join(INTERJECTIONS)
    after = rf"(?:\s+[a-z'-]+){{1,{words_after}}}" if words_after else ""
    return (
        rf"^\W*(?:a |an )?(?P<{group}>[a-z'-]+){after}[?,]+\s*"
        rf"(?:(?:{interjections}),?\s*)?(?:no|nah|nope)\b"
    )


def without_echoed_word(reply: str, question: str) -> str:
    """``reply`` from its denial on, when it opens by saying the question's word back and
    then denying it ("Hassle, nah, the code came straight through"); else ``reply``.

    The echoed word is the interviewer's, turned down: it must not be read as the
    participant's feeling, and the denial after it is the answer."""
    match = _ECHO_LEAD.match(reply)
    if not match or not question:
        return reply
    lead = [stem(w) for w in content_words(match.group("lead"))]
    asked = {stem(w) for w in content_words(question)}
    rest = reply[match.end() :]
    interjection = _INTERJECTION.match(rest)
    rest = rest[interjection.end() :] if interjection else rest
    if lead and set(lead) <= asked and DENIAL_PREFIX.match(rest):
        return rest
    return reply


def is_echo(sentence: str) -> bool:
    """A question of one or two words ("Frustrating? No, ..."): the interviewer's word
    said back before the answer, no verdict of the speaker's."""
    return sentence.rstrip().endswith("?") and len(sentence.split()) <= 2


#: "Would I recommend it? Possibly, if ...": a question the speaker puts to themselves
#: before answering it. Only first person: "is that too much to ask?" is a complaint.
_OWN_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|but|well|oh|um+|uh+|erm|like|now)\W+)*"
    r"(?:would|do|did|am|have|should|could|will|was|were|are) (?:i|we)\b[^?]*\?\W*$"
)


def is_own_question(sentence: str) -> bool:
    """A yes/no question the speaker asks: its words are the topic, the answer is next."""
    return bool(_OWN_QUESTION.match(sentence))


#: "Not great, not terrible", "not bad, not brilliant either": two opposite words each
#: denied is a verdict of middling, neither praise nor complaint ("not cheap, not quick",
#: both good things denied, stays a complaint).
_MIDDLING = re.compile(
    r"\bnot (?:that |too |so |very |the |an? )?(?P<first>[a-z]+),? (?:but |and |or )?"
    r"not (?:that |too |so |very |the |an? )?(?P<second>[a-z]+)(?: either)?\b"
)


def without_middling(clause: str) -> str:
    """``clause`` (lower-cased) with middling verdicts blanked, same length."""
    if clause.count("not ") < 2:  # every clause is read: most have no such pair
        return clause

    def blank(match: re.Match[str]) -> str:
        opposite = word_valence(match["first"]) * word_valence(match["second"]) < 0
        return " " * len(match.group(0)) if opposite else match.group(0)

    return _MIDDLING.sub(blank, clause)
