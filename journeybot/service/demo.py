"""`journeybot demo`: the bundled sample study, end to end, on embedded defaults."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from rich.console import Console

from journeybot.core.errors import JourneybotError
from journeybot.core.stages import load_stages
from journeybot.service import render, render_actions
from journeybot.service.folders import skip_reason
from journeybot.service.workspace import Workspace

DEMO_STUDY = "demo"
DEMO_QUESTION = "What do people say about paying by direct debit?"


def demo_dir() -> Path:
    return Path(str(resources.files("journeybot") / "data" / "demo"))


def demo_files() -> list[Path]:
    """The sample study's transcripts and diary export (not its README or stage file)."""
    return sorted(
        path for path in demo_dir().iterdir() if path.is_file() and skip_reason(path) is None
    )


def run_demo(workspace: Workspace, out: Path, console: Console) -> Path:
    console.rule("1. Ingest the sample study")
    report = workspace.ingest_paths(demo_files(), DEMO_STUDY)
    render.ingest_report(console, report)
    if report.failed:
        raise JourneybotError("The bundled sample study did not ingest cleanly; see above.")
    stages_file = demo_dir() / "stages.yaml"
    if stages_file.is_file():
        workspace.set_stages(DEMO_STUDY, load_stages(stages_file))
    scope_file = demo_dir() / "scope.yaml"
    if scope_file.is_file():
        scope = yaml.safe_load(scope_file.read_text(encoding="utf-8"))
        workspace.set_scope(DEMO_STUDY, **{k: str(v) for k, v in scope.items()})

    console.rule(f"2. Ask: {DEMO_QUESTION}")
    render.answer(console, workspace.ask(DEMO_QUESTION, [DEMO_STUDY], k=6))

    console.rule("3. Draft personas")
    render.personas(console, workspace.personas(DEMO_STUDY))

    console.rule("4. Draft the journey map")
    render.journey_map(console, workspace.journey_map(DEMO_STUDY))

    console.rule("5. Export for validation")
    written = workspace.export(DEMO_STUDY, out)
    console.print(f"Wrote the draft journey map to {render.safe(written.resolve())}")

    console.rule("6. The action plan (fill in the Word table and send it back)")
    render_actions.action_plan(console, DEMO_STUDY, workspace.actions(DEMO_STUDY))
    # Last, so it is what the terminal shows when the demo ends.
    console.rule("Where everything went")
    console.print(f"The draft journey map: {render.safe(written.resolve())}")
    console.print(
        f"The sample study '{DEMO_STUDY}' is stored in {render.safe(workspace.settings.home)}; "
        f"`journeybot forget --all --study {DEMO_STUDY}` removes it."
    )
    return written
