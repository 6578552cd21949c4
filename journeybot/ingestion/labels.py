"""Speaker labels: what a label looks like, what role it implies, and timestamps.

Research tools write speaker labels in many ways, and prose contains look-alikes
("Note: ...", "https://..."). The shape rules here are deliberately strict (short,
capitalised) and the caller adds the recurrence rule, because a false label silently
moves words from one speaker to another, which is worse than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from journeybot.core.models import Role

#: A time as transcripts write it: 0:12, 12:34, 1:02:03, 00:12:34.567, 00:12:34,567.
TIMESTAMP = r"\d{1,2}(?::\d{2}){1,2}(?:[.,]\d{1,3})?"
_TIMESTAMP_RE = re.compile(rf"^{TIMESTAMP}$")

_MAX_LABEL_WORDS = 4
_MAX_LABEL_CHARS = 40
_WORD_RE = re.compile(r"^[^\W_][\w'’.\-]*$")
_PAREN_RE = re.compile(
    r"^(?P<name>.*?)\s*(?:\((?P<note>[^()]{1,30})\)|\[(?P<square>[^\[\]]{1,30})\])$"
)
_CODE_RE = re.compile(r"^(?:p|participant)[\s_-]*0*(?P<num>\d{1,4})$", re.IGNORECASE)
_STEM_CODE_RE = re.compile(
    r"(?:^|[^a-z0-9])(?:p|participant)[\s_-]*0*(?P<num>\d{1,4})(?=$|[^a-z0-9])",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset(
    {"de", "da", "di", "del", "van", "von", "der", "den", "la", "le", "bin", "al", "el"}
)

INTERVIEWER_WORDS = frozenset(
    {
        "interviewer",
        "moderator",
        "mod",
        "researcher",
        "facilitator",
        "q",
        "question",
        "host",
        "int",
        "i",
        "ux researcher",
        "user researcher",
    }
)
GENERIC_PARTICIPANT_WORDS = frozenset(
    {
        "participant",
        "particpant",
        "partcipant",
        "respondent",
        "interviewee",
        "customer",
        "user",
        "a",
        "p",
        "r",
        "answer",
        "response",
        "reply",
    }
)
OTHER_WORDS = frozenset(
    {
        "observer",
        "note taker",
        "note-taker",
        "notetaker",
        "interpreter",
        "translator",
        "partner",
        "spouse",
        "husband",
        "wife",
        "assistant",
        "producer",
    }
)
#: Words that open a sentence before a dash ("Yeah - I think so") and name no one.
PROSE_OPENERS = frozenset(
    """yeah yes yep yup no nope so well okay ok right sure honestly actually basically
    anyway then and but or oh um uh erm hmm exactly totally definitely really also just
    like look listen again first second third finally now today yesterday sometimes
    obviously apparently unfortunately luckily thankfully hopefully maybe perhaps
    sorry thanks cheers great cool fine good bad""".split()  # noqa: SIM905 - reads as prose
)
#: Capitalised words that start prose lines with a colon but never name a speaker.
NOT_LABELS = frozenset(
    {
        "note",
        "notes",
        "nb",
        "ps",
        "update",
        "edit",
        "example",
        "warning",
        "tip",
        "important",
        "summary",
        "source",
        "sources",
        "title",
        "date",
        "time",
        "location",
        "duration",
        "attendees",
        "subject",
        "re",
        "fyi",
        "todo",
        "caveat",
        "disclaimer",
        "context",
        "background",
        "link",
        "url",
        "email",
        "phone",
        "step",
        "goal",
        "goals",
        "result",
        "reason",
        "problem",
        "solution",
        "quote",
        "transcript",
        "tl;dr",
        "tldr",
        "eg",
        "ie",
        "http",
        "https",
        "mailto",
        "ftp",
        "file",
        "watch",
        "read",
        "see",
        "also",
        # sounds a transcriber marks in brackets ("[Laughter] yeah"), never a speaker
        "music",
        "laughter",
        "laughs",
        "laughing",
        "applause",
        "inaudible",
        "crosstalk",
        "cross talk",
        "silence",
        "pause",
        "noise",
        "unintelligible",
        "indistinct",
        "unclear",
        "cough",
        "coughs",
        "sighs",
        "overlapping",
        "redacted",
        "foreign",
        "beep",
    }
)


def role_key(label: str) -> str:
    """A label reduced to the form the role word lists use."""
    key = re.sub(r"[\s_]+", " ", label.strip().casefold()).strip(" .:-")
    return re.sub(r"\s*\d+$", "", key) or key


def is_role_word(label: str) -> bool:
    key = role_key(label)
    return key in INTERVIEWER_WORDS or key in GENERIC_PARTICIPANT_WORDS or key in OTHER_WORDS


def looks_like_label(label: str) -> bool:
    """Short, capitalised, not a prose word: the shape every speaker label has."""
    label = label.strip()
    if not label or len(label) > _MAX_LABEL_CHARS:
        return False
    if is_role_word(label):
        return True
    paren = _PAREN_RE.match(label)
    name = paren.group("name") if paren else label
    parts = name.split(", ")
    if len(parts) > 2:
        return False
    words = name.replace(", ", " ").split()
    if not 1 <= len(words) <= _MAX_LABEL_WORDS:
        return False
    if len(parts) == 2:  # "Jones, Sarah", as a company directory writes names
        return all(_is_surname_or_name(part) for part in parts)
    if role_key(words[0]) in NOT_LABELS and len(words) == 1:
        return False
    return all(_is_name_word(word, index) for index, word in enumerate(words))


def natural_order(label: str) -> str:
    """ "Jones, Sarah" as "Sarah Jones" (a directory name, as Teams writes it); any other
    label as it is."""
    paren = _PAREN_RE.match(label.strip())
    name = paren.group("name") if paren else label.strip()
    note = label.strip()[len(name) :] if paren else ""
    parts = name.split(", ")
    if len(parts) == 2 and all(_is_surname_or_name(part) for part in parts):
        return f"{parts[1]} {parts[0]}{note}"
    return label


def _is_surname_or_name(part: str) -> bool:
    words = part.split()
    return (
        1 <= len(words) <= 2
        and role_key(words[0]) not in NOT_LABELS
        and role_key(words[0]) not in PROSE_OPENERS
        and not is_role_word(part)
        and all(_is_name_word(word, 0) for word in words)
    )


def _is_name_word(word: str, index: int) -> bool:
    if not _WORD_RE.match(word):
        return False
    if word.isdigit():
        return index > 0
    if index > 0 and word.casefold() in _NAME_PARTICLES:
        return True
    first_letter = next((ch for ch in word if ch.isalpha()), "")
    return bool(first_letter) and first_letter.isupper()


def label_role(label: str) -> Role | None:
    """The role a label states by itself, or ``None`` for a plain name."""
    paren = _PAREN_RE.match(label.strip())
    if paren:
        stated = label_role(paren.group("note") or paren.group("square"))
        if stated is None and paren.group("name"):  # "Interviewer (Tom)"
            stated = label_role(paren.group("name"))
        if stated is not None:
            return stated
    key = role_key(label)
    if key in OTHER_WORDS:
        return Role.OTHER
    if key in INTERVIEWER_WORDS:
        return Role.INTERVIEWER
    if key in GENERIC_PARTICIPANT_WORDS or _CODE_RE.match(label.strip()):
        return Role.PARTICIPANT
    prefixed = role_prefixed(label)
    return prefixed[0] if prefixed else None


#: Role words that may stand before a name in a label ('Facilitator Kim').
_PREFIX_ROLES = {
    **{word: Role.INTERVIEWER for word in INTERVIEWER_WORDS if len(word) > 3},
    **{word: Role.OTHER for word in OTHER_WORDS},
}


def role_prefixed(label: str) -> tuple[Role, str] | None:
    """'Facilitator Kim' -> (interviewer, 'Kim'); the name is who speaks."""
    words = label.strip().replace(":", " ").replace(" - ", " ").split()
    for size in (2, 1):
        head = " ".join(words[:size]).casefold().strip(" -–,")
        rest = words[size:]
        if head in _PREFIX_ROLES and rest and all(_is_name_word(w, 0) for w in rest):
            return _PREFIX_ROLES[head], " ".join(rest)
    return None


def is_generic_participant(label: str) -> bool:
    """True for labels like 'Participant' that say a role, not who it was."""
    return role_key(label) in GENERIC_PARTICIPANT_WORDS and not re.search(r"\d", label)


def participant_code(label: str) -> str | None:
    """'P07', 'Participant 3', 'p-3' -> 'P7', 'P3'; ``None`` when not a code."""
    match = _CODE_RE.match(label.strip())
    return f"P{int(match.group('num'))}" if match else None


def participant_from_file_name(file_name: str) -> str:
    """The id a generic 'Participant' label (or a file without labels) stands for.

    A participant code in the name wins ("P03_transcript" is P3); else the person the
    name names, when one word is left once words about the file are set aside ("05_sam"
    and "sarah-diary" are Sam and Sarah, so the diary can be proposed as the interview's
    Sarah); else the file's stem as it is ("sarah" stays "sarah", "code_system" too)."""
    stem = PurePath(file_name).stem.strip() or file_name
    match = _STEM_CODE_RE.search(stem)
    if match:
        return f"P{int(match.group('num'))}"
    words = [w for w in _STEM_SPLIT.split(stem) if w and not _about_the_file(w)]
    if len(words) == 1 and words[0].isalpha() and len(words) < len(_STEM_SPLIT.split(stem)):
        return words[0].capitalize() if words[0].islower() else words[0]
    return stem


_STEM_SPLIT = re.compile(r"[\s_\-.,()\[\]]+")
#: Words a file name uses about the file, not the person: "interview-03-sarah-final".
_FILE_WORDS = frozenset(
    """interview interviews transcript transcripts transcription diary diaries notes note
    session sessions call calls recording rec final draft copy clean cleaned edited raw
    study research entry entries log logs export exported audio video zoom teams otter
    meet user respondent with and the of en""".split()  # noqa: SIM905 - reads as prose
)


def _about_the_file(word: str) -> bool:
    return (
        word.casefold() in _FILE_WORDS or any(ch.isdigit() for ch in word)  # numbers, dates, v2
    )


def looks_like_dialogue(blocks: Sequence[tuple[str, str]]) -> bool:
    """Whether (name, words) blocks read as an interview: someone asks.

    A name alone on a line is also how diaries and notes head their entries ("Monday",
    "Kitchen"); only a conversation has a speaker at least half of whose turns (runs of
    blocks) hold a question, or a name that says a role."""
    asked: dict[str, list[bool]] = {}
    previous = None
    for name, words in blocks:
        if name != previous:
            asked.setdefault(name, []).append(False)
        asked[name][-1] = asked[name][-1] or "?" in words
        previous = name
    return any(label_role(name) is not None for name in asked) or any(
        len(turns) >= 2 and sum(turns) * 2 >= len(turns) for turns in asked.values()
    )


def is_timestamp(text: str) -> bool:
    return bool(_TIMESTAMP_RE.match(text.strip()))


def normalise_timestamp(text: str) -> str:
    """'0:12' -> '00:00:12', '12:34' -> '00:12:34', '1:02:03.5' -> '01:02:03'."""
    whole = re.split(r"[.,]", text.strip(), maxsplit=1)[0]
    parts = [int(part) for part in whole.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    hours, minutes, seconds = parts
    minutes, seconds = minutes + seconds // 60, seconds % 60
    hours, minutes = hours + minutes // 60, minutes % 60
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"
