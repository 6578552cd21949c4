"""An ingest killed with SIGKILL mid-file leaves orphans; ``doctor`` finds and removes them."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from tests.integrity.cli import run, run_json, start


def _long_interview(path: Path, turns: int) -> Path:
    lines = []
    for number in range(turns):
        lines.append(f"Interviewer: What happened on visit {number}?")
        lines.append(
            f"Sam: On visit {number} the engineer arrived late and the meter "
            f"still showed reading {number * 7} afterwards."
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _token(home: Path) -> str:
    path = home / "chroma" / "journeybot-generation"
    return path.read_text(encoding="ascii") if path.exists() else ""


def _kill_after_first_write(home: Path, *args: str, timeout: float = 300) -> None:
    """Start an ingest and SIGKILL it as soon as it has written one batch to Chroma."""
    before = _token(home)
    ingest = start(home, *args)
    deadline = time.monotonic() + timeout
    while _token(home) == before:
        assert ingest.poll() is None, "the ingest ended before it was killed"
        assert time.monotonic() < deadline, "the ingest never wrote a batch"
        time.sleep(0.02)
    ingest.send_signal(signal.SIGKILL)
    ingest.wait(timeout=60)


@pytest.mark.integration
def test_kill_9_mid_ingest_leaves_orphans_that_doctor_repairs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    small = tmp_path / "small.txt"
    small.write_text(
        "Interviewer: How was it?\nAli: The bill was wrong twice.\n"
        "Interviewer: Then?\nAli: I rang them and it took an hour.\n",
        encoding="utf-8",
    )
    assert run(home, "ingest", str(small), "--study", "s").returncode == 0
    big = _long_interview(tmp_path / "big.txt", 1500)
    _kill_after_first_write(home, "ingest", str(big), "--study", "s")

    code, found = run_json(home, "doctor")
    assert code == 1
    kinds = [p["kind"] for p in found["problems"]]
    assert kinds == ["orphan_segments"], found
    assert found["problems"][0]["repairable"] is True

    code, repaired = run_json(home, "doctor", "--repair")
    assert code == 0, repaired
    assert repaired["problems"][0]["repaired"] is True
    code, again = run_json(home, "doctor")
    assert code == 0 and again["problems"] == []
    code, sources = run_json(home, "sources", "--study", "s")
    assert [s["file"] if "file" in s else s["file_name"] for s in sources["sources"]] == [
        "small.txt"
    ]
    assert again["segments"] == sources["sources"][0]["segments"]


@pytest.mark.integration
def test_ingest_notes_an_inconsistent_home_before_it_starts(tmp_path: Path) -> None:
    home = tmp_path / "home"
    big = _long_interview(tmp_path / "big.txt", 1500)
    first = tmp_path / "first.txt"
    first.write_text(
        "Interviewer: How was it?\nAli: The bill was wrong twice.\n"
        "Interviewer: Then?\nAli: I rang them and it took an hour.\n",
        encoding="utf-8",
    )
    assert run(home, "ingest", str(first), "--study", "s").returncode == 0
    _kill_after_first_write(home, "ingest", str(big), "--study", "s")

    code, report = run_json(home, "ingest", str(first), "--study", "s")
    assert code == 0
    assert any("journeybot doctor" in note for note in report["home_warnings"])
