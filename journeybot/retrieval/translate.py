"""Store calls under the store's guard, with a lost server turned into a usable sentence."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, Protocol, TypeVar

from journeybot.core.errors import StoreUnavailableError
from journeybot.retrieval.guard import StoreGuard

_P = ParamSpec("_P")
_R = TypeVar("_R")


class Guarded(Protocol):
    guard: StoreGuard
    location: str

    def _reconnect(self) -> None: ...


def translated(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a store call under the store's guard; a dropped server connection becomes a
    sentence a user can act on."""

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        store: Guarded = args[0]  # type: ignore[assignment]
        try:
            with store.guard.hold(store._reconnect):
                return method(*args, **kwargs)
        except Exception as exc:
            if not _lost_connection(exc):
                raise
            raise StoreUnavailableError(
                f"Lost contact with {store.location} ({exc}); check that the Chroma server "
                "is running and reachable, then try again."
            ) from exc

    return wrapper


def _lost_connection(exc: Exception) -> bool:
    """A dropped connection to a Chroma server. httpx is only loaded when a server client
    is (reads of an embedded store never import it), so it is looked up, not imported."""
    httpx = sys.modules.get("httpx")
    return isinstance(exc, ConnectionError) or (
        httpx is not None and isinstance(exc, httpx.TransportError)
    )
