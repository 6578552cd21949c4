"""Every Slack listener is registered from ``register``: one place to see them all."""

from __future__ import annotations

from slack_bolt import App

from journeybot.bot.deps import BotDeps
from journeybot.bot.listeners.commands import register_commands
from journeybot.bot.listeners.errors import register_error_handler
from journeybot.bot.listeners.events import register_events
from journeybot.bot.listeners.home import register_home


def register(app: App, deps: BotDeps) -> None:
    register_events(app, deps)
    register_commands(app, deps)
    register_home(app, deps)
    register_error_handler(app)
