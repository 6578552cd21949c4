"""A recording wrapper around the real ``Workspace``, for assertions on what it was asked."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from journeybot.core.models import Answer
from journeybot.service.records import IncomingFile


class RecordingWorkspace:
    """Wraps a real ``Workspace``: same behaviour, plus what it was asked, for assertions."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._lock = threading.Condition()
        self.claims: list[tuple[str, bool]] = []
        self.asked: list[tuple[str, list[str], list[str]]] = []
        self.ingested: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def claim_once(self, key: str, owner: str | None = None) -> bool:
        first = bool(self._inner.claim_once(key, owner))
        with self._lock:
            self.claims.append((key, first))
            self._lock.notify_all()
        return first

    def wait_claims(self, key: str, count: int, timeout: float = 10.0) -> list[bool]:
        with self._lock:
            done = self._lock.wait_for(
                lambda: sum(k == key for k, _ in self.claims) >= count, timeout
            )
            assert done, f"{key} was not claimed {count} times"
            return [first for k, first in self.claims if k == key]

    def ask(self, question: str, studies: Sequence[str], **kwargs: Any) -> Answer:
        with self._lock:
            self.asked.append((question, list(studies), list(kwargs.get("history", ()))))
        return self._inner.ask(question, studies, **kwargs)

    def ingest_files(self, files: Sequence[IncomingFile], study: str, **kwargs: Any) -> Any:
        with self._lock:
            self.ingested.extend(file.name for file in files)
        return self._inner.ingest_files(files, study, **kwargs)
