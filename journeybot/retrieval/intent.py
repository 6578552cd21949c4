"""What a question asks for, matched against the readings made at ingest.

"What frustrates people about X?" wants problem statements, "what do they like" wants
praise, "what would they change" wants wishes, "how do they..." wants behaviour. The
words of the question find the topic; the intent says which statements about it answer.
A hit whose reading fits the intent has its fused score raised by ``INTENT_BOOST`` (and by
half that when only its polarity fits), then the list is ranked again.

The cues are the ordinary ways researchers phrase such questions, not any study's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from journeybot.retrieval.hits import SearchHit

INTENT_BOOST = 0.3

_PROBLEM = re.compile(
    r"\b(?:problems?|issues?|frustrat\w*|annoy\w*|wrong|difficult\w*|hard|pain\w*|"
    r"struggl\w*|complain\w*|unhappy|worr\w*|confus\w*|bother\w*|hate|dislike\w*|"
    r"fail\w*|trouble\w*|obstacles?|barriers?|get in the way|gets in the way|"
    r"challeng\w*|irritat\w*|upset\w*|negative|bad|worst)\b"
)
_PRAISE = re.compile(
    r"\b(?:like about|liked?|likes|love[sd]?|enjoy\w*|prais\w*|best|favou?rite|good|great|"
    r"value[sd]?|appreciat\w*|happy|pleased|benefits?|positive|useful|helpful)\b"
)
_WISH = re.compile(
    r"\b(?:wish\w*|want\w*|needs?|would like|improv\w*|suggest\w*|missing|hop(?:e|ing)|"
    r"change|ideal|requests?|should|expect\w*)\b"
)
_BEHAVIOUR = re.compile(
    r"^\s*(?:how (?:do|did|does|are|were|would)\b|what do (?:they|people|participants) do\b)"
    r"|\b(?:workflow|routine|process|habits?|steps?)\b"
)
_FEELING = re.compile(r"\b(?:feel\w*|felt|emotion\w*|react\w*)\b")


@dataclass(frozen=True)
class Intent:
    statements: frozenset[str]
    #: -1 the question wants negative talk, 1 positive, 0 either.
    polarity: int = 0

    def __bool__(self) -> bool:
        return bool(self.statements) or self.polarity != 0


def read_intent(question: str) -> Intent:
    lower = question.lower().replace("\u2019", "'")
    statements: set[str] = set()
    polarity = 0
    if _PROBLEM.search(lower):
        statements.add("problem")
        polarity = -1
    elif _PRAISE.search(lower) and not _WISH.search(lower):
        statements.add("praise")
        polarity = 1
    if _WISH.search(lower):
        statements.add("wish")
    if _BEHAVIOUR.search(lower) and not _FEELING.search(lower):
        statements.add("behaviour")
    if _FEELING.search(lower):
        statements.add("feeling")
    return Intent(frozenset(statements), polarity)


def apply_intent(hits: Sequence[SearchHit], intent: Intent) -> list[SearchHit]:
    """``hits`` re-ranked with the fit of each reading to the intent; stable on ties."""
    if not intent:
        return list(hits)
    boosted = [replace(hit, score=hit.score * (1.0 + _fit(hit, intent))) for hit in hits]
    order = sorted(range(len(boosted)), key=lambda i: (-boosted[i].score, i))
    return [boosted[i] for i in order]


def _fit(hit: SearchHit, intent: Intent) -> float:
    segment = hit.segment
    if segment.statement is not None and segment.statement in intent.statements:
        return INTENT_BOOST
    polarity = segment.polarity or 0.0
    if intent.polarity and polarity * intent.polarity > 0:
        return INTENT_BOOST / 2
    return 0.0
