"""One person, one participant: the study's roster, merges, and the names outputs use.

Segments keep the speaker label their file used ("Jess M", "P03", "Gareth Pryce"); the
mapping to a participant happens when evidence is read, so importing a roster or merging
two people never rewrites the evidence store, and the next draft simply counts them once.

Names shared in answers, drafts and exports are the roster id, or else the first name;
a first name that two different labels share stays in full, because joining them would
be a silent merge. Likely joins are proposed with the command that makes them.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from journeybot.core.models import RosterEntry, Segment, Source
from journeybot.ingestion.header import name_keys
from journeybot.ingestion.labels import natural_order, participant_code

_MAX_HOPS = 20


@dataclass(frozen=True)
class JoinProposal:
    first: str
    second: str
    reason: str

    @property
    def command(self) -> str:
        return f'journeybot participants merge "{self.first}" "{self.second}"'


@dataclass
class Identity:
    """How the labels of one study's sources map onto participants."""

    roster: list[RosterEntry] = field(default_factory=list)
    merges: dict[str, str] = field(default_factory=dict)
    labels: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._roster_keys = _roster_keys(self.roster)
        self._display = _display_names(
            [label for label in self.labels if self._roster_id(label) is None]
        )

    def key(self) -> str:
        """Changes whenever the mapping does (drafts keyed on it are then stale)."""
        body = json.dumps(
            [[r.model_dump() for r in self.roster], sorted(self.merges.items())], sort_keys=True
        )
        return hashlib.sha256(body.encode()).hexdigest()[:16]

    def base(self, label: str) -> str:
        """The participant a label is before merges: roster id, or its display name."""
        return self._roster_id(label) or self._display.get(label, label)

    def participant(self, label: str) -> str:
        current = self.base(label)
        for _ in range(_MAX_HOPS):
            target = self.merges.get(current)
            if target is None or target == current:
                break
            current = target
        return current

    def known(self) -> list[str]:
        found = {self.participant(label) for label in self.labels}
        return sorted(found | {entry.id for entry in self.roster})

    def resolve(self, name: str) -> str | None:
        """A participant as a researcher typed it: an id, a shown name or a raw label."""
        wanted = " ".join(name.split())
        known = self.known()
        for candidate in known:
            if candidate.casefold() == wanted.casefold():
                return candidate
        wanted_keys = set(_label_keys(wanted))
        for label in self.labels:
            if set(_label_keys(label)) & wanted_keys:
                return self.participant(label)
        roster_id = self._roster_id(wanted)
        return self.participant(roster_id) if roster_id else None

    def segments(self, segments: Sequence[Segment]) -> list[Segment]:
        return [
            seg.model_copy(update={"participant": self.participant(seg.participant)})
            for seg in segments
        ]

    def sources(self, sources: Sequence[Source]) -> list[Source]:
        return [
            source.model_copy(
                update={
                    "participants": list(
                        dict.fromkeys(self.participant(p) for p in source.participants)
                    )
                }
            )
            for source in sources
        ]

    def attributes(self, participant: str) -> dict[str, str]:
        entry = next((r for r in self.roster if r.id == participant), None)
        return dict(entry.attributes) if entry else {}

    def facts(self, participants: Sequence[str]) -> list[str]:
        """'plan: prepayment for 3 of 4 members', from roster attributes."""
        people = list(dict.fromkeys(participants))
        counts: dict[str, Counter[str]] = {}
        for person in people:
            for column, value in self.attributes(person).items():
                if value.strip():
                    counts.setdefault(column, Counter())[value.strip()] += 1
        facts = []
        for column, values in counts.items():
            value, count = values.most_common(1)[0]
            facts.append(f"{column}: {value} for {count} of {len(people)} members")
        return facts

    def _roster_id(self, label: str) -> str | None:
        for key in _label_keys(label):
            if key in self._roster_keys:
                return self._roster_keys[key]
        return None


def _label_keys(label: str) -> list[str]:
    keys = sorted(name_keys(label))
    code = participant_code(label)
    if code:
        keys.append(code.casefold())
    return keys


def _roster_keys(roster: Sequence[RosterEntry]) -> dict[str, str]:
    """Every form a roster person may appear as; a first name only where it is unique."""
    if not roster:
        return {}
    # Imported here: listing studies builds identities, most of them without a roster.
    from journeybot.ingestion.redaction import initial_surnames, known_surnames

    firsts = Counter(entry.name.split()[0].casefold() for entry in roster if entry.name.split())
    keys: dict[str, str] = {}
    for entry in roster:
        # Redaction keeps a known person's surname as an initial ("Jess M."): match that too.
        names = [entry.name, *entry.aliases]
        redacted = [initial_surnames(name, known_surnames([name])) for name in names]
        forms = [entry.id, *names, *redacted]
        first = entry.name.split()[0] if entry.name.split() else ""
        if first and firsts[first.casefold()] == 1:
            forms.append(first)
        for form in forms:
            for key in _label_keys(form):
                keys.setdefault(key, entry.id)
    return keys


def _display_names(labels: Iterable[str]) -> dict[str, str]:
    """Full names shown as first names, unless another label would be shown the same."""
    distinct = list(dict.fromkeys(labels))
    short = {label: _first_name(label) or label for label in distinct}
    taken = Counter(name.casefold() for name in short.values())
    return {
        label: short[label] if taken[short[label].casefold()] == 1 else label for label in distinct
    }


def _first_name(label: str) -> str:
    """The first name of a label that is a person's full name, or '' for ids and codes."""
    label = natural_order(label)
    bare = sorted(name_keys(label), key=len)[0] if label else ""
    words = label.split()[: len(bare.split())] if bare else []
    if len(words) < 2 or participant_code(label):
        return ""
    if any(not word.replace("-", "").replace(".", "").replace("'", "").isalpha() for word in words):
        return ""  # 'Speaker 2', 'Guest 1': a numbered label, not a person's name
    first = words[0]
    return first if first[:1].isupper() and first.isalpha() else ""


def proposals(identity: Identity) -> list[JoinProposal]:
    """Pairs of participants that look like one person: same first name, told apart."""
    shown = sorted({identity.participant(label) for label in identity.labels})
    by_first: dict[str, list[str]] = {}
    for name in shown:
        first = natural_order(name).split()[0].casefold() if name.split() else ""
        numbered = any(char.isdigit() for char in name)  # 'Respondent 97', 'Speaker 2'
        if first and not numbered and name not in _roster_ids(identity):
            by_first.setdefault(first, []).append(name)
    found = []
    for names in by_first.values():
        for index, first in enumerate(names):
            for second in names[index + 1 :]:
                found.append(
                    JoinProposal(first, second, "they share a first name in different labels")
                )
    return found


def _roster_ids(identity: Identity) -> set[str]:
    return {entry.id for entry in identity.roster}
