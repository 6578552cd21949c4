"""The one gate every quote passes, whichever engine proposed it.

A quote survives only if, after whitespace and quote-mark normalisation, it occurs in
the participant text of the segment it cites. The citation then carries the exact
stored text (not the proposer's spelling of it), so what users see is always what the
participant said. Segments hold participant turns only, so interviewer words cannot
pass: they are context, never evidence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from journeybot.core.models import Citation, Segment, SourceKind
from journeybot.core.text import find_verbatim, match_form

#: Shorter quotes than this (in words) carry no meaning on their own, unless they are
#: the participant's whole turn ("No, never.").
MIN_QUOTE_WORDS = 3


class CitationVerifier:
    """Turns (segment id, proposed quote) pairs into verified citations, counting drops."""

    def __init__(
        self,
        segments: Iterable[Segment],
        permalinks: Mapping[str, str] | None = None,
    ) -> None:
        self._by_id = {seg.id: seg for seg in segments}
        self._permalinks = dict(permalinks or {})
        self.dropped: Counter[str] = Counter()
        self.kept = 0

    @property
    def dropped_total(self) -> int:
        return sum(self.dropped.values())

    def segment(self, segment_id: str) -> Segment | None:
        return self._by_id.get(segment_id)

    def cite(self, segment_id: str, quote: str | None = None) -> Citation | None:
        """A verified citation, or ``None`` (and one more drop) if the quote fails."""
        seg = self._by_id.get(segment_id)
        if seg is None:
            self.dropped["unknown_segment"] += 1
            return None
        if quote is None:
            return self._citation(seg, seg.text)
        span = find_verbatim(quote, seg.text)
        if span is None:
            self.dropped["not_verbatim"] += 1
            return None
        exact = seg.text[span[0] : span[1]]
        if len(match_form(exact).split()) < MIN_QUOTE_WORDS and match_form(exact) != match_form(
            seg.text
        ):
            self.dropped["too_short"] += 1
            return None
        return self._citation(seg, exact)

    def cite_anywhere(self, quote: str, candidate_ids: Iterable[str]) -> Citation | None:
        """Cite ``quote`` from the first candidate segment that really contains it.

        Used when a model names the wrong segment for a real quote; the quote still has
        to be verbatim in one of the segments it was shown.
        """
        for seg_id in candidate_ids:
            seg = self._by_id.get(seg_id)
            if seg is not None and find_verbatim(quote, seg.text) is not None:
                return self.cite(seg_id, quote)
        self.dropped["not_found"] += 1
        return None

    def _citation(self, seg: Segment, quote: str) -> Citation:
        self.kept += 1
        return Citation(
            quote=quote,
            participant=seg.participant,
            source=seg.file_name,
            location=seg.location,
            segment_id=seg.id,
            source_id=seg.source_id,
            permalink=self._permalinks.get(seg.source_id),
            note=seg.kind is SourceKind.NOTES,
        )
