"""Each command imports only what it uses (behaviour, not timing; see benchmarks/cli_speed.py).

Chroma, the ONNX runtime and the drafting stack each cost from a few tenths of a second
to over a second to import; a command that lists catalog rows must not pay for them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.running import run_cli

HEAVY = {
    "chromadb",
    "chromadb_rust_bindings",
    "onnxruntime",
    "tokenizers",
    "numpy",
    "sklearn",
    "docx",
    "pypdf",
    "matplotlib",
    "langchain",
    "langchain_core",
    "slack_bolt",
}
DRAFTING = {"sklearn", "docx", "pypdf", "matplotlib", "langchain", "langchain_core", "slack_bolt"}


def imported(home: Path, *args: str) -> set[str]:
    """Top-level packages the command imported, read from ``python -X importtime``."""
    return {name.split(".")[0] for name in imported_modules(home, *args)}


def imported_modules(home: Path, *args: str) -> set[str]:
    """Every module the command imported, read from ``python -X importtime``."""
    result = run_cli(home, *args, python_flags=("-X", "importtime"))
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "journeybot" in names, "importtime output was not read"
    return names


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("ask", "--help"),
        ("studies",),
        ("sources", "--study", "demo"),
        ("stages", "--study", "demo"),
        ("studies", "--json"),
    ],
)
def test_listing_commands_import_no_store_model_or_drafting(
    demo_home: Path, args: tuple[str, ...]
) -> None:
    assert imported(demo_home, *args) & HEAVY == set()


def test_ask_opens_the_store_and_model_but_not_the_drafting_stack(demo_home: Path) -> None:
    """Chroma's core reads the store; its Python client (a second to import) stays out."""
    names = imported(demo_home, "ask", "What do people say about paying?", "--study", "demo")
    assert {"chromadb_rust_bindings", "onnxruntime"} <= names
    assert "chromadb" not in names
    assert names & DRAFTING == set()


def test_ask_reads_stored_readings_without_importing_the_sentence_scorer(
    demo_home: Path,
) -> None:
    """The cue patterns alone took a tenth of a second or more of every ``ask``."""
    names = imported_modules(
        demo_home, "ask", "What do people say about paying?", "--study", "demo", "--json"
    )
    assert "journeybot.synthesis.extractive.answer" in names
    scorer = {
        "journeybot.synthesis.cues",
        "journeybot.synthesis.polarity",
        "journeybot.synthesis.extractive.polarity_model",
    }
    assert names & (scorer | {"journeybot.synthesis.rows", "journeybot.service.render"}) == set()


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("studies",),
        ("sources", "--study", "demo"),
        ("stages", "--study", "demo"),
        ("speakers", "--study", "demo"),
        ("speakers", "--study", "demo", "--json"),
    ],
)
def test_listing_commands_read_the_catalog_without_the_use_cases_or_settings(
    demo_home: Path, args: tuple[str, ...]
) -> None:
    names = imported_modules(demo_home, *args)
    assert "pydantic_settings" not in names
    assert "journeybot.service.workspace" not in names


def test_drafting_imports_no_scikit_learn(demo_home: Path) -> None:
    """Its import alone took about a second of every drafting command (``hierarchy``)."""
    names = imported_modules(demo_home, "personas", "--study", "demo", "--json")
    assert "journeybot.synthesis.extractive.themes" in names, "nothing was drafted"
    assert "journeybot.synthesis.hierarchy" in names
    assert {name.split(".")[0] for name in names} & {"sklearn", "joblib"} == set()
