"""Correcting a speaker through the real CLI process: answers and drafts follow."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli_pdpilot import _cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "speakers"
QUESTION = "phoned and waited forty minutes when the payment was raised"


def _cited(home: Path) -> set[str]:
    result = _cli(home, "ask", QUESTION, "--study", "fg", "--k", "20", "--json")
    assert result.returncode == 0, result.stderr
    return {c["participant"] for c in json.loads(result.stdout)["citations"]}


def test_after_speakers_set_ask_no_longer_cites_them_and_map_is_redrafted(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    ingest = _cli(home, "ingest", str(FIXTURES / "focus_group.txt"), "--study", "fg", "--json")
    assert ingest.returncode == 0, ingest.stderr
    item = json.loads(ingest.stdout)["sources"][0]
    assert item["roles"].endswith("interviewer: Priya; other: none")
    assert "Dana" in _cited(home)
    first_map = json.loads(_cli(home, "map", "--study", "fg", "--json").stdout)

    before = _cli(home, "speakers", "--study", "fg", "--json").stdout
    wrong = _cli(
        home, "speakers", "set", "focus_group.txt", "Zed", "--role", "other", "--study", "fg"
    )
    assert wrong.returncode == 2  # a name that does not exist is a usage error
    assert "'Priya', 'Alex', 'Beth', 'Chidi', 'Dana'" in wrong.stderr
    assert _cli(home, "speakers", "--study", "fg", "--json").stdout == before

    done = _cli(
        home, "speakers", "set", "focus_group.txt", "Dana", "--role", "other", "--study", "fg",
        "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    roles = {s["speaker"]: s["role"] for s in json.loads(done.stdout)["sources"][0]["speakers"]}
    assert roles["Dana"] == "other"
    assert "Dana" not in _cited(home)
    second_map = json.loads(_cli(home, "map", "--study", "fg", "--json").stdout)
    assert second_map["draft_id"] != first_map["draft_id"]
    named = {
        c["participant"]
        for stage in second_map["stages"]
        for row in ("actions", "thoughts", "feelings", "pain_points", "opportunities")
        for claim in stage[row]
        for c in claim["citations"]
    }
    assert "Dana" not in named
