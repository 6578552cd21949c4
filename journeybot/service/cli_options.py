"""Options shared by ``journeybot`` commands, and the one way a command reports back.

Declare a command's parameters with these (or with ``metavar=`` on your own) so help
reads ``--study STUDY`` and ``PATH...``. A name that must already exist (a study, a
source, a speaker, a persona) gets its "did you mean" from ``journeybot.core.suggest``;
exit codes come from ``exit_code``.

Errors become output in exactly one place (``fail``): a readable sentence on stderr and,
with ``--json``, one JSON document on stdout. ``show`` is the usual shape of a command:
run one use case, then print its JSON or render it for people.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from journeybot.core.errors import JourneybotError, NotFoundError, UsageError

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import Console

T = TypeVar("T")

#: Exit codes (README "Using the CLI"): success, some inputs failed, usage error.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
StudyOpt = Annotated[
    str,
    typer.Option(
        "--study", "-s", metavar="STUDY", help="The study to work in (`journeybot studies`)."
    ),
]
PersonaOpt = Annotated[
    str | None,
    typer.Option("--persona", metavar="ID", help="A persona id (`journeybot personas`)."),
]
StagesOpt = Annotated[
    Path | None,
    typer.Option(
        "--stages",
        metavar="FILE",
        help="Draft with this YAML or JSON list of {id, name, description}, this time "
        "only (add --save to keep it as the study's stages).",
    ),
]
SaveStagesOpt = Annotated[
    bool, typer.Option("--save", help="Keep the --stages list as the study's stages.")
]


def exit_code(err: JourneybotError) -> int:
    """2 when the request was wrong (a bad option, a name that does not exist), else 1."""
    return EXIT_USAGE if isinstance(err, UsageError | NotFoundError) else EXIT_FAILED


def run(as_json: bool, action: Callable[[], T]) -> T:
    """``action()``, or its error reported (``fail``) and the command ended."""
    try:
        return action()
    except JourneybotError as err:
        fail(err, as_json)


def fail(err: JourneybotError, as_json: bool) -> NoReturn:
    """End the command: the error's sentence on stderr (and as JSON on stdout)."""
    if as_json:
        typer.echo(json.dumps({"error": {"code": err.code, "message": err.user_message}}))
    say(err.user_message, err=True)
    raise typer.Exit(exit_code(err))


def show(
    as_json: bool,
    load: Callable[[], T],
    render: Callable[[Console, T], None],
    as_data: Callable[[T], BaseModel | dict[str, Any]] | None = None,
) -> T:
    """Run ``load``; print the result as JSON (``as_data`` of it, else the result itself,
    a pydantic model) or ``render`` it on the terminal. Returns the result."""
    result = run(as_json, load)
    if as_json:
        emit_json(as_data(result) if as_data is not None else _model(result))
    else:
        render(console(), result)
    return result


def _model(result: object) -> BaseModel:
    from pydantic import BaseModel

    if not isinstance(result, BaseModel):
        raise TypeError(f"{type(result).__name__} needs as_data to be printed as JSON")
    return result


def say(message: str, *, err: bool = False) -> None:
    """One plain line; names in it (files, studies) cannot carry control characters."""
    from journeybot.service.render import printable

    typer.echo(printable(message), err=err)


def emit_json(payload: BaseModel | dict[str, Any]) -> None:
    from pydantic import BaseModel

    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def console() -> Console:
    from journeybot.service import render

    return render.console()
