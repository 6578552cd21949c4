"""Which Chroma client answers a store's calls, and the study collections within it.

Split from ``store.py``, which holds what the store does with them. An embedded store is
read through Chroma's core (``chroma_core.py``, no ``import chromadb``) until something
must write; then the core reader is closed and the full client opened, so one process
never has both open on the same files. A Chroma server is always the full client.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from journeybot.core.errors import UsageError
from journeybot.retrieval.chroma import (
    COLLECTION_PREFIX,
    Readable,
    check_embedder,
    collection_name,
    new_metadata,
)
from journeybot.retrieval.chroma_core import CoreClient
from journeybot.retrieval.context import context_collection_name
from journeybot.retrieval.embeddings import Embedder
from journeybot.retrieval.guard import StoreGuard
from journeybot.retrieval.lexical_file import LexicalFile
from journeybot.retrieval.readings import Reader

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

    from journeybot.retrieval.chroma_client import EmbedderFunction

#: Suffix of a collection being rebuilt by ``maintenance.rebuild_without`` (see doctor).
REBUILD_SUFFIX = "-rebuild"


class ChromaAccess:
    """A store's way to Chroma: the full client, or its core for an embedded store's reads."""

    def __init__(
        self,
        client: ClientAPI | None,
        embedder: Embedder,
        lexical: LexicalFile | None = None,
        *,
        connect: Callable[[], ClientAPI] | None = None,
        guard: StoreGuard | None = None,
        location: str = "the evidence store",
        folder: Path | None = None,
        core: Callable[[], CoreClient | None] | None = None,
    ) -> None:
        if client is None and connect is None:
            raise ValueError("an EvidenceStore needs a client or a way to connect")
        self._client = client
        self._connect = connect
        self.guard = guard or StoreGuard()
        self.location = location
        self.folder = folder
        self.embedder = embedder
        self._open_core = core
        self._core: CoreClient | None = None
        self._function_made: EmbedderFunction | None = None
        #: Without a file (tests, benchmarks) the lexical index lives in memory.
        self.lexical = lexical or LexicalFile(None)
        #: Reads segments as they are written (set by the service layer); None: unread.
        self.reader: Reader | None = None

    @property
    def client(self) -> ClientAPI:
        """Chroma's full client: every write, and reads when no core reader can serve."""
        self._close_core()
        if self._client is None:
            assert self._connect is not None  # a store without one never drops its client
            self._client = self._connect()
        return self._client

    def _reads(self) -> ClientAPI | CoreClient:
        """Where reads go: Chroma's core for an embedded store not open for writing."""
        if self._client is None and self._open_core is not None:
            self._core = self._core or self._open_core()
            if self._core is not None:
                return self._core
        return self.client

    @property
    def _function(self) -> EmbedderFunction:
        """Our embedder as Chroma's embedding function, registered on first use."""
        if self._function_made is None:
            from journeybot.retrieval.chroma_client import (
                EmbedderFunction,
                register_embedder_function,
            )

            register_embedder_function()
            self._function_made = EmbedderFunction(self.embedder)
        return self._function_made

    def _reconnect(self) -> None:
        """Drop our Chroma state (another process changed the store); the next call
        opens it afresh, through the core or the full client as that call needs."""
        self.close()

    def close(self) -> None:
        """Release Chroma's files (before another process vacuums or copies them)."""
        self._close_core()
        if self._client is not None and self._connect is not None:
            with contextlib.suppress(Exception):
                self._client.close()  # type: ignore[attr-defined]
            self._client = None

    def _close_core(self) -> None:
        if self._core is not None:
            self._core.close()
            self._core = None

    def _collection(self, study: str, *, create: bool = False) -> Collection | None:
        """The study's collection in the full client (for writing), made if ``create``."""
        import chromadb.errors

        name = _checked_name(study)
        try:
            if create:
                collection = self._create(name, study)
            else:
                collection = self.client.get_collection(name, embedding_function=self._function)  # type: ignore[arg-type]
        except chromadb.errors.NotFoundError:
            return None
        if create:
            self._check_embedder(study, collection)
        return collection

    def _read_collection(self, study: str) -> Readable | None:
        reads = self._reads()
        if isinstance(reads, CoreClient):
            return reads.get_collection(_checked_name(study))
        return self._collection(study)

    def _read_context(self, collection: Readable) -> Readable | None:
        reads = self._reads()
        if isinstance(reads, CoreClient):  # None: a study last written before the channel
            return reads.get_collection(context_collection_name(collection.name))
        return self._context_collection(collection)

    def _read_collections(self) -> list[Readable]:
        return [c for c in self._reads().list_collections() if _ours(c.name)]

    def _create(self, name: str, study: str) -> Collection:
        return self.client.get_or_create_collection(
            name,
            metadata=self._new_metadata(study),
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=self._function,  # type: ignore[arg-type]
        )

    def _new_metadata(self, study: str) -> dict[str, str | int]:
        version = self.reader.version if self.reader is not None else None
        return new_metadata(study, self.embedder, version, uuid.uuid4().hex)

    def _check_embedder(self, study: str, collection: Readable) -> None:
        check_embedder(study, collection, self.embedder)

    def _context_collection(self, collection: Readable) -> Collection:
        return self.client.get_or_create_collection(
            context_collection_name(collection.name),
            metadata={"embedder": self.embedder.name, "dimension": self.embedder.dimension},
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=self._function,  # type: ignore[arg-type]
        )

    def _our_collections(self) -> list[Collection]:
        return [c for c in self.client.list_collections() if _ours(c.name)]


def _ours(name: str) -> bool:
    return name.startswith(COLLECTION_PREFIX) and not name.endswith(REBUILD_SUFFIX)


def _checked_name(study: str) -> str:
    if not study.strip():
        raise UsageError("A study needs a name; pass --study with a non-empty name.")
    return collection_name(study)
