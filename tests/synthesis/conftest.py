"""Fixtures for drafting tests: the planted corpus, read with the real ingestion API
and embedded with the real offline model, plus drafts of it made once per session."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from journeybot.core.models import DEFAULT_STAGES, JourneyMap, PersonaSet
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis.base import StudyEvidence
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from tests.synthesis.planted_corpus import PLANTED, load_evidence


@pytest.fixture(scope="session")
def planted_key() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PLANTED / "answer_key.yaml").read_text("utf-8"))
    return data


@pytest.fixture(scope="session")
def planted(minilm: MiniLMEmbedder) -> StudyEvidence:
    return load_evidence(PLANTED / "interviews", minilm)


@pytest.fixture(scope="session")
def planted_personas(planted: StudyEvidence) -> PersonaSet:
    return ExtractiveDrafter().draft_personas(planted)


@pytest.fixture(scope="session")
def planted_map(planted: StudyEvidence) -> JourneyMap:
    return ExtractiveDrafter().draft_map(planted, list(DEFAULT_STAGES))
