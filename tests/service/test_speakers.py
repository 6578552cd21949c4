"""Reviewing and correcting speakers on a real embedded Chroma and catalog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from journeybot.core.errors import SpeakerNotFoundError
from journeybot.core.models import Role, Segment
from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.store import EvidenceStore
from journeybot.service.workspace import Workspace

FIXTURES = Path(__file__).parents[1] / "fixtures" / "speakers"
ZOOM = "zoom_two_interviewers.vtt"
_DANA = "phoned and waited forty minutes when the payment was raised"


@pytest.fixture
def workspace(settings: Settings, hashing_embedder: HashingEmbedder) -> Workspace:
    workspace = Workspace.open(settings, embedder=hashing_embedder)
    files = [FIXTURES / ZOOM, FIXTURES / "household_member.txt", FIXTURES / "focus_group.txt"]
    report = workspace.ingest_paths(files, "energy")
    assert not report.failed
    return workspace


def _cited(workspace: Workspace, question: str) -> set[str]:
    return {c.participant for c in workspace.ask(question, ["energy"], k=20).citations}


def _state(workspace: Workspace) -> tuple[list[str], list[tuple[str, str]]]:
    segments = sorted(s.id for s in workspace.store.segments("energy"))
    roles = [
        (entry.speaker, entry.role.value)
        for item in workspace.speakers("energy")
        for entry in item.speakers
    ]
    return segments, roles


def test_speakers_lists_every_source_with_role_share_turns_and_reason(
    workspace: Workspace,
) -> None:
    listed = {item.file: item for item in workspace.speakers("energy")}
    zoom = listed[ZOOM]
    assert zoom.roles.startswith("participant: Tom B. (")  # surnames redacted by default
    roles = {s.speaker: (s.role, s.turns, s.decided_by) for s in zoom.speakers}
    assert roles["Luis F."] == (Role.INTERVIEWER, 3, "conversation")
    assert all(s.reason and 0 < s.share < 1 for s in zoom.speakers)


def test_set_changes_who_is_cited_and_the_next_map_is_redrafted(workspace: Workspace) -> None:
    question = "phoned and waited forty minutes when the payment was raised"
    before_map = workspace.journey_map("energy")
    assert "Dana" in _cited(workspace, question)
    result = workspace.set_speaker("energy", "focus_group.txt", "Dana", Role.OTHER)
    assert "Dana" in [s.speaker for s in result.speakers if s.role is Role.OTHER]
    assert "Dana" not in _cited(workspace, question)
    after_map = workspace.journey_map("energy")
    assert after_map.draft_id != before_map.draft_id
    cited = {c.participant for claim in after_map.claims() for c in claim.citations}
    assert "Dana" not in cited
    stored = {s.participant for s in workspace.store.segments("energy")}
    assert "Dana" not in stored


def test_set_as_files_a_speaker_under_an_id(workspace: Workspace) -> None:
    result = workspace.set_speaker(
        "energy", "household_member.txt", "Agnieszka", Role.PARTICIPANT, as_id="P07"
    )
    entry = next(s for s in result.speakers if s.speaker == "P07")
    assert (entry.role, entry.decided_by) == (Role.PARTICIPANT, "researcher")
    assert "P07" in {s.participant for s in workspace.store.segments("energy")}
    source = next(s for s in workspace.sources("energy") if s.file_name == "household_member.txt")
    assert source.participants == ["Marek", "P07"]


def test_an_unknown_name_lists_the_speakers_and_changes_nothing(workspace: Workspace) -> None:
    before = _state(workspace)
    with pytest.raises(SpeakerNotFoundError) as caught:
        workspace.set_speaker("energy", ZOOM, "Zed", Role.OTHER)
    assert "'Hannah O.', 'Tom B.', 'Luis F.'" in caught.value.user_message  # surnames redacted
    assert _state(workspace) == before


class _FailingStore(EvidenceStore):
    """A real store whose writes fail after ``allowed`` batches: a crash mid-correction."""

    fail_add = False
    fail_delete = False

    def add(self, segments: Sequence[Segment], **kwargs: object) -> int:  # type: ignore[override]
        if self.fail_add:
            super().add(list(segments)[:1])
            raise OSError("disk full")
        return super().add(segments)

    def delete_segments(self, study: str, ids: Sequence[str]) -> int:
        if self.fail_delete:
            raise OSError("connection lost")
        return super().delete_segments(study, ids)


def test_a_failed_write_leaves_the_old_state(
    settings: Settings, hashing_embedder: HashingEmbedder
) -> None:
    store = _FailingStore(EvidenceStore.open(settings, hashing_embedder).client, hashing_embedder)
    workspace = Workspace.open(settings, store=store, embedder=hashing_embedder)
    workspace.ingest_paths([FIXTURES / "focus_group.txt"], "energy")
    before = _state(workspace)
    store.fail_add = True
    with pytest.raises(OSError):
        workspace.set_speaker("energy", "focus_group.txt", "Dana", Role.OTHER)
    assert _state(workspace) == before
    assert "Dana" in _cited(workspace, _DANA)


def test_a_crash_before_cleanup_shows_only_the_new_state(
    settings: Settings, hashing_embedder: HashingEmbedder
) -> None:
    store = _FailingStore(EvidenceStore.open(settings, hashing_embedder).client, hashing_embedder)
    workspace = Workspace.open(settings, store=store, embedder=hashing_embedder)
    workspace.ingest_paths([FIXTURES / "focus_group.txt"], "energy")
    store.fail_delete = True
    workspace.set_speaker("energy", "focus_group.txt", "Dana", Role.OTHER)
    assert "Dana" in {s.participant for s in store.segments("energy")}  # orphans remain
    assert "Dana" not in _cited(workspace, _DANA)
    evidence = workspace.drafts.evidence("energy")
    assert "Dana" not in {s.participant for s in evidence.segments}
    store.fail_delete = False
    workspace.set_speaker("energy", "focus_group.txt", "Chidi", Role.OTHER)
    assert "Dana" not in {s.participant for s in store.segments("energy")}
