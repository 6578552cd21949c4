"""The change summary between two drafts, on maps built by hand."""

from __future__ import annotations

from journeybot.core.models import (
    Citation,
    Claim,
    Coverage,
    JourneyMap,
    MomentOfTruth,
    StageInsight,
)
from journeybot.service.changes import compare, summary_lines


def _cite(segment: str, source: str = "src-a") -> Citation:
    return Citation(
        quote=f"quote {segment}",
        participant=segment,
        source="a.txt",
        location="line 1",
        segment_id=segment,
        source_id=source,
    )


def _map(draft: str, pains: list[Claim], emotion: float = -0.2, flag: bool = False) -> JourneyMap:
    stage = StageInsight(
        id="support",
        name="Support",
        emotion=emotion,
        emotion_participants=3,
        pain_points=pains,
        moment_of_truth=MomentOfTruth(reason="Feeling drops.", kind="swing") if flag else None,
    )
    return JourneyMap(study="s", draft_id=draft, coverage=Coverage(study="s"), stages=[stage])


def test_a_theme_whose_lead_changed_is_the_same_theme_grown() -> None:
    before = _map(
        "d1", [Claim(id="old", text="On hold", citations=[_cite("a"), _cite("b")], participants=2)]
    )
    grown = Claim(id="new", text="On hold", citations=[_cite("c"), _cite("a")], participants=3)
    changes = compare(before, _map("d2", [grown]), {"src-a"})
    assert changes.renamed == {"old": "new"}
    assert [(c.before, c.after) for c in changes.grown] == [(2, 3)]
    assert not changes.new_themes and not changes.evidence_removed


def test_removed_evidence_feeling_and_new_moment_are_reported() -> None:
    gone = Claim(id="gone", text="Letters lost", citations=[_cite("x", "src-b")], participants=1)
    kept = Claim(id="kept", text="On hold", citations=[_cite("a")], participants=2)
    before = _map("d1", [gone, kept], emotion=-0.1)
    after = _map("d2", [kept], emotion=-0.5, flag=True)
    changes = compare(before, after, {"src-a"})
    assert [(c.row, c.before, c.text) for c in changes.evidence_removed] == [("pain_points", 1, "")]
    assert [(m.before, m.after) for m in changes.feeling_moved] == [(-0.1, -0.5)]
    assert changes.new_moments == ["Support: Feeling drops."]
    lines = summary_lines(changes)
    assert "Feeling at Support moved from -0.10 to -0.50" in lines
    assert "A pain point at Support (1 participant) lost its evidence and left the map" in lines
    assert not any("Letters lost" in line for line in lines)  # forgotten words stay gone


def test_same_map_changes_nothing() -> None:
    same = _map("d1", [Claim(id="k", text="On hold", citations=[_cite("a")], participants=2)])
    changes = compare(same, same, {"src-a"})
    assert changes.nothing and summary_lines(changes) == ["Nothing in the map changed."]
