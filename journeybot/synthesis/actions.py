"""Opportunities as an action plan: impact, a fitting metric, and the team's cells.

Impact = participants affected x how strongly they feel, where strength is the mean
absolute feeling (0..1) of the quotes behind the opportunity, one value per
participant. The basis is written out with each figure so a lead can check it. The
metric suggested fits the kind of problem: CES (customer effort) where the quotes talk
about effort, CSAT (satisfaction) where they name a touchpoint, NPS where the
relationship itself is at stake (trust, leaving, recommending).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from journeybot.core.models import (
    ActionCells,
    ActionItem,
    Claim,
    ExpectationGap,
    JourneyMap,
    StageInsight,
    claim_id,
)
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.touchpoints import ChannelLexicon

#: A quote with no measurable feeling still counts a little: someone raised it.
MIN_STRENGTH = 0.1
EFFORT = re.compile(
    r"\b(?:had to|again and again|chas(?:e|ed|ing)|wait(?:ed|ing)?|hours?|"
    r"took (?:ages|forever|weeks|days)|"
    r"hard|difficult|complicated|confusing|effort|hassle|repeat(?:ed)?|several times|"
    r"three times|twice|forms?|back and forth|kept)\b",
    re.IGNORECASE,
)
RELATIONSHIP = re.compile(
    r"\b(?:trust|leave|left|leaving|switch(?:ed|ing)?|cancel(?:led|ling)?|recommend|"
    r"loyal|never again|valued|fair)\b",
    re.IGNORECASE,
)
FEASIBILITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def strength(claim: Claim, scorer: PolarityScorer) -> float:
    """Mean over participants of their strongest absolute feeling in the quotes."""
    per_person: dict[str, float] = defaultdict(float)
    for citation in claim.citations:
        value = abs(scorer.score(citation.quote))
        per_person[citation.participant] = max(per_person[citation.participant], value)
    if not per_person:
        return 0.0
    return max(MIN_STRENGTH, sum(per_person.values()) / len(per_person))


def with_impact(claim: Claim, scorer: PolarityScorer) -> Claim:
    felt = round(strength(claim, scorer), 2)
    impact = round(claim.participants * felt, 2)
    basis = (
        f"{claim.participants} participant{'s' if claim.participants != 1 else ''} affected "
        f"x strength {felt:.2f} (mean absolute feeling of their quotes, 0-1) = {impact:.2f}"
    )
    return claim.model_copy(update={"impact": impact, "impact_basis": basis})


def how_might_we(verb: str, words: str) -> str:
    """ "How might we VERB “WORDS”?", punctuated once: a quote that ends a sentence
    with "?" or "!" keeps it and takes no second mark; a closing full stop is dropped."""
    inner = words.strip().removesuffix(".")
    closing = "" if inner.endswith(("?", "!")) else "?"
    return f"How might we {verb} \u201c{inner}\u201d{closing}"


def gap_opportunity(study: str, stage_id: str, gap: ExpectationGap) -> Claim:
    """A how-might-we from an expectation gap, citing both sides."""
    expected = gap.expected.citations[0].quote if gap.expected.citations else gap.expected.text
    citations = [*gap.expected.citations, *gap.experienced.citations]
    return Claim(
        id=claim_id(study, stage_id, "opportunities", f"gap:{gap.expected.id}"),
        text=how_might_we("meet the expectation", expected),
        citations=citations,
        participants=len({c.participant for c in citations}),
    )


def exceeded(gap: ExpectationGap, scorer: PolarityScorer) -> bool:
    """Whether what happened was better than expected ("Connected the bank feed, which
    took about a minute, I was expecting a fight"): a pleasant surprise leaves no
    expectation to meet, and "How might we meet the expectation “I was expecting a
    fight”?" would ask the team for the fight."""
    happened = " ".join(c.quote for c in gap.experienced.citations)
    return PolarityScorer.label(scorer.score(happened)) == "positive"


def suggest_metric(claim: Claim, lexicon: ChannelLexicon) -> str:
    words = " ".join(c.quote for c in claim.citations)  # their words, not our framing
    if RELATIONSHIP.search(words):
        return "NPS (the relationship is at stake)"
    if EFFORT.search(words):
        return "CES (effort hurts here)"
    for channel, pattern in lexicon.patterns.items():
        if pattern.search(words):
            return f"CSAT at the {channel.lower()} touchpoint"
    return "CSAT for this stage"


def add_impact(
    study: str, stage: StageInsight, scorer: PolarityScorer, with_gaps: bool = True
) -> StageInsight:
    """The stage with every opportunity's impact, plus one per cited expectation gap."""
    opportunities = list(stage.opportunities)
    if with_gaps:
        known = {o.id for o in opportunities}
        for gap in stage.expectation_gaps:
            if gap.experienced.supported and not exceeded(gap, scorer):
                claim = gap_opportunity(study, stage.id, gap)
                if claim.id not in known:
                    opportunities.append(claim)
    scored = [with_impact(o, scorer) for o in opportunities]
    return stage.model_copy(update={"opportunities": scored})


def action_plan(
    journey: JourneyMap,
    lexicon: ChannelLexicon,
    cells: Mapping[str, ActionCells] | None = None,
) -> list[ActionItem]:
    """Every opportunity of the map as a plan row, with the team's cells carried over."""
    items = [
        ActionItem(
            opportunity_id=claim.id,
            stage=stage.name,
            text=claim.text,
            impact=claim.impact or 0.0,
            impact_basis=claim.impact_basis or "not computed",
            participants=claim.participants,
            suggested_metric=suggest_metric(claim, lexicon),
            cells=(cells or {}).get(claim.id, ActionCells()),
        )
        for stage in journey.stages
        for claim in stage.opportunities
    ]
    return sort_plan(items)


def sort_plan(items: Sequence[ActionItem]) -> list[ActionItem]:
    """By impact (highest first), then feasibility once filled in (high, medium, low)."""
    return sorted(items, key=lambda i: (-i.impact, _feasibility_rank(i), i.opportunity_id))


def _feasibility_rank(item: ActionItem) -> int:
    value = (item.cells.feasibility or "").strip().lower()
    return FEASIBILITY_ORDER.get(value.split()[0] if value else "", len(FEASIBILITY_ORDER))
