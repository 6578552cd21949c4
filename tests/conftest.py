"""Fixtures every test folder may use: an isolated home, settings and test embedder."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder, MiniLMEmbedder

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT / "tests" / "corpus"
PDPILOT = CORPUS / "pdpilot"
BENCHMARKS = REPO_ROOT / "benchmarks"


def benchmark_module(name: str) -> ModuleType:
    """A script of ``benchmarks/`` imported as a module (its siblings importable while it
    loads), for tests that check what a benchmark or a fitting script reports."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(BENCHMARKS))


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
