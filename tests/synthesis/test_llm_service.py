"""Through the draft service: a failed LLM draft stores nothing, a good one is stored."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from journeybot.core.errors import DraftingError
from journeybot.core.models import JourneyMap, Segment, Source
from journeybot.core.stages import default_stages
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.service.catalog import Catalog
from journeybot.service.drafting import DraftService
from journeybot.synthesis.llm.drafter import LLMDrafter
from tests.synthesis.test_llm_fakes import planted_segments, scripted

STUDY = "bookkeeping"


class SegmentsOnlyStore:
    """The one store call drafting makes, over planted segments."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.embedder = HashingEmbedder()

    def segments_with_vectors(self, study: str) -> tuple[list[Segment], np.ndarray]:
        return self.segments, self.embedder.embed([s.text for s in self.segments])


def service(
    tmp_path: Path, model: object, context_tokens: int = 8000
) -> tuple[DraftService, Catalog]:
    segments = planted_segments(STUDY)
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    for source_id in dict.fromkeys(seg.source_id for seg in segments):
        file_name = next(s.file_name for s in segments if s.source_id == source_id)
        catalog.add_source(
            Source(id=source_id, study=STUDY, file_name=file_name, format="txt"), "text"
        )
    drafter = LLMDrafter(
        model,  # type: ignore[arg-type]
        model_name="test:scripted",
        concurrency=1,
        context_tokens=context_tokens,
    )
    store = SegmentsOnlyStore(segments)
    return DraftService(store, catalog, drafter, store.embedder), catalog  # type: ignore[arg-type]


def test_a_draft_the_model_cannot_answer_leaves_nothing_stored(tmp_path: Path) -> None:
    drafts, catalog = service(tmp_path, scripted(*["{not json"] * 3))
    with pytest.raises(DraftingError):
        drafts.journey_map(STUDY, default_stages())
    assert catalog.drafts_of(STUDY) == []
    catalog.close()


def test_a_good_llm_draft_is_stored_with_its_coverage(tmp_path: Path) -> None:
    drafts, catalog = service(tmp_path, scripted())
    journey = drafts.journey_map(STUDY, default_stages())
    [(kind, body)] = catalog.drafts_of(STUDY)
    stored = JourneyMap.model_validate_json(body)
    assert kind == "map" and stored.draft_id == journey.draft_id
    assert stored.coverage.engine == "llm" and stored.coverage.prompt_versions
    assert [c.id for c in stored.claims()] == [c.id for c in journey.claims()]
    catalog.close()


def test_a_draft_made_with_another_context_size_is_not_handed_out(tmp_path: Path) -> None:
    """JOURNEYBOT_LLM_CONTEXT_TOKENS decides how evidence is cut into parts, so it is part
    of the cache key: the same size reuses the stored draft, another size drafts again."""
    drafts, catalog = service(tmp_path, scripted(), context_tokens=8000)
    drafts.journey_map(STUDY, default_stages())
    catalog.close()
    same, catalog = service(tmp_path, scripted(), context_tokens=8000)
    same.journey_map(STUDY, default_stages())
    assert len(catalog.drafts_of(STUDY)) == 1
    catalog.close()
    other, catalog = service(tmp_path, scripted(), context_tokens=16000)
    other.journey_map(STUDY, default_stages())
    assert len(catalog.drafts_of(STUDY)) == 2
    catalog.close()
