"""Exit codes, "did you mean", and output that says what actually happened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeybot.service.demo import demo_dir
from tests.cli.invoking import invoke

QUESTION = "What do people say about paying?"


@pytest.mark.parametrize(
    "command",
    [("ask", QUESTION), ("sources",), ("stages",), ("personas",), ("map",), ("forget", "x.txt")],
)
def test_a_mistyped_study_is_a_usage_error_that_names_the_likely_one(
    demo_home: Path, command: tuple[str, ...]
) -> None:
    result = invoke(demo_home, *command, "--study", "dmeo")
    assert result.exit_code == 2, result.output
    assert result.stderr == "There is no study 'dmeo'; did you mean 'demo'?\n"


def test_a_study_nothing_resembles_gets_no_suggestion(demo_home: Path) -> None:
    result = invoke(demo_home, "sources", "--study", "onboarding-2026")
    assert result.exit_code == 2
    assert "did you mean" not in result.stderr
    assert "'onboarding-2026'" in result.stderr


def test_json_mode_still_prints_one_error_document(demo_home: Path) -> None:
    result = invoke(demo_home, "sources", "--study", "Demo", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["code"] == "study_not_found"
    assert "did you mean 'demo'?" in result.stderr


def test_a_mistyped_source_names_the_file_it_resembles(demo_home: Path) -> None:
    result = invoke(demo_home, "forget", "interview-01-dawn-window-cleaner.tx", "--study", "demo")
    assert result.exit_code == 2
    assert result.stderr.endswith("did you mean 'interview-01-dawn-window-cleaner.txt'?\n")


@pytest.mark.parametrize(
    "args",
    [
        ("sources",),  # --study missing
        ("ask", "--study", "demo"),  # QUESTION missing
        ("ask", QUESTION, "--study", "demo", "--k", "0"),
        ("sources", "--study", "demo", "--colour"),
        ("nosuchcommand",),
        ("forget", "--study", "demo"),  # neither a source nor --all
        ("map", "--study", "demo", "--save"),  # --save without --stages
        ("export", "--study", "demo", "--out", "x.docx", "--format", "pdf"),
    ],
)
def test_every_usage_error_exits_2(demo_home: Path, args: tuple[str, ...]) -> None:
    result = invoke(demo_home, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip(), "a usage error says what was wrong"


def test_a_missing_file_fails_without_claiming_an_ingest(own_home: Path) -> None:
    result = invoke(own_home, "ingest", "nosuch.txt", "--study", "demo")
    assert result.exit_code == 1
    assert "Ingested" not in result.stdout
    assert "Nothing was ingested into study 'demo': 1 file failed." in result.stdout
    assert result.stderr.startswith("nosuch.txt: there is no such file in ")


def test_a_partly_failed_ingest_says_how_much_was_done(own_home: Path, tmp_path: Path) -> None:
    good = tmp_path / "P9.txt"
    good.write_text("Interviewer: How did you pay?\n\nP9: By card, and the fee annoyed me.\n")
    result = invoke(own_home, "ingest", str(good), "nosuch.txt", "--study", "demo")
    assert result.exit_code == 1
    assert "Ingested 1 of 2 files into study 'demo'" in result.stdout
    assert "1 of 2 files done, 1 failed." in result.stdout


def test_a_warning_several_files_share_is_printed_once(own_home: Path, tmp_path: Path) -> None:
    files = []
    for number, answer in enumerate(["I pay by card.", "Direct debit, always.", "Cash."]):
        path = tmp_path / f"session-{number}.txt"
        path.write_text(
            f"Dan: How do you pay for the service?\n\nRia{number}: {answer}\n\n"
            "Dan: Why that way?\n\nRia{number}: It is simply what I am used to.\n".replace(
                "{number}", str(number)
            )
        )
        files.append(str(path))
    result = invoke(own_home, "ingest", *files, "--study", "demo")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("took 'Dan' as the interviewer") == 1
    assert "Note for 3 files (session-0.txt, session-1.txt and session-2.txt)" in result.stdout
    assert "--interviewer NAME" in result.stdout


def _stage_ids(home: Path) -> list[str]:
    result = invoke(home, "stages", "--study", "demo", "--json")
    assert result.exit_code == 0, result.output
    return [stage["id"] for stage in json.loads(result.stdout)["stages"]]


def test_map_stages_file_is_a_one_off_unless_saved(own_home: Path, tmp_path: Path) -> None:
    stages = tmp_path / "two.yaml"
    stages.write_text(
        "- {id: before, name: Before, description: Choosing and paying for the service}\n"
        "- {id: after, name: After, description: Using the service week to week}\n"
    )
    kept = _stage_ids(own_home)
    one_off = invoke(own_home, "map", "--study", "demo", "--stages", str(stages))
    assert one_off.exit_code == 0, one_off.output
    assert "this time only" in one_off.stdout
    assert _stage_ids(own_home) == kept

    saved = invoke(own_home, "map", "--study", "demo", "--stages", str(stages), "--save", "--json")
    assert saved.exit_code == 0, saved.output
    assert [s["id"] for s in json.loads(saved.stdout)["stages"]] == ["before", "after"]
    assert _stage_ids(own_home) == ["before", "after"]


def test_stages_set_says_it_saved(own_home: Path) -> None:
    result = invoke(own_home, "stages", "--study", "demo", "--set", str(demo_dir() / "stages.yaml"))
    assert result.exit_code == 0, result.output
    assert "Saved the" in result.stdout and "as study 'demo''s stages" in result.stdout


def test_export_stages_file_is_a_one_off_too(own_home: Path, tmp_path: Path) -> None:
    stages = tmp_path / "one.yaml"
    stages.write_text("- {id: all, name: All of it, description: Everything they did}\n")
    kept = _stage_ids(own_home)
    out = tmp_path / "map.md"
    args = ("--study", "demo", "--out", str(out), "--stages", str(stages))
    result = invoke(own_home, "export", *args)
    assert result.exit_code == 0, result.output
    assert "this time only" in result.stdout
    assert f"Wrote {out}" in " ".join(result.stdout.split())
    assert "All of it" in out.read_text(encoding="utf-8")
    assert _stage_ids(own_home) == kept


def test_a_folder_s_readme_and_licence_are_skipped_and_named(
    own_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "study"
    folder.mkdir()
    (folder / "P9.txt").write_text(
        "Interviewer: How did you pay?\n\nP9: By card, and the fee annoyed me.\n"
    )
    (folder / "README.md").write_text("# Study notes\n\nSessions were run in May by Dan.\n")
    (folder / "LICENSE").write_text("Permission is hereby granted to anyone.\n")
    (folder / "licence.txt").write_text("Permission is hereby granted to anyone.\n")
    (folder / "stages.yaml").write_text("- id: pay\n  name: Paying\n")
    (folder / "older").mkdir()
    result = invoke(own_home, "ingest", str(folder), "--study", "demo", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [source["file"] for source in report["sources"]] == ["P9.txt"]
    reasons = {item["file"]: item["reason"] for item in report["skipped"]}
    assert set(reasons) == {"LICENSE", "README.md", "licence.txt", "stages.yaml", "older"}
    assert "README" in reasons["README.md"] and "not a transcript" in reasons["LICENSE"]
    assert "not a format" in reasons["stages.yaml"] and "folder" in reasons["older"]

    shown = invoke(own_home, "ingest", str(folder), "--study", "demo")
    assert "Skipped 5 files in the folder(s) given:" in shown.stdout
    assert "README.md: a folder's README, licence or similar" in shown.stdout
    sources = invoke(own_home, "sources", "--study", "demo", "--json")
    assert "README.md" not in sources.stdout and "LICENSE" not in sources.stdout


def test_a_readme_named_on_the_command_line_is_read_as_asked(
    own_home: Path, tmp_path: Path
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("Interviewer: How did you pay?\n\nP8: By card, every time.\n")
    result = invoke(own_home, "ingest", str(readme), "--study", "demo", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [source["file"] for source in report["sources"]] == ["README.md"]
    assert report["skipped"] == []


def test_a_folder_of_only_papers_fails_and_names_what_it_skipped(
    own_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "empty-study"
    folder.mkdir()
    (folder / "README.md").write_text("Transcripts come next week.\n")
    result = invoke(own_home, "ingest", str(folder), "--study", "demo")
    assert result.exit_code == 1
    assert "Found no transcripts or diary exports" in result.stderr
    assert "README.md (a folder's README, licence or similar" in result.stderr
