"""Remembering where the bot has answered, so a plain reply there is a follow-up."""

from __future__ import annotations

import threading
from collections import OrderedDict

#: Threads remembered as answered, so plain replies there count as follow-ups.
THREADS_REMEMBERED = 5000


class AnsweredThreads:
    """Threads the bot has answered in (bounded, in memory).

    A reply in such a thread is a follow-up even without an @mention, which is how people
    carry on a conversation; after a restart a mention is needed again.
    """

    def __init__(self, limit: int = THREADS_REMEMBERED) -> None:
        self.limit = limit
        self._threads: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, channel: str, thread_ts: str) -> None:
        with self._lock:
            self._threads[(channel, thread_ts)] = None
            self._threads.move_to_end((channel, thread_ts))
            while len(self._threads) > self.limit:
                self._threads.popitem(last=False)

    def answered(self, channel: str, thread_ts: str) -> bool:
        with self._lock:
            return (channel, thread_ts) in self._threads
