"""Store calls under the store's guard, with a lost server turned into a usable sentence."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, Protocol, TypeVar

import httpx

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
        except (httpx.TransportError, ConnectionError) as exc:
            raise StoreUnavailableError(
                f"Lost contact with {store.location} ({exc}); check that the Chroma server "
                "is running and reachable, then try again."
            ) from exc

    return wrapper
