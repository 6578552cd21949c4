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
    """The known name closest to ``wanted`` (ignoring case), or None if none is close,
    or if two are equally close (``persona-x`` is as near ``persona-a`` as ``persona-b``,
    and naming one of them would be a guess)."""
    folded = {choice.casefold(): choice for choice in known}
    key = wanted.strip().casefold()
    if key in folded:
        return folded[key]
    scored = sorted(
        ((difflib.SequenceMatcher(None, key, choice).ratio(), choice) for choice in folded),
        reverse=True,
    )
    if not scored or scored[0][0] < CUTOFF:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return folded[scored[0][1]]


def did_you_mean(wanted: str, known: Iterable[str]) -> str:
    """``"; did you mean 'pdpilot'?"`` to end an error sentence, or ``""``."""
    match = closest(wanted, known)
    return f"; did you mean '{match}'?" if match is not None and match != wanted else ""
