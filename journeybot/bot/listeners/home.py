"""App Home: drawn when opened and redrawn by its Refresh button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from journeybot.bot.blocks.study import HOME_REFRESH_ACTION
from journeybot.bot.deps import BotDeps
from journeybot.bot.home import publish_home


def register_home(app: App, deps: BotDeps) -> None:
    def on_home_opened(ack: Ack, event: dict[str, Any], client: WebClient) -> None:
        ack()
        if event.get("tab", "home") == "home":
            deps.in_background(publish_home, deps, client, event["user"])

    def on_refresh(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        deps.in_background(publish_home, deps, client, body["user"]["id"])

    app.event("app_home_opened")(on_home_opened)
    app.action(HOME_REFRESH_ACTION)(on_refresh)
