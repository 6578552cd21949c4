"""Verdicts from a reviewed file carry into later drafts."""

from __future__ import annotations

from journeybot.core.models import (
    Citation,
    Claim,
    ClaimReview,
    Coverage,
    JourneyMap,
    ReviewStatus,
    StageInsight,
)
from journeybot.service.review import apply_to_map, tally


def _claim(claim_id: str) -> Claim:
    cite = Citation(
        quote="I nearly cancelled",
        participant="P1",
        source="a.txt",
        location="line 3",
        segment_id="abc:1-2",
    )
    return Claim(id=claim_id, text=f"claim {claim_id}", citations=[cite], participants=1)


def _journey() -> JourneyMap:
    stage = StageInsight(
        id="usage", name="Usage", pain_points=[_claim("p1"), _claim("p2")], actions=[_claim("a1")]
    )
    return JourneyMap(study="s", coverage=Coverage(study="s"), stages=[stage])


def test_removed_claims_stay_gone_and_confirmed_ones_stay_marked() -> None:
    reviews = {
        "p1": ClaimReview(claim_id="p1", status=ReviewStatus.REMOVE),
        "a1": ClaimReview(claim_id="a1", status=ReviewStatus.CONFIRMED, comment="yes"),
    }
    updated = apply_to_map(_journey(), reviews)
    stage = updated.stages[0]
    assert [c.id for c in stage.pain_points] == ["p2"]
    assert stage.actions[0].status is ReviewStatus.CONFIRMED
    assert stage.actions[0].comment == "yes"
    assert stage.pain_points[0].status is ReviewStatus.UNREVIEWED


def test_tally_counts_each_verdict_and_sets_aside_unknown_ids() -> None:
    rows = [
        ClaimReview(claim_id="p1", status=ReviewStatus.CONFIRMED),
        ClaimReview(claim_id="p2", status=ReviewStatus.CHANGE, comment="split it"),
        ClaimReview(claim_id="a1", status=ReviewStatus.REMOVE),
        ClaimReview(claim_id="a2", status=ReviewStatus.UNREVIEWED),
        ClaimReview(claim_id="zz", status=ReviewStatus.CONFIRMED),
    ]
    report, applicable = tally("s", rows, {"p1", "p2", "a1", "a2"})
    assert (report.confirmed, report.changed, report.removed, report.unreviewed) == (1, 1, 1, 1)
    assert report.unknown == ["zz"]
    assert [r.claim_id for r in applicable] == ["p1", "p2", "a1"]
