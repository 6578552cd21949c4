"""Grouping an answer's quotes into two to four themes a reader takes in at a glance.

A list of quotes says little until someone reads them all; "Bank feed: 3 participants"
says what came up and how widely. Themes here are found from the quotes themselves: the
term (a content word or an adjacent word pair, as the lexical index reads them) shared by
the most participants, leaving out the question's own words, becomes a theme; then the
next, over the quotes still unplaced. Quotes that share nothing with another are grouped
by their reading (problems, wishes, praise, ...) so every quote sits under some label.
Also names the closest topics a study does have when nothing answers a question.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.core.models import Segment
from journeybot.retrieval.lexical import terms
from journeybot.synthesis.terms import names_a_topic

MAX_THEMES = 4
#: A term shared by fewer quotes than this is no theme.
MIN_THEME_QUOTES = 2
#: A single word (not a pair) names a theme only when this many people use it: two
#: people sharing one word ("sign", "got") is chance more often than a topic.
MIN_WORD_THEME_PEOPLE = 3
_READING_LABELS = {
    "problem": "Problems raised",
    "wish": "Wishes and needs",
    "praise": "What works for them",
    "behaviour": "What they do",
    "feeling": "How they felt",
}


@dataclass(frozen=True)
class QuoteTheme:
    label: str
    #: Indexes into the quotes given, in the order given.
    members: tuple[int, ...]
    participants: int


def group_quotes(
    quotes: Sequence[str], segments: Sequence[Segment], question: str
) -> list[QuoteTheme]:
    """Themes over ``quotes`` (``segments[i]`` is where ``quotes[i]`` was said)."""
    asked = _roots(question)
    quote_terms = [{t for t in terms(quote)[0] if not _asked(t, asked)} for quote in quotes]
    unplaced = set(range(len(quotes)))
    themes: list[QuoteTheme] = []
    while unplaced and len(themes) < MAX_THEMES - 1:
        best = _best_term(quote_terms, unplaced, segments)
        if best is None:
            break
        members = tuple(i for i in sorted(unplaced) if best in quote_terms[i])
        themes.append(_theme(_surface(best, [quotes[i] for i in members]), members, segments))
        unplaced -= set(members)
    themes.extend(_by_reading(sorted(unplaced), segments, MAX_THEMES - len(themes)))
    return themes


def closest_topics(segments: Sequence[Segment], question: str, limit: int = 3) -> list[str]:
    """The terms most shared by the segments nearest a question nobody answered."""
    asked = _roots(question)
    counts: Counter[str] = Counter()
    for segment in segments:
        counts.update(t for t in set(terms(segment.text)[0]) if not _asked(t, asked))
    ranked = sorted(
        (t for t in counts if names_a_topic(t)),
        key=lambda t: (-counts[t] - (0.5 if " " in t else 0.0), t),
    )
    return [_surface(t, [s.text for s in segments]) for t in ranked[:limit] if counts[t] > 1]


_INFLECTION = re.compile(r"(?:ing|ed|es|s)$")


def _root(word: str) -> str:
    """ "paying", "pays" and "paid"-less "pay" meet: a question's words in any inflection
    are the question's, never the theme an answer is grouped under."""
    base = _INFLECTION.sub("", word)
    return base if len(base) >= 3 else word


def _roots(question: str) -> set[str]:
    return {_root(word) for term in terms(question)[0] for word in term.split()}


def _asked(term: str, asked: set[str]) -> bool:
    """A term the question itself says: any of its words, in any inflection."""
    return any(_root(word) in asked for word in term.split())


def _best_term(
    quote_terms: Sequence[set[str]], unplaced: set[int], segments: Sequence[Segment]
) -> str | None:
    people: dict[str, set[str]] = {}
    quotes: Counter[str] = Counter()
    for i in unplaced:
        for term in quote_terms[i]:
            people.setdefault(term, set()).add(segments[i].participant)
            quotes[term] += 1
    shared = [
        t
        for t in quotes
        if MIN_THEME_QUOTES <= quotes[t] < len(unplaced)
        and (" " in t or len(people[t]) >= MIN_WORD_THEME_PEOPLE)
        and names_a_topic(t)
    ]
    if not shared:
        return None
    # Most people first; a word pair ("bank feed") names a theme better than a word.
    return max(shared, key=lambda t: (len(people[t]), " " in t, quotes[t], t))


def _theme(label: str, members: tuple[int, ...], segments: Sequence[Segment]) -> QuoteTheme:
    people = {segments[i].participant for i in members}
    return QuoteTheme(label, members, len(people))


def _read_statement(segment: Segment) -> str:
    """Only segments stored before readings existed lack one; reading them needs the
    polarity scorer and its cue patterns (a tenth of a second or more to import), which
    an ``ask`` over stored readings never does."""
    from journeybot.synthesis.statement import read_statement

    return read_statement(segment.text, segment.context)


def _by_reading(rest: list[int], segments: Sequence[Segment], room: int) -> list[QuoteTheme]:
    if not rest or room < 1:
        return []
    groups: dict[str, list[int]] = {}
    for i in rest:
        segment = segments[i]
        statement = segment.statement or _read_statement(segment)
        groups.setdefault(_READING_LABELS.get(statement, ""), []).append(i)
    ordered = sorted(groups.items(), key=lambda item: (item[0] == "", -len(item[1])))
    if len(ordered) > room:  # fold the smallest groups into one
        kept, folded = ordered[: room - 1], [i for _, g in ordered[room - 1 :] for i in g]
        ordered = [*kept, ("", sorted(folded))]
    return [_theme(label or "Other points", tuple(members), segments) for label, members in ordered]


def _surface(term: str, texts: Sequence[str]) -> str:
    """The term as a participant wrote it ("Bank feeds" for "bank feed"), capitalised."""
    words = [re.escape(word) for word in term.split()]
    pattern = re.compile(r"\b" + r"\W+".join(w + r"s?" for w in words) + r"\b", re.IGNORECASE)
    for text in texts:
        found = pattern.search(text)
        if found:
            surface = " ".join(found.group(0).split())
            return surface[:1].upper() + surface[1:]
    return term[:1].upper() + term[1:]
