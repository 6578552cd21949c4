"""Lists of names in summaries: complete when short, counted when long."""

from __future__ import annotations

from journeybot.core.text import short_list


def test_short_lists_are_written_out() -> None:
    assert short_list([]) == ""
    assert short_list(["P1"]) == "P1"
    assert short_list(["P1", "P2", "P3"]) == "P1, P2 and P3"


def test_long_lists_say_how_many_are_not_shown() -> None:
    respondents = [f"R{i}" for i in range(1, 530)]
    assert short_list(respondents, limit=3) == "R1, R2, R3 and 526 more"
