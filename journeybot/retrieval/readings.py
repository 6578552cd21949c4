"""How the store gets segments read at write time without knowing how reading is done.

Readings (polarity, kind of statement, likely stage) are made by synthesis code; the
service layer hands the store a ``Reader``. The store calls it on segments it is about to
write, with their vectors, and again on a whole study whose readings are of an older
version (``refresh_readings``), updating metadata only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from journeybot.core.models import Segment, Stage
from journeybot.retrieval.chroma import READ_PAGE, READINGS_KEY, segment_metadata

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

__all__ = ["READINGS_KEY", "KnowsStages", "Reader", "reread"]


class Reader(Protocol):
    @property
    def version(self) -> str: ...

    def __call__(
        self, study: str, segments: Sequence[Segment], vectors: npt.NDArray[np.float32]
    ) -> list[Segment]: ...


@runtime_checkable
class KnowsStages(Protocol):
    """A reader that knows each study's stage list (for questions about a stage)."""

    stages_of: Callable[[str], Sequence[Stage]]


def reread(
    collection: Collection,
    reader: Reader,
    study: str,
    segments: Sequence[Segment],
    vectors: npt.NDArray[np.float32],
) -> None:
    """Read a study's segments again, source by source; update their metadata only."""
    by_source: dict[str, list[int]] = {}
    for row, segment in enumerate(segments):
        by_source.setdefault(segment.source_id, []).append(row)
    for rows in by_source.values():
        read = reader(study, [segments[r] for r in rows], vectors[rows])
        for begin in range(0, len(read), READ_PAGE):
            page = read[begin : begin + READ_PAGE]
            collection.update(
                ids=[s.id for s in page], metadatas=[segment_metadata(s) for s in page]
            )
    collection.modify(metadata={**(collection.metadata or {}), READINGS_KEY: reader.version})
