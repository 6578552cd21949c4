"""Block Kit payloads, pinned as snapshots so layout changes are seen in review."""

from __future__ import annotations

from datetime import UTC, datetime

from syrupy.assertion import SnapshotAssertion

from journeybot.bot.blocks.answer import answer_messages
from journeybot.bot.blocks.drafts import map_messages, personas_messages
from journeybot.bot.blocks.ingest import FileOutcome, ReviewApplied, StagesSet, results_messages
from journeybot.bot.blocks.study import help_messages, home_view, sources_messages
from journeybot.core.models import (
    Answer,
    Citation,
    Claim,
    Coverage,
    Feeling,
    IngestResult,
    IngestStatus,
    JourneyMap,
    Persona,
    PersonaSet,
    ReviewReport,
    Source,
    Stage,
    StageInsight,
)
from journeybot.service.records import StudySummary

WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
QUOTE = Citation(
    quote="I nearly cancelled *twice* <!channel> & moved on.",
    participant="P03",
    source="interview_03.txt",
    location="00:12:34",
    segment_id="abc:1-2",
    permalink="https://fake.slack.com/archives/C1/p1700000001000100",
)
OTHER = QUOTE.model_copy(update={"quote": "Support never wrote back.", "participant": "P05"})
CLAIM = Claim(
    id="c1", text="Billing surprises push people to leave", citations=[QUOTE, OTHER], participants=2
)
COVERAGE = Coverage(
    study="billing",
    sources=["interview_03.txt", "interview_05.txt"],
    participants=["P03", "P05"],
    segments_read=40,
    segments_cited=2,
    created_at=WHEN,
)


def test_answer(snapshot: SnapshotAssertion) -> None:
    answer = Answer(
        question="Why leave?",
        answer="Two people name billing.",
        citations=[QUOTE, OTHER],
        participants=2,
        sources=1,
    )
    assert [m.__dict__ for m in answer_messages(answer)] == snapshot


def test_ingest_results(snapshot: SnapshotAssertion) -> None:
    outcomes: list[FileOutcome] = [
        IngestResult(
            file="a.txt", status=IngestStatus.INGESTED, participants=["P1", "P2"], segments=12
        ),
        IngestResult(file="b.txt", status=IngestStatus.DUPLICATE, duplicate_of="a.txt"),
        IngestResult(
            file="log.csv",
            status=IngestStatus.DUPLICATE,
            duplicate_of="log.csv",
            warnings=["stored from an earlier reading of this file (diary); it reads now as notes"],
        ),
        IngestResult(
            file="c.pdf",
            status=IngestStatus.ERROR,
            error="c.pdf: the PDF has no text layer; export it as text first",
        ),
        ReviewApplied("map.docx", ReviewReport(study="s", confirmed=3, changed=1, removed=2)),
        StagesSet("stages.yml", [Stage(id="find", name="Find")]),
    ]
    assert [m.__dict__ for m in results_messages("billing", outcomes)] == snapshot


def test_personas(snapshot: SnapshotAssertion) -> None:
    persona = Persona(
        id="p1",
        name="The reluctant payer",
        summary="Pays late, leaves early.",
        participants=["P03", "P05"],
        pain_points=[CLAIM],
        quotes=[QUOTE],
    )
    personas = PersonaSet(
        study="billing",
        personas=[persona],
        coverage=COVERAGE,
        clustering={"k": 1, "reason": "One persona: 2 participants are too few to divide."},
    )
    messages = personas_messages(personas)
    assert [m.__dict__ for m in messages] == snapshot
    assert "too few to divide" in str(messages[0].blocks[:4])


def test_journey_map(snapshot: SnapshotAssertion) -> None:
    feeling = Feeling(text="Anxious at renewal", citations=[QUOTE], participants=1, polarity=-0.6)
    stages = [
        StageInsight(
            id="purchase",
            name="Purchase",
            emotion=0.4,
            emotion_participants=2,
            segments=5,
            actions=[CLAIM],
        ),
        StageInsight(
            id="renewal",
            name="Renewal",
            emotion=-0.6,
            emotion_participants=1,
            segments=3,
            feelings=[feeling],
            opportunities=[Claim(text="Warn before renewal", supported=False)],
        ),
        StageInsight(id="support", name="Support", has_evidence=False),
    ]
    fit = "The stage list may not fit this study: 80% of the talk landed in Purchase."
    coverage = COVERAGE.model_copy(update={"notes": [fit]})
    journey = JourneyMap(study="billing", coverage=coverage, stages=stages)
    messages = map_messages(journey)
    assert [m.__dict__ for m in messages] == snapshot
    assert "may not fit this study" in str(messages[0].blocks[:5])


def test_home_and_help(snapshot: SnapshotAssertion) -> None:
    summary = StudySummary(
        study="billing",
        sources=2,
        participants=["P03", "P05"],
        segments=40,
        channels=["C1"],
        last_personas_at=WHEN,
        last_map_at=None,
    )
    source = Source(
        id="f" * 64,
        study="billing",
        file_name="interview_03.txt",
        format="txt",
        uploaded_by="U1",
        uploaded_at=WHEN,
        participants=["P03"],
        segments=20,
    )
    assert home_view([summary], {"billing": [source]}) == snapshot(name="home")
    assert [m.__dict__ for m in help_messages()] == snapshot(name="help")
    assert [m.__dict__ for m in sources_messages("billing", [source])] == snapshot(name="sources")


def test_a_note_on_a_participant_is_attributed_as_one() -> None:
    """A note-taker's log is cited as a note on the participant, not as their words."""
    note = QUOTE.model_copy(update={"quote": "Was confused by the two menus.", "note": True})
    answer = Answer(question="Menus?", answer="One note.", citations=[note], participants=1)
    texts = [
        element.get("text", "")
        for message in answer_messages(answer)
        for block in message.blocks
        if block.get("type") == "rich_text"
        for section in block["elements"]
        for element in section.get("elements", [])
    ]
    assert "note on P03" in texts
    assert "P03" not in texts
