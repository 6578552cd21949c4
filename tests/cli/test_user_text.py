"""Names, files, studies and quotes print as written: never as Rich markup, never with
control characters that would garble or restyle the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.invoking import invoke

DIARY = (
    "participant,date,entry\n"
    "[/red],2026-01-05,The export kept failing [/i] and I nearly cancelled my plan.\n"
    '"Bea\x1b[31m",2026-01-06,Paying by card was quick but the fee annoyed me :smile:.\n'
)


def _diary(tmp_path: Path, name: str = "diary.csv") -> Path:
    path = tmp_path / name
    path.write_text(DIARY, encoding="utf-8")
    return path


def _assert_clean(output: str) -> None:
    assert "\x1b" not in output, "a control character reached the terminal"
    assert "Traceback" not in output


def test_markup_in_participant_names_and_quotes_prints_as_text(tmp_path: Path) -> None:
    home = tmp_path / "home"
    ingest = invoke(home, "ingest", str(_diary(tmp_path)), "--study", "diaries")
    assert ingest.exit_code == 0, ingest.output
    _assert_clean(ingest.stdout)
    assert "[/red]" in ingest.stdout and "Bea [31m" in ingest.stdout

    listed = invoke(home, "sources", "--study", "diaries")
    assert listed.exit_code == 0, listed.output
    _assert_clean(listed.stdout)
    assert "[/red]" in listed.stdout

    again = invoke(home, "ingest", str(_diary(tmp_path)), "--study", "diaries")
    assert again.exit_code == 0, again.output
    assert "duplicate" in again.stdout
    assert "Nothing new for study 'diaries': 1 file already there" in again.stdout

    answer = invoke(home, "ask", "Did the export fail?", "--study", "diaries")
    assert answer.exit_code == 0, answer.output
    _assert_clean(answer.stdout)
    assert "failing [/i] and I nearly cancelled" in answer.stdout
    assert "— [/red], diary.csv" in answer.stdout


def test_markup_in_a_study_name_prints_as_text(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for command in (
        ("ingest", str(_diary(tmp_path)), "--study", "[/b]"),
        ("sources", "--study", "[/b]"),
        ("stages", "--study", "[/b]"),
        ("studies",),
    ):
        result = invoke(home, *command)
        assert result.exit_code == 0, result.output
        _assert_clean(result.stdout)
        assert "[/b]" in result.stdout, command
    studies = json.loads(invoke(home, "studies", "--json").stdout)
    assert [s["study"] for s in studies["studies"]] == ["[/b]"]


def test_a_file_name_with_a_newline_and_an_escape_stays_on_its_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    odd = _diary(tmp_path, "odd\nname\x1b[2J.csv")
    result = invoke(home, "ingest", str(odd), "--study", "s")
    assert result.exit_code == 0, result.output
    _assert_clean(result.stdout)
    assert "odd name [2J.csv" in result.stdout
    missing = invoke(home, "ingest", str(tmp_path / "gone\n[red].txt"), "--study", "s")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("gone [red].txt: there is no such file")
    assert missing.stderr.count("\n") == 1
