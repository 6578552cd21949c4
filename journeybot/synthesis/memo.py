"""Per-text memos of the sentence readers, and one switch that forgets them all.

A draft reads the same sentence many times (for every theme, persona and section), and
each reader is a pure function of its text, so its answers are kept for the process.
Every such memo is made here, so the speed benchmark can clear them all between runs
and time each run from nothing (one added with ``functools`` alone once escaped it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import _lru_cache_wrapper, lru_cache
from typing import Any, TypeVar

Result = TypeVar("Result")

_MEMOS: list[_lru_cache_wrapper[Any]] = []


def per_text(
    maxsize: int,
) -> Callable[[Callable[..., Result]], _lru_cache_wrapper[Result]]:
    """``functools.lru_cache(maxsize)``, registered for ``forget_all``."""

    def memoised(function: Callable[..., Result]) -> _lru_cache_wrapper[Result]:
        memo = lru_cache(maxsize=maxsize)(function)
        _MEMOS.append(memo)
        return memo

    return memoised


def forget_all() -> None:
    """Clear every memo made so far (those of modules not yet imported hold nothing)."""
    for memo in _MEMOS:
        memo.cache_clear()
