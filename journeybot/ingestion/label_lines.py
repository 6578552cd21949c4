"""What a line of a transcript says about its speaker: a label and its form, a name
alone on its line, or a time that belongs to the label beside it.

Each line is read on its own here; ``plaintext`` decides which of the labels found are
speakers (those that recur, name a role, or make a conversation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from journeybot.ingestion.labels import (
    PROSE_OPENERS,
    TIMESTAMP,
    looks_like_label,
    normalise_timestamp,
    role_key,
)

#: A speaker label: a name ("Sarah Jones", "Jones, Sarah"), with an optional note in
#: brackets ("Sarah (P4)", "Interviewer [Tom]").
_LABEL = (
    r"(?P<label>[^\W_][\w'’.\- ]{0,39}?(?:, [^\W\d_][\w'’.\- ]{0,30}?)?"
    r"(?: ?(?:\([^()\[\]:]{1,30}\)|\[[^()\[\]:]{1,30}\]))?)"
)
_TS = rf"(?P<ts>{TIMESTAMP})"
_REST = r"(?:\s+(?P<rest>.*))?"
_COLON_OR_END = rf"(?:\s*:{_REST})?"
_BOLD = r"(?:\*\*|__)"

#: (form, pattern); "timed" and "bold" are strong evidence of a label, "plain" needs the
#: label to recur, and the weak forms (``WEAK_FORMS``) need a conversation around them.
_LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("timed", re.compile(rf"^[\[(]{_TS}[\])]\s*[-–—]?\s*{_LABEL}{_COLON_OR_END}$")),
    ("timed", re.compile(rf"^{_TS}\s+[-–—]?\s*{_LABEL}{_COLON_OR_END}$")),
    ("timed", re.compile(rf"^{_LABEL}\s*[\[(]{_TS}[\])]\s*:?{_REST}$")),
    ("timed", re.compile(rf"^{_LABEL}\s+{_TS}$")),
    ("timed", re.compile(rf"^{_BOLD}?\[?{_LABEL}\]?{_BOLD}?\s*(?:[-–—|]\s*)?[\[(]?{_TS}[\])]?$")),
    ("bold", re.compile(rf"^{_BOLD}{_LABEL}(?:\s*:\s*{_BOLD}|{_BOLD}\s*:){_REST}$")),
    ("bold", re.compile(rf"^{_BOLD}{_LABEL}{_BOLD}\s+(?P<rest>[^\s:].*)$")),
    ("plain", re.compile(rf"^{_LABEL}\s*:{_REST}$")),
    ("plain", re.compile(rf"^(?P<em>[*_]){_LABEL}(?:\s*:\s*(?P=em)|(?P=em)\s*:){_REST}$")),
    ("dashed", re.compile(rf"^{_LABEL}\s+[-–—]\s+(?P<rest>\S.*)$")),
    ("tabbed", re.compile(rf"^{_LABEL}\t+(?P<rest>\S.*)$")),
    ("lettered", re.compile(r"^(?P<label>[QAIR])\.\s+(?P<rest>\S.*)$")),
)
#: Forms prose and outlines share with speakers: "Yeah - I think so", "A. Background",
#: "- Servers: the machines that...". Their labels count only where they make a
#: conversation of their own (``_weak_labels``).
WEAK_FORMS = frozenset({"listed", "dashed", "lettered", "tabbed"})
#: A name alone on its line, the words on the lines below ("Sarah Jones", "**Tom**").
_ALONE_LABEL = re.compile(rf"^{_BOLD}?\[?{_LABEL}\]?{_BOLD}?$")
_LOOSE_TS = r"\d{1,2}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"
_CUE_TIMING = re.compile(rf"^(?P<start>{_LOOSE_TS})\s*-->\s*{_LOOSE_TS}\b.*$")
#: A time alone on its line ("07:07", "[00:07:07]"), as meeting tools write it above
#: the speaker's label.
BARE_TIME = re.compile(rf"^[\[(]?(?P<start>{TIMESTAMP})[\])]?$")
_HEADING_MARK = re.compile(r"^#{1,6}\s+(?=\S)")
_ODD_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a]")
#: A list item's mark ("- ", "* ", "2. "): a list of "Name: words" can be a conversation
#: written as notes, or a list of terms and their meanings ("- Servers: ...").
_LIST_MARK = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class Candidate:
    """A line that could open a turn: the label, the words after it, its time, its form."""

    label: str
    rest: str
    timestamp: str | None
    form: str


def without_cue_timings(lines: Sequence[str]) -> tuple[list[str], dict[int, str]]:
    """Caption timings pasted into a text file ('0:0:5.120 --> 0:0:12.400'), and a time
    alone on the line above a speaker's label ('07:07' / 'Sarah: ...'), are blanked and
    their start kept for that label: they are nobody's words, and left in, the time ran
    on as the end of the turn before."""
    kept = list(lines)
    starts: dict[int, str] = {}
    for index, line in enumerate(lines):
        timing = _CUE_TIMING.match(line.strip())
        if timing:
            kept[index] = ""
            starts[index + 1] = normalise_timestamp(timing.group("start"))
            continue
        bare = BARE_TIME.match(line.strip())
        label = _label_beside(lines, index) if bare else None
        if bare and label is not None:
            kept[index] = ""
            starts[label] = normalise_timestamp(bare.group("start"))
    return kept, starts


def _label_beside(lines: Sequence[str], index: int) -> int | None:
    """The line of the label a time alone on line ``index`` belongs to: a label below it
    ('07:07' / 'Sarah: ...', '07:07' / 'Sarah' / words), or a name alone above it
    ('Sarah' / '07:07' / words)."""
    above = next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
    below = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    if below is not None and (
        candidate(lines[below].strip()) or name_alone(lines[below]) is not None
    ):
        return below
    if above is not None and name_alone(lines[above]) is not None:
        return above
    return None


def opens_with_label(line: str) -> bool:
    """Whether the line reads as a speaker label as it is ("Sam Reid  0:03", "Sam: ...")."""
    return candidate(line.strip()) is not None


def candidate(line: str) -> Candidate | None:
    line = spaced(line)
    if not line or len(line) < 2:
        return None
    found = _labelled(line)
    if found is None and (item := _LIST_MARK.match(line)):
        found = _labelled(line[item.end() :])
        found = replace(found, form="listed") if found and found.form != "timed" else None
    return found


def _labelled(line: str) -> Candidate | None:
    for form, pattern in _LABEL_PATTERNS:
        match = pattern.match(line)
        if match and looks_like_label(match.group("label")) and _label_fits(form, match):
            groups = match.groupdict()
            stamp = groups.get("ts")
            return Candidate(
                label=match.group("label").strip(" -–—|"),
                rest=groups.get("rest") or "",
                timestamp=normalise_timestamp(stamp) if stamp else None,
                form=form,
            )
    return None


def spaced(line: str) -> str:
    """Word processors join a name with no-break spaces ("Sarah\u00a0Jones:") and East
    Asian keyboards type a full-width colon: both are read as a label's plain ones."""
    return _ODD_SPACES.sub(" ", line).replace("\uff1a", ":")


def _label_fits(form: str, match: re.Match[str]) -> bool:
    """A "Surname, Name" label only where the line's shape says it is one (a time, bold):
    "Yes, Sarah: I think so" opens a reply, not a turn; and no word that opens a
    sentence before a dash ("Honestly - it was awful") is a speaker."""
    label = match.group("label")
    if form in ("plain", "dashed", "lettered", "tabbed") and ", " in label:
        return False
    return form not in ("dashed", "tabbed") or role_key(label) not in PROSE_OPENERS


def name_alone(line: str) -> str | None:
    """A name alone on its line, or as a heading ("### Sarah") above their words."""
    match = _ALONE_LABEL.match(_HEADING_MARK.sub("", spaced(line).strip()))
    label = match.group("label").strip() if match else ""
    return label if looks_like_label(label) and not label.endswith(".") else None
