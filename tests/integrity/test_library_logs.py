"""Libraries' own log lines stay out of a command's output unless -v asks for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingestion.conftest import pdf_bytes
from tests.integrity.cli import run


def _pdf_with_a_wrong_xref_pointer(path: Path) -> Path:
    data = pdf_bytes([["Dan: How do you start?", "Participant: With the docs, always."]])
    cut = data.rfind(b"startxref")
    path.write_bytes(data[:cut] + b"startxref\n99999\n%%EOF\n")
    return path


@pytest.mark.integration
def test_pypdf_warnings_are_quiet_by_default_and_shown_with_verbose(tmp_path: Path) -> None:
    pdf = _pdf_with_a_wrong_xref_pointer(tmp_path / "P6.pdf")
    quiet = run(tmp_path / "home", "ingest", str(pdf), "--study", "s", "--interviewer", "Dan")
    assert quiet.returncode == 0, quiet.stderr
    assert "pypdf" not in quiet.stderr and "startxref" not in quiet.stderr

    loud = run(tmp_path / "h2", "-v", "ingest", str(pdf), "--study", "s", "--interviewer", "Dan")
    assert loud.returncode == 0, loud.stderr
    assert "startxref" in loud.stderr
