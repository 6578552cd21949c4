"""Forgetting erases: no forgotten sentence is left anywhere in the home's raw bytes.

Chroma keeps added documents in its log and SQLite keeps deleted rows in free pages and
in its write-ahead log; a plain delete left the text on disk. Each test searches every
file under the home, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.store import EvidenceStore
from journeybot.service.workspace import Workspace
from tests.integrity.cli import raw_bytes_containing, run, run_json

SECRET = "My date of birth is the day the zebra crossing opened in Llanfair"
KEPT = "Paying the quarterly bill online was a nightmare every single time"


def _write(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def _interview(speaker: str, *sentences: str) -> str:
    turns = [f"Interviewer: Tell me about that.\n{speaker}: {s}." for s in sentences]
    return "\n".join(turns) + "\n"


@pytest.mark.integration
def test_forget_a_source_leaves_no_byte_of_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    files = tmp_path / "in"
    gone = _write(files, "withdrawn.txt", _interview("Nia", SECRET, "I cook on Sundays"))
    kept = _write(files, "kept.txt", _interview("Owen", KEPT, "The app froze twice"))
    assert run(home, "ingest", str(gone), str(kept), "--study", "s").returncode == 0
    assert raw_bytes_containing(home, "zebra crossing"), "the test must see the text first"

    code, _ = run_json(home, "forget", "withdrawn.txt", "--study", "s")
    assert code == 0

    assert raw_bytes_containing(home, "zebra crossing") == []
    assert raw_bytes_containing(home, "I cook on Sundays") == []
    code, answer = run_json(home, "ask", "quarterly bill nightmare", "--study", "s")
    assert code == 0
    assert any("quarterly bill" in c["quote"] for c in answer["citations"])
    code, checked = run_json(home, "doctor")
    assert code == 0 and checked["problems"] == []


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    settings = Settings(home=tmp_path / "home", llm=None, chroma_host=None)
    store = EvidenceStore.open(settings, HashingEmbedder())
    return Workspace.open(settings, store=store)


def test_forget_a_participant_erases_their_words_and_keeps_the_others(
    workspace: Workspace, tmp_path: Path
) -> None:
    group = (
        "Moderator: What happened when the bill came?\n"
        f"Nia: {SECRET}.\n"
        f"Owen: {KEPT}.\n"
        "Moderator: Anything else?\n"
        "Nia: I phoned them about the refund and waited an hour.\n"
        "Owen: I never phone, I use the app, and it logged me out twice in one week.\n"
        "Moderator: And how did that feel?\n"
        "Owen: Honestly I was more cross than anything, it wasted my whole evening.\n"
    )
    files = tmp_path / "in"
    solo = _write(
        files, "nia-diary.txt", _interview("Nia", "The meter reader never rang the bell", "Rain")
    )
    both = _write(files, "group.txt", group)
    report = workspace.ingest_paths([solo, both], "s")
    assert not report.failed, report
    home = workspace.settings.home

    erased = workspace.forget_participant("s", "Nia")

    assert erased.sources_removed == ["nia-diary.txt"]
    assert erased.sources_edited == ["group.txt"]
    for sentence in ("zebra crossing", "waited an hour", "never rang the bell"):
        assert raw_bytes_containing(home, sentence) == [], sentence
    remaining = workspace.sources("s")
    assert [s.file_name for s in remaining] == ["group.txt"]
    assert remaining[0].participants == ["Owen"]
    quotes = [c.quote for c in workspace.ask("bill paying online", ["s"]).citations]
    assert any("quarterly bill" in q for q in quotes)
    assert not any("zebra" in q for q in quotes)


def test_forget_an_unknown_participant_names_the_known_ones(workspace: Workspace, tmp_path):
    path = _write(tmp_path / "in", "a.txt", _interview("Owen", KEPT, "The app froze twice"))
    assert not workspace.ingest_paths([path], "s").failed
    from journeybot.core.errors import UsageError

    with pytest.raises(UsageError, match="participants: Owen"):
        workspace.forget_participant("s", "Nia")


def test_forget_the_whole_study_leaves_no_byte_of_it(workspace: Workspace, tmp_path) -> None:
    path = _write(tmp_path / "in", "a.txt", _interview("Nia", SECRET, "The app froze twice"))
    assert not workspace.ingest_paths([path], "s").failed
    workspace.journey_map("s")
    workspace.delete_study("s")
    assert raw_bytes_containing(workspace.settings.home, "zebra crossing") == []
    # Chroma leaves a deleted collection's vector index folder behind: its vectors, and
    # heap bytes its index library wrote unscrubbed. Erasure removes the folders.
    assert _index_folders(workspace.settings.home) == []


def test_erasure_leaves_only_the_live_collections_index_folders(
    workspace: Workspace, tmp_path: Path
) -> None:
    files = tmp_path / "in"
    gone = _write(files, "gone.txt", _interview("Nia", SECRET, "I cook on Sundays"))
    kept = _write(files, "kept.txt", _interview("Owen", KEPT, "The app froze twice"))
    assert not workspace.ingest_paths([gone, kept], "s").failed
    before = _index_folders(workspace.settings.home)
    assert len(before) == 2  # the study's segments and their question-and-answer twins

    workspace.forget("s", "gone.txt")

    after = _index_folders(workspace.settings.home)
    assert len(after) == 2 and not set(after) & set(before)  # rebuilt, old ones deleted
    quotes = [c.quote for c in workspace.ask("quarterly bill", ["s"]).citations]
    assert any("quarterly bill" in q for q in quotes)


def _index_folders(home: Path) -> list[str]:
    return sorted(p.name for p in (home / "chroma").iterdir() if p.is_dir())
