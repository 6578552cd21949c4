"""Remembering vectors a drafter has already computed.

Drafting a study's everyone map and then each persona's map embeds the same interviewer
questions and stage descriptions again and again; on twelve hour-long interviews that is
a thousand questions a time. One drafter keeps what it embedded, bounded in size.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from journeybot.retrieval.embeddings import Embedder, Vectors

MAX_CACHED_TEXTS = 20_000


class CachingEmbedder:
    """An ``Embedder`` that embeds each distinct text once (until the cache fills)."""

    def __init__(self, inner: Embedder, max_entries: int = MAX_CACHED_TEXTS) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.max_entries = max_entries
        self._vectors: dict[str, Vectors] = {}
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            missing = sorted({text for text in texts if text not in self._vectors})
            if missing:
                if len(self._vectors) + len(missing) > self.max_entries:
                    self._vectors.clear()
                for text, vector in zip(missing, self.inner.embed(missing), strict=True):
                    self._vectors[text] = vector
            return np.stack([self._vectors[text] for text in texts]).astype(np.float32)
