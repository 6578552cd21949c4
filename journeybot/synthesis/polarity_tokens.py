"""Token-level readings shared by the polarity scorer: negation, hedges, reported feeling.

Each looks at a few tokens around one opinion word (``polarity.py`` splits clauses into
tokens): is it negated ("not easy", "wasn't ... frustrating" up to a clause break), hedged
or boosted ("a bit annoying", "really confusing"), a feeling the speaker reports about
themself ("I was gutted", "Mortified."), and is "like" a verb of liking or a filler.
"""

from __future__ import annotations

from collections.abc import Callable

from journeybot.synthesis.cues import (
    BOOSTERS,
    FEELING_FRAME,
    FEELING_WORDS,
    HEDGES,
    NEGATORS,
)
from journeybot.synthesis.polarity_scope import CLAUSE_END
from journeybot.synthesis.stopwords import word_set

HEDGE_FACTOR = 0.6
BOOST_FACTOR = 1.3
NEGATION_SCOPE = 4
#: Verbs that take a problem away: "it stopped crashing", "saves a battle at bedtime",
#: "avoids the queue"; read like a negator of the problem word they govern.
REMOVERS: frozenset[str] = word_set(
    """
    stop stops stopped save saves saved spare spares spared avoid avoids avoided
    prevent prevents prevented
    """
)
#: The subjects of a thing's failure ("it doesn't ...", "the app didn't ...").
_THING_SUBJECTS = frozenset({"it", "they", "that", "this", "the"})


def feeling_positions(tokens: list[str]) -> set[int]:
    """Indexes of feeling words the speaker reports about themself ("I was gutted")."""
    found: set[int] = set()
    for i, token in enumerate(tokens):
        if token not in FEELING_WORDS:
            continue
        window = tokens[max(0, i - 4) : i]
        if any(t in CLAUSE_END for t in window):
            window = window[max(j for j, t in enumerate(window) if t in CLAUSE_END) + 1 :]
        # "Mortified." or "Cross with myself...": a reply that opens on a feeling word
        # reports the speaker's own feeling, the "I was" left unsaid.
        opens = i == 0 or tokens[i - 1] in {".", "!", "?"}
        if opens or any(word in FEELING_FRAME for word in window):
            found.add(i)
    return found


#: Words before "like" that make it the verb of liking ("I like it", "which I quite like",
#: "I don't like the new one"), not a filler or a comparison ("it's like a maze").
_LIKING_BEFORE = word_set(
    """
    i we they really did do genuinely quite actually also still both all definitely
    absolutely particularly especially always honestly don't didn't
    """
)
#: Words after "like" that make it a habit or a comparison ("I like to check", "I like a
#: bit of", "I like, you know").
_NOT_LIKED_AFTER = frozenset({"to", "a", "i", "you"})


def is_liking(tokens: list[str], index: int) -> bool:
    """Whether the "like" at ``index`` says someone liked something. "I'd like" and
    "would like" are wants (read elsewhere), so "i'd" and "would" are not in the list."""
    before = tokens[index - 1] if index > 0 else ""
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    return before in _LIKING_BEFORE and after not in _NOT_LIKED_AFTER


def modifier(tokens: list[str], index: int) -> float:
    window = " ".join(tokens[max(0, index - 3) : index])
    factor = 1.0
    if any(hedge in f" {window} " for hedge in HEDGES):
        factor *= HEDGE_FACTOR
    if any(f" {b} " in f" {window} " for b in BOOSTERS):
        factor *= BOOST_FACTOR
    return factor


def negated(tokens: list[str], index: int) -> bool:
    """A negator within the scope before ``index``, with no clause break in between."""
    for back in range(1, NEGATION_SCOPE + 2):
        j = index - back
        if j < 0 or tokens[j] in CLAUSE_END:
            return False
        if tokens[j] in NEGATORS:
            nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
            return nxt not in CLAUSE_END and not _negated_subject(tokens, j, index)
    return False


def removed_problems(
    tokens: list[str], is_problem: Callable[[str], bool], wanted: set[int]
) -> dict[int, int]:
    """Problem words a remover takes away, each with its remover's index: "it stopped
    crashing", "saves a battle at bedtime". The problem is read as negated and the
    remover has no valence of its own (VADER reads "stopped" and "avoid" as complaints).
    A wish keeps the problem: "I want it to stop crashing" still complains."""
    out: dict[int, int] = {}
    for i, token in enumerate(tokens):
        if token not in REMOVERS or i in wanted:
            continue
        for j in range(i + 1, min(len(tokens), i + NEGATION_SCOPE + 2)):
            if tokens[j] in CLAUSE_END:
                break
            if is_problem(tokens[j]):
                out[j] = i
                break
    return out


def denies_a_problem(cue_tokens: list[str], is_problem: Callable[[str], bool]) -> bool:
    """A thing's failure cue ("it doesn't ...") whose verb is itself a problem: "it
    doesn't crash" denies the problem. A cue that names a lack ("no warning") or the
    speaker's inability ("you can't cancel") is the complaint itself."""
    if len(cue_tokens) < 3 or cue_tokens[0] not in _THING_SUBJECTS:
        return False
    verbal = any(t.endswith("n't") or t in ("not", "never") for t in cue_tokens[1:-1])
    return verbal and is_problem(cue_tokens[-1])


#: Verbs that end a subject: "not being tied in *is* worth it".
_COPULAS = frozenset({"is", "was", "are", "were", "'s"})


def _negated_subject(tokens: list[str], negator: int, index: int) -> bool:
    """ "Not having to ring them is a relief": the negator belongs to a gerund subject,
    and the verdict after the verb is about that subject, not denied."""
    return tokens[negator + 1].endswith("ing") and any(
        t in _COPULAS for t in tokens[negator + 2 : index]
    )


#: Effort as the verdict on doing something ("hard to find", "harder to keep track") or
#: on a situation ("with three kids that's hard, because ...").
EFFORT_WORDS = frozenset({"hard", "harder", "hardest"})
EFFORT_VALENCE = -1.5
NOT_EFFORT = frozenset({"say", "tell", "believe", "beat", "fault", "argue", "imagine", "resist"})
#: "that's hard", "it was really hard": "hard" as the predicate of "that" or "it".
_SUBJECT_VERBS = frozenset({"that's", "it's"})
_INTENSIFIERS = frozenset({"really", "quite", "very", "so", "pretty"})
_PREDICATE_ENDS = CLAUSE_END | {"", "because", "when", "with", "for"}


def is_effort(tokens: list[str], index: int) -> bool:
    """ "hard to find" or "that's hard", not "hard to say", "hard to beat" (no complaint
    in those) nor "work hard" (VADER's -0.4 is for that)."""
    if tokens[index] not in EFFORT_WORDS:
        return False
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    if after == "to":
        return index + 2 < len(tokens) and tokens[index + 2] not in NOT_EFFORT
    j = index - 1
    while j >= 0 and tokens[j] in _INTENSIFIERS:
        j -= 1
    predicate = j >= 0 and (
        tokens[j] in _SUBJECT_VERBS
        or (tokens[j] in {"is", "was"} and j > 0 and tokens[j - 1] in {"that", "it"})
    )
    return predicate and after in _PREDICATE_ENDS


#: Problem verbs that are also everyday nouns: "before my stop", "the next stop", "a
#: block of flats". VADER's value is for the verb ("make it stop", "they block you").
NOUN_SENSE = frozenset({"stop", "stops", "block", "blocks"})
_NOUN_LEADS = frozenset(
    {
        "my",
        "your",
        "his",
        "her",
        "our",
        "their",
        "the",
        "a",
        "an",
        "this",
        "that",
        "each",
        "every",
        "next",
        "last",
        "first",
        "bus",
        "tram",
        "train",
        "one",
        "two",
        "three",
    }
)


def is_noun_use(tokens: list[str], index: int) -> bool:
    """A verb-sense problem word used as a noun: a determiner or a place word before it."""
    return tokens[index] in NOUN_SENSE and index > 0 and tokens[index - 1] in _NOUN_LEADS
