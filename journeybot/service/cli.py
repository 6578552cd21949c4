"""The ``journeybot`` command: parse, call one Workspace use case, print.

Errors become output in exactly one place (``_run``): a readable sentence on stderr and,
with ``--json``, one JSON document on stdout. Exit codes follow DESIGN.md: 0 success,
1 some inputs failed (others done), 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import BaseModel
from rich.console import Console

from journeybot.core.errors import JourneybotError, UsageError
from journeybot.core.settings import Settings
from journeybot.core.stages import load_stages, write_stages
from journeybot.service import render
from journeybot.service.progress import ingest_progress
from journeybot.service.records import StudySummary
from journeybot.service.workspace import Workspace

app = typer.Typer(
    help="Journeybot: evidence-first personas and journey maps from interview transcripts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
StudyOpt = Annotated[str, typer.Option("--study", "-s", help="The study to work in.")]
PersonaOpt = Annotated[
    str | None, typer.Option("--persona", help="A persona id (see `journeybot personas`).")
]
StagesOpt = Annotated[
    Path | None,
    typer.Option("--stages", help="YAML or JSON list of {id, name, description}; sets them."),
]


class _State:
    """What the global options set up; the Workspace opens on first use only."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._workspace: Workspace | None = None

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace.open(self.settings)
        return self._workspace


@app.callback()
def _main(
    ctx: typer.Context,
    home: Annotated[
        Path | None, typer.Option("--home", help="Data folder (default: JOURNEYBOT_HOME).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details.")] = False,
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    settings = Settings() if home is None else Settings(home=home)
    ctx.obj = _State(settings)


def _state(ctx: typer.Context) -> _State:
    state = ctx.obj
    assert isinstance(state, _State)
    return state


def _run(as_json: bool, action: Callable[[], T]) -> T:
    try:
        return action()
    except JourneybotError as err:
        _fail(err, as_json)
    raise AssertionError("unreachable")


def _fail(err: JourneybotError, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"error": {"code": err.code, "message": err.user_message}}))
    typer.echo(err.user_message, err=True)
    raise typer.Exit(2 if isinstance(err, UsageError) else 1)


def _emit_json(payload: BaseModel | dict[str, Any]) -> None:
    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _console() -> Console:
    return Console()


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to ingest.")],
    study: StudyOpt,
    redact: Annotated[
        bool | None,
        typer.Option(
            "--redact/--no-redact",
            help="Replace e-mails, phones, addresses, card and account numbers with "
            "placeholders before storing (default: on, or JOURNEYBOT_REDACT).",
            show_default=False,
        ),
    ] = None,
    interviewer: Annotated[
        list[str] | None,
        typer.Option("--interviewer", help="A speaker to treat as interviewer (repeatable)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Read transcripts and diary exports into a study's evidence store."""
    state = _state(ctx)

    def action() -> Any:
        with ingest_progress(enabled=not as_json) as progress:
            return state.workspace.ingest_paths(
                paths, study, redact=redact, interviewers=interviewer or (), progress=progress
            )

    report = _run(as_json, action)
    if as_json:
        _emit_json(report)
    else:
        render.ingest_report(_console(), report)
    for item in report.failed:
        typer.echo(item.error, err=True)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def sources(ctx: typer.Context, study: StudyOpt, as_json: JsonOpt = False) -> None:
    """List a study's sources."""
    items = _run(as_json, lambda: _state(ctx).workspace.sources(study))
    if as_json:
        _emit_json({"study": study, "sources": [s.model_dump(mode="json") for s in items]})
    else:
        render.sources(_console(), study, items)


@app.command()
def studies(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the studies in this data folder."""
    items = _run(as_json, lambda: _state(ctx).workspace.studies())
    if as_json:
        _emit_json({"studies": [_summary_json(s) for s in items]})
        return
    console = _console()
    for s in items:
        console.print(f"{s.study}: {s.sources} sources, {len(s.participants)} participants")


def _summary_json(summary: StudySummary) -> dict[str, Any]:
    data = asdict(summary)
    for key in ("last_personas_at", "last_map_at"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="What you want to know.")],
    study: StudyOpt,
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="How many quotes.")] = 8,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question with the participants' own words."""
    result = _run(as_json, lambda: _state(ctx).workspace.ask(question, [study], k=k))
    if as_json:
        _emit_json(result)
    else:
        render.answer(_console(), result)


@app.command()
def forget(
    ctx: typer.Context,
    study: StudyOpt,
    source: Annotated[str | None, typer.Argument(help="File name or source id to remove.")] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Delete the whole study and everything in it.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Remove a source (or with --all, the whole study) and all its segments."""
    if everything == (source is not None):
        _fail(UsageError("Name one source to forget, or pass --all for the whole study."), as_json)
    workspace = _state(ctx).workspace
    if everything:
        removed = _run(as_json, lambda: workspace.delete_study(study))
        if as_json:
            _emit_json({"forgotten": [s.model_dump(mode="json") for s in removed]})
        else:
            typer.echo(f"Deleted study '{study}' and its {len(removed)} sources.")
        return
    one = _run(as_json, lambda: workspace.forget(study, source or ""))
    if as_json:
        _emit_json({"forgotten": [one.model_dump(mode="json")]})
    else:
        typer.echo(f"Forgot {one.file_name} ({one.segments} segments) from '{study}'.")


@app.command()
def stages(
    ctx: typer.Context,
    study: StudyOpt,
    set_from: Annotated[
        Path | None, typer.Option("--set", help="YAML or JSON stage list to set.")
    ] = None,
    suggest: Annotated[
        bool,
        typer.Option(
            "--suggest", help="Propose stages from the order and topics of the interviews."
        ),
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="With --suggest: write them as YAML to edit.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show a study's journey stages, set them from a file, or propose them (--suggest)."""
    workspace = _state(ctx).workspace
    if suggest and set_from is not None:
        _fail(UsageError("Use --suggest or --set, not both: suggest, edit, then set."), as_json)

    def action() -> Any:
        if suggest:
            return workspace.suggest_stages(study)
        if set_from is not None:
            workspace.set_stages(study, load_stages(set_from))
        return workspace.stages(study)

    items = _run(as_json, action)
    if suggest and out is not None:
        _run(as_json, lambda: write_stages(out, items))
    if as_json:
        key = "suggested" if suggest else "stages"
        _emit_json({"study": study, key: [s.model_dump() for s in items]})
        return
    render.stages(_console(), study, items)
    if suggest:
        target = str(out) if out is not None else "a file (--out FILE)"
        typer.echo(
            f"Suggested from the interviews, not set. To use them, save them to {target}, "
            f"edit names and descriptions, then run: journeybot stages --study {study} "
            "--set FILE"
        )


@app.command()
def personas(ctx: typer.Context, study: StudyOpt, as_json: JsonOpt = False) -> None:
    """Draft personas from a study's evidence."""
    result = _run(as_json, lambda: _state(ctx).workspace.personas(study))
    if as_json:
        _emit_json(result)
    else:
        render.personas(_console(), result)


@app.command(name="map")
def journey_map(
    ctx: typer.Context,
    study: StudyOpt,
    persona: PersonaOpt = None,
    stages_file: StagesOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Draft a per-stage journey map, for everyone or one persona."""

    def action() -> Any:
        stage_list = load_stages(stages_file) if stages_file else None
        return _state(ctx).workspace.journey_map(study, persona=persona, stages=stage_list)

    result = _run(as_json, action)
    if as_json:
        _emit_json(result)
    else:
        render.journey_map(_console(), result)


@app.command()
def export(
    ctx: typer.Context,
    study: StudyOpt,
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (.docx, .md, .json).")],
    persona: PersonaOpt = None,
    stages_file: StagesOpt = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="docx, md or json (default: from --out).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the draft map (and personas) for validation in a workshop."""
    chosen = fmt or {".md": "md", ".json": "json"}.get(out.suffix.lower(), "docx")

    def action() -> Path:
        stage_list = load_stages(stages_file) if stages_file else None
        return _state(ctx).workspace.export(
            study, out, persona=persona, stages=stage_list, fmt=chosen
        )

    written = _run(as_json, action)
    if as_json:
        _emit_json({"study": study, "format": chosen, "path": str(written)})
    else:
        typer.echo(f"Wrote {written}")


@app.command()
def validate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A reviewed Journeybot .docx.")],
    study: StudyOpt,
    as_json: JsonOpt = False,
) -> None:
    """Apply the verdicts of a reviewed Word file to the study's drafts."""
    report = _run(as_json, lambda: _state(ctx).workspace.validate(file, study))
    if as_json:
        _emit_json(report)
    else:
        render.review_report(_console(), report)


@app.command()
def demo(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the .docx.")] = Path(
        "journeybot-demo.docx"
    ),
) -> None:
    """Run the bundled sample study end to end and write its journey map to Word."""
    from journeybot.service.demo import run_demo

    _run(False, lambda: run_demo(_state(ctx).workspace, out, _console()))


@app.command()
def serve(ctx: typer.Context) -> None:
    """Run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)."""
    from journeybot.bot.app import serve as serve_bot

    _run(False, lambda: serve_bot(_state(ctx).settings))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)
