"""Drafting personas from participant clusters: name, summary, goals, pain points,
behaviours, representative quotes and dissent, each claim with verified quotes.

Dissent is a finding: where members of one persona feel opposite ways about the same
thing, the persona says so and quotes both sides instead of averaging them away.
"""

from __future__ import annotations

import string
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np

from journeybot.core.models import Citation, Claim, Persona
from journeybot.core.text import short_list
from journeybot.synthesis.clustering import ParticipantClusters
from journeybot.synthesis.extractive.claims import theme_label
from journeybot.synthesis.extractive.headlines import Headline
from journeybot.synthesis.extractive.reading import EvidenceReading
from journeybot.synthesis.extractive.row_themes import (
    row_themes,
    shared_first,
)
from journeybot.synthesis.extractive.themes import Theme, cited_members
from journeybot.synthesis.polarity import LABEL_THRESHOLD
from journeybot.synthesis.rows import Reading, Row
from journeybot.synthesis.sentences import word_count
from journeybot.synthesis.terms import (
    MID_SENTENCE_NAME,
    TermIndex,
    fresh_terms,
    join_terms,
    names_a_topic,
    term_roots,
)

CLAIMS_PER_SECTION = {Row.GOAL: 3, Row.PAIN: 4, Row.ACTION: 4}
#: Scope of persona claims' ids: a claim is keyed by its lead quote, not its persona.
PERSONA_SCOPE = "persona"
#: A persona is named by what its members need and do, not by everything they said.
NEEDS_AND_BEHAVIOURS = frozenset({Row.GOAL, Row.PAIN, Row.ACTION})
#: Terms looked at for a name, before people's and places' names are set aside.
NAME_TERMS_CONSIDERED = 10
MAX_DISSENT = 3
MAX_REPRESENTATIVE_QUOTES = 5
#: Topics for dissent are grouped more loosely than row themes.
DISSENT_DISTANCE = 0.7
REPRESENTATIVE_WORDS = (8, 45)


class PersonaWriter:
    """Writes one persona per participant group of a clustering."""

    def __init__(self, reading: EvidenceReading, clusters: ParticipantClusters) -> None:
        self.reading = reading
        self.clusters = clusters
        people: dict[str, list[str]] = defaultdict(list)
        for r in reading.readings:
            if r.rows & NEEDS_AND_BEHAVIOURS:
                people[r.participant].append(r.text)
        for r in reading.readings:  # someone with no need or deed worded: all their talk
            if r.participant not in people:
                people[r.participant].append(r.text)
        self._people = people
        self._by_person = TermIndex(" ".join(texts) for _, texts in sorted(people.items()))
        self._names = proper_names(reading.readings)
        self._named: set[str] = set()  # roots of earlier personas' names

    def personas(self) -> list[Persona]:
        letters = string.ascii_uppercase
        return [
            self.persona(letters[i % 26] * (1 + i // 26), group)
            for i, group in enumerate(self.clusters.groups)
        ]

    def persona(self, letter: str, group: Sequence[str]) -> Persona:
        pid = f"persona-{letter.lower()}"
        members = self.reading.members(set(group))
        candidates = [
            term
            for term in self._by_person.distinctive(
                [" ".join(self._people[p]) for p in group], top=NAME_TERMS_CONSIDERED
            )
            if not set(term.lower().split()) & self._names and names_a_topic(term)
        ]
        themes = candidates[:3]
        used: set[int] = set()  # a quote backs one section's claim, not three
        pains = self._section(pid, members, Row.PAIN, used)
        goals = self._section(pid, members, Row.GOAL, used)
        behaviours = self._section(pid, members, Row.ACTION, used)
        label = join_terms(self._name_terms(candidates)) or "mixed needs"
        return Persona(
            id=pid,
            name=f"Persona {letter}: {label}",
            summary=_summary(group, themes, pains, goals)
            + roster_summary(group, self.reading.evidence.attributes),
            participants=list(group),
            goals=goals,
            pain_points=pains,
            behaviours=behaviours,
            quotes=self._representative(members),
            dissent=self._dissent(pid, members),
            themes=themes,
        )

    def _name_terms(self, candidates: list[str]) -> list[str]:
        """Two terms for a persona's name that no earlier persona's name says."""
        chosen = fresh_terms(candidates, self._named)
        for term in chosen:
            self._named |= term_roots(term)
        return chosen

    def _section(self, pid: str, members: list[int], row: Row, used: set[int]) -> list[Claim]:
        readings = self.reading.readings
        candidates = [m for m in members if m not in used]
        claims: list[Claim] = []
        found = row_themes(self.reading.finder, readings, candidates, row)
        for theme in shared_first(found)[: CLAIMS_PER_SECTION[row]]:
            claim = self.reading.maker.from_theme(
                theme,
                # Not the persona id: a new interview may regroup participants and reletter
                # personas, and a claim's id (and its reviewer's verdict) must survive that.
                scope=PERSONA_SCOPE,
                kind=row.value,
                text=Headline.label,
                row=row,
            )
            if claim is not None:
                claims.append(claim)
                used.update(cited_members(theme))
        return claims

    def _representative(self, members: list[int]) -> list[Citation]:
        """Each participant's most strongly felt, readable sentence (a few in all)."""
        best: dict[str, tuple[float, int]] = {}
        low, high = REPRESENTATIVE_WORDS
        for m in members:
            r = self.reading.readings[m]
            if not low <= word_count(r.text) <= high or not r.rows:
                continue
            score = abs(r.polarity) + 0.1 * len(r.rows)
            if r.participant not in best or score > best[r.participant][0]:
                best[r.participant] = (score, m)
        chosen = sorted(best.values(), key=lambda item: (-item[0], item[1]))
        picked = [m for _, m in chosen[:MAX_REPRESENTATIVE_QUOTES]]
        return self.reading.maker.citations(picked, limit=MAX_REPRESENTATIVE_QUOTES)

    def _dissent(self, pid: str, members: list[int]) -> list[Claim]:
        readings = self.reading.readings
        opinionated = [m for m in members if abs(readings[m].polarity) >= LABEL_THRESHOLD]
        claims: list[Claim] = []
        for theme in self.reading.finder.themes(opinionated, distance=DISSENT_DISTANCE):
            claim = self._split(pid, theme)
            if claim is not None:
                claims.append(claim)
            if len(claims) == MAX_DISSENT:
                break
        return claims

    def _split(self, pid: str, theme: Theme) -> Claim | None:
        """A dissent claim if members feel opposite ways about this theme."""
        readings = self.reading.readings
        by_person: dict[str, list[int]] = defaultdict(list)
        for m in theme.members:
            by_person[readings[m].participant].append(m)
        mood = {
            p: float(np.mean([readings[m].polarity for m in ms])) for p, ms in by_person.items()
        }
        happy = sorted(p for p, v in mood.items() if v >= LABEL_THRESHOLD)
        unhappy = sorted(p for p, v in mood.items() if v <= -LABEL_THRESHOLD)
        if not happy or not unhappy:
            return None
        sides = [_strongest(readings, by_person[p], sign) for p, sign in _pairs(happy, unhappy)]
        citations = self.reading.maker.citations(sides, limit=4)
        text = (
            f"Split on {theme_label(theme)}: {join_terms(happy)} positive, "
            f"{join_terms(unhappy)} negative"
        )
        return self.reading.maker.make(
            citations, scope=PERSONA_SCOPE, kind="dissent", text=text, participants=len(mood)
        )


def roster_summary(group: Sequence[str], attributes: dict[str, dict[str, str]]) -> str:
    """ " Roster: segment: freelancer (3), agency (1)." for the members with a roster row."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for person in group:
        for key, value in attributes.get(person, {}).items():
            if value.strip():
                counts[key][value.strip()] += 1
    if not counts:
        return ""
    parts = [
        f"{key}: " + ", ".join(f"{v} ({n})" for v, n in sorted(c.items(), key=lambda i: -i[1]))
        for key, c in sorted(counts.items())
    ]
    return " Roster: " + "; ".join(parts) + "."


def proper_names(readings: Sequence[Reading]) -> set[str]:
    """Lower-cased names of people, places and products: participants' ids and words
    written capitalised inside a sentence ("our Ryan set it up"). A persona named after
    a person ("tom and hannah") says nothing about what sets the group apart."""
    names = {r.participant.lower() for r in readings}
    for r in readings:
        for match in MID_SENTENCE_NAME.finditer(r.text):
            names.add(match.group(1).lower())
    return names - _CAPITALISED_COMMON


#: Words often capitalised mid-sentence that are no one's name.
_CAPITALISED_COMMON = frozenset({"i", "monday", "tuesday", "wednesday", "thursday", "friday"})


def _pairs(happy: list[str], unhappy: list[str]) -> list[tuple[str, int]]:
    """Alternate sides so the first citations show both: at most two per side."""
    out: list[tuple[str, int]] = []
    for i in range(2):
        if i < len(happy):
            out.append((happy[i], 1))
        if i < len(unhappy):
            out.append((unhappy[i], -1))
    return out


def _strongest(readings: Sequence[Reading], members: list[int], sign: int) -> int:
    return max(members, key=lambda m: (sign * readings[m].polarity, -m))


def _summary(
    group: Sequence[str], themes: list[str], pains: list[Claim], goals: list[Claim]
) -> str:
    count = len(group)
    who = f"{count} participant{'s' if count != 1 else ''} ({short_list(list(group))})"
    about = join_terms(themes) or "a mix of topics"
    parts = [f"{who} who talk most about {about}."]
    if goals:
        parts.append(f"Top goal: {_sentence(goals[0].text)}")
    if pains:
        parts.append(f"Most shared pain: {_sentence(pains[0].text)}")
    return " ".join(parts)


def _sentence(text: str) -> str:
    """A claim's words ending as a sentence: "It took ages." (not "ages?.")."""
    return text if text.rstrip().endswith((".", "?", "!", "\u2026")) else f"{text}."
