"""Export files get the user's umask, like any file they save, and appear whole or not at all."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from journeybot.core.errors import ExportError
from journeybot.exporters import write_text_file


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """``os.umask`` for the test, with the process's own mask restored afterwards."""
    previous = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_an_export_takes_the_users_umask(
    tmp_path: Path, umask: Callable[[int], int], mask: int, mode: int
) -> None:
    umask(mask)
    out = write_text_file(tmp_path / "map.md", "# Map\n")
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_text() == "# Map\n"


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="check the folder exists"):
        write_text_file(tmp_path / "missing" / "map.md", "# Map\n")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "map.md"
    out.write_text("old draft, much longer than the new one\n")
    write_text_file(out, "new\n")
    assert out.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["map.md"]
