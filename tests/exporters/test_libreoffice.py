"""The Word draft opens and renders in LibreOffice, and a LibreOffice-saved copy reads back.

These run LibreOffice for real. CI installs it (libreoffice-writer-nogui, poppler-utils);
a machine without it fails here on purpose rather than skipping the check.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from journeybot.core.models import ReviewStatus
from journeybot.exporters import read_review
from tests.exporters.draft_fixture import DRAFT_ID, STUDY, make_bundle
from tests.exporters.reviewing import fill_review

pytestmark = pytest.mark.integration


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: apt-get install -y libreoffice-writer-nogui poppler-utils"
    return path


def _soffice(source: Path, target_format: str, out_dir: Path, profile: Path) -> Path:
    """Convert with a private profile, so parallel runs never share LibreOffice state."""
    out_dir.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [
            _tool("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    converted = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    assert completed.returncode == 0, completed.stderr
    assert converted.is_file(), f"no output from soffice: {completed.stdout} {completed.stderr}"
    return converted


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="module")
def pdf(exported: Path, profile: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _soffice(exported, "pdf", tmp_path_factory.mktemp("pdf"), profile)


def test_renders_to_pdf_with_a_plausible_page_count(pdf: Path) -> None:
    info = subprocess.run(
        [_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))  # type: ignore[union-attr]
    # cover, personas, two map pages + chart, validation, evidence, method
    assert 6 <= pages <= 14, info


def test_rendered_pages_carry_stage_names_and_computed_page_numbers(pdf: Path) -> None:
    text = subprocess.run(
        [_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    pages = text.split("\f")
    for stage in make_bundle().journey.stages:
        assert stage.name in text
    total = len([p for p in pages if p.strip()])
    assert f"Page 2 of {total}" in pages[1]
    assert f"Page {total} of {total}" in pages[total - 1]


def test_a_copy_saved_by_libreoffice_reads_back(
    exported: Path, profile: Path, tmp_path: Path
) -> None:
    reviewed = fill_review(
        exported,
        tmp_path / "reviewed.docx",
        {
            read_review(exported).reviews[0].claim_id: ("Confirmed", "Yes & agreed"),
            read_review(exported).reviews[-1].claim_id: ("Remove", "Only José, <once>"),
        },
    )
    resaved = _soffice(reviewed, "docx:MS Word 2007 XML", tmp_path / "resaved", profile)
    before = read_review(reviewed)
    after = read_review(resaved)
    assert (after.study, after.draft_id) == (STUDY, DRAFT_ID)
    assert after.reviews == before.reviews
    assert after.reviews[0].status is ReviewStatus.CONFIRMED
    assert after.reviews[-1].comment == "Only José, <once>"
