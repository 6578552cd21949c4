"""The drafting protocol both engines implement, and the evidence they draft from.

The service layer gathers a study's evidence once (segments, their vectors, sources)
and hands it to whichever engine is configured; engines never talk to the store or the
catalog, which keeps them testable on planted data and keeps one path for citations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from journeybot.core.models import (
    Answer,
    JourneyMap,
    Persona,
    PersonaSet,
    Segment,
    Source,
    Stage,
)
from journeybot.retrieval.embeddings import Embedder


@dataclass
class StudyEvidence:
    """Everything a drafter may read about one study (participant segments only).

    ``segments`` are in conversation order: by source, then by offset. ``vectors`` has
    one unit-length row per segment, from ``embedder``.
    """

    study: str
    segments: list[Segment]
    vectors: npt.NDArray[np.float32]
    embedder: Embedder
    sources: list[Source] = field(default_factory=list)
    #: Roster attributes by participant id ({"P1": {"segment": "freelancer"}}), when the
    #: study has a roster; personas summarise them.
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.segments) != len(self.vectors):
            raise ValueError("segments and vectors must align")

    @property
    def permalinks(self) -> dict[str, str]:
        return {s.id: s.permalink for s in self.sources if s.permalink}

    def for_participants(self, participants: Sequence[str]) -> StudyEvidence:
        """The same evidence narrowed to some participants (a persona's map)."""
        wanted = set(participants)
        keep = [i for i, seg in enumerate(self.segments) if seg.participant in wanted]
        return StudyEvidence(
            study=self.study,
            segments=[self.segments[i] for i in keep],
            vectors=self.vectors[keep] if keep else self.vectors[:0],
            embedder=self.embedder,
            sources=self.sources,
            attributes={p: a for p, a in self.attributes.items() if p in wanted},
        )


@dataclass
class RetrievedEvidence:
    """What ``ask`` found: segments ranked best first, with their scores."""

    question: str
    segments: list[Segment]
    scores: list[float]
    sources: list[Source] = field(default_factory=list)
    #: Quotes wanted (``ask --k``); ``None`` means the engine's default.
    k: int | None = None
    #: When nothing answers: the segments nearest the question, to name what the study
    #: does cover. Never quoted.
    nearby: list[Segment] = field(default_factory=list)


class Drafter(Protocol):
    """A drafting engine. Every quote it returns has passed ``CitationVerifier``."""

    engine: str
    model: str | None

    @property
    def version(self) -> str:
        """Changes whenever the engine would draft the same evidence differently (its own
        logic, or its prompts), so stored drafts of an older engine are not handed out."""
        ...

    def draft_personas(self, evidence: StudyEvidence) -> PersonaSet: ...

    def draft_map(
        self,
        evidence: StudyEvidence,
        stages: Sequence[Stage],
        persona: Persona | None = None,
    ) -> JourneyMap: ...

    def answer(self, retrieved: RetrievedEvidence) -> Answer: ...
