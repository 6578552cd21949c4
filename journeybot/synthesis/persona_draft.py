"""Drafting personas from participant clusters: name, summary, goals, pain points,
behaviours, representative quotes and dissent, each claim with verified quotes.

Dissent is a finding: where members of one persona feel opposite ways about the same
thing, the persona says so and quotes both sides instead of averaging them away.
"""

from __future__ import annotations

import string
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from journeybot.core.models import Citation, Claim, Persona
from journeybot.core.text import short_list
from journeybot.synthesis.claims import theme_label
from journeybot.synthesis.clustering import ParticipantClusters
from journeybot.synthesis.headlines import Headline
from journeybot.synthesis.polarity import LABEL_THRESHOLD
from journeybot.synthesis.reading import EvidenceReading
from journeybot.synthesis.rows import Reading, Row
from journeybot.synthesis.sentences import word_count
from journeybot.synthesis.terms import TermIndex, join_terms
from journeybot.synthesis.themes import Theme, cited_members

CLAIMS_PER_SECTION = {Row.GOAL: 3, Row.PAIN: 4, Row.ACTION: 4}
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
            people[r.participant].append(r.text)
        self._people = people
        self._by_person = TermIndex(" ".join(texts) for _, texts in sorted(people.items()))

    def personas(self) -> list[Persona]:
        letters = string.ascii_uppercase
        return [
            self.persona(letters[i % 26] * (1 + i // 26), group)
            for i, group in enumerate(self.clusters.groups)
        ]

    def persona(self, letter: str, group: Sequence[str]) -> Persona:
        pid = f"persona-{letter.lower()}"
        members = self.reading.members(set(group))
        themes = self._by_person.distinctive([" ".join(self._people[p]) for p in group])
        used: set[int] = set()  # a quote backs one section's claim, not three
        pains = self._section(pid, members, Row.PAIN, used)
        goals = self._section(pid, members, Row.GOAL, used)
        behaviours = self._section(pid, members, Row.ACTION, used)
        label = join_terms(themes[:2]) or "mixed needs"
        return Persona(
            id=pid,
            name=f"Persona {letter}: {label}",
            summary=_summary(group, themes, pains, goals),
            participants=list(group),
            goals=goals,
            pain_points=pains,
            behaviours=behaviours,
            quotes=self._representative(members),
            dissent=self._dissent(pid, members),
            themes=themes,
        )

    def _section(self, pid: str, members: list[int], row: Row, used: set[int]) -> list[Claim]:
        readings = self.reading.readings
        rows = [m for m in members if row in readings[m].rows and m not in used]
        claims: list[Claim] = []
        for theme in self.reading.finder.themes(rows)[: CLAIMS_PER_SECTION[row]]:
            claim = self.reading.maker.from_theme(
                theme,
                scope=pid,
                kind=row.value,
                text=Headline.with_topic,
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
            citations, scope=pid, kind="dissent", text=text, participants=len(mood)
        )


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
