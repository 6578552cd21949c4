"""A note-taker's session log is cited as notes on a participant, never as their words:
in the terminal, in JSON, and in the Markdown and Word exports."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.cli.invoking import invoke

SESSION_LOG = (
    "Code Name,Task,Notes: where they got confused\n"
    "Crimple,Rename the notebook,Double clicked the tab to rename it and nothing happened.\n"
    "Crimple,Run all cells,Was confused by the two Run Cell menus in different places.\n"
    "Harry,Rename the notebook,Tried command s to rename it and ended up in Save As.\n"
    "Harry,Run all cells,Could not find Run All and scrolled the menus twice.\n"
    "Popeye,Rename the notebook,Right clicked the file and expected a rename option there.\n"
    "Popeye,Run all cells,Gave up on the menu and ran each cell with shift enter.\n"
)
INTERVIEW = (
    "Interviewer: How did renaming the notebook go?\n\n"
    "Dana: I double clicked the tab and nothing happened, which annoyed me, so I used "
    "Save As in the end.\n"
)


def _study(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    log = tmp_path / "session-log.csv"
    log.write_text(SESSION_LOG, encoding="utf-8")
    interview = tmp_path / "dana.txt"
    interview.write_text(INTERVIEW, encoding="utf-8")
    result = invoke(home, "ingest", str(log), str(interview), "--study", "lab")
    assert result.exit_code == 0, result.output
    assert "notes on each participant" in result.output
    return home


def test_answers_say_which_quotes_are_notes_on_a_participant(tmp_path: Path) -> None:
    home = _study(tmp_path)
    shown = invoke(home, "ask", "What happened when they renamed the notebook?", "--study", "lab")
    assert shown.exit_code == 0, shown.output
    assert "— note on Harry, session-log.csv, row 4" in shown.stdout
    assert "— Dana, dana.txt, line 3" in shown.stdout

    as_json = invoke(
        home, "ask", "What happened when they renamed the notebook?", "--study", "lab", "--json"
    )
    citations = json.loads(as_json.stdout)["citations"]
    notes = {c["participant"]: c["note"] for c in citations}
    assert notes["Harry"] is True and notes["Dana"] is False


def test_exports_mark_notes_and_say_what_they_are(tmp_path: Path) -> None:
    home = _study(tmp_path)
    markdown = tmp_path / "lab.md"
    result = invoke(home, "export", "--study", "lab", "--out", str(markdown))
    assert result.exit_code == 0, result.output
    text = markdown.read_text(encoding="utf-8")
    assert "— **note on " in text
    assert "Quotes marked 'note on' are a note-taker's words about that participant" in text

    word = tmp_path / "lab.docx"
    result = invoke(home, "export", "--study", "lab", "--out", str(word))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(word))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Quotes marked 'note on' are a note-taker's words" in paragraphs
    assert "note on " in cells
