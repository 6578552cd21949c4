"""Who may touch an embedded Chroma store, and when its in-memory state is stale.

Chroma's embedded store belongs to one process at a time: two processes writing to one
``PersistentClient`` folder left its metadata and vector segments at different sequence
numbers, and every later query crashed inside Chroma. Even a reader replays Chroma's log
into its segments, so reads are writes too. The guard therefore holds one inter-process
lock (``filelock``, a kept library, not our own) around every Chroma call, and keeps a
*generation* token in a file beside the store: a process that finds the token changed
since it last looked reopens its client, so it never acts on indexes another process has
since rewritten. Calls are short, so a reader waits at most one write batch.

A Chroma server serialises its writers itself; there the guard does nothing.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from journeybot.core.errors import StoreBusyError

#: How long a single Chroma call waits for another process's call to finish.
CALL_WAIT_SECONDS = 120.0


class StoreGuard:
    """No coordination: for a Chroma server, or a store only this process can see."""

    @contextmanager
    def hold(self, refresh: Callable[[], None]) -> Iterator[None]:
        yield

    def wrote(self) -> None:
        """Tell other processes that the store changed."""


class HomeGuard(StoreGuard):
    """An inter-process lock and a generation token in an embedded store's folder."""

    def __init__(self, folder: Path, *, wait_seconds: float = CALL_WAIT_SECONDS) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(folder / "journeybot-store.lock", timeout=wait_seconds)
        self._token_path = folder / "journeybot-generation"
        self._seen: str | None = None
        self._depth = threading.local()
        self._wait_seconds = wait_seconds

    @contextmanager
    def hold(self, refresh: Callable[[], None]) -> Iterator[None]:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise StoreBusyError(
                f"Another Journeybot process kept the evidence store busy for over "
                f"{self._wait_seconds:.0f} s; try again when it has finished."
            ) from exc
        depth = getattr(self._depth, "value", 0)
        self._depth.value = depth + 1
        try:
            if depth == 0:
                self._refresh_if_changed(refresh)
            yield
        finally:
            self._depth.value = depth
            self._lock.release()

    def wrote(self) -> None:
        token = uuid.uuid4().hex
        scratch = self._token_path.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_text(token, encoding="ascii")
        os.replace(scratch, self._token_path)
        self._seen = token

    def _refresh_if_changed(self, refresh: Callable[[], None]) -> None:
        # The first call always (re)connects: the client may predate the lock.
        current = self._read_token()
        if current != self._seen:
            refresh()
            self._seen = current

    def _read_token(self) -> str:
        try:
            return self._token_path.read_text(encoding="ascii")
        except FileNotFoundError:
            return ""
