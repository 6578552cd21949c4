"""The map's action layer through the service: scope, and the action plan's round trip
through Word (python-docx, and a copy saved by LibreOffice), carried into later drafts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.table import Table

from journeybot.core.errors import UsageError
from journeybot.core.models import ActionCells, ActionItem
from journeybot.core.settings import Settings
from journeybot.exporters.action_reader import read_action_plan
from journeybot.exporters.docx_text import dump_docx_text
from journeybot.exporters.identity import ACTION_HEADERS
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.service.demo import demo_files
from journeybot.service.records import IncomingFile
from journeybot.service.workspace import Workspace
from journeybot.synthesis.actions import sort_plan

STUDY = "fernbill"


@pytest.fixture
def workspace(settings: Settings, hashing_embedder: HashingEmbedder) -> Workspace:
    opened = Workspace.open(settings, embedder=hashing_embedder)
    assert not opened.ingest_paths(demo_files(), STUDY).failed
    return opened


def plan_table(document: docx.document.Document) -> Table:
    for table in document.tables:
        if [c.text for c in table.rows[0].cells] == list(ACTION_HEADERS):
            return table
    raise AssertionError("no action-plan table")


def fill_plan(source: Path, out: Path, rows: dict[int, tuple[str, str, str, str]]) -> Path:
    """Type feasibility, owner, metric and due date into plan rows, as a lead would."""
    document = docx.Document(str(source))
    table = plan_table(document)
    for number, values in rows.items():
        cells = table.rows[number].cells
        for cell, value in zip(cells[4:], values, strict=True):
            cell.text = value
    document.save(str(out))
    return out


def test_scope_shows_on_the_map_and_the_cover(workspace: Workspace, tmp_path: Path) -> None:
    workspace.set_scope(STUDY, scenario="Getting paid for a job", goal="Paid within a week")
    journey = workspace.journey_map(STUDY)
    assert journey.scope.model_dump() == {
        "actor": "All participants",
        "scenario": "Getting paid for a job",
        "goal": "Paid within a week",
    }
    assert journey.model_dump(mode="json")["scope"]["goal"] == "Paid within a week"
    out = workspace.export(STUDY, tmp_path / "map.docx")
    text = dump_docx_text(out)
    assert "Scenario: Getting paid for a job" in text and "Goal: Paid within a week" in text


@pytest.mark.parametrize(
    ("value", "message"),
    [("   ", "The goal is empty"), ("x" * 201, "The goal is 201 characters")],
)
def test_bad_scope_values_get_a_clear_message_and_change_nothing(
    workspace: Workspace, value: str, message: str
) -> None:
    workspace.set_scope(STUDY, scenario="Getting paid")
    with pytest.raises(UsageError, match=message):
        workspace.set_scope(STUDY, scenario="Something else", goal=value)
    assert workspace.scope(STUDY).scenario == "Getting paid"


def test_action_plan_is_sorted_by_impact_with_basis_and_metric(workspace: Workspace) -> None:
    plan = workspace.actions(STUDY)
    assert plan, "the demo's pain themes yield opportunities"
    impacts = [item.impact for item in plan]
    assert impacts == sorted(impacts, reverse=True)
    for item in plan:
        assert f"= {item.impact:.2f}" in item.impact_basis
        assert item.suggested_metric.split()[0] in {"CES", "CSAT", "NPS"}
        assert item.cells == ActionCells()


def _filled(workspace: Workspace, tmp_path: Path) -> Path:
    exported = workspace.export(STUDY, tmp_path / "map.docx")
    return fill_plan(
        exported,
        tmp_path / "reviewed.docx",
        {
            1: ("High", "Ana (finance)", "CES", "2027-03-31"),
            2: ("Low", "Ben", "", "31/04/2027"),  # no 31 April: reported, rest applied
        },
    )


def test_plan_cells_round_trip_through_word(workspace: Workspace, tmp_path: Path) -> None:
    reviewed = _filled(workspace, tmp_path)
    document = docx.Document(str(reviewed))
    first, second = (r.cells[0].text for r in plan_table(document).rows[1:3])
    owner = plan_table(document).rows[3].cells[5]
    owner.add_table(1, 1).cell(0, 0).text = "Carla"  # a table where a name should be
    third = plan_table(document).rows[3].cells[0].text
    plan_table(document).rows[3].cells[4].text = "Medium"
    document.save(str(reviewed))

    report = workspace.validate(reviewed, STUDY)
    assert report.actions_applied >= 3
    assert any(third in p and "Owner" in p and "table" in p for p in report.action_problems)
    assert any(
        second in p and "Due date" in p and "31/04/2027" in p for p in report.action_problems
    )
    assert len(report.action_problems) == 2
    cells = {item.opportunity_id: item.cells for item in workspace.actions(STUDY)}
    assert cells[first] == ActionCells(
        feasibility="High", owner="Ana (finance)", metric="CES", due="2027-03-31"
    )
    assert cells[second] == ActionCells(feasibility="Low", owner="Ben")
    assert cells[third] == ActionCells(feasibility="Medium")


def test_plan_cells_carry_over_to_a_later_draft(workspace: Workspace, tmp_path: Path) -> None:
    reviewed = _filled(workspace, tmp_path)
    workspace.validate(reviewed, STUDY)
    before = {i.opportunity_id: i.cells for i in workspace.actions(STUDY) if i.cells.owner}
    draft_before = workspace.journey_map(STUDY).draft_id
    text = "Interviewer: How do you get paid?\n\nZoe: I chase invoices by phone every Friday.\n"
    workspace.ingest_files([IncomingFile(name="zoe.txt", data=text.encode())], STUDY)
    assert workspace.journey_map(STUDY).draft_id != draft_before
    after = {i.opportunity_id: i.cells for i in workspace.actions(STUDY)}
    kept = {key: after[key] for key in before if key in after}
    assert kept and all(kept[key] == before[key] for key in kept)
    exported = workspace.export(STUDY, tmp_path / "again.docx")
    assert "Ana (finance)" in dump_docx_text(exported)


def test_feasibility_draws_the_chart_once_known(workspace: Workspace, tmp_path: Path) -> None:
    before = workspace.export(STUDY, tmp_path / "unranked.docx")
    assert "## Impact and feasibility" not in dump_docx_text(before)
    workspace.validate(_filled(workspace, tmp_path), STUDY)
    exported = workspace.export(STUDY, tmp_path / "ranked.docx")
    assert "## Impact and feasibility" in dump_docx_text(exported)


def _item(key: str, impact: float, feasibility: str | None) -> ActionItem:
    return ActionItem(
        opportunity_id=key,
        stage="Support",
        text=key,
        impact=impact,
        impact_basis="b",
        participants=1,
        suggested_metric="CSAT for this stage",
        cells=ActionCells(feasibility=feasibility),
    )


def test_plan_sorts_by_impact_then_feasibility() -> None:
    items = [
        _item("a", 1.0, None),
        _item("b", 1.0, "Low"),
        _item("c", 2.0, None),
        _item("d", 1.0, "high"),
        _item("e", 1.0, "Medium"),
    ]
    assert [i.opportunity_id for i in sort_plan(items)] == ["c", "d", "e", "b", "a"]


@pytest.mark.integration
def test_plan_cells_read_back_from_a_libreoffice_copy(workspace: Workspace, tmp_path: Path) -> None:
    reviewed = _filled(workspace, tmp_path)
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install -y libreoffice-writer-nogui"
    out_dir = tmp_path / "resaved"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(reviewed),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = out_dir / reviewed.name
    original = read_action_plan(docx.Document(str(reviewed)))
    copy = read_action_plan(docx.Document(str(resaved)))
    assert copy.cells == original.cells and copy.problems == original.problems
    assert any(c.owner == "Ana (finance)" and c.due == "2027-03-31" for c in copy.cells.values())
    report = workspace.validate(resaved, STUDY)
    assert report.actions_applied == len(original.cells)
