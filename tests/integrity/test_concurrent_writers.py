"""Two real processes writing to one embedded home: serialised, nothing corrupted.

Before the writer lock, two concurrent ``ingest`` commands both exited 0 and left
Chroma's metadata and vector segments out of step, so every later query crashed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.integrity.cli import PDPILOT, run, run_json, start


def _split_corpus(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for index, path in enumerate(sorted(PDPILOT.glob("P*.txt"))):
        shutil.copy(path, (first if index % 2 == 0 else second) / path.name)
    return first, second


@pytest.mark.integration
@pytest.mark.parametrize("attempt", range(3))
def test_two_ingests_at_once_then_everything_adds_up(tmp_path: Path, attempt: int) -> None:
    home = tmp_path / "home"
    first, second = _split_corpus(tmp_path)
    one = start(home, "ingest", str(first), "--study", "s", "--json")
    two = start(home, "ingest", str(second), "--study", "s", "--json")
    _, err_one = one.communicate(timeout=600)
    _, err_two = two.communicate(timeout=600)
    assert one.returncode == 0, err_one
    assert two.returncode == 0, err_two

    code, listed = run_json(home, "sources", "--study", "s")
    assert code == 0
    assert len(listed["sources"]) == 7
    code, checked = run_json(home, "doctor")
    assert code == 0, checked
    assert checked["problems"] == []
    assert checked["segments"] == sum(s["segments"] for s in listed["sources"])

    asked = run(home, "ask", "What was confusing about the tool?", "--study", "s", "--json")
    assert asked.returncode == 0, asked.stderr
    assert '"citations"' in asked.stdout


@pytest.mark.integration
def test_a_second_writer_says_it_is_waiting(tmp_path: Path) -> None:
    """The lock file is held by this test's process; the command waits, says so, and
    gives up after the configured time with a sentence, not a crash."""
    from filelock import FileLock

    home = tmp_path / "home"
    home.mkdir()
    lock = FileLock(home / "writer.lock")
    with lock:
        done = run(
            home,
            "ingest",
            str(PDPILOT / "P1.txt"),
            "--study",
            "s",
            timeout=120,
            extra_env={"JOURNEYBOT_WRITER_WAIT_SECONDS": "2"},
        )
    assert "Another Journeybot process is writing to this home; waiting" in done.stderr
    assert done.returncode == 1
    assert "kept writing to this home for over" in done.stderr


@pytest.mark.integration
def test_two_ingests_through_a_chroma_server_add_up_too(tmp_path: Path) -> None:
    from tests.retrieval.conftest import free_port, start_chroma, stop_chroma

    port = free_port()
    server = start_chroma(tmp_path / "server", port, tmp_path / "chroma.log")
    try:
        env = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port)}
        home = tmp_path / "home"
        first, second = _split_corpus(tmp_path)
        one = start(home, "ingest", str(first), "--study", "s", extra_env=env)
        two = start(home, "ingest", str(second), "--study", "s", extra_env=env)
        assert one.wait(timeout=600) == 0, one.communicate()[1]
        assert two.wait(timeout=600) == 0, two.communicate()[1]
        done = run(home, "doctor", "--json", extra_env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert '"problems": []' in done.stdout
        asked = run(home, "ask", "What was confusing?", "--study", "s", extra_env=env)
        assert asked.returncode == 0, asked.stderr
    finally:
        stop_chroma(server)
