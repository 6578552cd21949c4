"""The map as one picture: a landscape page that stays legible with long stage names,
seven or more stages and empty stages. The PDF's text is read back with poppler."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from PIL import Image

from journeybot.core.models import (
    Citation,
    Claim,
    Coverage,
    JourneyMap,
    MomentOfTruth,
    Scope,
    StageInsight,
    Touchpoint,
)
from journeybot.exporters.map_picture import map_pdf, map_png, write_map_picture

LONG = "Waiting for the engineer and rebooking the installation appointment again"


def _citation(quote: str, who: str) -> Citation:
    return Citation(
        quote=quote, participant=who, source="a.txt", location="line 1", segment_id=f"s:{who}"
    )


def _stage(number: int, *, empty: bool = False, flag: bool = False) -> StageInsight:
    name = LONG if number == 2 else f"Stage {number}"
    if empty:
        return StageInsight(id=f"s{number}", name=name, has_evidence=False)
    quote = _citation("I was on hold for forty minutes on the helpline.", "P1")
    return StageInsight(
        id=f"s{number}",
        name=name,
        emotion=-0.6 if flag else 0.4,
        emotion_participants=3,
        segments=5,
        pain_points=[
            Claim(
                id=f"p{number}",
                text=f"On hold for ages at stage {number}",
                citations=[quote],
                participants=3,
            )
        ],
        touchpoints=[Touchpoint(name="Phone line", participants=3, citations=[quote])],
        moment_of_truth=MomentOfTruth(reason="Feeling drops sharply.", kind="swing")
        if flag
        else None,
    )


def _journey(count: int) -> JourneyMap:
    stages = [_stage(n, empty=n in (3, 6), flag=n == 4) for n in range(1, count + 1)]
    return JourneyMap(
        study="broadband",
        coverage=Coverage(study="broadband", participants=["P1", "P2", "P3"], sources=["a.txt"]),
        stages=stages,
        scope=Scope(actor="All participants", scenario="Moving home", goal="Online on day one"),
    )


@pytest.mark.parametrize("count", [4, 9])
def test_png_is_one_landscape_slide(count: int) -> None:
    image = Image.open(io.BytesIO(map_png(_journey(count))))
    width, height = image.size
    assert width > height and abs(width / height - 16 / 9) < 0.02
    assert width >= 1600  # sharp enough to read when a slide or Slack preview shrinks it


def _pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    assert tool, "poppler-utils is needed: apt-get install -y poppler-utils"
    return subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_pdf_with_nine_stages_holds_every_stage_flag_and_touchpoint(tmp_path: Path) -> None:
    out = write_map_picture(_journey(9), tmp_path / "map.pdf", "pdf")
    assert _pdf_pages(out) == 1
    text = " ".join(_pdf_text(out).split())
    for number in (1, 4, 9):
        assert f"Stage {number}" in text
    assert "Waiting for the" in text  # the long name is wrapped, not dropped
    assert text.count("no evidence") == 2  # both empty stages say so
    assert "moment of truth" in text and "Phone line (3)" in text
    assert "Scenario: Moving home" in text and "Goal: Online on day one" in text


def test_word_map_section_opens_with_the_picture(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from journeybot.exporters import ExportBundle, write_docx

    journey = _journey(5)
    bundle = ExportBundle(
        study="broadband",
        draft_id="map-x",
        journey=journey,
        personas=[],
        stages=[],
        generated_at=datetime.now(UTC),
    )
    document = docx.Document(str(write_docx(bundle, tmp_path / "map.docx")))
    body = document.element.body
    headings = [p for p in document.paragraphs if p.text == "Journey map"]
    after = headings[0]._p.getnext()
    assert after is not None and after.xpath(".//pic:pic"), "the map section opens with the picture"
    described = [
        d.get("descr")
        for d in body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert any(d and "moments of truth at Stage 4" in d for d in described)
    assert any(d and "Stage 4: −0.60 (n=3), a moment of truth" in d for d in described)
    assert map_pdf(journey).startswith(b"%PDF")
