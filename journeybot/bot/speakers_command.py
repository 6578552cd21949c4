"""``/journey speakers`` and ``/journey speakers set FILE "Name" --role ROLE [--as ID]``.

Listing answers privately; a correction is posted to the channel, since it changes what
the whole team's answers and drafts cite.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from slack_sdk import WebClient

from journeybot.bot.blocks.speakers import speakers_messages
from journeybot.bot.replies import send
from journeybot.core.errors import UsageError
from journeybot.core.models import Role

if TYPE_CHECKING:
    from journeybot.bot.deps import BotDeps
    from journeybot.bot.journey import JourneyRequest

USAGE = 'Use /journey speakers [FILE], or /journey speakers set FILE "Name" --role ROLE [--as ID].'


def speakers(deps: BotDeps, client: WebClient, request: JourneyRequest) -> None:
    from journeybot.bot.journey import linked_study

    study = linked_study(deps, request.channel)
    words = _split(request.arg)
    if words and words[0].lower() == "set":
        file, name, role, as_id = parse_set(words[1:])
        result = deps.workspace.set_speaker(study, file, name, role, as_id=as_id)
        send(client, request.public, speakers_messages(study, [result], changed_by=request.user))
        return
    if len(words) > 1:
        raise UsageError(USAGE)
    listed = deps.workspace.speakers(study, words[0] if words else None)
    send(client, request.private, speakers_messages(study, listed))


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text.replace("“", '"').replace("”", '"'))
    except ValueError as err:
        raise UsageError(f"{USAGE} ({err}).") from err


def parse_set(words: list[str]) -> tuple[str, str, Role, str | None]:
    """FILE NAME --role ROLE [--as ID] in any option order."""
    options: dict[str, str] = {}
    positional: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("--role", "--as") and index + 1 < len(words):
            options[word] = words[index + 1]
            index += 2
            continue
        positional.append(word)
        index += 1
    if len(positional) != 2 or "--role" not in options:
        raise UsageError(USAGE)
    try:
        role = Role(options["--role"].lower())
    except ValueError as err:
        raise UsageError(
            f"'{options['--role']}' is not a role; use interviewer, participant or other."
        ) from err
    return positional[0], positional[1], role, options.get("--as")
