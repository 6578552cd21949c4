"""Fixtures for the exporter tests: the hand-built draft and one generated file."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.exporters import ExportBundle, write_docx
from tests.exporters.draft_fixture import make_bundle


@pytest.fixture
def bundle() -> ExportBundle:
    return make_bundle()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One generated .docx shared by the read-only tests of a module."""
    return write_docx(make_bundle(), tmp_path_factory.mktemp("export") / "draft.docx")
