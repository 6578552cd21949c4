"""A stage's feelings row: what people felt there, each claim of one sign, in their words.

Feelings are grouped three ways, broadest evidence kept: sentences about the same thing
(two people relieved the money arrived), then sentences naming the same feeling (three
people angry about three different things: ``emotions``), then, of one sign, whatever is
left when it spans two or more people ("Negative feelings: cross, worried and
embarrassed"). Grouped by topic alone, as before, feelings almost never met and the row
was nearly always empty. A sentence counts only when the speaker names a feeling of
their own that points its way: never a word the interviewer offered and the participant
turned down, never a word of address ("thanks, love").
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.synthesis.cues import FEELING_WORDS, NEGATORS
from journeybot.synthesis.emotions import as_listed, family_of, only_felt
from journeybot.synthesis.extractive.headlines import Headline
from journeybot.synthesis.extractive.themes import (
    Theme,
    ThemeFinder,
    cited_members,
    journey_themes,
)
from journeybot.synthesis.polarity_lexicon import word_valence
from journeybot.synthesis.quote_choice import rejected_words, says_rejected
from journeybot.synthesis.rows import EMOTION_WORDS, Reading
from journeybot.synthesis.stopwords import word_set

#: Feeling words named in a claim grouped by topic or feeling, and in a mixed one.
WORDS_NAMED = 2
WORDS_NAMED_MIXED = 3


@dataclass(frozen=True)
class FeelingTheme:
    theme: Theme
    #: Grouped by sign alone: the claim names the feelings, not one quote's topic.
    mixed: bool = False


def feeling_themes(
    finder: ThemeFinder, readings: Sequence[Reading], feeling: Sequence[int], distance: float
) -> list[FeelingTheme]:
    """Per sign: shared topics, then shared feelings, then the rest if it is shared; each
    holding talk of the journey (``themes.journey_themes``)."""
    out: list[FeelingTheme] = []
    for sign in (1.0, -1.0):
        signed = [m for m in feeling if readings[m].polarity * sign > 0]
        taken: set[int] = set()
        shared_topics = [t for t in finder.themes(signed, distance=distance) if _shared(t)]
        out += [FeelingTheme(t) for t in shared_topics]
        taken.update(m for t in shared_topics for m in t.members)
        by_family: dict[str, list[int]] = defaultdict(list)
        for m in signed:
            if m not in taken:
                by_family[_family(readings[m].text, sign)].append(m)
        families = [finder.theme_of(group) for group in by_family.values()]
        out += [FeelingTheme(t) for t in families if _shared(t)]
        taken.update(m for t in families if _shared(t) for m in t.members)
        rest = [m for m in signed if m not in taken]
        if rest:
            mixed = finder.theme_of(rest)
            out.append(FeelingTheme(mixed, mixed=_shared(mixed)))
    return [
        dataclasses.replace(found, theme=kept[0])
        for found in out
        if (kept := journey_themes([found.theme], readings))
    ]


def _shared(theme: Theme) -> bool:
    return len(theme.participants) >= 2


def words_agree(text: str, polarity: float) -> bool:
    """Whether a feeling word the speaker uses as their own points the sentence's way:
    "which I was a bit nervous about" is no positive feeling, whatever came before, and
    "Anxious isn't really it" (the interviewer's word, turned down) names no feeling."""
    return any(sign * polarity > 0 for _, sign in feeling_words(text))


def emotion_words(readings: Sequence[Reading], found: FeelingTheme, polarity: float) -> str:
    """The feeling words of the quotes shown, most used first: "not thrilled" when
    denied, and none that point the other way ("relieved, but..." in a negative one)."""
    said_by: dict[str, set[str]] = defaultdict(set)
    for member in cited_members(found.theme):  # the words of the quotes shown
        reading = readings[member]
        for said, sign in feeling_words(reading.text):
            if sign * polarity > 0:
                said_by[said].add(reading.participant)
    counts = Counter({word: len(people) for word, people in said_by.items()})
    limit = WORDS_NAMED_MIXED if found.mixed else WORDS_NAMED
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    named = [as_listed(w) if found.mixed else w for w, _ in ranked]
    if not named:
        return ""
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def feeling_text(polarity: float, words: str, mixed: bool, headline: Headline) -> str:
    mood = "Positive" if polarity > 0 else "Negative"
    if mixed and words:
        return f"{mood} feelings: {words}"
    said = f" ({words})" if words else ""
    return f"{mood} feeling{said}: {headline.label()}"


def feeling_words(text: str) -> list[tuple[str, float]]:
    """(word as said, its sign) for each feeling word: "not thrilled" when denied, and
    never a word the speaker turned down ("stressful's not the word")."""
    lower = only_felt(text.lower().replace("\u2019", "'"))
    turned_down = rejected_words(lower)
    out: list[tuple[str, float]] = []
    for match in EMOTION_WORDS.finditer(lower):
        word = match.group(0)
        if says_rejected(word, turned_down):
            continue  # the interviewer's word the participant turned down
        if word in _STATES and not _speaker_feels(lower[: match.start()]):
            continue  # "the farmer was not impressed", "customers love that"
        if lower[: match.start()].rstrip().endswith(" than"):
            continue  # "more worried than cross": the feeling is the first word
        denied = bool(set(lower[: match.start()].split()[-3:]) & NEGATORS)
        sign = -word_valence(word) if denied else word_valence(word)
        if sign:
            out.append((f"not {word}" if denied else word, sign))
    return out


#: Words for a state of someone, as against a verdict on a thing ("a nightmare",
#: "painful"): whose state it is matters.
_STATES = frozenset(FEELING_WORDS) | {"love", "loved", "hate", "hated", "enjoy", "enjoyed"}
#: Words that make the speaker the one who feels ("I was", "made me", "we felt").
_SPEAKER = word_set("i i'm i've i'd i'll we we're we've we'd me us myself ourselves felt feel")
_CLAUSE_BREAK = re.compile(r"[,.;:!?]|\b(?:but|because|and then)\b")


def _speaker_feels(before: str) -> bool:
    """Whether a state word after ``before`` is the speaker's: said of themself in its
    clause, or opening it ("Mortified.", "Embarrassing, honestly")."""
    clause = _CLAUSE_BREAK.split(before)[-1].split()[-6:]
    return not clause or any(word in _SPEAKER for word in clause)


def _family(text: str, sign: float) -> str:
    """The family of the first feeling word of ``text`` that has ``sign``."""
    for said, word_sign in feeling_words(text):
        if word_sign * sign > 0:
            return family_of(said) + (" (denied)" if said.startswith("not ") else "")
    return ""
