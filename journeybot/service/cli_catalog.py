"""``journeybot studies``, ``sources``, ``stages``, ``forget`` and ``doctor``: what is in
the data folder, and keeping it tidy.

The listings read the catalog only (``State.listings``), so they answer at once; setting,
suggesting and erasing go through the ``Workspace`` like every other change.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from journeybot.core.errors import UsageError
from journeybot.service.cli_app import app, state
from journeybot.service.cli_options import (
    JsonOpt,
    StudyOpt,
    console,
    emit_json,
    fail,
    run,
    say,
    show,
)

if TYPE_CHECKING:
    from journeybot.service.records import StudySummary


@app.command()
def sources(ctx: typer.Context, study: StudyOpt, as_json: JsonOpt = False) -> None:
    """List a study's sources."""
    from journeybot.service import render

    show(
        as_json,
        lambda: state(ctx).listings.sources(study),
        lambda screen, items: render.sources(screen, study, items),
        lambda items: {"study": study, "sources": [s.model_dump(mode="json") for s in items]},
    )


@app.command()
def studies(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List the studies in this data folder."""
    from journeybot.service import render

    show(
        as_json,
        lambda: state(ctx).listings.studies(),
        render.studies,
        lambda items: {"studies": [_summary_json(s) for s in items]},
    )


def _summary_json(summary: StudySummary) -> dict[str, Any]:
    data = asdict(summary)
    for key in ("last_personas_at", "last_map_at"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


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
    from journeybot.service import render

    if suggest and set_from is not None:
        fail(UsageError("Use --suggest or --set, not both: suggest, edit, then set."), as_json)
    if suggest:
        _suggest_stages(ctx, study, out, as_json)
        return

    def action() -> Any:
        if set_from is not None:
            from journeybot.core.stages import load_stages

            state(ctx).workspace.set_stages(study, load_stages(set_from))
        return state(ctx).listings.stages(study)

    show(
        as_json,
        action,
        lambda screen, items: render.stages(screen, study, items, saved_from=set_from),
        lambda items: {"study": study, "stages": [s.model_dump() for s in items]},
    )


def _suggest_stages(ctx: typer.Context, study: str, out: Path | None, as_json: bool) -> None:
    from journeybot.core.stages import write_stages
    from journeybot.service import render

    items = run(as_json, lambda: state(ctx).workspace.suggest_stages(study))
    if out is not None:
        run(as_json, lambda: write_stages(out, items))
    if as_json:
        emit_json({"study": study, "suggested": [s.model_dump() for s in items]})
        return
    render.stages(console(), study, items, saved_from=None)
    target = str(out) if out is not None else "a file (--out FILE)"
    say(
        f"Suggested from the interviews, not set. To use them, save them to {target}, "
        f"edit names and descriptions, then run: journeybot stages --study {study} "
        "--set FILE"
    )


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
        fail(
            UsageError(
                "Name one source to forget, or pass --participant ID, or --all for the whole study."
            ),
            as_json,
        )
    workspace = state(ctx).workspace
    if participant is not None:
        from journeybot.service import render_admin

        show(
            as_json,
            lambda: workspace.forget_participant(study, participant),
            render_admin.participant_erasure,
            lambda erased: {"forgotten_participant": asdict(erased)},
        )
        return
    if everything:
        show(
            as_json,
            lambda: workspace.delete_study(study),
            lambda _, removed: say(f"Deleted study '{study}' and its {len(removed)} sources."),
            lambda removed: {"forgotten": [s.model_dump(mode="json") for s in removed]},
        )
        return
    show(
        as_json,
        lambda: workspace.forget(study, source or ""),
        lambda _, one: say(f"Forgot {one.file_name} ({one.segments} segments) from '{study}'."),
        lambda one: {"forgotten": [one.model_dump(mode="json")]},
    )


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

    report = show(
        as_json,
        lambda: state(ctx).workspace.check_home(repair=repair),
        render_admin.doctor_report,
        asdict,
    )
    if any(not problem.repaired for problem in report.problems):
        raise typer.Exit(1)
