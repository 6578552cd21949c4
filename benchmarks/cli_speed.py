"""How long each everyday command takes, end to end, as a user runs it.

Each command is a fresh ``journeybot`` process (interpreter start, imports, opening the
store, the work, printing), timed by wall clock, against a data folder holding the bundled
demo study. Targets: ``--help``, ``studies``, ``sources``, ``stages`` and ``speakers``
under 0.5 s; ``ask`` under 1.5 s. Each run also records which heavy libraries the
command loaded (``python -X importtime``), because loading one it does not need is the
usual reason a command is slow.

Add a command by adding a line to ``COMMANDS``; commands this build does not have are
reported as ``missing`` rather than failing the run.

Python runs as it does for a user: compiled modules are cached (``__pycache__``), so a
``PYTHONDONTWRITEBYTECODE`` in the caller's environment is dropped, and each command runs
once untimed first (the first run of a fresh install compiles). Each run's CPU time
(user + system) is recorded too: on a shared machine it is far less load-sensitive than
wall time.

On a shared machine, time an earlier version alongside (``--baseline DIR``, a source tree
of that version): runs of the two alternate, so both meet the same load.

Run: ``python benchmarks/cli_speed.py [--runs N] [--baseline DIR]``; results go to
``benchmarks/results/cli_speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "cli_speed.json"
STUDY = "demo"
QUESTION = "What do people say about paying by direct debit?"

#: name -> (arguments, target seconds)
COMMANDS: dict[str, tuple[list[str], float]] = {
    "--help": (["--help"], 0.5),
    "studies": (["studies"], 0.5),
    "sources": (["sources", "--study", STUDY], 0.5),
    "stages": (["stages", "--study", STUDY], 0.5),
    "speakers": (["speakers", "--study", STUDY], 0.5),
    "ask": (["ask", QUESTION, "--study", STUDY], 1.5),
}

#: Libraries whose import is worth knowing about (each costs 0.1 s to over 1 s).
HEAVY_MODULES = (
    "chromadb",
    "onnxruntime",
    "tokenizers",
    "docx",
    "matplotlib",
    "langchain",
    "langchain_core",
    "sklearn",
    "slack_bolt",
    "vaderSentiment",
    "pypdf",
)


class Run:
    """One finished command: wall seconds, CPU seconds (user + system) and its output."""

    def __init__(self, wall: float, cpu: float, result: subprocess.CompletedProcess[str]):
        self.wall = wall
        self.cpu = cpu
        self.result = result


def run(
    home: Path, args: list[str], *, source: Path | None = None, flags: tuple[str, ...] = ()
) -> Run:
    """``python -m journeybot ARGS``; with ``source``, the journeybot package in that
    folder (an earlier version's tree) is run instead of the installed one."""
    env = {**os.environ, "JOURNEYBOT_HOME": str(home), "COLUMNS": "100"}
    env.pop("JOURNEYBOT_LLM", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, *flags, "-m", "journeybot", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=home,  # not the repository: a ``journeybot`` folder there would be imported
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, result)


def heavy_imports(home: Path, args: list[str], source: Path | None) -> list[str]:
    traced = run(home, args, source=source, flags=("-X", "importtime"))
    loaded = set()
    for line in traced.result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        top = line.rsplit("|", 1)[1].strip().split(".")[0]
        if top in HEAVY_MODULES:
            loaded.add(top)
    return sorted(loaded)


def prepare(home: Path) -> None:
    """The demo study, ingested with its stage list (as ``journeybot demo`` leaves it)."""
    from journeybot.service.demo import demo_dir, demo_files

    files = [str(path) for path in demo_files()]
    ingest = run(home, ["ingest", *files, "--study", STUDY, "--json"])
    if ingest.result.returncode != 0:
        raise SystemExit(f"ingesting the demo study failed:\n{ingest.result.stderr}")
    stages = demo_dir() / "stages.yaml"
    run(home, ["stages", "--study", STUDY, "--set", str(stages)])


def measure(
    home: Path, args: list[str], target: float, runs: int, baseline: Path | None
) -> dict[str, Any]:
    """Runs of this version and (if given) the baseline alternate, so both meet the same
    load on a shared machine."""
    first = run(home, args)  # untimed: compiles what this command imports
    if first.result.returncode != 0 and "No such command" in first.result.stderr:
        return {"args": args, "missing": True}
    if baseline is not None:
        run(home, args, source=baseline)
    mine: list[Run] = []
    theirs: list[Run] = []
    for index in range(2 * runs if baseline else runs):
        if baseline is not None and index % 2 == 0:
            theirs.append(run(home, args, source=baseline))
        else:
            mine.append(run(home, args))
    result = {"args": args, "exit_code": first.result.returncode, "target_s": target}
    result |= summary(mine, heavy_imports(home, args, None))
    result["meets_target"] = result["median_s"] < target
    if baseline is not None:
        result["baseline"] = summary(theirs, heavy_imports(home, args, baseline))
    return result


def summary(runs: list[Run], heavy: list[str]) -> dict[str, Any]:
    walls = [r.wall for r in runs]
    return {
        "runs": len(runs),
        "median_s": round(statistics.median(walls), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "median_cpu_s": round(statistics.median(r.cpu for r in runs), 3),
        "min_cpu_s": round(min(r.cpu for r in runs), 3),
        "heavy_imports": heavy,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (default: 7)")
    parser.add_argument("--label", default="", help="a note stored with the results")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a source tree of an earlier version to time alongside "
        "(e.g. `git archive REV | tar -x -C DIR`)",
    )
    options = parser.parse_args()
    load_before = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="jb-cli-speed-") as folder:
        home = Path(folder)
        prepare(home)
        results = {
            name: measure(home, args, target, options.runs, options.baseline)
            for name, (args, target) in COMMANDS.items()
        }
    report = {
        "label": options.label,
        "baseline": str(options.baseline) if options.baseline else None,
        "load_average_1m_before": load_before,
        "cpus": os.cpu_count(),
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "python": sys.version.split()[0],
        "commands": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, indent=2) + "\n"
    RESULTS.write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
