"""The journey map as map-reduce over every segment of the study.

Map: each chunk of passages yields findings (stage, row, claim, quotes); their quotes
are verified at once and a finding left with none is dropped. Reduce: the model merges
findings per stage into claims by naming finding ids, never by re-typing quotes, so a
claim's citations are exactly the verified quotes of the findings it names.
Opportunities name the pain-point findings they answer. The emotion curve is computed,
not asked for: per stage, the mean over participants of their feelings' polarity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean

from journeybot.core.errors import UsageError
from journeybot.core.models import (
    Citation,
    Claim,
    Coverage,
    Feeling,
    JourneyMap,
    Persona,
    Stage,
    StageInsight,
    claim_id,
    distinct_participants,
)
from journeybot.synthesis.llm.chunks import Passage
from journeybot.synthesis.llm.run import (
    DraftRun,
    condense,
    each_part,
    merge_citations,
    natural_sorted,
    pack_items,
)
from journeybot.synthesis.llm.schema import (
    Finding,
    MapExtraction,
    MapReduction,
    MergedClaim,
    MergedStage,
    Row,
    check_extraction,
    check_reduction,
    stage_lookup,
)
from journeybot.synthesis.llm.themes import shared_first, single_voices_only_if_nothing_broader
from journeybot.synthesis.polarity import research_polarity

ROW_FIELDS: dict[Row, str] = {
    "action": "actions",
    "thought": "thoughts",
    "feeling": "feelings",
    "pain_point": "pain_points",
}


@dataclass
class Evidenced:
    """A finding whose quotes passed the verifier; ``key`` is how prompts name it."""

    key: str
    stage: str
    row: Row
    text: str
    citations: list[Citation]
    polarity: float | None = None

    @property
    def people(self) -> str:
        return ", ".join(natural_sorted({c.participant for c in self.citations}))


@dataclass
class StageGroup:
    stage: Stage
    findings: list[Evidenced]


def draft_journey_map(
    run: DraftRun, study: str, stages: Sequence[Stage], persona: Persona | None, model: str
) -> JourneyMap:
    if not stages:
        raise UsageError("A journey map needs at least one stage; give a stages list.")
    findings = extract_findings(run, stages)
    merged = reduce_findings(run, findings, stages, persona)
    insights = [build_stage(study, stage, merged.get(stage.id), findings, run) for stage in stages]
    cited = {c.segment_id for insight in insights for k in insight.claims() for c in k.citations}
    coverage = Coverage(
        study=study,
        sources=natural_sorted({seg.file_name for seg in run.segments}),
        participants=natural_sorted({seg.participant for seg in run.segments}),
        segments_read=len(run.segments),
        segments_cited=len(cited),
        quotes_dropped=run.verifier.dropped_total,
        engine="llm",
        model=model,
        prompt_versions=dict(run.versions),
        stages=[stage.id for stage in stages],
        notes=run.notes(),
    )
    return JourneyMap(
        study=study,
        persona=persona.id if persona else None,
        persona_name=persona.name if persona else None,
        coverage=coverage,
        stages=insights,
    )


# --- map -------------------------------------------------------------------------


def extract_findings(run: DraftRun, stages: Sequence[Stage]) -> list[Evidenced]:
    """Findings from every chunk, in conversation order, each with verified quotes."""
    valid = [stage.id for stage in stages]
    lookup = stage_lookup(valid, {stage.id: stage.name for stage in stages})
    chunks = run.chunks(run.prompt("map_extract", stages=stages, passages=[]))

    def extract(step: str, passages: list[Passage]) -> MapExtraction:
        return run.caller.ask(
            step,
            run.prompt("map_extract", stages=stages, passages=passages),
            MapExtraction,
            lambda extraction: check_extraction(extraction, lookup, valid),
            choices={
                "stage": valid,
                "ref": [p.ref for p in passages],
            },
        )

    findings: list[Evidenced] = []
    for passages, reply in each_part(run, "journey-map extraction", chunks, extract):
        shown = {passage.segment.id for passage in passages}
        for finding in reply.findings:
            evidenced = _evidenced(run, finding, shown)
            if evidenced is not None:
                findings.append(evidenced)
    return findings


def _evidenced(run: DraftRun, finding: Finding, shown: set[str]) -> Evidenced | None:
    citations = run.verify(finding.quotes, shown)
    if not citations:
        run.claims_dropped += 1
        return None
    polarity = finding.polarity
    if finding.row == "feeling" and polarity is None:
        polarity = _scored_polarity(run, citations)
    return Evidenced(
        key=run.new_key("F"),
        stage=finding.stage,
        row=finding.row,
        text=finding.claim.strip(),
        citations=citations,
        polarity=polarity if finding.row == "feeling" else None,
    )


def _scored_polarity(run: DraftRun, citations: Sequence[Citation]) -> float:
    """The research-talk scorer's reading of the quotes, each with its question."""
    scores = []
    for citation in citations:
        segment = run.verifier.segment(citation.segment_id)
        scores.append(research_polarity(citation.quote, segment.context if segment else ""))
    return round(fmean(scores), 4)


# --- reduce ----------------------------------------------------------------------


def reduce_findings(
    run: DraftRun, findings: list[Evidenced], stages: Sequence[Stage], persona: Persona | None
) -> dict[str, tuple[MergedStage, dict[str, Evidenced]]]:
    """Per stage: the model's merged claims and the findings their ids refer to."""
    groups = [StageGroup(stage, [f for f in findings if f.stage == stage.id]) for stage in stages]
    groups = [group for group in groups if group.findings]
    if not groups:
        return {}
    frame = run.prompt(
        "map_reduce", groups=[StageGroup(groups[0].stage, [])], final=True, persona=persona
    )
    budget = run.budget(frame)
    for group in groups:

        def merge(batch: list[Evidenced], stage: Stage = group.stage) -> list[Evidenced]:
            return _merge_round(run, stage, batch, persona)

        group.findings = condense(
            group.findings,
            cost=lambda finding: _line_cost(run, finding),
            budget=budget,
            merge=merge,
            what=f"findings for the {group.stage.name} stage",
        )
    batches = pack_items(
        groups,
        cost=lambda group: sum(_line_cost(run, f) for f in group.findings) + 12,
        budget=budget,
        what="stages",
    )
    results: dict[str, tuple[MergedStage, dict[str, Evidenced]]] = {}
    for batch, replies in zip(
        batches, run.each(lambda b: _reduce(run, b, persona, final=True), batches), strict=True
    ):
        keyed = {f.key: f for group in batch for f in group.findings}
        for entry in replies.stages:
            results[entry.stage] = (entry, keyed)
    return results


def _reduce(
    run: DraftRun, groups: list[StageGroup], persona: Persona | None, *, final: bool
) -> MapReduction:
    stage_of = {f.key: group.stage.id for group in groups for f in group.findings}
    pains = {f.key for group in groups for f in group.findings if f.row == "pain_point"}
    expected = [group.stage.id for group in groups]
    lookup = stage_lookup(expected, {group.stage.id: group.stage.name for group in groups})
    names = ", ".join(group.stage.name for group in groups)
    return run.caller.ask(
        f"journey-map merge ({names})",
        run.prompt("map_reduce", groups=groups, final=final, persona=persona),
        MapReduction,
        lambda reply: check_reduction(reply, stage_of, pains, expected, lookup),
        choices={"stage": expected, "findings": list(stage_of)},
    )


def _merge_round(
    run: DraftRun, stage: Stage, batch: list[Evidenced], persona: Persona | None
) -> list[Evidenced]:
    """One batch of an oversized stage merged into fewer findings, for another round."""
    reply = _reduce(run, [StageGroup(stage, batch)], persona, final=False)
    keyed = {f.key: f for f in batch}
    merged: list[Evidenced] = []
    for entry in reply.stages:
        for row, claims in entry.rows().items():
            for claim in claims:
                parts = _parts(claim, keyed)
                polarities = [p.polarity for p in parts if p.polarity is not None]
                merged.append(
                    Evidenced(
                        key=run.new_key("F"),
                        stage=stage.id,
                        row=row,
                        text=claim.text.strip(),
                        citations=merge_citations(p.citations for p in parts),
                        polarity=fmean(polarities) if polarities else None,
                    )
                )
    return merged


def _line_cost(run: DraftRun, finding: Evidenced) -> int:
    line = f"{finding.key} | {finding.row} | {finding.people} | {finding.text}\n"
    return run.counter.count(line)


def _parts(claim: MergedClaim, keyed: dict[str, Evidenced]) -> list[Evidenced]:
    keys = dict.fromkeys(key.strip() for key in claim.findings)
    return [keyed[key] for key in keys if key in keyed]


# --- assembling a stage ----------------------------------------------------------


def build_stage(
    study: str,
    stage: Stage,
    merged: tuple[MergedStage, dict[str, Evidenced]] | None,
    findings: list[Evidenced],
    run: DraftRun,
) -> StageInsight:
    own = [f for f in findings if f.stage == stage.id]
    emotion, people = stage_emotion(own)
    insight = StageInsight(
        id=stage.id,
        name=stage.name,
        description=stage.description,
        emotion=emotion,
        emotion_participants=people,
        segments=len({c.segment_id for f in own for c in f.citations}),
    )
    if merged is not None:
        entry, keyed = merged
        for row, claims in entry.rows().items():
            built = [_claim(run, (study, stage.id), row, claim, keyed) for claim in claims]
            setattr(insight, ROW_FIELDS[row], shared_first(built))
        opportunities = [
            _claim(run, (study, stage.id), "opportunity", claim, keyed)
            for claim in entry.opportunities
        ]
        insight.opportunities = shared_first(opportunities)
        run.single_voices_set_aside += single_voices_only_if_nothing_broader(insight)
    insight.has_evidence = bool(insight.claims())
    _unique_ids(insight.claims())
    return insight


def _claim(
    run: DraftRun,
    scope: tuple[str, str],
    row: str,
    merged: MergedClaim,
    keyed: dict[str, Evidenced],
) -> Claim:
    """A claim citing the verified quotes of the findings it names (scope: study, stage)."""
    parts = _parts(merged, keyed)
    citations = merge_citations(p.citations for p in parts)
    key = ",".join(sorted({c.segment_id for c in citations}))
    common_id = claim_id(*scope, row, key)
    people = distinct_participants(citations)
    text = merged.text.strip()
    if row != "feeling":
        return Claim(id=common_id, text=text, citations=citations, participants=people)
    polarities = [p.polarity for p in parts if p.polarity is not None]
    polarity = fmean(polarities) if polarities else _scored_polarity(run, citations)
    polarity = round(max(-1.0, min(1.0, polarity)), 4)
    return Feeling(
        id=common_id, text=text, citations=citations, participants=people, polarity=polarity
    )


def stage_emotion(findings: Sequence[Evidenced]) -> tuple[float, int]:
    """Mean over participants of each one's mean feeling polarity, and how many."""
    by_person: dict[str, list[float]] = defaultdict(list)
    for finding in findings:
        if finding.polarity is None:
            continue
        for person in {c.participant for c in finding.citations}:
            by_person[person].append(finding.polarity)
    if not by_person:
        return 0.0, 0
    value = fmean(fmean(values) for values in by_person.values())
    return round(max(-1.0, min(1.0, value)), 4), len(by_person)


def _unique_ids(claims: Sequence[Claim]) -> None:
    seen: dict[str, int] = {}
    for claim in claims:
        count = seen.get(claim.id, 0)
        seen[claim.id] = count + 1
        if count:
            claim.id = f"{claim.id}-{count + 1}"
