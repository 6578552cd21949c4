"""Run the real ``journeybot`` command in its own process against a given home."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PDPILOT = REPO / "tests" / "corpus" / "pdpilot" / "transcripts"


def env_for(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "JOURNEYBOT_HOME": str(home)}
    env.pop("JOURNEYBOT_LLM", None)
    env.pop("CHROMA_HOST", None)
    return {**env, **(extra or {})}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "journeybot", *args]


def run(
    home: Path, *args: str, timeout: float = 600, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args),
        capture_output=True,
        text=True,
        env=env_for(home, extra_env),
        timeout=timeout,
        check=False,
    )


def run_json(home: Path, *args: str) -> tuple[int, Any]:
    done = run(home, *args, "--json")
    assert done.stdout.strip(), done.stderr
    return done.returncode, json.loads(done.stdout)


def start(home: Path, *args: str, extra_env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env_for(home, extra_env),
    )


def raw_bytes_containing(home: Path, needle: str) -> list[Path]:
    """Every file under the home whose raw bytes hold ``needle`` (UTF-8), WALs included."""
    wanted = needle.encode("utf-8")
    return [p for p in home.rglob("*") if p.is_file() and wanted in p.read_bytes()]
