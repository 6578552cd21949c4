"""The readings version is a hash of the scoring code, found without importing it."""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import journeybot.synthesis
from journeybot.service.readings import READING_DATA, READING_MODULES, readings_version


def test_version_hashes_the_scoring_code_as_inspect_reads_it_and_the_stage_weights() -> None:
    digest = hashlib.sha256()
    for name in READING_MODULES:
        module = importlib.import_module(f"journeybot.synthesis.{name}")
        digest.update(inspect.getsource(module).encode("utf-8"))
    data = Path(journeybot.synthesis.__file__).parent.parent / "data"
    for file_name in READING_DATA:
        digest.update((data / file_name).read_bytes())
    assert READING_DATA == ("stage_model.json",)
    assert readings_version() == digest.hexdigest()[:12]


def test_checking_the_version_imports_no_scoring_code() -> None:
    code = (
        "import sys; from journeybot.service.readings import readings_version; "
        "readings_version(); "
        "print(sorted(m for m in sys.modules if m.startswith('journeybot.synthesis.') "
        "or m.split('.')[0] == 'scipy'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout


def test_every_polarity_and_cue_module_is_part_of_the_version() -> None:
    """Polarity is split over several modules; a change to any must re-read segments."""
    folder = Path(journeybot.synthesis.__file__).parent
    scoring = {p.stem for p in folder.glob("*.py") if p.stem.startswith(("polarity", "cues"))}
    assert scoring and scoring <= set(READING_MODULES)


def test_the_version_covers_every_module_the_reading_code_imports() -> None:
    """A module the scoring code imports (``emotions``, ``terms``...) changes readings too;
    one left out of the list would let old readings stand after it changed."""
    folder = Path(journeybot.synthesis.__file__).parent
    imported: set[str] = set()
    for name in READING_MODULES:
        tree = ast.parse((folder / f"{name}.py").read_text("utf-8"))
        for node in ast.walk(tree):  # lazy imports inside functions count too
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[:2] == ["journeybot", "synthesis"] and len(parts) == 3:
                    imported.add(parts[2])
    assert imported - set(READING_MODULES) == set()
