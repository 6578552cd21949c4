"""Doing the jobs listeners recorded: one handler per kind, run by the worker.

This is the only place that knows how a recorded Slack request becomes work; the
handlers themselves live with their listeners (``listeners/events.py``), the command
(``journey.py``) and the Home tab (``home.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from journeybot.bot.deps import BotDeps
from journeybot.bot.home import publish_home
from journeybot.bot.jobs import Job, Runner
from journeybot.bot.journey import JourneyRequest, run_command
from journeybot.bot.listeners.events import (
    answer_mention,
    ingest_shared_file,
    ingest_shared_message,
    route_message,
)
from journeybot.bot.once import posting_once

Payload = dict[str, Any]
Handler = Callable[[BotDeps, WebClient, Payload], None]

HANDLERS: dict[str, Handler] = {
    "mention": lambda deps, client, p: answer_mention(deps, client, p["body"], p["bot_user"]),
    "message": lambda deps, client, p: route_message(deps, client, p["body"], p["bot_user"]),
    "file_share": lambda deps, client, p: ingest_shared_message(deps, client, p["body"]),
    "file_shared": lambda deps, client, p: ingest_shared_file(deps, client, p["body"]),
    "command": lambda deps, client, p: run_command(deps, client, JourneyRequest(**p)),
    "home": lambda deps, client, p: publish_home(deps, client, p["user"]),
}


def job_runner(deps: BotDeps, client: WebClient) -> Runner:
    def run(job: Job) -> None:
        handler = HANDLERS.get(job.kind)
        if handler is None:
            raise ValueError(f"no handler for job kind {job.kind!r}")
        with posting_once(job.id, deps.workspace):
            handler(deps, client, job.payload)

    return run
