"""Fixtures every test folder may use: an isolated home, settings and test embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder, MiniLMEmbedder

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT / "tests" / "corpus"
PDPILOT = CORPUS / "pdpilot"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings pointing at an empty home under ``tmp_path``; no Slack, no LLM."""
    return Settings(home=tmp_path / "home", llm=None, chroma_host=None)


@pytest.fixture
def hashing_embedder() -> HashingEmbedder:
    """Deterministic and instant; for tests about plumbing, not meaning."""
    return HashingEmbedder()


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedder:
    """The real offline model, loaded once per test session."""
    return MiniLMEmbedder()
