"""One pass over a study's evidence that every extractive draft starts from."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from journeybot.retrieval.embeddings import Embedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.extractive.claims import ClaimMaker
from journeybot.synthesis.extractive.row_themes import corroborates
from journeybot.synthesis.extractive.themes import ThemeFinder
from journeybot.synthesis.rows import Reading
from journeybot.synthesis.terms import TermIndex
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
    def of(
        cls, evidence: StudyEvidence, readings: list[Reading], embedder: Embedder
    ) -> EvidenceReading:
        """A fresh verifier and claim maker over readings of ``evidence``'s segments;
        ``embedder`` embeds the quotable sentences (a caching one saves re-drafts)."""
        terms = TermIndex(r.text for r in readings)
        verifier = CitationVerifier(evidence.segments, evidence.permalinks)
        vectors = reading_vectors(evidence, readings, embedder)
        return cls(
            evidence=evidence,
            readings=readings,
            terms=terms,
            finder=ThemeFinder(readings, vectors, terms),
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


def reading_vectors(
    evidence: StudyEvidence, readings: list[Reading], embedder: Embedder
) -> npt.NDArray[np.float32]:
    """One vector per reading: its own sentence's embedding where it can back a claim or
    stand beside a pain point (``row_themes.corroborates``).

    Those sentences are embedded themselves, so "can't pay by direct
    debit" from one participant meets "let me pay by direct debit" from another even when
    the talk around them differs. The rest (never clustered into row themes) reuse their
    segment's vector: embedding every sentence of a dozen hour-long interviews would cost
    more than drafting is allowed.
    """
    out = np.asarray(evidence.vectors, dtype=np.float32)[[r.index for r in readings]]
    quotable = [i for i, r in enumerate(readings) if r.rows or corroborates(r)]
    if quotable:
        own = embedder.embed([readings[i].text for i in quotable])
        out[quotable] = own
    return out
