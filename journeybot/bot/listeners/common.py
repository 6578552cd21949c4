"""Small helpers shared by listener modules."""

from __future__ import annotations

from typing import Any

from journeybot.bot.deps import BotDeps


def first_delivery(deps: BotDeps, body: dict[str, Any]) -> bool:
    """False for an event Slack already delivered (a retry or a redelivery)."""
    event_id = body.get("event_id")
    return not event_id or deps.claim(f"event:{event_id}")
