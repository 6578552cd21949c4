"""Every Slack listener is registered from ``register``: one place to see them all."""

from __future__ import annotations

from slack_bolt import App

from journeybot.bot.jobs import JobQueue
from journeybot.bot.listeners.commands import register_commands
from journeybot.bot.listeners.errors import register_error_handler
from journeybot.bot.listeners.events import register_events
from journeybot.bot.listeners.home import register_home


def register(app: App, jobs: JobQueue) -> None:
    """Listeners only record jobs and acknowledge; ``bot.work`` does the jobs."""
    register_events(app, jobs)
    register_commands(app, jobs)
    register_home(app, jobs)
    register_error_handler(app)
