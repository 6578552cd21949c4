"""A data folder holding the bundled demo study."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.service.demo import DEMO_STUDY, demo_files
from journeybot.service.workspace import Workspace


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory, minilm: MiniLMEmbedder) -> Path:
    """The demo study ingested with the real model (so ``ask`` works from the CLI)."""
    home = tmp_path_factory.mktemp("cli-home")
    workspace = Workspace.open(Settings(home=home, llm=None, chroma_host=None), embedder=minilm)
    report = workspace.ingest_paths(demo_files(), DEMO_STUDY)
    assert not report.failed
    return home


@pytest.fixture
def own_home(demo_home: Path, tmp_path: Path) -> Path:
    """A copy of the demo data folder that a test may change."""
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    return home
