"""What the use cases hand in and out, shared by the CLI and the Slack app.

Kept apart from ``workspace`` so interfaces can type their inputs and replies without
importing the use cases themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from journeybot.core.models import IngestResult


@dataclass(frozen=True)
class IncomingFile:
    """A file handed to ingest: its name, its bytes, and where it was shared (if in Slack)."""

    name: str
    data: bytes
    permalink: str | None = None


@dataclass(frozen=True)
class IngestProgress:
    """Reported before each file (``current`` set) and after it (``latest`` set)."""

    done: int
    total: int
    latest: IngestResult | None = None
    current: str | None = None


ProgressCallback = Callable[[IngestProgress], None]


@dataclass(frozen=True)
class StudySummary:
    study: str
    sources: int
    participants: list[str]
    segments: int
    channels: list[str]
    last_personas_at: datetime | None
    last_map_at: datetime | None
    #: What people call the study (a channel's name, or a rename); ``None``: its id.
    title: str | None = None

    @property
    def name(self) -> str:
        return self.title or self.study
