"""``journeybot scope``, ``touchpoints`` and ``actions``, and ``map --changes-since``:
framing the map and turning it into a plan.

Registered on ``app`` when ``cli`` imports this module; each command runs one
``Workspace`` use case and prints it (``cli_options.show``).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from journeybot.service.cli_app import app, state
from journeybot.service.cli_options import JsonOpt, PersonaOpt, StudyOpt, show


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

    workspace = state(ctx).workspace

    def action() -> Any:
        if scenario is None and goal is None and actor is None:
            return workspace.scope(study)
        return workspace.set_scope(study, scenario=scenario, goal=goal, actor=actor)

    show(
        as_json,
        action,
        lambda screen, result: render_actions.scope(screen, study, result),
        lambda result: {"study": study, "scope": result.model_dump()},
    )


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

    workspace = state(ctx).workspace

    def action() -> dict[str, list[str]]:
        if add:
            workspace.add_touchpoint_names(study, parse_touchpoint_names("\n".join(add)))
        return workspace.touchpoint_names(study)

    show(
        as_json,
        action,
        lambda screen, names: render_actions.touchpoint_names(screen, study, names),
        lambda names: {"study": study, "touchpoints": names},
    )


@app.command()
def actions(
    ctx: typer.Context, study: StudyOpt, persona: PersonaOpt = None, as_json: JsonOpt = False
) -> None:
    """The action plan: opportunities by impact, with feasibility, owner, metric, due date."""
    from journeybot.service import render_actions

    show(
        as_json,
        lambda: state(ctx).workspace.actions(study, persona=persona),
        lambda screen, plan: render_actions.action_plan(screen, study, plan),
        lambda plan: {"study": study, "actions": [item.model_dump(mode="json") for item in plan]},
    )


def map_changes(ctx: typer.Context, study: str, since: str, as_json: bool) -> None:
    """``map --changes-since``: new themes, grown or shrunk ones, feeling moves..."""
    from journeybot.service import render_actions

    show(
        as_json,
        lambda: state(ctx).workspace.map_changes(study, since),
        render_actions.map_changes,
        lambda changes: {"study": study, "changes": asdict(changes)},
    )
