"""``journeybot speakers`` and ``journeybot participants``: who said it, reviewed and fixed.

Kept beside ``cli.py`` (which imports this module, so these register on ``app``) so each
command module stays small; the pattern is the same: parse, call one use case, print.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeybot.core.errors import UsageError
from journeybot.core.roles import Role
from journeybot.service.cli_app import app, state
from journeybot.service.cli_options import JsonOpt, StudyOpt, emit_json, fail, run

if TYPE_CHECKING:
    from journeybot.service.listing import SourceSpeakers
    from journeybot.service.participants import ParticipantsOverview

_SET = "set"


@app.command()
def speakers(
    ctx: typer.Context,
    study: StudyOpt,
    args: Annotated[
        list[str] | None,
        typer.Argument(help='[FILE] to list, or: set FILE "Name" --role ROLE [--as ID].'),
    ] = None,
    role: Annotated[
        Role | None, typer.Option("--role", help="With set: interviewer, participant or other.")
    ] = None,
    as_id: Annotated[
        str | None, typer.Option("--as", help="With set: the participant id to file them under.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List each source's speakers (role, share of words, turns, how decided), or set one."""
    words = list(args or [])
    if words and words[0] == _SET:
        if len(words) != 3 or role is None:
            fail(
                UsageError('Use: journeybot speakers set FILE "Name" --role ROLE [--as ID].'),
                as_json,
            )
        workspace = state(ctx).workspace
        result = run(
            as_json, lambda: workspace.set_speaker(study, words[1], words[2], role, as_id=as_id)
        )
        _print(study, [result], as_json)
        return
    if len(words) > 1:
        fail(UsageError("Name at most one file to list its speakers."), as_json)
    listed = run(as_json, lambda: state(ctx).listings.speakers(study, words[0] if words else None))
    _print(study, listed, as_json)


def _print(study: str, listed: list[SourceSpeakers], as_json: bool) -> None:
    if as_json:
        emit_json({"study": study, "sources": [item.as_json() for item in listed]})
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for item in listed:
        table = Table(title=f"{item.file}: {item.roles}", title_justify="left")
        for column in ("speaker", "role", "words", "turns", "decided by", "why"):
            table.add_column(column)
        for entry in item.speakers:
            table.add_row(
                entry.speaker,
                entry.role.value,
                f"{round(100 * entry.share)}%",
                str(entry.turns),
                entry.decided_by,
                entry.reason,
            )
        console.print(table)


@app.command()
def participants(
    ctx: typer.Context,
    study: StudyOpt,
    args: Annotated[
        list[str] | None,
        typer.Argument(help="Nothing to list; import ROSTER.csv|yaml; or merge KEEP OTHER."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List participants across sources, import a roster, or merge two into one person."""
    words = list(args or [])
    workspace = state(ctx).workspace
    action = words[0] if words else ""
    if action == "import" and len(words) == 2:
        result = run(as_json, lambda: workspace.import_roster(study, Path(words[1])))
    elif action == "merge" and len(words) == 3:
        result = run(as_json, lambda: workspace.merge_participants(study, words[1], words[2]))
    elif not words:
        result = run(as_json, lambda: workspace.participants_overview(study))
    else:
        fail(
            UsageError("Use: journeybot participants [import ROSTER.csv|yaml | merge KEEP OTHER]."),
            as_json,
        )
        return
    if as_json:
        emit_json(result.as_json())
        return
    _print_participants(result)


def _print_participants(result: ParticipantsOverview) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Participants of '{result.study}' (roster: {result.roster})")
    for column in ("participant", "appears as", "sources", "attributes"):
        table.add_column(column)
    for row in result.participants:
        attributes = ", ".join(f"{k}: {v}" for k, v in row.attributes.items())
        table.add_row(row.id, ", ".join(row.labels), ", ".join(row.sources), attributes)
    console.print(table)
    for proposal in result.proposals:
        console.print(
            f"'{proposal.first}' and '{proposal.second}' may be one person ({proposal.reason}): "
            f"{proposal.command} --study '{result.study}'"
        )
    if result.hint:
        console.print(result.hint)
    if result.unmatched:
        console.print(f"Not on the roster: {', '.join(result.unmatched)}")
