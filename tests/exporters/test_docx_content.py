"""What a generated Word draft contains, read back with python-docx."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.table import Table

from journeybot.core.models import DEFAULT_STAGES, Stage, StageInsight
from journeybot.exporters import ExportBundle, dump_docx_text, write_docx
from journeybot.exporters.bundle import build_evidence_index, claim_entries
from tests.exporters.draft_fixture import DRAFT_ID, EMPTY_STAGE, STUDY, make_bundle


def _open(path: Path) -> DocumentObject:
    return docx.Document(str(path))


def _table_with_header(document: DocumentObject, first_cell: str) -> list[Table]:
    return [t for t in document.tables if t.rows[0].cells[0].text.strip() == first_cell]


def _map_cells(document: DocumentObject) -> dict[str, dict[str, str]]:
    """stage name -> row label -> cell text, across all parts of the map table."""
    cells: dict[str, dict[str, str]] = {}
    for table in _table_with_header(document, "Stage"):
        header = [c.text.split("\n")[0] for c in table.rows[0].cells]
        if header[1:] and header[1] in {s.name for s in DEFAULT_STAGES}:
            for row in table.rows[1:]:
                label = row.cells[0].text
                for name, cell in zip(header[1:], row.cells[1:], strict=True):
                    cells.setdefault(name, {})[label] = cell.text
    return cells


def test_map_table_names_every_stage_in_order(exported: Path) -> None:
    document = _open(exported)
    names = list(_map_cells(document))
    assert names == [stage.name for stage in make_bundle().journey.stages]


def test_validation_table_lists_every_claim_id_with_its_status(exported: Path) -> None:
    document = _open(exported)
    [table] = _table_with_header(document, "Claim ID")
    rows = {row.cells[0].text: row.cells[3].text for row in table.rows[1:]}
    bundle = make_bundle()
    every_claim = [c for p in bundle.personas for c in p.claims()] + bundle.journey.claims()
    assert set(rows) == {claim.id for claim in every_claim}
    for claim in every_claim:
        assert rows[claim.id].lower() == claim.status.value


def test_every_cited_quote_is_in_the_appendix_once(exported: Path) -> None:
    document = _open(exported)
    [table] = _table_with_header(document, "#")
    appendix = [row.cells[1].text for row in table.rows[1:]]
    bundle = make_bundle()
    cited = {c.quote for p in bundle.personas for c in p.quotes}
    cited |= {c.quote for claim in bundle.journey.claims() for c in claim.citations}
    cited |= {c.quote for p in bundle.personas for claim in p.claims() for c in claim.citations}
    assert sorted(appendix) == sorted(f"“{quote}”" for quote in cited)
    assert any("&" in q and "🎉" in q for q in appendix)
    assert any("<b>" in q for q in appendix)


def test_citation_numbers_point_at_the_right_quotes(exported: Path) -> None:
    document = _open(exported)
    [table] = _table_with_header(document, "#")
    by_number = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    cells = _map_cells(document)
    support_pain = cells["Support"]["Pain points"]
    numbers = re.findall(r"\[\d+\]", support_pain)
    quoted = {by_number[n] for n in numbers}
    expected = {f"“{c.quote}”" for c in make_bundle().journey.stages[5].pain_points[0].citations}
    assert quoted == expected


def test_claims_show_strength_and_unsupported_claims_are_marked(exported: Path) -> None:
    cells = _map_cells(_open(exported))
    assert "2 participants" in cells["Awareness"]["Actions"]
    assert "thin evidence" not in cells["Awareness"]["Actions"]
    assert "1 participant · thin evidence" in cells["Awareness"]["Thoughts"]
    assert cells["Consideration"]["Opportunities"].startswith("Unsupported: ")
    assert "(negative, −0.45)" in cells["Consideration"]["Feelings"]


def test_stage_without_evidence_says_so(exported: Path) -> None:
    cells = _map_cells(_open(exported))
    assert cells["Purchase"]["Actions"] == "No evidence was placed at this stage."
    empty = [s for s in make_bundle().journey.stages if s.id == EMPTY_STAGE]
    assert empty and not empty[0].has_evidence


def test_map_picture_and_emotion_chart_are_embedded_pngs(exported: Path) -> None:
    document = _open(exported)
    assert len(document.inline_shapes) == 2  # the one-page map, then the emotion curve
    image_parts = [p for p in document.part.package.parts if p.content_type == "image/png"]
    assert len(image_parts) == 2
    assert all(part.blob.startswith(b"\x89PNG") for part in image_parts)
    picture, curve = (shape._inline.docPr.get("descr") for shape in document.inline_shapes)
    assert "on one page: 7 stages" in picture
    assert "Purchase: no evidence" in curve


def test_real_heading_styles_are_used(exported: Path) -> None:
    document = _open(exported)
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert ("Heading 1", "Journey map") in headings
    assert ("Heading 1", "Validation") in headings
    assert ("Heading 2", "The round-runner sole trader") in headings
    assert ("Heading 3", "Representative quotes") in headings


def test_every_table_repeats_its_header_row(exported: Path) -> None:
    document = _open(exported)
    assert len(document.tables) >= 5
    for table in document.tables:
        flags = table.rows[0]._tr.findall(f"{qn('w:trPr')}/{qn('w:tblHeader')}")
        assert flags, table.rows[0].cells[0].text


def test_footer_has_a_page_number_field(exported: Path) -> None:
    document = _open(exported)
    footer = document.sections[0].footer
    instructions = [e.text.strip() for e in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert STUDY in footer.paragraphs[0].text
    assert all(section.footer.is_linked_to_previous for section in document.sections[1:])


def test_map_is_landscape_and_the_rest_portrait(exported: Path) -> None:
    document = _open(exported)
    wide = [int(s.page_width or 0) > int(s.page_height or 0) for s in document.sections]
    assert wide == [False, True, False]


def test_identity_marker_is_in_properties_and_body(exported: Path) -> None:
    document = _open(exported)
    assert document.core_properties.subject == STUDY
    assert document.core_properties.identifier.endswith(DRAFT_ID)
    assert any(DRAFT_ID in p.text and STUDY in p.text for p in document.paragraphs)


def test_nine_stages_split_into_two_tables_with_row_labels(tmp_path: Path) -> None:
    stages = make_bundle().journey.stages + [
        StageInsight(id=f"extra-{i}", name=f"Extra {i}", has_evidence=False) for i in (1, 2)
    ]
    out = write_docx(make_bundle(stages), tmp_path / "nine.docx")
    document = _open(out)
    map_tables = [
        t for t in _table_with_header(document, "Stage") if t.rows[1].cells[0].text == "Actions"
    ]
    assert [len(t.columns) - 1 for t in map_tables] == [5, 4]
    for table in map_tables:
        labels = [row.cells[0].text for row in table.rows]
        assert labels == [
            "Stage",
            "Actions",
            "Thoughts",
            "Feelings",
            "Pain points",
            "Opportunities",
            "Emotion",
        ]


def test_a_draft_without_personas_or_claims_still_exports(tmp_path: Path) -> None:
    bundle = make_bundle([StageInsight(id="only", name="Only", has_evidence=False)])
    bundle.personas = []
    bundle.stages = [Stage(id="only", name="Only")]
    out = write_docx(bundle, tmp_path / "empty.docx")
    text = dump_docx_text(out)
    assert "No personas were drafted." in text
    assert "No quotes were cited." in text


def test_same_quote_cited_twice_gets_one_number(bundle: ExportBundle) -> None:
    index = build_evidence_index(bundle)
    keys = [(c.segment_id, c.quote) for c in index.citations]
    assert len(keys) == len(set(keys))
    dawn_first = bundle.personas[0].goals[0].citations[0]
    again = bundle.journey.stages[4].thoughts[0].citations[0]
    assert dawn_first == again
    assert index.number(dawn_first) == index.number(again)


def test_validation_rows_follow_document_order(bundle: ExportBundle) -> None:
    wheres = [entry.where for entry in claim_entries(bundle)]
    first_map = next(i for i, w in enumerate(wheres) if w.startswith("Map:"))
    assert all(w.startswith("Persona:") for w in wheres[:first_map])
    assert all(w.startswith("Map:") for w in wheres[first_map:])


def test_write_into_a_missing_folder_is_a_clear_error(bundle: ExportBundle, tmp_path: Path) -> None:
    from journeybot.core.errors import ExportError

    with pytest.raises(ExportError, match="nowhere"):
        write_docx(bundle, tmp_path / "nowhere" / "draft.docx")
    assert not (tmp_path / "nowhere").exists()


def test_text_dump_snapshot(exported: Path, snapshot: object) -> None:
    assert dump_docx_text(exported) == snapshot
