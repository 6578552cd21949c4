"""App Home: drawn when opened and redrawn by its Refresh button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from journeybot.bot.blocks.study import HOME_REFRESH_ACTION
from journeybot.bot.jobs import Job, JobQueue


def register_home(app: App, jobs: JobQueue) -> None:
    def on_home_opened(ack: Ack, event: dict[str, Any]) -> None:
        if event.get("tab", "home") == "home":
            jobs.submit(Job("home", {"user": event["user"]}))
        ack()

    def on_refresh(ack: Ack, body: dict[str, Any]) -> None:
        jobs.submit(Job("home", {"user": body["user"]["id"]}))
        ack()

    app.event("app_home_opened")(on_home_opened)
    app.action(HOME_REFRESH_ACTION)(on_refresh)
