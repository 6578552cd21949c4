"""What a draft read and how it was made: built the same way by every engine."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from journeybot.core.models import Citation, Coverage, Stage
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.verify import CitationVerifier


class CoverageBuilder:
    """Collects notes while drafting, then states the draft's coverage.

    ``segments_cited`` counts distinct segments behind the citations passed to
    ``build``; ``quotes_dropped`` is what the verifier refused.
    """

    def __init__(
        self,
        evidence: StudyEvidence,
        *,
        engine: str,
        model: str | None = None,
        prompt_versions: Mapping[str, str] | None = None,
        stages: Sequence[Stage] = (),
    ) -> None:
        self.evidence = evidence
        self.engine = engine
        self.model = model
        self.prompt_versions = dict(prompt_versions or {})
        self.stages = [stage.id for stage in stages]
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def build(
        self, citations: Iterable[Citation], verifier: CitationVerifier | None = None
    ) -> Coverage:
        segments = self.evidence.segments
        return Coverage(
            study=self.evidence.study,
            sources=sorted({seg.file_name for seg in segments}),
            participants=sorted({seg.participant for seg in segments}),
            segments_read=len(segments),
            segments_cited=len({c.segment_id for c in citations}),
            quotes_dropped=verifier.dropped_total if verifier else 0,
            engine=self.engine,
            model=self.model,
            prompt_versions=self.prompt_versions,
            stages=self.stages,
            notes=list(self.notes),
        )
