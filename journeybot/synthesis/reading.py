"""One pass over a study's evidence that every extractive draft starts from."""

from __future__ import annotations

from dataclasses import dataclass

from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.claims import ClaimMaker
from journeybot.synthesis.rows import Reading
from journeybot.synthesis.terms import TermIndex
from journeybot.synthesis.themes import ThemeFinder
from journeybot.synthesis.verify import CitationVerifier


@dataclass
class EvidenceReading:
    """Sentences read, themes findable, and one verifier for the whole draft."""

    evidence: StudyEvidence
    readings: list[Reading]
    terms: TermIndex
    finder: ThemeFinder
    verifier: CitationVerifier
    maker: ClaimMaker

    @classmethod
    def of(cls, evidence: StudyEvidence, readings: list[Reading]) -> EvidenceReading:
        """A fresh verifier and claim maker over readings of ``evidence``'s segments."""
        terms = TermIndex(r.text for r in readings)
        verifier = CitationVerifier(evidence.segments, evidence.permalinks)
        return cls(
            evidence=evidence,
            readings=readings,
            terms=terms,
            finder=ThemeFinder(readings, evidence.vectors, terms),
            verifier=verifier,
            maker=ClaimMaker(evidence.study, verifier, readings),
        )

    def members(self, participants: set[str] | None = None) -> list[int]:
        """Reading indexes, optionally only those of some participants."""
        return [
            i
            for i, reading in enumerate(self.readings)
            if participants is None or reading.participant in participants
        ]
