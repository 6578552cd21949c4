"""Whether a table's text column holds people's own words or an observer's notes on them.

Usability sessions are often logged as a spreadsheet: a row per task per participant and
a "Notes" column the note-taker filled in ("User double-clicked the tab", "Was confused
by the two Run Cell menus", "Said there should be a rename option"). Those rows are
evidence about the participant, but not their words: quoted under their name with an
em dash, they read as something the participant said. So a notes column in which hardly
any entry speaks in the first person is read as notes (``SourceKind.NOTES``): the
entries are still found, counted per participant and cited verbatim, but every citation
says it is a note on the participant (``Citation.attribution``).

Both signs are needed. A diary app may call its text column "Notes" and be written in the
first person ("I forgot to log my lunch again"); a diary written without "I" ("Valuer
came today.") is still a diary when its column says entry or response.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Header words that say the column is someone's notes or observations.
_NOTES_HEADER = re.compile(
    r"^(?:(?:observer|observers|researcher|researchers|facilitator|facilitators|moderator|"
    r"field|session|usability|test|task)\s+)?(?:notes?|observations?|observed)\b"
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\b", re.IGNORECASE)
#: Entries of a notes column may speak in the first person this often and still be notes
#: (a note quoting what was said: 'said "I'd expect a rename option"').
FIRST_PERSON_SHARE = 0.2


def observer_notes(key: str, shown: str, entries: Sequence[str]) -> str | None:
    """Why the column headed ``shown`` (``key``: its lower-cased words) holds observer
    notes, worded for the researcher, or ``None`` when its entries are people's own words."""
    if not entries or not _NOTES_HEADER.match(key):
        return None
    own = sum(1 for entry in entries if _FIRST_PERSON.search(entry.replace("\u2019", "'")))
    if own > FIRST_PERSON_SHARE * len(entries):
        return None
    return (
        f"the '{shown}' column reads as someone's notes on each participant, not their own "
        f"words (only {round(100 * own / len(entries))}% of its {len(entries)} entries speak "
        "in the first person), so each entry is cited as a note on the participant"
    )
