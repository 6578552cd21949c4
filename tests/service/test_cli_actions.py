"""The CLI's scope, touchpoints and actions commands, and export to a picture, in process
on a real home (embedded Chroma, catalog, MiniLM)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeybot.service.cli import app

ACTIONABLE = Path(__file__).resolve().parents[1] / "synthesis" / "actionable"
STUDY = "broadband"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("cli-home")
    args = ["--home", str(folder)]
    runner = CliRunner()
    done = runner.invoke(app, [*args, "ingest", str(ACTIONABLE / "interviews"), "-s", STUDY])
    assert done.exit_code == 0, done.output
    staged = runner.invoke(
        app, [*args, "stages", "-s", STUDY, "--set", str(ACTIONABLE / "stages.yaml")]
    )
    assert staged.exit_code == 0, staged.output
    return args


def _run(home: list[str], *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*home, *args])
    return result.exit_code, result.stdout, result.stderr


def test_scope_set_shown_and_in_the_map_json(home: list[str]) -> None:
    code, out, _ = _run(
        home,
        "scope",
        "-s",
        STUDY,
        "--scenario",
        "Moving home",
        "--goal",
        "Online on day one",
        "--json",
    )
    assert code == 0 and json.loads(out)["scope"]["goal"] == "Online on day one"
    code, out, _ = _run(home, "map", "-s", STUDY, "--json")
    data = json.loads(out)
    assert data["scope"] == {
        "actor": "All participants",
        "scenario": "Moving home",
        "goal": "Online on day one",
    }
    stage = next(s for s in data["stages"] if s["id"] == "installation")
    assert {"name", "participants", "citations"} <= set(stage["touchpoints"][0])
    assert stage["moment_of_truth"]["reason"]
    assert {"expected", "experienced"} == set(stage["expectation_gaps"][0])
    assert all("impact" in o for o in stage["opportunities"])


def test_bad_scope_is_a_usage_error(home: list[str]) -> None:
    code, _, err = _run(home, "scope", "-s", STUDY, "--scenario", "")
    assert code == 2 and "The scenario is empty" in err
    code, _, err = _run(home, "scope", "-s", STUDY, "--goal", "g" * 300)
    assert code == 2 and "The goal is 300 characters" in err


def test_study_touchpoint_names_reach_the_map(home: list[str]) -> None:
    code, out, _ = _run(home, "touchpoints", "-s", STUDY, "--add", "Router: router, hub", "--json")
    assert code == 0 and json.loads(out)["touchpoints"] == {"Router": ["hub", "router"]}
    _, out, _ = _run(home, "map", "-s", STUDY, "--json")
    named = {t["name"] for s in json.loads(out)["stages"] for t in s["touchpoints"]}
    assert "Router" in named


def test_actions_list_the_plan_by_impact(home: list[str]) -> None:
    code, out, _ = _run(home, "actions", "-s", STUDY, "--json")
    plan = json.loads(out)["actions"]
    assert code == 0 and plan
    assert [p["impact"] for p in plan] == sorted((p["impact"] for p in plan), reverse=True)
    code, out, _ = _run(home, "actions", "-s", STUDY)
    assert code == 0 and "unowned" in out


def test_export_png_and_pdf(home: list[str], tmp_path: Path) -> None:
    for suffix, magic in ((".png", b"\x89PNG"), (".pdf", b"%PDF")):
        code, out, _ = _run(home, "export", "-s", STUDY, "--out", str(tmp_path / f"map{suffix}"))
        assert code == 0, out
        assert (tmp_path / f"map{suffix}").read_bytes().startswith(magic)
    code, _, err = _run(
        home, "export", "-s", STUDY, "--out", str(tmp_path / "m.x"), "--format", "gif"
    )
    assert code == 2 and "Unknown export format 'gif'" in err
