"""Options and arguments shared by ``journeybot`` commands, with the metavars help shows.

Declare a command's parameters with these (or with ``metavar=`` on your own) so help
reads ``--study STUDY`` and ``PATH...``. A name that must already exist (a study, a
source, a speaker, a persona) gets its "did you mean" from ``journeybot.core.suggest``;
exit codes come from ``exit_code``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from journeybot.core.errors import JourneybotError, NotFoundError, UsageError

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
