"""Header blocks: who was in the session, as the researcher wrote it above the first turn.

Transcripts often open with lines such as ``Participant: Denise (P01)``, ``Interviewed by:
Sam`` or ``Key: Q = researcher, A = participant``. Read as turns they invent speakers
("Participant" saying "Denise (P01)") and lose what the researcher told us about roles.
Here they are recognised by their key and by a value that lists names rather than saying
something, taken out of the turn stream, and returned as facts the role step applies
first. A header is a statement by the researcher, so it outranks anything inferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeybot.core.models import Role
from journeybot.ingestion.labels import looks_like_label, natural_order, participant_code

_PARTICIPANT_KEYS = ("participants", "participant", "interviewee", "interviewees", "respondent")
_INTERVIEWER_KEYS = (
    "interviewers",
    "interviewer",
    "interviewed by",
    "conducted by",
    "researchers",
    "researcher",
    "moderators",
    "moderator",
    "moderated by",
    "facilitators",
    "facilitator",
    "facilitated by",
)
_OTHER_KEYS = (
    "also present",
    "also in the room",
    "also attending",
    "present",
    "observers",
    "observer",
    "observed by",
    "note takers",
    "note taker",
    "note-taker",
    "notetaker",
    "notes by",
    "notes taken by",
)
#: Keys whose people carry their role in a note: 'Attendees: Sam (researcher), Tom (customer)'.
_ATTENDEE_KEYS = ("attendees", "attendee", "in attendance", "people present", "who was there")
_PLAIN_KEYS = ("date", "time", "duration", "location", "session", "study", "project", "recorded")
_KEY_KEYS = ("key", "legend", "speakers", "speaker key", "labels", "roles")
_KEY_RE = re.compile(
    r"^\W{0,3}(?P<key>[A-Za-z][A-Za-z \-]{0,30}?)\s*(?:\([^()]{0,40}\))?\s*\W{0,3}[:\-–]\s*"
    r"\W{0,3}(?P<value>.*)$"
)
_MAPPING_RE = re.compile(r"(?P<label>[A-Za-z][\w .]{0,30}?)\s*(?:=|:|-|–)\s*(?P<role>[A-Za-z ]+)")
_SEPARATORS_RE = re.compile(r"\s*(?:,|;|\band\b|&|/)\s*")
_NOTE_RE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<note>[^()]*)\)$")
_DASH_RE = re.compile(r"\s+[-–—]\s+")
_TITLE_MAX_WORDS = 8
_ROLE_WORDS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.INTERVIEWER, ("interviewer", "researcher", "moderator", "facilitator", "question")),
    (Role.PARTICIPANT, ("participant", "respondent", "interviewee", "answer", "customer")),
    (Role.OTHER, ("observer", "note", "partner", "guest", "other")),
)


@dataclass(frozen=True)
class HeaderPerson:
    """A person the header names: their name as written, and an id if one is given."""

    name: str
    role: Role
    code: str | None = None


@dataclass
class Header:
    people: list[HeaderPerson] = field(default_factory=list)
    label_roles: dict[str, Role] = field(default_factory=dict)
    date: str | None = None
    lines: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.people or self.label_roles or self.date)

    def participants(self) -> list[HeaderPerson]:
        return [p for p in self.people if p.role is Role.PARTICIPANT]


def name_keys(label: str) -> set[str]:
    """Forms of a label a header name may match: as written, and without '(Guest)'."""
    keys = {label.casefold(), natural_order(label).casefold()}
    note = _NOTE_RE.match(label.strip())
    if note:
        name = note.group("name").strip()
        keys |= {name.casefold(), natural_order(name).casefold()}
    return keys


def person_keys(person: HeaderPerson) -> set[str]:
    """A header person's name, first name and id, as labels may write them."""
    keys = {person.name.casefold(), person.name.split()[0].casefold()}
    if person.code:
        keys.add(person.code.casefold())
    return keys


def take_header(lines: Sequence[str]) -> tuple[Header, list[str]]:
    """The header block at the top of ``lines``, and the lines with it blanked out.

    The block is the run of key lines before the first line that is anything else
    (blank lines, headings and short titles may sit between them). Blanking instead of
    removing keeps line numbers, which are citation locations, true.
    """
    header = Header()
    rest = list(lines)
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line or line.startswith("#") or set(line) <= set("=-*_ "):
            continue
        if _read_line(line, header):
            header.lines.append(line)
            rest[index] = ""
            continue
        if not header.lines and _is_title(line):
            continue
        break
    if len(header.lines) == 1 and _recurs_as_label(header.lines[0], rest):
        return Header(), list(lines)
    return header, rest


def _recurs_as_label(line: str, body: Sequence[str]) -> bool:
    """A lone 'Interviewer: Great' whose key labels later lines too is a turn, not a header."""
    match = _KEY_RE.match(line.replace("**", "").replace("__", ""))
    if match is None:
        return False
    label = re.compile(rf"^\W{{0,3}}{re.escape(match.group('key'))}\W{{0,3}}:", re.IGNORECASE)
    return any(label.match(other.strip()) for other in body)


def _is_title(line: str) -> bool:
    return len(line.split()) <= _TITLE_MAX_WORDS and not line.rstrip("*_").endswith((".", "?", "!"))


def _read_line(line: str, header: Header) -> bool:
    """Add what one line says to ``header``; False if it is not a header line."""
    match = _KEY_RE.match(line.replace("**", "").replace("__", ""))
    if match is None:
        return False
    key = " ".join(match.group("key").casefold().split())
    value = match.group("value").strip().strip("*_").strip()
    if key in _KEY_KEYS:
        return _read_mapping(value, header)
    if key in _PLAIN_KEYS:
        if key == "date" and value:
            header.date = value
        return bool(value)
    role = _key_role(key)
    if (role is None and key not in _ATTENDEE_KEYS) or not value:
        return False
    people = _names(value, role)
    if not people:
        return False
    header.people.extend(people)
    return True


def _key_role(key: str) -> Role | None:
    for role, keys in (
        (Role.PARTICIPANT, _PARTICIPANT_KEYS),
        (Role.INTERVIEWER, _INTERVIEWER_KEYS),
        (Role.OTHER, _OTHER_KEYS),
    ):
        if key in keys:
            return role
    return None


def _names(value: str, role: Role | None) -> list[HeaderPerson]:
    """Names in a header value; a value that says something instead is not a header.

    'Ray, Denise's husband - not a study participant' gives Ray: descriptions after a
    name are dropped, but a value with no name-shaped item at all is a spoken turn
    ('Participant: Yes, mostly.').
    """
    if value.endswith(("?", "!")):
        return []
    people: list[HeaderPerson] = []
    for item in _SEPARATORS_RE.split(_DASH_RE.split(value)[0]):
        person = _person(item.strip().rstrip("."), role)
        if person is not None:
            people.append(person)
    return people


def _person(item: str, key_role: Role | None) -> HeaderPerson | None:
    """A person from one item; under 'Attendees:' the note says the role, '(researcher)'."""
    if not item:
        return None
    note = _NOTE_RE.match(item)
    name = note.group("name").strip() if note else item
    role = key_role or (_role_word(note.group("note")) if note else None)
    if role is None:
        return None
    code = participant_code(name)
    if code is not None:
        return HeaderPerson(name=code, role=role, code=code)
    if not looks_like_label(name) or name.split()[0].casefold().strip(",") in _NOT_NAMES:
        return None
    if note:
        code = next(
            (c for part in note.group("note").split(",") if (c := participant_code(part))),
            None,
        )
    return HeaderPerson(name=name, role=role, code=code)


#: Capitalised one-word replies that are name-shaped but never a name in a header.
_NOT_NAMES = frozenset(
    {
        "yes",
        "no",
        "yeah",
        "okay",
        "ok",
        "sure",
        "right",
        "thanks",
        "thank",
        "hi",
        "hello",
        "hey",
        "great",
        "good",
        "welcome",
        "so",
        "well",
        "none",
        "n/a",
        "cool",
        "perfect",
    }
)


def _read_mapping(value: str, header: Header) -> bool:
    """'Q = researcher, A = participant' -> {'q': interviewer, 'a': participant}."""
    found = False
    for part in re.split(r"\s*[,;]\s*", value):
        match = _MAPPING_RE.fullmatch(part.strip())
        if match is None:
            continue
        role = _role_word(match.group("role"))
        if role is not None:
            header.label_roles[match.group("label").strip().casefold()] = role
            found = True
    return found


def _role_word(text: str) -> Role | None:
    words = text.casefold()
    for role, stems in _ROLE_WORDS:
        if any(stem in words for stem in stems):
            return role
    return None
