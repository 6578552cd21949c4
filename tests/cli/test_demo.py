"""The demo, as a new user's first command: it says where everything went."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import docx

from tests.cli.invoking import invoke


def test_demo_says_where_the_study_and_the_word_file_went(tmp_path: Path) -> None:
    home, out = tmp_path / "home", tmp_path / "out" / "demo.docx"
    out.parent.mkdir()
    previous = os.umask(0o022)
    try:
        result = invoke(home, "demo", "--out", str(out))
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())  # the console wraps long lines
    assert f"Wrote the draft journey map to {out}" in text
    assert f"The sample study 'demo' is stored in {home};" in text
    assert text.endswith("`journeybot forget --all --study demo` removes it.")  # seen last
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert docx.Document(str(out)).paragraphs, "the .docx opens"
