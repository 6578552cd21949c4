"""A Rich progress bar for long ingests, shown only to a person at a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from journeybot.service.records import IngestProgress, ProgressCallback
from journeybot.service.render import safe


@contextmanager
def ingest_progress(*, enabled: bool) -> Iterator[ProgressCallback | None]:
    """Yields a callback for ``Workspace.ingest_paths``; ``None`` when nobody is watching."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    columns = (
        TextColumn("[bold]Ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(event: IngestProgress) -> None:
            name = event.current or (event.latest.file if event.latest else "")
            bar.update(task, total=event.total, completed=event.done, description=safe(name))

        yield update
