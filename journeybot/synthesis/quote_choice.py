"""Which participant sentences make good quotes, and which words are their own.

A researcher quotes specific first-person experience ("I was on hold for forty minutes
and gave up"), not talk about the interview, greetings and logistics, the interviewer's
question said back, or a bare count. And when a participant turns down the word a
leading question offered ("Stressful's not the word, I was more cross than anything"),
their word is the feeling, never the interviewer's.
"""

from __future__ import annotations

import re

from journeybot.synthesis.cues import FEELING_WORDS
from journeybot.synthesis.polarity_scope import denied_echo
from journeybot.synthesis.terms import content_words, stem

#: Greetings, sign-offs and arranging the call: never evidence.
LOGISTICS = re.compile(
    r"\b(?:can you hear me|you're on mute|i'm on mute|thanks for (?:having|inviting) me|"
    r"nice to meet you|sorry,? (?:i'm|i was|for being) "
    r"(?:a (?:bit|couple of minutes|few minutes) |running )?late|"
    r"(?:shall|should) we (?:start|begin)|are we recording|is (?:it|this) recording|"
    r"happy to (?:send|share|help|chat)|that's (?:probably )?(?:enough|all) from me|"
    r"that's (?:it|all),? (?:really|i think)|no worries,? cheers|thanks for the voucher|"
    r"(?:send|email) you (?:a|the) (?:photo|link|screenshot)|if anything (?:else )?comes to mind|"
    r"i could (?:send|email)|my (?:wifi|internet|camera|mic|microphone) (?:is|was|keeps))\b"
    # a pleasantry about the interview itself ("No problem, it was fun")
    r"|^(?:(?:oh|yeah|no),? )?(?:no problem|no worries|no bother|you're (?:very )?welcome|"
    r"my pleasure|not at all)(?: at all)?[,.!]?\s*(?:it was|it's been|that was|this was) "
    r"(?:really |quite |good )?(?:fun|a pleasure|nice|lovely|interesting|good|great)\b"
    # thanking the room, and running it: manners and chairing, never a finding
    r"|^(?:(?:yes|yeah|oh|well|and|so|okay|ok|again|but),? )*(?:thank you|thanks)\b(?! to\b)"
    r"|\bi (?:just )?(?:want|wanted|would like|'d like) to (?:thank|say (?:a )?(?:big )?thank)"
    r"|\b(?:open|opening) (?:it|the floor|things) (?:up )?(?:to|for) (?:any )?"
    r"(?:audience )?(?:questions|feedback)\b"
    r"|\b(?:pop|put|drop) (?:them|it|your questions) in the chat\b"
    r"|\b(?:happy|glad|excited|thrilled|pleased|delighted|great|nice|good) to be "
    r"(?:here|with you|on (?:the|this) (?:show|call|panel|stream|podcast))\b"
    # leaving the call ("I have to go, eleven drops still"), not an errand ("I have to go
    # to the post office", "I've got to run the payroll")
    r"|\b(?:(?:i|we) (?:have|need|must) to|(?:i've|we've|i|we|i have|we have) got to|"
    r"(?:i|we) gotta) (?:go|dash|run|head off|get going|jump off|hop off)"
    r"(?=\s*(?:now\b|soon\b|in a (?:minute|sec|second)\b|[,.!?]|$))"
)
_NUMBER = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|hundred|thousand|half|a couple of|a week|a month|"
    r"a day|an hour|weeks|days|hours|minutes|months)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i'd|i've|i'll|we|we're|we'd|we've|my|our|me|us)\b")
_FEELING_HINT = re.compile(
    r"\b(?:felt|feel|feeling|love|loved|hate|hated|annoy\w*|frustrat\w*|worr\w*|nervous|"
    r"relieved|embarrass\w*|cross|angry|happy|glad|pleased|upset|gutted|stress\w*|"
    r"brilliant|awful|nightmare|shock\w*|scared|delighted|fed up)\b"
)
_REJECTION = (
    # "Stressful's not the word", "stressful is maybe not quite right"
    r"\b(?P<a>[a-z]+)(?:'s| is| was)?,? (?:maybe |probably |perhaps |really )?"
    r"not (?:quite |really |exactly )?(?:the (?:right )?word|it|right)\b",
    # "Anxious isn't quite it"
    r"\b(?P<b>[a-z]+) (?:isn't|wasn't|is not|was not) (?:quite |really |exactly )?"
    r"(?:it|the (?:right )?word|right|how i'd put it)\b",
    # "I wouldn't say frustrated"
    r"\b(?:wouldn't|would not|won't) (?:say|call it|go as far as) (?:i was |it was )?(?P<c>[a-z]+)",
    # "Not confusing, no, it was just annoying"
    r"^(?:\w+,? )?not (?:so much |really |exactly )?(?P<d>[a-z]+),? (?:no,? )?"
    r"(?:more|just|it was|i was|rather|but)\b",
    # "Hassle, nah, ...", "A hassle? No, ...": the question's word said back, then denied
    denied_echo("e"),
    # "Worried about losing them, no, ...": a feeling word said back with the question's
    # words after it, then denied (a feeling word only: "Got it back, no problem")
    denied_echo("h", words_after=4),
    # "Disappointed's too polite", "angry is a bit strong", "upset is too small a word",
    # "annoyed isn't strong enough"
    r"\b(?P<f>[a-z]+)(?:'s| is| was)? (?:a bit |far |way |much |maybe )?(?:too )?"
    r"(?:polite|mild|strong|soft|kind|gentle|weak|small|tame|light)(?: a word)?\b"
    r"|\b(?P<l>[a-z]+)(?:'s| is| was)? (?:not|isn't|wasn't|is not|was not) "
    r"(?:nearly |anywhere near |quite )?(?:strong|big) enough\b",
    # "I don't know about stressful, it's funny now"
    r"\b(?:don't|do not|dunno) (?:know|about) (?:about )?(?P<g>[a-z]+)(?=[,.?!])",
    # "Annoyed doesn't cover it", "angry doesn't begin to describe it": too weak a word
    r"\b(?P<i>[a-z]+)(?:'s| is| was)? (?:doesn't|does not|didn't|did not|wouldn't) "
    r"(?:even |really )?(?:cover it|begin to (?:cover|describe) it|do it justice|come close)\b",
    # "Worried's a strong word", "annoying's putting it mildly", "upset is an understatement"
    r"\b(?P<j>[a-z]+)(?:'s| is| was) (?:a (?:bit |very |pretty )?(?:strong|big|harsh) word|"
    r"putting it mildly|an understatement)\b",
    # "Frustrating, not really.", "Nervous, not at all", "Frustrating, I wouldn't say that";
    # or said back in doubt, not taken up: "Annoyed? I don't know, ...", "Stressful, I'm
    # not sure, ...", "Worried, hard to say"
    r"^\W*(?P<k>[a-z'-]+)[?,.]+\s*(?:not really|not at all|i wouldn't say (?:that|so)|"
    r"(?:i )?(?:don't|do not) know|(?:i )?dunno|(?:i'm )?not (?:so )?sure|hard to say|"
    r"i (?:couldn't|can't) say)\b",
)
#: Groups whose word is turned down only when it names a feeling ("I don't know about
#: pricing." and "The excess doesn't cover it." turn nothing down).
_FEELING_ONLY_GROUPS = frozenset({"f", "g", "h", "i", "j", "k", "l"})
_REJECTED = re.compile("|".join(f"(?:{p})" for p in _REJECTION))
_NOT_FEELINGS = frozenset(
    {
        "it",
        "that",
        "this",
        "so",
        "really",
        "the",
        "a",
        "much",
        "quite",
        "yeah",
        "yes",
        "well",
        "oh",
        "um",
        "erm",
        "honestly",
        "god",
        "okay",
        "ok",
        "right",
        "hmm",
        "and",
        "but",
        "i",
    }
)


def rejected_words(text: str) -> set[str]:
    """Words the speaker explicitly turns down as a description ("X's not the word")."""
    lower = text.lower().replace("\u2019", "'")
    found: set[str] = set()
    for match in _REJECTED.finditer(lower):
        group, word = next((n, w) for n, w in match.groupdict().items() if w)
        if group in _FEELING_ONLY_GROUPS and not _names_a_feeling(word):
            continue
        if word not in _NOT_FEELINGS:
            found.add(word)
    return found


#: A feeling word's other forms name it too: "disappointing" as "disappointed".
_FEELING_STEMS = frozenset(stem(word) for word in FEELING_WORDS)


def _names_a_feeling(word: str) -> bool:
    return (
        bool(_FEELING_HINT.fullmatch(word)) or word in FEELING_WORDS or stem(word) in _FEELING_STEMS
    )


def says_rejected(clause: str, rejected: set[str]) -> bool:
    """Whether ``clause`` uses a word the speaker turned down."""
    if not rejected:
        return False
    stems = {stem(w) for w in re.findall(r"[a-z]+", clause.lower())}
    return any(stem(word) in stems for word in rejected)


def is_logistics(text: str) -> bool:
    return bool(LOGISTICS.search(text.lower().replace("\u2019", "'")))


def echoes_question(text: str, question: str) -> bool:
    """A short reply that only says the question back ("Was it slow?" "Slow, yes.")."""
    mine = {stem(w) for w in content_words(text)}
    if not mine or len(mine) > 6 or not question:
        return False
    theirs = {stem(w) for w in content_words(question)}
    return len(mine & theirs) / len(mine) >= 0.75


def specificity(text: str) -> float:
    """0..1: how much a sentence tells of one person's concrete experience."""
    lower = text.lower().replace("\u2019", "'")
    count = len(lower.split())
    score = 0.0
    if _FIRST_PERSON.search(lower):
        score += 0.35
    if _NUMBER.search(lower):
        score += 0.25
    if _FEELING_HINT.search(lower):
        score += 0.2
    if 9 <= count <= 40:
        score += 0.2
    return min(score, 1.0)
