"""The ``journeybot`` command: parse, call one Workspace use case, print.

This module holds the evidence and drafting commands (ingest, ask, personas, map,
export, validate, demo, serve) and imports the others, which register on the same
``app``: the catalog's listings and housekeeping in ``cli_catalog``, the action plan in
``cli_plan``, speakers and participants in ``cli_speakers``. Global options and the state
they set up are in ``cli_app``; help and usage lines in ``cli_help``; shared options,
errors, exit codes and printing in ``cli_options``. Exit codes: 0 success, 1 some
inputs failed (others done), 2 usage error, a name that does not exist included.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from journeybot.core.errors import JourneybotError, UsageError
from journeybot.service.cli_app import app, state
from journeybot.service.cli_options import (
    EXIT_FAILED,
    JsonOpt,
    PersonaOpt,
    SaveStagesOpt,
    StagesOpt,
    StudyOpt,
    console,
    emit_json,
    fail,
    run,
    say,
    show,
)

__all__ = ["app", "main"]


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[Path], typer.Argument(metavar="PATH", help="Files or folders to ingest.")
    ],
    study: StudyOpt,
    redact: Annotated[
        bool | None,
        typer.Option(
            "--redact/--no-redact",
            help="Replace e-mails, phones, addresses, card and account numbers with "
            "placeholders before storing.",
            show_default="--redact, or JOURNEYBOT_REDACT",
        ),
    ] = None,
    interviewer: Annotated[
        list[str] | None,
        typer.Option(
            "--interviewer",
            metavar="NAME",
            help="A speaker to treat as interviewer (repeatable).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Read transcripts and diary exports into a study's evidence store."""
    from journeybot.service import render
    from journeybot.service.progress import ingest_progress

    workspace = state(ctx).workspace

    def action() -> Any:
        with ingest_progress(enabled=not as_json) as progress:
            return workspace.ingest_paths(
                paths, study, redact=redact, interviewers=interviewer or (), progress=progress
            )

    report = run(as_json, action)
    if not report.sources:
        where = ", ".join(str(path) for path in paths)
        skipped = "; ".join(f"{item.file} ({item.reason})" for item in report.skipped)
        found = f" Skipped: {skipped}." if skipped else ""
        fail(
            JourneybotError(f"Found no transcripts or diary exports to ingest in {where}.{found}"),
            as_json,
        )
    if as_json:
        emit_json(report)
    else:
        render.ingest_report(console(), report)
    for item in report.failed:
        say(item.error or f"{item.file}: failed", err=True)
    if report.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(metavar="QUESTION", help="What you want to know.")],
    study: StudyOpt,
    k: Annotated[
        int, typer.Option("--k", metavar="N", min=1, max=50, help="How many quotes, 1 to 50.")
    ] = 8,
    as_json: JsonOpt = False,
) -> None:
    """Answer a question with the participants' own words."""

    def shown(out: Any, answer: Any) -> None:
        from journeybot.service import render  # Rich: not needed for --json

        render.answer(out, answer)

    state(ctx).warm_up_search()
    show(as_json, lambda: state(ctx).workspace.ask(question, [study], k=k), shown)


@app.command()
def personas(ctx: typer.Context, study: StudyOpt, as_json: JsonOpt = False) -> None:
    """Draft personas from a study's evidence."""
    from journeybot.service import render

    show(as_json, lambda: state(ctx).workspace.personas(study), render.personas)


@app.command(name="map")
def journey_map(
    ctx: typer.Context,
    study: StudyOpt,
    persona: PersonaOpt = None,
    stages_file: StagesOpt = None,
    save: SaveStagesOpt = False,
    changes_since: Annotated[
        str | None,
        typer.Option(
            "--changes-since",
            metavar="DRAFT|DATE",
            help="A draft id or date: print what changed since.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Draft a per-stage journey map, for everyone or one persona."""
    from journeybot.core.stages import load_stages
    from journeybot.service import render
    from journeybot.service.cli_plan import map_changes

    if changes_since is not None:
        map_changes(ctx, study, changes_since, as_json)
        return
    _check_save(save, stages_file, as_json)

    def action() -> Any:
        stage_list = load_stages(stages_file) if stages_file else None
        return state(ctx).workspace.journey_map(
            study, persona=persona, stages=stage_list, save_stages=save
        )

    def shown(screen: Any, result: Any) -> None:
        if stages_file is not None:
            render.stages_used(screen, study, stages_file, saved=save)
        render.journey_map(screen, result)

    show(as_json, action, shown)


def _check_save(save: bool, stages_file: Path | None, as_json: bool) -> None:
    if save and stages_file is None:
        fail(UsageError("--save keeps a --stages list; give one with --stages FILE."), as_json)


#: File name ending -> export format.
_SUFFIXES = {".docx": "docx", ".md": "md", ".json": "json", ".png": "png", ".pdf": "pdf"}


@app.command()
def export(
    ctx: typer.Context,
    study: StudyOpt,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="FILE", help="File to write: .docx, .md, .json, .png or .pdf."
        ),
    ],
    persona: PersonaOpt = None,
    stages_file: StagesOpt = None,
    save: SaveStagesOpt = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="docx, md, json, png or pdf.",
            show_default="from the --out file's extension, else docx",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Write the draft map (and personas) for validation in a workshop."""
    from journeybot.core.stages import load_stages
    from journeybot.service import render

    _check_save(save, stages_file, as_json)
    chosen = _export_format(out, fmt, as_json)

    def action() -> Path:
        stage_list = load_stages(stages_file) if stages_file else None
        return state(ctx).workspace.export(
            study, out, persona=persona, stages=stage_list, save_stages=save, fmt=chosen
        )

    def shown(screen: Any, written: Path) -> None:
        if stages_file is not None:
            render.stages_used(screen, study, stages_file, saved=save)
        render.written(screen, written)

    show(
        as_json,
        action,
        shown,
        lambda written: {"study": study, "format": chosen, "path": str(written)},
    )


def _export_format(out: Path, fmt: str | None, as_json: bool) -> str:
    """``--format``, else the file name's ending, else docx; the two must agree."""
    named = _SUFFIXES.get(out.suffix.lower())
    if fmt and named and fmt != named:
        fail(
            UsageError(
                f"--format {fmt} does not match the file name {out.name}; name the file "
                f"{out.stem}.{fmt}, or leave --format out."
            ),
            as_json,
        )
    return fmt or named or "docx"


@app.command()
def validate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A reviewed Journeybot .docx.")],
    study: StudyOpt,
    as_json: JsonOpt = False,
) -> None:
    """Apply the verdicts of a reviewed Word file to the study's drafts."""
    from journeybot.service import render

    show(as_json, lambda: state(ctx).workspace.validate(file, study), render.review_report)


@app.command()
def demo(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="Where to write the .docx.")
    ] = Path("journeybot-demo.docx"),
) -> None:
    """Run the bundled sample study end to end and write its journey map to Word."""
    from journeybot.service.demo import run_demo

    run(False, lambda: run_demo(state(ctx).workspace, out, console()))


@app.command()
def serve(ctx: typer.Context) -> None:
    """Run the Slack bot (Socket Mode with SLACK_APP_TOKEN, else HTTP)."""
    from journeybot.bot.app import serve as serve_bot

    run(False, lambda: serve_bot(state(ctx).settings))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)


# Commands defined in their own modules register themselves on ``app`` when imported.
from journeybot.service import cli_catalog, cli_plan, cli_speakers  # noqa: E402, F401
