"""A cut-off reply keeps only whole items; llm claims take the extractive theme shape."""

from __future__ import annotations

from journeybot.core.models import Citation, Claim, StageInsight
from journeybot.synthesis.llm.salvage import salvage_truncated
from journeybot.synthesis.llm.themes import (
    representative,
    shared_first,
    single_voices_only_if_nothing_broader,
)


def test_a_cut_off_list_keeps_its_whole_items_and_nothing_half_written() -> None:
    cut = '{"findings": [{"claim": "a", "quotes": ["x", "y"]}, {"claim": "b", "quotes": ["z'
    assert salvage_truncated(cut) == {"findings": [{"claim": "a", "quotes": ["x", "y"]}]}
    first_only = '{"findings": [{"claim": "a", "quotes": ["x", "y'
    assert salvage_truncated(first_only) == {"findings": [{"claim": "a", "quotes": ["x"]}]}
    assert salvage_truncated('{"findings": []}') is None, "a whole object needs no salvage"
    assert salvage_truncated('{"answer": "half a sent') is None, "no whole item, nothing kept"
    assert salvage_truncated('{"a": [1}') is None, "mismatched brackets are not repaired"


def _cite(person: str, n: int) -> Citation:
    return Citation(
        quote=f"quote {n}", participant=person, source="s.txt", location="1", segment_id=str(n)
    )


def test_a_theme_shows_up_to_four_quotes_from_different_people_first() -> None:
    citations = [_cite("P1", 1), _cite("P1", 2), _cite("P1", 3), _cite("P2", 4), _cite("P3", 5)]
    chosen = representative(citations)
    assert [c.participant for c in chosen] == ["P1", "P2", "P3", "P1"]


def test_shared_themes_first_and_single_voices_only_where_nothing_broader() -> None:
    one = Claim(text="one", citations=[_cite("P1", 1)], participants=1)
    two = Claim(text="two", citations=[_cite("P1", 2), _cite("P2", 3)], participants=2)
    assert [c.text for c in shared_first([one, two])] == ["two", "one"]
    shared = StageInsight(id="s", name="S", actions=[one], pain_points=[two])
    assert single_voices_only_if_nothing_broader(shared) == 1
    assert shared.actions == [] and shared.pain_points == [two]
    alone = StageInsight(id="t", name="T", actions=[one.model_copy()])
    assert single_voices_only_if_nothing_broader(alone) == 0 and alone.actions
