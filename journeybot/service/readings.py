"""Readings made once at ingest: polarity, what kind of statement, likely stage.

``ask`` matches a question's intent against these, and drafting may read them instead of
re-deriving them. They come from the synthesis scoring code (``polarity.py``,
``rows.py``, ``stage_assign.py``); retrieval never imports synthesis, so the service layer
hands the store this reader. ``READINGS_VERSION`` is a hash of that scoring code and of the
stage classifier's weights: when either changes, a study's segments are read again (their
metadata only; vectors stay).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import inspect
from collections.abc import Callable, Sequence
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from journeybot.core.models import Segment, Stage
from journeybot.retrieval.embeddings import Embedder

if TYPE_CHECKING:
    from journeybot.synthesis.stage_assign import StageAssigner


#: The modules whose code makes readings, in the order their source is hashed.
READING_MODULES = (
    "background",
    "cues",
    "cues_everyday",
    "cues_implicit",
    "cues_outcomes",
    "cues_service",
    "emotions",
    "listener",
    "memo",
    "polarity",
    "polarity_clauses",
    "polarity_frames",
    "polarity_lexicon",
    "polarity_scope",
    "polarity_tokens",
    "quote_choice",
    "rows",
    "stage_assign",
    "stage_cues",
    "stage_model",
    "sentences",
    "statement",
    "stopwords",
    "terms",
)
#: Data files the readings depend on (``journeybot/data``), hashed with the code.
READING_DATA = ("stage_model.json",)


@functools.cache
def readings_version() -> str:
    """A hash of the code that makes readings; changes whenever any of it changes.

    The source files are read, not imported: every ``ask`` checks this version, and
    importing the scoring code (SciPy among it) would cost it half a second.
    """
    digest = hashlib.sha256()
    for name in READING_MODULES:
        digest.update(_source_text(f"journeybot.synthesis.{name}").encode("utf-8"))
    for file_name in READING_DATA:
        digest.update((resources.files("journeybot") / "data" / file_name).read_bytes())
    return digest.hexdigest()[:12]


def _source_text(module: str) -> str:
    """A module's source as ``inspect.getsource`` gives it (UTF-8, newlines as ``\\n``)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return inspect.getsource(importlib.import_module(module))
    with open(spec.origin, encoding="utf-8") as handle:
        return handle.read()


class SegmentReader:
    """Reads segments of one study (whole sources, so stages follow the conversation)."""

    def __init__(self, embedder: Embedder, stages_of: Callable[[str], Sequence[Stage]]) -> None:
        self.embedder = embedder
        self.stages_of = stages_of
        self._assigners: dict[str, StageAssigner] = {}

    def _assigner(self, study: str) -> StageAssigner:
        """One assigner per stage list: it embeds the stage descriptions once."""
        from journeybot.synthesis.stage_assign import StageAssigner

        stages = list(self.stages_of(study))
        key = "\n".join(stage.model_dump_json() for stage in stages)
        if key not in self._assigners:
            self._assigners[key] = StageAssigner(stages, self.embedder)
        return self._assigners[key]

    @property
    def version(self) -> str:
        return readings_version()

    def __call__(
        self, study: str, segments: Sequence[Segment], vectors: npt.NDArray[np.float32]
    ) -> list[Segment]:
        from journeybot.synthesis.background import answers_a_call_check
        from journeybot.synthesis.polarity import default_scorer
        from journeybot.synthesis.statement import statement_of

        if not segments:
            return []
        scorer = default_scorer()
        assignments = self._assigner(study).assign(segments, vectors)
        stage_of = {a.segment_id: a.stage_id for a in assignments}
        version = readings_version()
        read: list[Segment] = []
        for segment in segments:
            # an answer about the call itself ("can you hear me?") tells nothing
            about_the_call = answers_a_call_check(segment)
            polarity = 0.0 if about_the_call else scorer.score(segment.text, segment.context)
            read.append(
                segment.model_copy(
                    update={
                        "polarity": round(polarity, 4),
                        "statement": statement_of(segment.text, polarity),
                        "stage": stage_of.get(segment.id),
                        "readings_version": version,
                    }
                )
            )
        return read
