"""The use cases end to end on a real embedded Chroma and catalog under tmp_path."""

from __future__ import annotations

import threading
from pathlib import Path

import docx
import pytest

from journeybot.core.errors import (
    NoEvidenceError,
    PersonaNotFoundError,
    ReviewFileError,
    SourceNotFoundError,
    StudyNotFoundError,
    UsageError,
)
from journeybot.core.models import IngestStatus, ReviewStatus, Role, SourceKind, Stage
from journeybot.core.settings import Settings
from journeybot.core.text import is_verbatim
from journeybot.ingestion import read_transcript
from journeybot.retrieval.embeddings import HashingEmbedder, MiniLMEmbedder
from journeybot.retrieval.steps import SearchSteps
from journeybot.service.demo import demo_files
from journeybot.service.records import IncomingFile
from journeybot.service.workspace import Workspace
from journeybot.synthesis.extractive import drafter as extractive_drafter
from tests.exporters.reviewing import fill_review, validation_table


@pytest.fixture
def workspace(settings: Settings, hashing_embedder: HashingEmbedder) -> Workspace:
    return Workspace.open(settings, embedder=hashing_embedder)


@pytest.fixture
def demo_workspace(workspace: Workspace) -> Workspace:
    report = workspace.ingest_paths(demo_files(), "fernbill")
    assert not report.failed
    return workspace


def _interview(name: str, words: str) -> IncomingFile:
    text = f"Interviewer: How did you pay for it?\n\n{name}: {words}\n"
    return IncomingFile(name=f"{name}.txt", data=text.encode())


def test_the_same_file_ingested_at_once_twice_is_stored_once(workspace: Workspace) -> None:
    file = _interview("Ana", "I paid by direct debit and it failed twice in March.")
    results = []

    def ingest() -> None:
        results.append(workspace.ingest_files([file], "s").sources[0].status)

    threads = [threading.Thread(target=ingest) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["duplicate"] * 3 + ["ingested"]
    assert len(workspace.sources("s")) == 1
    assert workspace.store.count("s") == 1


def test_one_bad_file_does_not_stop_the_others(workspace: Workspace) -> None:
    files = [
        _interview("Ana", "The export was a nightmare and I nearly cancelled."),
        IncomingFile(name="broken.docx", data=b"not a zip"),
        IncomingFile(name="empty.txt", data=b""),
        _interview("Ben", "Setting up the bank feed took a minute."),
    ]
    report = workspace.ingest_files(files, "s")
    statuses = {item.file: item.status for item in report.sources}
    assert statuses == {
        "Ana.txt": IngestStatus.INGESTED,
        "broken.docx": IngestStatus.ERROR,
        "empty.txt": IngestStatus.ERROR,
        "Ben.txt": IngestStatus.INGESTED,
    }
    assert all(item.error and item.file in item.error for item in report.failed)
    assert sorted(s.file_name for s in workspace.sources("s")) == ["Ana.txt", "Ben.txt"]


def test_a_transcript_with_only_interviewer_words_is_refused(workspace: Workspace) -> None:
    file = IncomingFile("q.txt", b"Interviewer: Hello?\n\nInterviewer: Anyone there?\n")
    [result] = workspace.ingest_files([file], "s").sources
    assert result.status is IngestStatus.ERROR
    assert result.error_code == "no_participant_text"
    assert not workspace.catalog.sources("s")
    assert workspace.store.count("s") == 0


def test_ask_cites_only_participant_words_and_respects_forget(workspace: Workspace) -> None:
    workspace.ingest_files(
        [
            _interview("Ana", "Paying by direct debit saved me so much chasing every month."),
            _interview("Ben", "I never use direct debit, I pay by card because it is quicker."),
        ],
        "s",
    )
    answer = workspace.ask("what about direct debit?", ["s"])
    assert {c.participant for c in answer.citations} == {"Ana", "Ben"}
    assert all("How did you pay" not in c.quote for c in answer.citations)

    workspace.forget("s", "Ana.txt")
    answer = workspace.ask("what about direct debit?", ["s"])
    assert {c.participant for c in answer.citations} == {"Ben"}
    with pytest.raises(SourceNotFoundError):
        workspace.forget("s", "Ana.txt")


def test_ask_never_returns_segments_whose_source_is_not_committed(
    workspace: Workspace,
) -> None:
    workspace.ingest_files([_interview("Ana", "Direct debit failures cost me a fee.")], "s")
    [source] = workspace.sources("s")
    workspace.catalog.delete_source("s", source.id)  # as if the catalog commit never happened
    with pytest.raises(NoEvidenceError):
        workspace.ask("direct debit?", ["s"])
    workspace.ingest_files([_interview("Ben", "My direct debit fails when cards expire.")], "s")
    answer = workspace.ask("direct debit?", ["s"])
    assert {c.participant for c in answer.citations} == {"Ben"}


def test_usage_errors_are_specific(workspace: Workspace) -> None:
    with pytest.raises(StudyNotFoundError, match="nope"):
        workspace.personas("nope")
    with pytest.raises(UsageError):
        workspace.ingest_files([], "   ")
    with pytest.raises(UsageError):
        workspace.ask("   ", ["s"])


def test_drafts_are_cached_until_the_evidence_changes(demo_workspace: Workspace) -> None:
    first = demo_workspace.journey_map("fernbill")
    again = demo_workspace.journey_map("fernbill")
    assert again.draft_id == first.draft_id
    assert again.coverage.created_at == first.coverage.created_at

    demo_workspace.ingest_files(
        [_interview("Zoe", "Renewing was a shock, the price doubled without warning.")],
        "fernbill",
    )
    changed = demo_workspace.journey_map("fernbill")
    assert changed.draft_id != first.draft_id
    assert "Zoe" in changed.coverage.participants


def test_an_engine_that_drafts_differently_does_not_reuse_old_drafts(
    demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = demo_workspace.journey_map("fernbill")
    # An upgrade that changes how the same evidence is drafted bumps the engine version.
    monkeypatch.setattr(extractive_drafter, "EXTRACTIVE_VERSION", "extractive@next")
    redrafted = demo_workspace.journey_map("fernbill")
    assert redrafted.draft_id != first.draft_id
    assert redrafted.claims() and {c.id for c in redrafted.claims()} == {
        c.id for c in first.claims()
    }  # same logic underneath: same claims, so verdicts carry over by id


def test_custom_stages_shape_the_map(demo_workspace: Workspace) -> None:
    stages = [
        Stage(id="before", name="Before Fernbill", description="How they invoiced before"),
        Stage(id="after", name="With Fernbill", description="Using it every week"),
    ]
    kept = demo_workspace.stages("fernbill")
    journey = demo_workspace.journey_map("fernbill", stages=stages)
    assert [s.id for s in journey.stages] == ["before", "after"]
    assert demo_workspace.stages("fernbill") == kept, "given stages serve one draft only"
    demo_workspace.journey_map("fernbill", stages=stages, save_stages=True)
    assert demo_workspace.stages("fernbill") == stages


def test_every_quote_in_every_draft_is_verbatim(demo_workspace: Workspace) -> None:
    segments = {s.id: s for s in demo_workspace.store.segments("fernbill")}
    personas = demo_workspace.personas("fernbill")
    journey = demo_workspace.journey_map("fernbill", persona=personas.personas[0].id)
    claims = [*personas.claims(), *journey.claims()]
    assert claims
    for claim in claims:
        for citation in claim.citations:
            assert is_verbatim(citation.quote, segments[citation.segment_id].text)
    with pytest.raises(PersonaNotFoundError):
        demo_workspace.journey_map("fernbill", persona="persona-zz")


def test_review_round_trip_carries_statuses_into_later_drafts(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    exported = demo_workspace.export("fernbill", tmp_path / "draft.docx")
    rows = validation_table(docx.Document(str(exported))).rows[1:]
    ids = [row.cells[0].text for row in rows]
    # Map themes: one new interview may regroup the personas (and so end a persona's
    # theme), but should not end the map's first themes.
    map_ids = [claim_id for claim_id in ids if not claim_id.startswith("persona-")]
    confirm, change, remove = map_ids[0], map_ids[1], ids[-1]
    reviewed = fill_review(
        exported,
        tmp_path / "reviewed.docx",
        {
            confirm: ("Confirmed", "Matches what support hears"),
            change: ("Change", "Say failed payments, not fees"),
            remove: ("Remove", "One person, off topic"),
        },
    )

    report = demo_workspace.validate(reviewed, "fernbill")
    assert (report.confirmed, report.changed, report.removed) == (1, 1, 1)
    assert report.unreviewed == len(ids) - 3
    assert report.unknown == []

    # A new source forces a real re-draft; verdicts must survive it.
    demo_workspace.ingest_files(
        [_interview("Zoe", "The renewal price doubled and nobody told me.")], "fernbill"
    )
    again = demo_workspace.export("fernbill", tmp_path / "again.docx")
    again_rows = {
        row.cells[0].text: row.cells[3].text
        for row in validation_table(docx.Document(str(again))).rows[1:]
    }
    assert remove not in again_rows
    assert again_rows[confirm] == "Confirmed"
    assert again_rows[change] == "Change"
    personas = demo_workspace.personas("fernbill")
    journey = demo_workspace.journey_map("fernbill")
    statuses = {c.id: c.status for c in [*personas.claims(), *journey.claims()]}
    assert statuses[confirm] is ReviewStatus.CONFIRMED
    assert remove not in statuses


def test_a_review_of_another_study_changes_nothing(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    exported = demo_workspace.export("fernbill", tmp_path / "draft.docx")
    demo_workspace.ingest_files([_interview("Ana", "Direct debit saved me.")], "other")
    with pytest.raises(ReviewFileError, match="fernbill"):
        demo_workspace.validate(exported, "other")
    assert demo_workspace.catalog.reviews("other") == {}


def test_a_plain_word_file_is_not_taken_for_a_review(
    demo_workspace: Workspace, tmp_path: Path
) -> None:
    plain = tmp_path / "notes.docx"
    document = docx.Document()
    document.add_paragraph("Meeting notes")
    document.save(str(plain))
    with pytest.raises(ReviewFileError, match="not a Journeybot draft"):
        demo_workspace.validate(plain, "fernbill")


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_text_exports_carry_every_claim_id(
    demo_workspace: Workspace, tmp_path: Path, fmt: str
) -> None:
    out = demo_workspace.export("fernbill", tmp_path / f"map.{fmt}", fmt=fmt)
    text = out.read_text(encoding="utf-8")
    journey = demo_workspace.journey_map("fernbill")
    assert all(claim.id in text for claim in journey.claims())


def test_an_off_topic_question_gets_no_quotes_and_is_told_so(demo_workspace: Workspace) -> None:
    answer = demo_workspace.ask("How do people choose a holiday destination abroad?", ["fernbill"])

    assert answer.citations == []
    assert "answers this question" in answer.answer


@pytest.mark.parametrize("k", [3, 12])
def test_k_is_honoured_exactly_with_whole_verbatim_sentences(
    demo_workspace: Workspace, k: int
) -> None:
    answer = demo_workspace.ask("What do people say about direct debit?", ["fernbill"], k=k)

    assert len(answer.citations) == k
    for citation in answer.citations:
        [segment] = demo_workspace.store.get("fernbill", [citation.segment_id])
        assert is_verbatim(citation.quote, segment.text)
        ends_segment = segment.text.rstrip().endswith(citation.quote.rstrip())
        assert ends_segment or citation.quote.rstrip()[-1] in ".!?…\"'”’)"


def test_a_problem_question_ranks_problem_statements_first(
    settings: Settings, minilm: MiniLMEmbedder
) -> None:
    workspace = Workspace.open(settings, embedder=minilm)  # about meaning: the real model
    asked = "Interviewer: How did the export go?\n\n{name}: {words}\n"
    said = {
        "Ana": "The export is lovely and quick, I love the export, it just works.",
        "Ben": "The export kept crashing halfway and I lost a whole afternoon redoing it.",
        "Cai": "I use the export on Fridays for my accountant.",
    }
    workspace.ingest_files(
        [
            IncomingFile(f"{name}.txt", asked.format(name=name, words=words).encode())
            for name, words in said.items()
        ],
        "s",
    )
    segments = {s.participant: s for s in workspace.store.segments("s")}
    assert segments["Ben"].statement == "problem"
    assert segments["Ana"].statement == "praise"
    question = "What problems do people have with the export?"
    by_words = workspace.store.search(["s"], question, steps=SearchSteps(intent=False))
    assert by_words[0].segment.participant != "Ben"  # words and meaning alone miss it

    answer = workspace.ask(question, ["s"])

    assert answer.citations[0].participant == "Ben"


def test_readings_of_older_scoring_code_are_read_again(workspace: Workspace) -> None:
    workspace.ingest_files([_interview("Ana", "The export kept failing, a nightmare.")], "s")
    current = workspace.store.reader
    assert current is not None

    class NextVersion:
        version = "next"

        def __call__(self, study, segments, vectors):  # type: ignore[no-untyped-def]
            return [s.model_copy(update={"readings_version": "next"}) for s in segments]

    workspace.store.reader = NextVersion()
    assert workspace.store.refresh_readings("s") == 1
    assert workspace.store.refresh_readings("s") == 0  # done once per version
    [segment] = workspace.store.segments("s")
    assert segment.readings_version == "next"
    assert segment.statement == "problem"  # the older reading is kept until re-read


def test_an_unlabelled_conversation_is_refused_and_the_rest_of_the_upload_kept(
    workspace: Workspace,
) -> None:
    """Several people speaking without labels would be filed as one participant, the
    host's welcome and questions quoted as theirs: that file is refused, by name and
    with what gave it away, and the files beside it are ingested."""
    panel = IncomingFile(
        "panel.md",
        b"# Panel\n\nHi everyone, I'm Reese, welcome to the panel.\n\n"
        b"My name is Iris Dunn and I run the collectors at a bank.\n\n"
        b"We upgraded twice this year and both times the exporters broke.\n",
    )
    report = workspace.ingest_files(
        [panel, _interview("Ana", "The export was a nightmare and I nearly cancelled.")], "s"
    )
    statuses = {item.file: (item.status, item.error_code) for item in report.sources}
    assert statuses == {
        "panel.md": (IngestStatus.ERROR, "unlabelled_conversation"),
        "Ana.txt": (IngestStatus.INGESTED, None),
    }
    [failed] = report.failed
    assert failed.error is not None
    assert "panel.md: no speaker labels were found" in failed.error
    assert "2 people introduce themselves: Reese and Iris" in failed.error
    assert [s.file_name for s in workspace.sources("s")] == ["Ana.txt"]


SESSION_LOG = (
    "Code Name,Task,Notes: where they got confused\n"
    "Crimple,Rename the notebook,Double clicked the tab to rename it and nothing happened.\n"
    "Harry,Rename the notebook,Tried command s to rename it and ended up in Save As.\n"
    "Popeye,Run all cells,Gave up on the menu and ran each cell with shift enter.\n"
)
TEAMS = (
    "Smith, Tom   0:02\nHow did you pay for it?\n\n"
    "Jones, Sarah   0:07\nBy direct debit, and it failed twice in March.\n\n"
    "Smith, Tom   0:19\nWhat did you do then?\n\n"
    "Jones, Sarah   0:23\nI rang them and waited forty minutes on hold.\n"
)


def test_a_file_stored_from_an_earlier_reading_says_so_when_uploaded_again(
    workspace: Workspace,
) -> None:
    """A file stored before the reader learnt its layout keeps its old reading; sent
    again, it is a duplicate by content, and the researcher is told what now reads
    differently and how to take the new reading."""
    log = IncomingFile("session-log.csv", SESSION_LOG.encode())
    read_now = read_transcript(log.data, log.name)
    assert read_now.kind is SourceKind.NOTES
    workspace.ingestor.ingest_transcript(
        read_now.model_copy(update={"kind": SourceKind.DIARY}), "s", redact=False
    )

    [again] = workspace.ingest_files([log], "s").sources

    assert again.status is IngestStatus.DUPLICATE
    [note] = again.warnings
    assert note.startswith("stored from an earlier reading of this file (diary); it reads now as")
    assert "forget this file and ingest it again" in note


def test_a_speaker_read_differently_now_is_named_when_the_file_comes_again(
    workspace: Workspace,
) -> None:
    teams = IncomingFile("teams.txt", TEAMS.encode())
    earlier = read_transcript(teams.data, teams.name, interviewers=["Jones, Sarah"])
    workspace.ingestor.ingest_transcript(earlier, "s", redact=False)

    [again] = workspace.ingest_files([teams], "s").sources

    [note] = again.warnings
    assert "it reads now as participant: Jones, Sarah" in note


def test_a_role_set_by_hand_is_no_change_of_reading(workspace: Workspace) -> None:
    teams = IncomingFile("teams.txt", TEAMS.encode())
    workspace.ingest_files([teams], "s")
    workspace.set_speaker("s", "teams.txt", "Smith, Tom", Role.OTHER)

    [again] = workspace.ingest_files([teams], "s").sources

    assert again.status is IngestStatus.DUPLICATE
    assert again.warnings == []
