"""From a drafted map to one a team can act on: touchpoints, channel switches,
expectation gaps, moments of truth and opportunity impact, per stage.

Runs after either engine has drafted the rows, on the same evidence, so both engines'
maps carry the same extras. Segments are placed at stages by the study's stage
assigner; every quote goes through the citation verifier like any other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from journeybot.core.models import JourneyMap, Segment, Stage, StageInsight
from journeybot.synthesis.actions import add_impact
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.expectations import expectation_gaps
from journeybot.synthesis.extractive.embedding_cache import CachingEmbedder
from journeybot.synthesis.moments import Felt, felt_sentences, moments_of_truth
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.stage_assign import StageAssigner
from journeybot.synthesis.touchpoints import ChannelLexicon, channel_switches, stage_touchpoints
from journeybot.synthesis.verify import CitationVerifier

#: Bumped whenever the same evidence would be enriched differently (part of cache keys).
ENRICH_VERSION = "enrich@3"


class MapEnricher:
    """Adds the action-oriented extras to a drafted map."""

    def __init__(
        self,
        extra_touchpoints: Mapping[str, Sequence[str]] | None = None,
        scorer: PolarityScorer | None = None,
    ) -> None:
        self.lexicon = ChannelLexicon(extra_touchpoints)
        self.scorer = scorer or PolarityScorer()

    def enrich(
        self, journey: JourneyMap, evidence: StudyEvidence, stages: Sequence[Stage]
    ) -> JourneyMap:
        if not evidence.segments or not stages:
            return journey
        at_stage = self._segments_by_stage(evidence, stages)
        verifier = CitationVerifier(evidence.segments, evidence.permalinks)
        insights = [
            self._stage(journey.study, s, at_stage.get(s.id, []), verifier) for s in journey.stages
        ]
        felt_at: dict[str, list[Felt]] = {
            stage_id: felt_sentences(segments, self.scorer)
            for stage_id, segments in at_stage.items()
        }
        flags = moments_of_truth(insights, felt_at, verifier)
        insights = [s.model_copy(update={"moment_of_truth": flags.get(s.id)}) for s in insights]
        return journey.model_copy(update={"stages": insights})

    def _stage(
        self,
        study: str,
        insight: StageInsight,
        segments: list[Segment],
        verifier: CitationVerifier,
    ) -> StageInsight:
        enriched = insight.model_copy(
            update={
                "touchpoints": stage_touchpoints(segments, self.lexicon, verifier),
                "channel_switches": channel_switches(segments, self.lexicon, verifier),
                "expectation_gaps": expectation_gaps(study, insight.id, segments, verifier),
            }
        )
        enriched = add_impact(study, enriched, self.scorer)
        if enriched.touchpoints or enriched.expectation_gaps:
            enriched.has_evidence = True
        return enriched

    @staticmethod
    def _segments_by_stage(
        evidence: StudyEvidence, stages: Sequence[Stage]
    ) -> dict[str, list[Segment]]:
        assigner = StageAssigner(stages, CachingEmbedder(evidence.embedder))
        placed = assigner.assign(evidence.segments, evidence.vectors)
        by_stage: dict[str, list[Segment]] = defaultdict(list)
        for segment, assignment in zip(evidence.segments, placed, strict=True):
            by_stage[assignment.stage_id].append(segment)
        return by_stage
