"""Touchpoints, channel switches, expectation gaps, moments of truth and impact, found
on interviews written for them (tests/synthesis/actionable) by the real drafting path."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.models import JourneyMap, Segment, Stage, StageInsight
from journeybot.core.stages import load_stages
from journeybot.core.text import is_verbatim
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis.actions import add_impact, how_might_we
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.enrich import MapEnricher
from journeybot.synthesis.expectations import expectation_gaps
from journeybot.synthesis.extractive import ExtractiveDrafter
from journeybot.synthesis.moments import Felt, moments_of_truth
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.touchpoints import (
    TOUCHPOINTS_PER_STAGE,
    ChannelLexicon,
    channel_switches,
    stage_touchpoints,
)
from journeybot.synthesis.verify import CitationVerifier
from tests.synthesis.planted_corpus import load_evidence

ACTIONABLE = Path(__file__).parent / "actionable"


@pytest.fixture(scope="module")
def evidence(minilm: MiniLMEmbedder) -> StudyEvidence:
    return load_evidence(ACTIONABLE / "interviews", minilm, study="broadband")


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    return load_stages(ACTIONABLE / "stages.yaml")


@pytest.fixture(scope="module")
def enriched(evidence: StudyEvidence, stages: list[Stage]) -> JourneyMap:
    drafted = ExtractiveDrafter().draft_map(evidence, stages)
    return MapEnricher().enrich(drafted, evidence, stages)


def _verifier(evidence: StudyEvidence) -> CitationVerifier:
    return CitationVerifier(evidence.segments)


def _stage(journey: JourneyMap, stage_id: str) -> StageInsight:
    return next(s for s in journey.stages if s.id == stage_id)


def _assert_verbatim(evidence: StudyEvidence, quote: str, participant: str) -> None:
    assert any(
        s.participant == participant and is_verbatim(quote, s.text) for s in evidence.segments
    ), quote


def test_touchpoints_count_participants_and_quote_them(evidence: StudyEvidence) -> None:
    found = {
        t.name: t
        for t in stage_touchpoints(evidence.segments, ChannelLexicon(), _verifier(evidence))
    }
    assert found["Website"].participants == 4  # all four name the website somewhere
    assert found["Phone line"].participants == 3  # Alys, Bren, Dara
    assert found["Chat"].participants == 3
    counts = [t.participants for t in found.values()]
    assert counts == sorted(counts, reverse=True) and len(found) == TOUCHPOINTS_PER_STAGE
    for touchpoint in found.values():
        for citation in touchpoint.citations:
            _assert_verbatim(evidence, citation.quote, citation.participant)


def test_interviewer_words_are_never_touchpoints(evidence: StudyEvidence) -> None:
    # "Did you get help?" / "sign up with Fibrenet" are asked, never said: segments hold
    # participant talk only, so a channel the interviewer alone names is not found.
    lexicon = ChannelLexicon({"Fibrenet shop": ["fibrenet"]})
    found = {t.name for t in stage_touchpoints(evidence.segments, lexicon, _verifier(evidence))}
    assert "Fibrenet shop" not in found


def test_study_touchpoint_names_are_matched(evidence: StudyEvidence) -> None:
    lexicon = ChannelLexicon({"Router": ["router"]})
    cato = [s for s in evidence.segments if s.participant == "Cato"]
    found = {t.name: t for t in stage_touchpoints(cato, lexicon, _verifier(evidence))}
    assert found["Router"].participants == 1
    assert "router" in found["Router"].citations[0].quote


def test_channel_switches_are_called_out(evidence: StudyEvidence) -> None:
    switches = channel_switches(evidence.segments, ChannelLexicon(), _verifier(evidence))
    by_person = {s.participant: s for s in switches}
    assert by_person["Alys"].channels == ["Chat", "Phone line"]
    assert by_person["Bren"].channels == ["Chat", "Phone line"]
    assert "then I had to phone" in by_person["Alys"].citation.quote
    # Dara phoned twice (one channel) and Cato's support chat led nowhere else: no switch.
    assert "Dara" not in by_person


def test_no_switch_without_a_switch_cue() -> None:
    segment = Segment(
        id="s:0-1",
        study="x",
        source_id="s",
        file_name="f.txt",
        participant="P1",
        text="I like the app and the website equally well.",
        start=0,
        end=1,
        location="line 1",
        turn=0,
    )
    verifier = CitationVerifier([segment])
    assert channel_switches([segment], ChannelLexicon(), verifier) == []


def test_expectation_gap_cited_on_both_sides(evidence: StudyEvidence) -> None:
    gaps = expectation_gaps("broadband", "installation", evidence.segments, _verifier(evidence))
    texts = [(g.expected.citations[0].quote, g.experienced.citations) for g in gaps]
    alys = next(g for g in gaps if g.expected.citations[0].participant == "Alys")
    assert (
        alys.expected.citations[0].quote
        == "I assumed the engineer would come on the day they gave me"
    )
    assert alys.experienced.citations[0].quote.startswith("but nobody turned up")
    bren = next(g for g in gaps if g.expected.citations[0].participant == "Bren")
    assert bren.expected.citations[0].quote == "I thought it would be a quick job with one visit."
    assert bren.experienced.citations[0].quote.startswith("It actually took three engineer visits")
    for gap in gaps:
        assert gap.experienced.supported, texts
        for claim in (gap.expected, gap.experienced):
            assert len(claim.citations) == 1 and claim.id
            _assert_verbatim(evidence, claim.citations[0].quote, claim.citations[0].participant)
        assert gap.expected.citations[0].participant == gap.experienced.citations[0].participant


def test_a_forward_thought_without_contrast_is_no_gap() -> None:
    segment = Segment(
        id="s:0-1",
        study="x",
        source_id="s",
        file_name="f.txt",
        participant="P1",
        text="I thought it would be easy to set up. It was easy, done in ten minutes.",
        start=0,
        end=1,
        location="line 1",
        turn=0,
    )
    assert expectation_gaps("x", "setup", [segment], CitationVerifier([segment])) == []


def _one_turn(text: str) -> Segment:
    return Segment(
        id="s:0-1",
        study="x",
        source_id="s",
        file_name="f.txt",
        participant="P1",
        text=text,
        start=0,
        end=1,
        location="line 1",
        turn=0,
    )


@pytest.mark.parametrize(
    ("text", "expected", "happened"),
    [
        (
            "Setting up the payroll link took ten minutes, I'd assumed it would take a week.",
            "I'd assumed it would take a week.",
            "Setting up the payroll link took ten minutes",
        ),
        (
            "The courier left it with a neighbour; we were told it would need a signature.",
            "we were told it would need a signature.",
            "The courier left it with a neighbour",
        ),
    ],
)
def test_what_happened_may_come_before_the_expectation(
    text: str, expected: str, happened: str
) -> None:
    segment = _one_turn(text)
    [gap] = expectation_gaps("x", "setup", [segment], CitationVerifier([segment]))
    assert gap.expected.citations[0].quote == expected
    assert gap.experienced.supported
    assert gap.experienced.citations[0].quote == happened


@pytest.mark.parametrize(
    "text",
    [
        "After the storm took the fence down, I was told I'd need three quotes.",
        "When I rang them on the Monday, I was told it would be sorted by Friday.",
        "So once the survey was done, we were promised a date within the week.",
    ],
)
def test_a_clause_that_sets_the_scene_is_not_what_happened(text: str) -> None:
    """ "When I rang, I was told ...": the clause says when the expectation was formed."""
    segment = _one_turn(text)
    [gap] = expectation_gaps("x", "setup", [segment], CitationVerifier([segment]))
    assert not gap.experienced.supported


def test_an_expectation_that_opens_its_clause_is_not_split() -> None:
    segment = _one_turn("Honestly, and I know this sounds silly, I expected a phone call first.")
    [gap] = expectation_gaps("x", "setup", [segment], CitationVerifier([segment]))
    assert gap.expected.citations[0].quote.startswith("Honestly")
    assert not gap.experienced.supported


def test_planted_swing_is_a_moment_of_truth(enriched: JourneyMap) -> None:
    signing_up, installation = _stage(enriched, "signing-up"), _stage(enriched, "installation")
    assert signing_up.emotion > 0.5 and installation.emotion < -0.3
    flag = installation.moment_of_truth
    assert flag is not None and flag.kind == "swing"
    assert "Signing up" in flag.reason and "Installation" in flag.reason
    assert len({c.participant for c in flag.citations}) >= 2
    assert _stage(enriched, "support").moment_of_truth is None


def _insight(stage_id: str, emotion: float, people: int) -> StageInsight:
    return StageInsight(
        id=stage_id, name=stage_id.title(), emotion=emotion, emotion_participants=people
    )


def test_no_swing_on_a_gentle_slope_or_on_one_voice() -> None:
    stages = [_insight("a", 0.2, 3), _insight("b", -0.2, 3), _insight("c", 0.9, 1)]
    assert moments_of_truth(stages, {}, CitationVerifier([])) == {}


def test_strong_feeling_among_many_is_a_moment_of_truth(evidence: StudyEvidence) -> None:
    felt = [
        Felt(segment, 0, len(segment.text), -0.8)
        for segment in evidence.segments
        if segment.participant in {"Alys", "Bren", "Cato"} and segment.turn < 4
    ]
    stages = [_insight("a", -0.8, 3)]
    flags = moments_of_truth(stages, {"a": felt}, _verifier(evidence))
    assert flags["a"].kind == "strong" and "3 of the 3 participants" in flags["a"].reason
    assert len({c.participant for c in flags["a"].citations}) == 3
    mild = [Felt(f.segment, f.start, f.end, -0.4) for f in felt]
    assert moments_of_truth(stages, {"a": mild}, _verifier(evidence)) == {}
    two = [f for f in felt if f.segment.participant != "Cato"]
    assert moments_of_truth(stages, {"a": two}, _verifier(evidence)) == {}


def test_opportunities_carry_impact_and_its_basis(enriched: JourneyMap) -> None:
    installation = _stage(enriched, "installation")
    assert installation.opportunities
    for claim in installation.opportunities:
        assert claim.impact is not None and claim.impact_basis
        assert f"= {claim.impact:.2f}" in claim.impact_basis
        assert claim.impact <= claim.participants  # strength is at most 1
    from_gaps = [o for o in installation.opportunities if "expectation" in o.text]
    assert from_gaps, "an expectation gap with both sides cited becomes an opportunity"
    assert len(from_gaps[0].citations) == 2


@pytest.mark.parametrize(
    ("words", "question"),
    [
        (
            "Why can't I pay by direct debit?",
            "How might we address “Why can't I pay by direct debit?”",
        ),
        ("I was expecting a fight.", "How might we address “I was expecting a fight”?"),
        ("Took ages to find…", "How might we address “Took ages to find…”?"),
    ],
)
def test_a_how_might_we_question_is_punctuated_once(words: str, question: str) -> None:
    assert how_might_we("address", words) == question


@pytest.mark.parametrize(
    ("text", "opportunity"),
    [
        # What happened was better than feared: nothing to meet.
        ("Moving the direct debit took about a minute, I was expecting a battle.", False),
        ("I thought there'd be forms to fill in. But it was done by lunch, brilliant.", False),
        # What happened fell short: the expectation is the opportunity.
        ("I assumed the engineer would come on the day, but nobody turned up.", True),
        ("I was told it would take a week, but it took a month.", True),
    ],
)
def test_only_an_expectation_that_fell_short_becomes_an_opportunity(
    text: str, opportunity: bool
) -> None:
    segment = _one_turn(text)
    gaps = expectation_gaps("x", "setup", [segment], CitationVerifier([segment]))
    assert len(gaps) == 1 and gaps[0].experienced.supported
    stage = StageInsight(id="setup", name="Setup", expectation_gaps=gaps)
    asked = [o.text for o in add_impact("x", stage, PolarityScorer()).opportunities]
    assert bool(asked) is opportunity, asked
    assert all(o.startswith("How might we meet the expectation") for o in asked)
