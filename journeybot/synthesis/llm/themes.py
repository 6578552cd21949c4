"""The llm engine's claims in the same theme shape as the extractive engine's.

A claim is a theme: its participants counted, two to four representative quotes from
different people (the rest of its verified quotes still count towards it, they are not
shown), rows ordered by participants then by how much evidence stands behind them, and
a single voice shown only where a stage has nothing broader (it is then marked thin by
its participant count). The single voices set aside are counted for the coverage.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from journeybot.core.models import Citation, Claim, StageInsight

#: Quotes shown per theme, chosen from as many different people as there are.
SHOWN_QUOTES = 4
ClaimT = TypeVar("ClaimT", bound=Claim)


def representative(citations: Sequence[Citation], limit: int = SHOWN_QUOTES) -> list[Citation]:
    """Up to ``limit`` quotes, one per participant first (in order), then second ones."""
    by_person: dict[str, list[Citation]] = {}
    for citation in citations:
        by_person.setdefault(citation.participant, []).append(citation)
    chosen: list[Citation] = []
    depth = 0
    while len(chosen) < limit and any(len(quotes) > depth for quotes in by_person.values()):
        for quotes in by_person.values():
            if len(quotes) > depth and len(chosen) < limit:
                chosen.append(quotes[depth])
        depth += 1
    return chosen


def shared_first(claims: list[ClaimT]) -> list[ClaimT]:
    """Claims with quotes, most participants first, then most quotes; each showing a few
    representative quotes."""
    kept = [claim for claim in claims if claim.citations]
    kept.sort(key=lambda claim: (-claim.participants, -len(claim.citations)))
    for claim in kept:
        claim.citations = representative(claim.citations)
    return kept


def single_voices_only_if_nothing_broader(insight: StageInsight) -> int:
    """Drop a stage's single-participant claims when it has a shared one; how many went."""
    if not any(claim.participants >= 2 for claim in insight.claims()):
        return 0
    before = len(insight.claims())
    insight.actions = [c for c in insight.actions if c.participants >= 2]
    insight.thoughts = [c for c in insight.thoughts if c.participants >= 2]
    insight.feelings = [c for c in insight.feelings if c.participants >= 2]
    insight.pain_points = [c for c in insight.pain_points if c.participants >= 2]
    insight.opportunities = [c for c in insight.opportunities if c.participants >= 2]
    return before - len(insight.claims())
