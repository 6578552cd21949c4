"""The ``journeybot`` app itself: global options, and what they set up for a command.

Command modules (``cli``, ``cli_catalog``, ``cli_plan``, ``cli_speakers``) register on
``app``; ``cli`` imports them all. Only what every command needs is imported here: a
command imports the rest itself, so ``--help`` and the listing commands never pay for
Chroma, the model, the drafting stack or the settings machinery.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from journeybot.core.home import HOME_VARIABLE, default_home, resolve_home
from journeybot.core.logs import configure_logging
from journeybot.service.cli_help import LIVE_DEFAULTS, JourneybotGroup, JourneybotTyper

if TYPE_CHECKING:
    from journeybot.core.settings import Settings
    from journeybot.retrieval.embeddings import MiniLMEmbedder
    from journeybot.service.listing import Listings
    from journeybot.service.workspace import Workspace

#: The order ``journeybot --help`` lists commands in: the order a new user meets them.
HELP_ORDER = (
    "ingest",
    "sources",
    "studies",
    "ask",
    "forget",
    "doctor",
    "stages",
    "personas",
    "map",
    "export",
    "validate",
    "demo",
    "scope",
    "touchpoints",
    "actions",
    "serve",
    "speakers",
    "participants",
)


class _Group(JourneybotGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        known = [name for name in HELP_ORDER if name in self.commands]
        return known + [name for name in self.commands if name not in HELP_ORDER]


app = JourneybotTyper(
    cls=_Group,
    help="Journeybot: evidence-first personas and journey maps from interview transcripts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class State:
    """What the global options set up; each part opens on first use only."""

    def __init__(self, home: Path | None) -> None:
        self.home = home
        self._settings: Settings | None = None
        self._workspace: Workspace | None = None
        self._listings: Listings | None = None
        self._embedder: MiniLMEmbedder | None = None

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

            self._workspace = Workspace.open(
                self.settings, lazy=True, on_wait=_say_waiting, embedder=self._embedder
            )
        return self._workspace

    def warm_up_search(self) -> None:
        """Before a question: load the embedding model on a thread while the workspace
        imports (``MiniLMEmbedder.warm_up_in_background``)."""
        if self._workspace is None and self._embedder is None:
            from journeybot.retrieval.embeddings import MiniLMEmbedder

            self._embedder = MiniLMEmbedder.for_settings(self.settings)
            self._embedder.warm_up_in_background()

    @property
    def listings(self) -> Listings:
        """The catalog's read-only views, without building ``Settings`` (see ``core.home``)."""
        if self._listings is None:
            from journeybot.service.listing import Listings

            if self._workspace is not None:
                self._listings = Listings(self._workspace.catalog)
            else:
                self._listings = Listings.open(resolve_home(self.home))
        return self._listings


def state(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    assert found is not None, "the journeybot callback sets up the state"
    return found


def _say_waiting(message: str) -> None:
    typer.echo(message, err=True)


def _home_default() -> str:
    """The data folder a command uses when --home is not given, as a path."""
    from_env = os.environ.get(HOME_VARIABLE)
    if from_env:
        return f"{Path(from_env).expanduser()} ({HOME_VARIABLE})"
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
    ctx.obj = State(home)
