"""A map that stays alive: one new interview, and the change summary says exactly what
it changed (a new theme, a theme that grew, nothing else), through the service and the
CLI; verdicts and action-plan cells carry over."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeybot.core.errors import UsageError
from journeybot.core.models import ActionCells, ClaimReview, ReviewStatus
from journeybot.core.settings import Settings
from journeybot.core.stages import load_stages
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.service.cli import app
from journeybot.service.workspace import Workspace

ACTIONABLE = Path(__file__).resolve().parents[1] / "synthesis" / "actionable"
STUDY = "broadband"
ESME = ACTIONABLE / "later" / "05_esme.txt"


@pytest.fixture
def workspace(settings: Settings, minilm: MiniLMEmbedder) -> Workspace:
    opened = Workspace.open(settings, embedder=minilm)
    assert not opened.ingest_paths(sorted((ACTIONABLE / "interviews").glob("*.txt")), STUDY).failed
    opened.set_stages(STUDY, load_stages(ACTIONABLE / "stages.yaml"))
    return opened


def test_no_map_yet_means_no_change_summary(workspace: Workspace) -> None:
    assert workspace.refresh_map(STUDY) is None


def test_one_new_interview_adds_a_theme_and_grows_one(workspace: Workspace) -> None:
    before = workspace.journey_map(STUDY)
    helpline = next(c for c in before.claims() if "had to phone the helpline" in c.text)
    assert helpline.participants == 3
    workspace.catalog.save_reviews(
        STUDY, [ClaimReview(claim_id=helpline.id, status=ReviewStatus.CONFIRMED)]
    )
    opportunity = next(
        c for s in before.stages for c in s.opportunities if "phone the helpline" in c.text
    )
    workspace.drafts.extras.save_action_cells(
        STUDY, {opportunity.id: ActionCells(owner="Support lead", feasibility="High")}
    )

    assert not workspace.ingest_paths([ESME], STUDY).failed
    changes = workspace.refresh_map(STUDY)

    assert changes is not None and changes.since_draft == before.draft_id
    # Esme emailed support and got a reply, as two others did: a theme shared by three appears.
    assert [(c.stage, c.row, c.after) for c in changes.new_themes] == [
        ("Getting help", "actions", 3)
    ]
    grown = {(c.row, c.before, c.after) for c in changes.grown}
    assert grown == {("pain_points", 3, 4), ("opportunities", 3, 4)}
    assert all("the helpline" in c.text for c in changes.grown)
    assert not (changes.shrunk or changes.feeling_moved or changes.new_moments)
    assert not changes.evidence_removed

    after = workspace.journey_map(STUDY)
    kept = next(c for s in after.stages for c in s.pain_points if "the helpline" in c.text)
    assert kept.status is ReviewStatus.CONFIRMED and kept.participants == 4
    carried = [i for i in after.action_plan if "the helpline" in i.text]
    assert [i.cells.owner for i in carried] == ["Support lead"]


def test_changes_since_a_draft_id_or_a_date(workspace: Workspace) -> None:
    before = workspace.journey_map(STUDY)
    between = datetime.now(UTC).isoformat()
    workspace.ingest_paths([ESME], STUDY)
    by_id = workspace.map_changes(STUDY, before.draft_id)
    assert len(by_id.new_themes) == 1 and len(by_id.grown) == 2
    by_time = workspace.map_changes(STUDY, between)
    assert by_time.since_draft == before.draft_id and len(by_time.new_themes) == 1
    today = workspace.map_changes(STUDY, datetime.now(UTC).date().isoformat())
    assert today.since_draft == by_time.draft and today.nothing  # the newest draft itself
    with pytest.raises(UsageError, match="neither a draft id nor a date"):
        workspace.map_changes(STUDY, "last tuesday")
    with pytest.raises(UsageError, match="no journey map drafted on or before 2001-01-01"):
        workspace.map_changes(STUDY, "2001-01-01")


def test_cli_prints_the_same_summary(workspace: Workspace, settings: Settings) -> None:
    before = workspace.journey_map(STUDY)
    workspace.ingest_paths([ESME], STUDY)
    runner = CliRunner()
    home = ["--home", str(settings.home)]
    text = runner.invoke(app, [*home, "map", "-s", STUDY, "--changes-since", before.draft_id])
    assert text.exit_code == 0, text.output
    assert "New theme at Getting help (action, 3)" in text.output
    assert "Grew from 3 to 4 participants at Installation" in text.output
    as_json = runner.invoke(
        app, [*home, "map", "-s", STUDY, "--changes-since", before.draft_id, "--json"]
    )
    data = json.loads(as_json.stdout)
    assert len(data["changes"]["new_themes"]) == 1 and data["changes"]["shrunk"] == []
    bad = runner.invoke(app, [*home, "map", "-s", STUDY, "--changes-since", "soon"])
    assert bad.exit_code == 2 and "neither a draft id nor a date" in bad.output
