"""``journeybot ask`` end to end, process start included, on the bundled demo study.

Every CLI command is a new process, so what a researcher waits for is interpreter start,
imports, opening the store and the catalog, loading the embedding model, the search and
the answer. The demo folder is ingested once into a temporary home; then ``ROUNDS`` runs
of each question are timed as wall-clock seconds of the whole subprocess, with the CPU
seconds (user + system) it used beside them: on a shared machine CPU time is far less
load-sensitive than wall time. Python caches compiled modules as it does for a user (a
``PYTHONDONTWRITEBYTECODE`` in the caller's environment is dropped; the first ``ask``
compiles, untimed). Target: under 1.5 s on the demo study.

Run ``python benchmarks/ask_cli.py``; results go to ``benchmarks/results/ask_cli.json``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, latency_summary, machine, write_results

ROUNDS = 3
QUESTIONS = [
    "What goes wrong with direct debit?",
    "What do people like about the automatic reminders?",
    "How do people choose a holiday destination?",
]


CPU_SECONDS: list[float] = []


def journeybot(home: Path, *args: str) -> float:
    command = [str(Path(sys.executable).with_name("journeybot")), *args]
    env = {**os.environ, "JOURNEYBOT_HOME": str(home)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return wall


def cpu_summary() -> dict[str, float]:
    """Median, least and most CPU seconds of the runs timed since the last clear."""
    return {
        "median": round(statistics.median(CPU_SECONDS), 3),
        "min": round(min(CPU_SECONDS), 3),
        "max": round(max(CPU_SECONDS), 3),
    }


def timed_asks(home: Path, study: str, questions: list[str], rounds: int) -> dict[str, Any]:
    """Wall and CPU seconds of ``rounds`` passes over ``questions``, each ``ask`` a fresh
    process, after one untimed ask (it compiles modules and warms the disk cache)."""
    journeybot(home, "ask", questions[0], "--study", study, "--json")
    CPU_SECONDS.clear()
    runs = [
        journeybot(home, "ask", question, "--study", study, "--json")
        for _ in range(rounds)
        for question in questions
    ]
    return {"ask_end_to_end": latency_summary(runs), "ask_cpu_seconds": cpu_summary()}


def main() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="jb-ask-") as folder:
        home = Path(folder)
        ingest = journeybot(
            home, "ingest", str(ROOT / "journeybot" / "data" / "demo"), "--study", "demo"
        )
        timed = timed_asks(home, "demo", QUESTIONS, ROUNDS)
    results = {
        "study": "bundled demo (5 interviews and a diary)",
        "ingest_seconds": round(ingest, 2),
        **timed,
        "target_seconds": 1.5,
        "machine": machine(),
    }
    write_results("ask_cli", results)
    return results


if __name__ == "__main__":
    main()
