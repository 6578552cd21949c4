"""Warnings when a stage list fits the evidence badly, and stages proposed from questions."""

from __future__ import annotations

from journeybot.core.models import DEFAULT_STAGES
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.stage_assign import StageAssigner, StageAssignment
from journeybot.synthesis.stage_fit import fit_notes, fit_warnings, suggest_stages


def _assigned(stage_ids: list[str], confidence: float) -> list[StageAssignment]:
    return [StageAssignment(f"s{i}", stage, confidence) for i, stage in enumerate(stage_ids)]


def test_talk_crowded_into_two_stages_is_warned_about_with_what_to_do() -> None:
    crowded = _assigned(["usage"] * 8 + ["support"] * 3 + ["awareness"], 0.9)
    warnings = fit_warnings("s1", DEFAULT_STAGES, crowded)
    assert len(warnings) == 1
    assert "92%" in warnings[0] and "Usage and Support" in warnings[0]
    assert "journeybot stages --suggest --study s1" in warnings[0]


def test_unsure_placement_overall_is_warned_about() -> None:
    spread = _assigned([s.id for s in DEFAULT_STAGES] * 2, 0.55)
    (warning,) = fit_warnings("s1", DEFAULT_STAGES, spread)
    assert "unsure" in warning and "0.55" in warning


def test_a_study_that_follows_its_stages_gets_no_warning(planted: StudyEvidence) -> None:
    assigned = StageAssigner(DEFAULT_STAGES, planted.embedder).assign(
        planted.segments, planted.vectors
    )
    assert fit_warnings("planted", DEFAULT_STAGES, assigned) == []


def test_stages_are_proposed_in_the_order_the_questions_come(planted: StudyEvidence) -> None:
    stages = suggest_stages(planted.segments, planted.embedder, planted.vectors)
    assert 3 <= len(stages) <= 7
    assert len({s.id for s in stages}) == len(stages)
    text = " ".join(f"{s.name} {s.description}".lower() for s in stages)
    # The planted guide asks about hearing of the product before keeping it.
    assert text.index("hear") < text.index("keep")


def test_too_few_questions_propose_nothing(planted: StudyEvidence) -> None:
    assert suggest_stages(planted.segments[:3], planted.embedder) == []


def test_a_badly_fitting_list_is_noted_with_the_interviews_own_phases(
    planted: StudyEvidence,
) -> None:
    crowded = _assigned(["usage"] * 9 + ["support"], 0.9)
    warning, phases = fit_notes(planted, DEFAULT_STAGES, crowded, planted.embedder)
    assert "may not fit" in warning
    proposed = suggest_stages(planted.segments, planted.embedder, planted.vectors)
    assert phases.startswith("The interviews' own phases, in the order they come up: ")
    assert [phases.index(f"\u201c{s.name}\u201d") for s in proposed] == sorted(
        phases.index(f"\u201c{s.name}\u201d") for s in proposed
    )
    spread = _assigned([s.id for s in DEFAULT_STAGES] * 2, 0.9)
    assert fit_notes(planted, DEFAULT_STAGES, spread, planted.embedder) == []
