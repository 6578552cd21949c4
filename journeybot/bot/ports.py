"""The part of ``service.Workspace`` the bot relies on, stated as a protocol.

Listeners are typed against this rather than the concrete class so the bot's contract
with the service layer is visible in one place, and tests can hand in a small fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from journeybot.core.models import (
    ActionItem,
    Answer,
    IngestReport,
    IngestResult,
    JourneyMap,
    PersonaSet,
    ReviewReport,
    Role,
    Scope,
    Source,
    Stage,
)
from journeybot.service.changes import MapChanges
from journeybot.service.listing import SourceSpeakers
from journeybot.service.records import IncomingFile, ProgressCallback, StudySummary


class StudyService(Protocol):
    def ingest_files(
        self,
        files: Sequence[IncomingFile],
        study: str,
        *,
        redact: bool | None = None,
        interviewers: Sequence[str] = (),
        uploaded_by: str | None = None,
        channel: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> IngestReport: ...

    def add_diary_entry(
        self,
        study: str,
        participant: str,
        text: str,
        *,
        date: str,
        posted_by: str | None = None,
        permalink: str | None = None,
        entry_id: str | None = None,
    ) -> IngestResult: ...

    def studies(self) -> list[StudySummary]: ...

    def sources(self, study: str) -> list[Source]: ...

    def forget(self, study: str, name_or_id: str) -> Source: ...

    def speakers(self, study: str, name_or_id: str | None = None) -> list[SourceSpeakers]: ...

    def set_speaker(
        self, study: str, name_or_id: str, speaker: str, role: Role, *, as_id: str | None = None
    ) -> SourceSpeakers: ...

    def ask(
        self, question: str, studies: Sequence[str], *, k: int = 8, history: Sequence[str] = ()
    ) -> Answer: ...

    def stages(self, study: str) -> list[Stage]: ...

    def set_stages(self, study: str, stages: Sequence[Stage]) -> None: ...

    def suggest_stages(self, study: str) -> list[Stage]: ...

    def personas(self, study: str) -> PersonaSet: ...

    def journey_map(
        self, study: str, *, persona: str | None = None, stages: Sequence[Stage] | None = None
    ) -> JourneyMap: ...

    def export(
        self,
        study: str,
        out: Path,
        *,
        persona: str | None = None,
        stages: Sequence[Stage] | None = None,
        fmt: str = "docx",
    ) -> Path: ...

    def validate(self, path: Path, study: str) -> ReviewReport: ...

    def study_for_channel(self, channel: str, *, default_name: str | None = None) -> str: ...

    def link_channel(self, channel: str, study: str) -> None: ...

    def study_names(self) -> dict[str, str]: ...

    def find_study(self, name: str) -> str | None: ...

    def rename_study(self, study: str, name: str) -> str: ...

    def channel_links(self) -> dict[str, str]: ...

    def set_diary(self, channel: str, on: bool) -> None: ...

    def is_diary(self, channel: str) -> bool: ...

    def claim_once(self, key: str, owner: str | None = None) -> bool: ...

    def remember(self, key: str, value: str) -> None: ...

    def recall(self, key: str) -> str | None: ...

    def prune_notes(self, older_than_days: float, keep_jobs: set[str]) -> int: ...

    def scope(self, study: str) -> Scope: ...

    def set_scope(
        self,
        study: str,
        *,
        scenario: str | None = None,
        goal: str | None = None,
        actor: str | None = None,
    ) -> Scope: ...

    def actions(self, study: str, *, persona: str | None = None) -> list[ActionItem]: ...

    def refresh_map(self, study: str) -> MapChanges | None: ...

    def latest_map(self, study: str) -> JourneyMap | None: ...

    def map_changes_from(self, study: str, before: JourneyMap) -> MapChanges: ...

    def touchpoint_names(self, study: str) -> dict[str, list[str]]: ...

    def add_touchpoint_names(self, study: str, names: dict[str, list[str]]) -> None: ...
