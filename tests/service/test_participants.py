"""One person, one participant: roster import, merges, proposals and names in outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.errors import MissingColumnsError, ParticipantNotFoundError
from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.service.workspace import Workspace

FIXTURES = Path(__file__).parents[1] / "fixtures" / "identity"
FILES = [FIXTURES / "zoom_jess.vtt", FIXTURES / "zoom_kofi.vtt", FIXTURES / "diary.csv"]


@pytest.fixture
def workspace(settings: Settings, hashing_embedder: HashingEmbedder) -> Workspace:
    workspace = Workspace.open(settings, embedder=hashing_embedder)
    report = workspace.ingest_paths(FILES, "meters")
    assert not report.failed
    return workspace


def _people_in_answer(workspace: Workspace, question: str) -> set[str]:
    return {c.participant for c in workspace.ask(question, ["meters"], k=20).citations}


def test_without_a_roster_names_are_first_names_and_nothing_is_joined(
    workspace: Workspace,
) -> None:
    overview = workspace.participants_overview("meters")
    assert [row.id for row in overview.participants] == ["Jess", "Kofi", "P3", "P5"]
    assert overview.hint and "import a roster" in overview.hint
    cited = _people_in_answer(workspace, "emergency credit ran out at the shop")
    assert cited <= {"Jess", "Kofi", "P3", "P5"}
    assert not any(" " in name for name in cited)  # no full names in what is shared


def test_a_roster_maps_labels_and_diary_ids_onto_one_participant(workspace: Workspace) -> None:
    overview = workspace.import_roster("meters", FIXTURES / "roster.csv")
    rows = {row.id: row for row in overview.participants}
    assert set(rows) == {"P03", "P05"}
    assert set(rows["P03"].labels) == {"Jess M", "P3"}
    assert set(rows["P03"].sources) == {"zoom_jess.vtt", "diary.csv"}
    assert rows["P03"].attributes == {"plan": "prepayment", "region": "North"}
    cited = _people_in_answer(workspace, "emergency credit ran out at the shop")
    assert cited <= {"P03", "P05"} and "P03" in cited
    personas = workspace.personas("meters")
    members = [p for persona in personas.personas for p in persona.participants]
    assert sorted(members) == ["P03", "P05"]  # each person counted once
    assert personas.coverage.participants == ["P03", "P05"]
    summaries = " ".join(persona.summary for persona in personas.personas)
    assert "of 1 members" in summaries or "of 2 members" in summaries


def test_yaml_roster_with_alias_lists(workspace: Workspace) -> None:
    overview = workspace.import_roster("meters", FIXTURES / "roster.yaml")
    assert {row.id for row in overview.participants} == {"P03", "P05"}


def test_a_roster_without_an_id_column_imports_nothing(workspace: Workspace) -> None:
    with pytest.raises(MissingColumnsError) as caught:
        workspace.import_roster("meters", FIXTURES / "roster_no_id.csv")
    assert "id column" in caught.value.user_message
    assert "'name', 'plan'" in caught.value.user_message
    assert workspace.participants.catalog.roster("meters") == []


def test_merge_counts_two_labels_as_one_person_everywhere(workspace: Workspace) -> None:
    before = workspace.personas("meters")
    overview = workspace.merge_participants("meters", "P03", "Jess M")
    assert "Jess" not in {row.id for row in overview.participants}
    after = workspace.personas("meters")
    assert after.draft_id != before.draft_id
    assert sorted(after.coverage.participants) == ["Kofi", "P3", "P5"]
    journey = workspace.journey_map("meters")
    named = {c.participant for claim in journey.claims() for c in claim.citations}
    assert "Jess" not in named


def test_merge_of_unknown_ids_lists_the_known_ones(workspace: Workspace) -> None:
    with pytest.raises(ParticipantNotFoundError) as caught:
        workspace.merge_participants("meters", "P03", "P99")
    message = caught.value.user_message
    assert "'P99'" in message and "Jess, Kofi, P3, P5" in message
    assert workspace.participants.catalog.merges("meters") == {}


def test_likely_joins_are_proposed_with_the_command(
    settings: Settings, hashing_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    workspace = Workspace.open(settings, embedder=hashing_embedder)
    diary = tmp_path / "diary.csv"
    diary.write_text(
        "participant,date,entry\nJess,2026-02-02,The emergency credit ran out again.\n"
    )
    report = workspace.ingest_paths([FIXTURES / "zoom_jess.vtt", diary], "meters")
    assert report.proposals == [
        "'Jess' and 'Jess M' may be one person (they share a first name in different "
        'labels): journeybot participants merge "Jess" "Jess M" --study \'meters\''
    ]
    overview = workspace.participants_overview("meters")
    assert [(p.first, p.second) for p in overview.proposals] == [("Jess", "Jess M")]
    assert overview.proposals[0].command == 'journeybot participants merge "Jess" "Jess M"'
    assert {row.id for row in overview.participants} == {"Jess", "Jess M"}


def test_an_answer_reads_the_study_identity_once(workspace: Workspace) -> None:
    """Naming an answer's quotes read every source row once per quote (17 reads of 1,250
    rows at 100k segments, a second of a 7 s ``ask``); once per study is enough."""
    from journeybot.service.participants import ParticipantService, identified
    from journeybot.synthesis.base import RetrievedEvidence

    class CountingService(ParticipantService):
        calls = 0

        def identity(self, study: str):  # type: ignore[no-untyped-def]
            CountingService.calls += 1
            return super().identity(study)

    hits = workspace.store.search(["meters"], "emergency credit ran out at the shop", k=6)
    found = RetrievedEvidence(
        question="emergency credit",
        segments=[hit.segment for hit in hits],
        scores=[hit.score for hit in hits],
        sources=workspace.catalog.sources("meters"),
    )

    named = identified(found, CountingService(workspace.catalog))

    assert len(hits) > 2 and len(named.segments) == len(hits)
    assert CountingService.calls == 1


def test_numbered_labels_are_never_proposed_as_one_person(
    settings: Settings, hashing_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    """A survey without an id column names respondents by row ("Respondent 2", ...):
    they share a first word, not a first name. 120 rows once made 7,140 proposals."""
    workspace = Workspace.open(settings, embedder=hashing_embedder)
    survey = tmp_path / "survey.csv"
    rows = "".join(f'"Answer {n}: the docs on sampling were hard to follow."\n' for n in range(120))
    survey.write_text("What was hard when you started?\n" + rows, encoding="utf-8")
    speakers = tmp_path / "panel.txt"
    speakers.write_text(
        "Moderator: What went wrong first?\n\nSpeaker 1: The collector fell over.\n\n"
        "Speaker 2: Our exporters broke on upgrade.\n",
        encoding="utf-8",
    )
    report = workspace.ingest_paths([survey, speakers], "surveys")
    assert not report.failed
    assert report.proposals == []
    assert workspace.participants_overview("surveys").proposals == []


def test_an_ingest_report_lists_ten_proposals_and_counts_the_rest(
    settings: Settings, hashing_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    workspace = Workspace.open(settings, embedder=hashing_embedder)
    names = [f"{first} {surname}" for first in ("Ana", "Ben", "Cal", "Dee") for surname in "KLM"]
    diary = tmp_path / "diary.csv"
    diary.write_text(
        "participant,date,entry\n"
        + "".join(f"{name},2026-02-02,The bill arrived late again.\n" for name in names)
        + "".join(f"{name.split()[0]},2026-02-03,I rang them twice.\n" for name in names[::3]),
        encoding="utf-8",
    )
    report = workspace.ingest_paths([diary], "family")
    overview = workspace.participants_overview("family")
    assert len(overview.proposals) == 24  # per first name, 4 people: 6 pairs each
    assert len(report.proposals) == 11
    assert report.proposals[-1] == (
        "and 14 more pairs that may be one person: "
        "`journeybot participants --study 'family'` lists them all"
    )


def test_a_directory_name_is_read_in_natural_order_and_redacted_as_a_name(
    settings: Settings, hashing_embedder: HashingEmbedder, tmp_path: Path
) -> None:
    """Teams writes "Jones, Sarah". Read as Sarah Jones, redaction keeps her first name
    and initial (it kept "Jones" and cut "Sarah" before), her surname is taken out of
    what anyone says, and she is proposed as the diary's Sarah."""
    workspace = Workspace.open(settings, embedder=hashing_embedder)
    teams = tmp_path / "teams.txt"
    teams.write_text(
        "Smith, Tom   0:02\nHow did topping up go, Ms Jones?\n\n"
        "Jones, Sarah   0:07\nThe emergency credit ran out at the shop on a Sunday.\n\n"
        "Smith, Tom   0:19\nWhat did you do?\n\n"
        "Jones, Sarah   0:23\nI walked to the garage, and the man said, Jones, you again!\n"
    )
    diary = tmp_path / "diary.csv"
    diary.write_text("participant,date,entry\nSarah,2026-02-02,The credit ran out again.\n")

    report = workspace.ingest_paths([teams, diary], "meters")

    assert report.sources[0].participants == ["Sarah J."]
    proposals = workspace.participants_overview("meters").proposals
    assert [(p.first, p.second) for p in proposals] == [("Sarah", "Sarah J.")]
    cited = workspace.ask("what did you do at the garage", ["meters"], k=5).citations
    assert any("garage" in c.quote for c in cited)
    assert not any("Jones" in c.quote for c in cited)
