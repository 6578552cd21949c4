"""Reviewers' verdicts, carried from a reviewed Word file into every later draft.

Claim ids are stable across re-drafts of the same evidence, so a verdict is stored by
claim id per study: a confirmed claim comes back marked confirmed, a removed one does not
come back at all, a "change" keeps its comment next to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from journeybot.core.models import (
    Claim,
    ClaimReview,
    JourneyMap,
    PersonaSet,
    ReviewReport,
    ReviewStatus,
)


def apply_to_claims(claims: list[Claim], reviews: Mapping[str, ClaimReview]) -> list[Claim]:
    kept: list[Claim] = []
    for claim in claims:
        review = reviews.get(claim.id)
        if review is None:
            kept.append(claim)
            continue
        if review.status is ReviewStatus.REMOVE:
            continue
        kept.append(claim.model_copy(update={"status": review.status, "comment": review.comment}))
    return kept


def apply_to_map(journey: JourneyMap, reviews: Mapping[str, ClaimReview]) -> JourneyMap:
    stages = []
    for stage in journey.stages:
        stages.append(
            stage.model_copy(
                update={
                    row: apply_to_claims(getattr(stage, row), reviews)
                    for row in ("actions", "thoughts", "feelings", "pain_points", "opportunities")
                }
            )
        )
    return journey.model_copy(update={"stages": stages})


def apply_to_personas(personas: PersonaSet, reviews: Mapping[str, ClaimReview]) -> PersonaSet:
    updated = [
        persona.model_copy(
            update={
                row: apply_to_claims(getattr(persona, row), reviews)
                for row in ("goals", "pain_points", "behaviours", "dissent")
            }
        )
        for persona in personas.personas
    ]
    return personas.model_copy(update={"personas": updated})


def tally(
    study: str, reviews: Iterable[ClaimReview], known_ids: set[str]
) -> tuple[ReviewReport, list[ClaimReview]]:
    """Count the verdicts in a file and pick those that apply to this study's claims."""
    report = ReviewReport(study=study)
    applicable: list[ClaimReview] = []
    for review in reviews:
        if review.claim_id not in known_ids:
            report.unknown.append(review.claim_id)
            continue
        if review.status is ReviewStatus.CONFIRMED:
            report.confirmed += 1
        elif review.status is ReviewStatus.CHANGE:
            report.changed += 1
        elif review.status is ReviewStatus.REMOVE:
            report.removed += 1
        else:
            report.unreviewed += 1
            if not review.comment:
                continue
        applicable.append(review)
    return report, applicable
