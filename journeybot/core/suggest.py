""" "Did you mean ...?": the known name a mistyped one most likely meant.

Used wherever a user names a thing that must already exist (a study, a source, a
speaker, a persona), so every such error can offer the likely intended name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: How alike two names must be (difflib ratio) to be offered as a correction.
CUTOFF = 0.6


def closest(wanted: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``wanted`` (ignoring case), or None if none is close."""
    choices = list(dict.fromkeys(known))
    folded = {choice.casefold(): choice for choice in choices}
    key = wanted.strip().casefold()
    if key in folded:
        return folded[key]
    matches = difflib.get_close_matches(key, list(folded), n=1, cutoff=CUTOFF)
    return folded[matches[0]] if matches else None


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """``"; did you mean 'pdpilot'?"`` to end an error sentence, or ``""``."""
    match = closest(wanted, known)
    return f"; did you mean '{match}'?" if match is not None and match != wanted else ""
