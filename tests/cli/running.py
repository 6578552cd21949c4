"""Running the real ``journeybot`` command in a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(
    home: Path, *args: str, python_flags: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """``journeybot ARGS`` as a separate process, the way a user runs it."""
    env = {**os.environ, "JOURNEYBOT_HOME": str(home), "COLUMNS": "100"}
    env.pop("JOURNEYBOT_LLM", None)
    return subprocess.run(
        [sys.executable, *python_flags, "-m", "journeybot", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
