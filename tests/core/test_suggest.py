"""The "did you mean" behind every not-found error: the likely name, or none at all."""

from __future__ import annotations

from journeybot.core.suggest import closest, did_you_mean

STUDIES = ["pdpilot", "onboarding-2026", "renewals"]


def test_a_typo_finds_the_name_it_resembles() -> None:
    assert closest("pdpliot", STUDIES) == "pdpilot"
    assert closest("onbaording-2026", STUDIES) == "onboarding-2026"
    assert did_you_mean("pdpliot", STUDIES) == "; did you mean 'pdpilot'?"


def test_case_alone_is_a_match() -> None:
    assert closest("PDPilot", STUDIES) == "pdpilot"


def test_nothing_alike_gives_no_suggestion() -> None:
    assert closest("interviews", STUDIES) is None
    assert did_you_mean("interviews", STUDIES) == ""
    assert closest("anything", []) is None


def test_a_tie_is_not_guessed() -> None:
    assert closest("persona-x", ["persona-a", "persona-b", "persona-c"]) is None


def test_the_exact_name_needs_no_suggestion() -> None:
    assert did_you_mean("renewals", STUDIES) == ""
