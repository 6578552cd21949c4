"""The ``journeybot`` command: parse, call one Workspace use case, print.

Errors become output in exactly one place (``_run``): a readable sentence on stderr and,
with ``--json``, one JSON document on stdout. Exit codes: 0 success, 1 some inputs failed
(others done), 2 usage error, a name that does not exist included (``cli_options``).
Help and usage lines come from ``cli_help``; shared options from ``cli_options``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from journeybot.core.errors import JourneybotError, UsageError
from journeybot.core.logs import configure_logging
from journeybot.service.cli_help import LIVE_DEFAULTS, JourneybotGroup, JourneybotTyper
from journeybot.service.cli_options import (
    EXIT_FAILED,
    JsonOpt,
    PersonaOpt,
    SaveStagesOpt,
    StagesOpt,
    StudyOpt,
    exit_code,
)

# Only what every command needs is imported here: a command imports the rest itself, so
# `--help`, `studies` or `sources` never pay for Chroma, the model or the drafting stack.
if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console

    from journeybot.core.settings import Settings
    from journeybot.service.records import StudySummary
    from journeybot.service.workspace import Workspace

app = JourneybotTyper(
    cls=JourneybotGroup,
    help="Journeybot: evidence-first personas and journey maps from interview transcripts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

T = TypeVar("T")


class _State:
    """What the global options set up; the Workspace opens on first use only."""

    def __init__(self, home: Path | None) -> None:
        self.home = home
        self._settings: Settings | None = None
        self._workspace: Workspace | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from journeybot.core.settings import Settings

            self._settings = Settings() if self.home is None else Settings(home=self.home)
        return self._settings

    @property
    def workspace(self) -> Workspace:
        if self._workspace is None:
            from journeybot.service.workspace import Workspace

            self._workspace = Workspace.open(self.settings, lazy=True, on_wait=_say_waiting)
        return self._workspace


def _say_waiting(message: str) -> None:
    typer.echo(message, err=True)


def _home_default() -> str:
    """The data folder a command uses when --home is not given, as a path."""
    from journeybot.core.settings import default_home

    from_env = os.environ.get("JOURNEYBOT_HOME")
    if from_env:
        return f"{Path(from_env).expanduser()} (JOURNEYBOT_HOME)"
    return str(default_home())


LIVE_DEFAULTS["home"] = _home_default


@app.callback()
def _main(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            metavar="PATH",
            help="Data folder: the evidence store and catalog (or set JOURNEYBOT_HOME).",
        ),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details.")] = False,
) -> None:
    configure_logging(verbose)
    ctx.obj = _State(home)


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
    _say(err.user_message, err=True)
    raise typer.Exit(exit_code(err))


def _say(message: str, *, err: bool = False) -> None:
    """One plain line; names in it (files, studies) cannot carry control characters."""
    from journeybot.service.render import printable

    typer.echo(printable(message), err=err)


def _emit_json(payload: BaseModel | dict[str, Any]) -> None:
    from pydantic import BaseModel

    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _console() -> Console:
    from journeybot.service import render

    return render.console()


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

    state = _state(ctx)

    def action() -> Any:
        with ingest_progress(enabled=not as_json) as progress:
            return state.workspace.ingest_paths(
                paths, study, redact=redact, interviewers=interviewer or (), progress=progress
            )

    report = _run(as_json, action)
    if not report.sources:
        where = ", ".join(str(path) for path in paths)
        _fail(
            JourneybotError(f"Found no transcripts or diary exports to ingest in {where}."), as_json
        )
    if as_json:
        _emit_json(report)
    else:
        render.ingest_report(_console(), report)
    for item in report.failed:
        _say(item.error or f"{item.file}: failed", err=True)
    if report.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command()
def sources(ctx: typer.Context, study: StudyOpt, as_json: JsonOpt = False) -> None:
    """List a study's sources."""
    from journeybot.service import render

    items = _run(as_json, lambda: _state(ctx).workspace.sources(study))
    if as_json:
        _emit_json({"study": study, "sources": [s.model_dump(mode="json") for s in items]})
    else:
        render.sources(_console(), study, items)


@app.command()
def studies(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the studies in this data folder."""
    from journeybot.service import render

    items = _run(as_json, lambda: _state(ctx).workspace.studies())
    if as_json:
        _emit_json({"studies": [_summary_json(s) for s in items]})
    else:
        render.studies(_console(), items)


def _summary_json(summary: StudySummary) -> dict[str, Any]:
    data = asdict(summary)
    for key in ("last_personas_at", "last_map_at"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


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
    from journeybot.service import render

    result = _run(as_json, lambda: _state(ctx).workspace.ask(question, [study], k=k))
    if as_json:
        _emit_json(result)
    else:
        render.answer(_console(), result)


@app.command()
def forget(
    ctx: typer.Context,
    study: StudyOpt,
    source: Annotated[
        str | None,
        typer.Argument(metavar="SOURCE", help="File name or source id to remove."),
    ] = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Delete the whole study and everything in it.")
    ] = False,
    participant: Annotated[
        str | None,
        typer.Option(
            "--participant", metavar="ID", help="Erase one participant's words (withdrawn consent)."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Erase a source, a participant (--participant) or the whole study (--all), for good."""
    if sum((everything, source is not None, participant is not None)) != 1:
        _fail(
            UsageError(
                "Name one source to forget, or pass --participant ID, or --all for the whole study."
            ),
            as_json,
        )
    workspace = _state(ctx).workspace
    if participant is not None:
        from journeybot.service import render_admin

        erased = _run(as_json, lambda: workspace.forget_participant(study, participant))
        if as_json:
            _emit_json({"forgotten_participant": asdict(erased)})
        else:
            render_admin.participant_erasure(_console(), erased)
        return
    if everything:
        removed = _run(as_json, lambda: workspace.delete_study(study))
        if as_json:
            _emit_json({"forgotten": [s.model_dump(mode="json") for s in removed]})
        else:
            _say(f"Deleted study '{study}' and its {len(removed)} sources.")
        return
    one = _run(as_json, lambda: workspace.forget(study, source or ""))
    if as_json:
        _emit_json({"forgotten": [one.model_dump(mode="json")]})
    else:
        _say(f"Forgot {one.file_name} ({one.segments} segments) from '{study}'.")


@app.command()
def doctor(
    ctx: typer.Context,
    repair: Annotated[
        bool, typer.Option("--repair", help="Remove orphans and finish interrupted erasures.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check the home: the catalog against the evidence store, orphans and mismatches."""
    from journeybot.service import render_admin

    workspace = _state(ctx).workspace
    report = _run(as_json, lambda: workspace.check_home(repair=repair))
    if as_json:
        _emit_json(asdict(report))
    else:
        render_admin.doctor_report(_console(), report)
    unresolved = [p for p in report.problems if not p.repaired]
    if unresolved:
        raise typer.Exit(1)


@app.command()
def stages(
    ctx: typer.Context,
    study: StudyOpt,
    set_from: Annotated[
        Path | None,
        typer.Option(
            "--set",
            metavar="FILE",
            help="Set them from this YAML or JSON list of {id, name, description}.",
        ),
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
    from journeybot.core.stages import load_stages, write_stages
    from journeybot.service import render

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
    render.stages(_console(), study, items, saved_from=set_from)
    if suggest:
        target = str(out) if out is not None else "a file (--out FILE)"
        _say(
            f"Suggested from the interviews, not set. To use them, save them to {target}, "
            f"edit names and descriptions, then run: journeybot stages --study {study} "
            "--set FILE"
        )


@app.command()
def personas(ctx: typer.Context, study: StudyOpt, as_json: JsonOpt = False) -> None:
    """Draft personas from a study's evidence."""
    from journeybot.service import render

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

    if changes_since is not None:
        map_changes(ctx, study, changes_since, as_json)
        return
    _check_save(save, stages_file, as_json)

    def action() -> Any:
        stage_list = load_stages(stages_file) if stages_file else None
        return _state(ctx).workspace.journey_map(
            study, persona=persona, stages=stage_list, save_stages=save
        )

    result = _run(as_json, action)
    if as_json:
        _emit_json(result)
        return
    console = _console()
    if stages_file is not None:
        render.stages_used(console, study, stages_file, saved=save)
    render.journey_map(console, result)


def _check_save(save: bool, stages_file: Path | None, as_json: bool) -> None:
    if save and stages_file is None:
        _fail(UsageError("--save keeps a --stages list; give one with --stages FILE."), as_json)


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
    suffixes = {".docx": "docx", ".md": "md", ".json": "json", ".png": "png", ".pdf": "pdf"}
    named = suffixes.get(out.suffix.lower())
    if fmt and named and fmt != named:
        _fail(
            UsageError(
                f"--format {fmt} does not match the file name {out.name}; name the file "
                f"{out.stem}.{fmt}, or leave --format out."
            ),
            as_json,
        )
    chosen = fmt or named or "docx"

    def action() -> Path:
        stage_list = load_stages(stages_file) if stages_file else None
        return _state(ctx).workspace.export(
            study, out, persona=persona, stages=stage_list, save_stages=save, fmt=chosen
        )

    written = _run(as_json, action)
    if as_json:
        _emit_json({"study": study, "format": chosen, "path": str(written)})
        return
    console = _console()
    if stages_file is not None:
        render.stages_used(console, study, stages_file, saved=save)
    render.written(console, written)


@app.command()
def validate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A reviewed Journeybot .docx.")],
    study: StudyOpt,
    as_json: JsonOpt = False,
) -> None:
    """Apply the verdicts of a reviewed Word file to the study's drafts."""
    from journeybot.service import render

    report = _run(as_json, lambda: _state(ctx).workspace.validate(file, study))
    if as_json:
        _emit_json(report)
    else:
        render.review_report(_console(), report)


@app.command()
def demo(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="Where to write the .docx.")
    ] = Path("journeybot-demo.docx"),
) -> None:
    """Run the bundled sample study end to end and write its journey map to Word."""
    from journeybot.service.demo import run_demo

    _run(False, lambda: run_demo(_state(ctx).workspace, out, _console()))


@app.command()
def scope(
    ctx: typer.Context,
    study: StudyOpt,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", metavar="TEXT", help="The situation the map follows."),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option("--goal", metavar="TEXT", help="What the actor is trying to achieve."),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option("--actor", metavar="TEXT", help="Whose journey (default: all participants)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show or set the map's scope: actor, scenario and goal."""
    from journeybot.service import render_actions

    workspace = _state(ctx).workspace

    def action() -> Any:
        if scenario is None and goal is None and actor is None:
            return workspace.scope(study)
        return workspace.set_scope(study, scenario=scenario, goal=goal, actor=actor)

    result = _run(as_json, action)
    if as_json:
        _emit_json({"study": study, "scope": result.model_dump()})
    else:
        render_actions.scope(_console(), study, result)


@app.command()
def touchpoints(
    ctx: typer.Context,
    study: StudyOpt,
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add",
            metavar="'NAME: VARIANT, ...'",
            help="A touchpoint name and its variants to look for (repeatable).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show or add the study's own touchpoint names (the built-in channels always apply)."""
    from journeybot.service import render_actions
    from journeybot.service.map_extras import parse_touchpoint_names

    workspace = _state(ctx).workspace

    def action() -> dict[str, list[str]]:
        if add:
            workspace.add_touchpoint_names(study, parse_touchpoint_names("\n".join(add)))
        return workspace.touchpoint_names(study)

    names = _run(as_json, action)
    if as_json:
        _emit_json({"study": study, "touchpoints": names})
    else:
        render_actions.touchpoint_names(_console(), study, names)


@app.command()
def actions(
    ctx: typer.Context, study: StudyOpt, persona: PersonaOpt = None, as_json: JsonOpt = False
) -> None:
    """The action plan: opportunities by impact, with feasibility, owner, metric, due date."""
    from journeybot.service import render_actions

    plan = _run(as_json, lambda: _state(ctx).workspace.actions(study, persona=persona))
    if as_json:
        _emit_json({"study": study, "actions": [item.model_dump(mode="json") for item in plan]})
    else:
        render_actions.action_plan(_console(), study, plan)


def map_changes(ctx: typer.Context, study: str, since: str, as_json: bool) -> None:
    """``map --changes-since``: new themes, grown or shrunk ones, feeling moves..."""
    from journeybot.service import render_actions

    changes = _run(as_json, lambda: _state(ctx).workspace.map_changes(study, since))
    if as_json:
        _emit_json({"study": study, "changes": asdict(changes)})
    else:
        render_actions.map_changes(_console(), changes)


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


# Commands defined in their own modules register themselves on ``app`` when imported.
from journeybot.service import cli_speakers  # noqa: E402, F401
