"""What kind of statement a participant's words are: problem, wish, praise, ...

One reading per segment, from the journey-map rows its wording could support and its
polarity. Made at ingest (``service/readings.py``) and kept as metadata; read here again
only for segments stored before readings existed.
"""

from __future__ import annotations

from journeybot.synthesis.polarity import LABEL_THRESHOLD, default_scorer
from journeybot.synthesis.rows import Row, classify

PROBLEM, WISH, BEHAVIOUR, PRAISE, FEELING, FACT = (
    "problem",
    "wish",
    "behaviour",
    "praise",
    "feeling",
    "fact",
)


def statement_of(text: str, polarity: float) -> str:
    """The one kind a segment is read as, strongest claim first."""
    rows = classify(text, polarity)
    if Row.PAIN in rows:
        return PROBLEM
    if Row.GOAL in rows:
        return WISH
    if polarity >= LABEL_THRESHOLD:
        return PRAISE
    if Row.FEELING in rows:
        return FEELING
    if Row.ACTION in rows:
        return BEHAVIOUR
    return FACT


def read_statement(text: str, context: str = "") -> str:
    return statement_of(text, default_scorer().score(text, context))
