"""Turning themes into claims whose every quote went through the verifier.

The claim id is keyed on the quotes the claim cites (segment and words), so drafting the
same evidence again yields the same ids and a reviewer's verdict stays attached to its
claim.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from journeybot.core.models import Citation, Claim, Feeling, claim_id
from journeybot.synthesis.extractive.headlines import Headline, headline
from journeybot.synthesis.extractive.themes import MAX_QUOTES_PER_CLAIM, Theme
from journeybot.synthesis.quote_choice import rejected_words, says_rejected
from journeybot.synthesis.rows import Reading, Row
from journeybot.synthesis.terms import join_terms
from journeybot.synthesis.verify import CitationVerifier


class ClaimMaker:
    """Builds claims for one draft; all citations come from its verifier."""

    def __init__(self, study: str, verifier: CitationVerifier, readings: Sequence[Reading]) -> None:
        self.study = study
        self.verifier = verifier
        self.readings = readings
        self.cited: list[Citation] = []

    def citations(
        self, members: Sequence[int], limit: int = MAX_QUOTES_PER_CLAIM
    ) -> list[Citation]:
        """Verified citations of readings, in the order given, at most ``limit``."""
        out = self._verified(members, limit)
        self.cited.extend(out)
        return out

    def _verified(self, members: Sequence[int], limit: int) -> list[Citation]:
        out: list[Citation] = []
        for member in members:
            reading = self.readings[member]
            citation = self.verifier.cite(reading.segment_id, reading.text)
            if citation is not None:
                out.append(citation)
            if len(out) == limit:
                break
        return out

    def from_theme(
        self,
        theme: Theme,
        *,
        scope: str,
        kind: str,
        text: Wording,
        row: Row | None = None,
        variant: str = "",
    ) -> Claim | None:
        """A claim citing the theme's lead quotes, or ``None`` if none survived."""
        citations, wording, people = self._worded_theme(theme, text, row)
        fields = self._fields(citations, scope, kind, wording, people, variant)
        return Claim(**fields) if fields else None

    def feeling_from_theme(
        self, theme: Theme, *, scope: str, text: Wording, polarity: float, variant: str = ""
    ) -> Feeling | None:
        citations, wording, people = self._worded_theme(theme, text, Row.FEELING)
        fields = self._fields(citations, scope, "feelings", wording, people, variant)
        return Feeling(**fields, polarity=polarity) if fields else None

    def _worded_theme(
        self, theme: Theme, text: Wording, row: Row | None
    ) -> tuple[list[Citation], str, int]:
        """The theme's citations, its wording and its head count, without quotes that
        turn down a word the claim is worded with: "Annoyed, nah, gutted more like" backs
        no claim that says "annoyed", and its speaker is not counted behind it."""
        found = self._verified(theme.lead, MAX_QUOTES_PER_CLAIM)
        wording = _worded(text, found, theme, row)
        kept = [
            c
            for i, c in enumerate(found)
            if i == 0 or not says_rejected(wording, rejected_words(c.quote))
        ]
        self.cited.extend(kept)
        gone = {c.participant for c in found} - {c.participant for c in kept}
        return kept, wording, len(set(theme.participants) - gone)

    def make(
        self,
        citations: list[Citation],
        *,
        scope: str,
        kind: str,
        text: str,
        participants: int | None = None,
        variant: str = "",
    ) -> Claim | None:
        fields = self._fields(citations, scope, kind, text, participants, variant)
        return Claim(**fields) if fields else None

    def _fields(
        self,
        citations: list[Citation],
        scope: str,
        kind: str,
        text: str,
        participants: int | None,
        variant: str,
    ) -> dict[str, Any] | None:
        if not citations:
            return None
        # A theme's identity is its lead quote (the one that words it): a re-draft that
        # adds a participant's quote to the theme keeps the id, and the reviewer's verdict.
        # Segment and quote: two claims may cite different sentences of one segment.
        lead = citations[0]
        key = "|".join([variant, f"{lead.segment_id}#{lead.quote}"])
        return {
            "id": claim_id(self.study, scope, kind, key),
            "text": text,
            "citations": citations,
            "participants": participants or len({c.participant for c in citations}),
        }


#: How to word a claim from the headline of its first verified quote.
Wording = Callable[[Headline], str]


def _worded(text: Wording, citations: list[Citation], theme: Theme, row: Row | None) -> str:
    if not citations:
        return ""  # no claim will be made
    quotes = [c.quote for c in citations]
    return text(headline(quotes[0], list(theme.terms), row))


def theme_label(theme: Theme, fallback: str = "this") -> str:
    """Plain words naming a theme: its distinctive terms."""
    return join_terms(list(theme.terms)) or fallback
