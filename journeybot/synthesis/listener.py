"""Whether a passage asks the listener something: shared by row classification and the
extractive answer.

Its own small module because answering a question needs only this test, while the rest
of ``rows`` pulls in the polarity scorer and its cue patterns, a tenth of a second or more
of every ``ask`` to import. Part of the readings version (``service/readings.py``).
"""

from __future__ import annotations

import re

_SECOND_PERSON = re.compile(r"\byou(?:r|rs|'re|'ve|'d|'ll)?\b")
#: The speaker as subject ("why can't I..."); "could you remind me" still asks the listener.
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:i|i'm|i've|i'd|i'll)\b")


def asks_the_listener(text: str) -> bool:
    """Whether ``text`` is a question put to someone else ("Can you tell us...?").

    Such a question says nothing about the speaker's own experience: it is an
    unlabelled host, or a participant asking back.
    """
    lower = text.lower().replace("\u2019", "'")
    return (
        lower.rstrip().endswith("?")
        and bool(_SECOND_PERSON.search(lower))
        and not _FIRST_PERSON_SINGULAR.search(lower)
    )
