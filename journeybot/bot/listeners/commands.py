"""The ``/journey`` slash command: answer help at once, run the rest in the background."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from journeybot.bot.blocks.study import help_messages
from journeybot.bot.deps import BotDeps
from journeybot.bot.journey import SLOW, JourneyRequest, is_known, parse_command, run_command
from journeybot.bot.mrkdwn import escape

COMMAND = "/journey"


def register_commands(app: App, deps: BotDeps) -> None:
    def on_journey(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        name, arg = parse_command(command.get("text") or "")
        if name == "help" or not is_known(name):
            intro = None if name == "help" else f"I do not know `{escape(name)}`. Try one of these:"
            message = help_messages(intro)[0]
            ack(text=message.text, blocks=message.blocks, response_type="ephemeral")
            return
        if name in SLOW:
            ack(
                text=f"Working on `{COMMAND} {name}`; the result will appear here shortly.",
                response_type="ephemeral",
            )
        else:
            ack()
        request = JourneyRequest(name, arg, command["channel_id"], command["user_id"])
        deps.in_background(run_command, deps, client, request)

    app.command(COMMAND)(on_journey)
