"""One writer at a time per home: ingest, forget and repair are multi-step writes.

Each step of the evidence store is already guarded (``retrieval.guard``), but a forget
that rebuilds a study's collection, or an ingest that writes segments and then commits a
catalog row, must not interleave with another process's: the rebuild would drop the
other's segments. ``filelock`` gives the inter-process lock; a second writer is told it
is waiting, and gives up with a clear message after ``JOURNEYBOT_WRITER_WAIT_SECONDS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from journeybot.core.errors import StoreBusyError

#: Wait this long quietly before saying that another writer holds the home.
QUIET_WAIT_SECONDS = 0.2
WAITING_MESSAGE = "Another Journeybot process is writing to this home; waiting for it to finish..."


class WriterLock:
    def __init__(
        self,
        home: Path,
        *,
        wait_seconds: float,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        home.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(home / "writer.lock")
        self.wait_seconds = wait_seconds
        self.on_wait = on_wait

    @contextmanager
    def hold(self) -> Iterator[None]:
        try:
            self._lock.acquire(timeout=QUIET_WAIT_SECONDS)
        except Timeout:
            if self.on_wait is not None:
                self.on_wait(WAITING_MESSAGE)
            try:
                self._lock.acquire(timeout=self.wait_seconds)
            except Timeout as exc:
                raise StoreBusyError(
                    f"Another Journeybot process kept writing to this home for over "
                    f"{self.wait_seconds:.0f} s; try again when it has finished "
                    "(or raise JOURNEYBOT_WRITER_WAIT_SECONDS)."
                ) from exc
        try:
            yield
        finally:
            self._lock.release()
