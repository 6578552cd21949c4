"""The ``/journey`` slash command: answer help at once, run the rest in the background."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from slack_bolt import Ack, App

from journeybot.bot.blocks.study import help_messages
from journeybot.bot.jobs import Job, JobQueue
from journeybot.bot.journey import SLOW, JourneyRequest, is_known, parse_command
from journeybot.bot.mrkdwn import escape

COMMAND = "/journey"


def register_commands(app: App, jobs: JobQueue) -> None:
    def on_journey(ack: Ack, command: dict[str, Any]) -> None:
        name, arg = parse_command(command.get("text") or "")
        if name == "help" or not is_known(name):
            intro = None if name == "help" else f"I do not know `{escape(name)}`. Try one of these:"
            message = help_messages(intro)[0]
            ack(text=message.text, blocks=message.blocks, response_type="ephemeral")
            return
        request = JourneyRequest(name, arg, command["channel_id"], command["user_id"])
        jobs.submit(Job("command", asdict(request)))
        if name in SLOW:
            ack(
                text=f"Working on `{COMMAND} {name}`; the result will appear here shortly.",
                response_type="ephemeral",
            )
        else:
            ack()

    app.command(COMMAND)(on_journey)
