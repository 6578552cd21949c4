"""Help pages read like a command line's: real metavars, flags bare, defaults as values.

One snapshot per command (refresh with ``--snapshot-update`` and review the diff); the
list of commands is read from the app, so a new command gets a snapshot too.
"""

from __future__ import annotations

import re

import pytest
import typer
from syrupy.assertion import SnapshotAssertion
from typer.testing import CliRunner

from journeybot.service.cli import app

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
#: Typer's own rendering of Python types: ``<bool>``, ``<list[Path]>``, ``<int range>``.
PYTHON_TYPE = re.compile(r"<[\w\[\], ]+>")


def help_page(*args: str, home: str | None = None) -> str:
    env = {"COLUMNS": "80", "XDG_DATA_HOME": "/data", "JOURNEYBOT_HOME": home}
    result = CliRunner().invoke(app, [*args, "--help"], env=env, prog_name="journeybot")
    assert result.exit_code == 0, result.output
    return result.output


def test_top_level_help(snapshot: SnapshotAssertion) -> None:
    assert help_page() == snapshot


@pytest.mark.parametrize("command", COMMANDS)
def test_each_commands_help(command: str, snapshot: SnapshotAssertion) -> None:
    assert help_page(command) == snapshot


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_shows_no_python_types(command: str) -> None:
    page = help_page(*([command] if command else []))
    usage = page.splitlines()[0]
    assert PYTHON_TYPE.search(page) is None, page
    assert "{" not in usage, usage
    assert usage.startswith("Usage: journeybot")


def test_home_default_is_the_folder_itself() -> None:
    assert "[default: /data/journeybot]" in help_page()
    assert "[default: /srv/jb (JOURNEYBOT_HOME)]" in help_page(home="/srv/jb")


def test_arguments_and_values_are_named_in_usage_lines() -> None:
    assert help_page("ingest").splitlines()[0] == "Usage: journeybot ingest [OPTIONS] PATH..."
    assert help_page("ask").splitlines()[0] == "Usage: journeybot ask [OPTIONS] QUESTION"
    assert help_page("forget").splitlines()[0] == "Usage: journeybot forget [OPTIONS] [SOURCE]"
    ask = help_page("ask")
    assert "-s, --study STUDY" in ask
    assert "--k N" in ask and "[default: 8]" in ask
    assert re.search(r"^  --json +Print", ask, re.MULTILINE), "a flag takes no value"
