"""Running ``journeybot`` in-process against a data folder (fast; same code path as the
console script, from argument parsing to exit code)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from journeybot.service.cli import app


def invoke(home: Path, *args: str) -> Result:
    env = {"JOURNEYBOT_HOME": str(home), "COLUMNS": "120", "JOURNEYBOT_LLM": None}  # type: ignore[dict-item]
    return CliRunner().invoke(app, list(args), env=env, prog_name="journeybot")
