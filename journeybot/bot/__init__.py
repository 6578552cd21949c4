"""The Slack app: ``build_app`` composes it, ``serve`` runs it.

Imported lazily so the process answering Slack loads none of the storage code (the
worker process does the work).
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_app", "serve"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from journeybot.bot import app

        return getattr(app, name)
    raise AttributeError(name)
