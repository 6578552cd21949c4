"""Reading an embedded Chroma store through Chroma's own core, without its Python client.

``import chromadb`` takes about a second (its client, server, telemetry and auth layers,
whose classes are checked as they are defined), which was most of what ``journeybot ask``
cost (``benchmarks/ask_cli.py``). The embedded store itself is Chroma's compiled core,
``chromadb_rust_bindings``, which imports in about 25 ms, and ``chromadb.PersistentClient``
is a thin shim over it. So reads of an embedded store (search, counts, segment reads) go
straight to that core: the same code and files answer, only the shim is skipped. Writes,
deletes and a Chroma server still use the full client (``chroma_client.py``).

The core's interface is the one Chroma's own shim calls (``chromadb/api/rust.py``); it is
not documented for outside use, so every way in here is guarded: if the core cannot be
opened (another Chroma version, a store that needs migrating) the store falls back to the
full client, and ``tests/retrieval/test_chroma_core.py`` checks the two agree, record for
record, on a real store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

TENANT = "default_tenant"
DATABASE = "default_database"
#: Chroma's own rule: each open vector index holds five files.
FILES_PER_INDEX = 5


class CoreCollection:
    """One collection, read through Chroma's core: the subset of ``Collection`` reads use."""

    def __init__(self, client: CoreClient, record: Any) -> None:
        self._client = client  # never the core itself: closing the client must free it
        self.id = str(record.id)
        self.name: str = record.name
        self.metadata: dict[str, Any] | None = record.metadata

    def query(
        self,
        query_embeddings: Sequence[Sequence[float] | np.ndarray],
        n_results: int = 10,
        where: dict[str, Any] | None = None,
        include: Sequence[str] = ("metadatas", "documents", "distances"),
    ) -> dict[str, Any]:
        vectors = [np.asarray(v, dtype=np.float32).tolist() for v in query_embeddings]
        found = self._client.core().query(
            self.id, None, vectors, n_results, _json(where), None, list(include), TENANT, DATABASE
        )
        return {
            "ids": found.ids,
            "documents": found.documents,
            "metadatas": found.metadatas,
            "distances": found.distances,
            "embeddings": found.embeddings,
        }

    def get(
        self,
        ids: Sequence[str] | None = None,
        where: dict[str, Any] | None = None,
        limit: int | None = None,
        offset: int | None = None,
        include: Sequence[str] = ("metadatas", "documents"),
    ) -> dict[str, Any]:
        found = self._client.core().get(
            self.id,
            list(ids) if ids is not None else None,
            _json(where),
            limit,
            offset or 0,
            None,
            list(include),
            TENANT,
            DATABASE,
        )
        return {
            "ids": found.ids,
            "documents": found.documents,
            "metadatas": found.metadatas,
            "embeddings": found.embeddings,
        }

    def count(self) -> int:
        return int(self._client.core().count(self.id, TENANT, DATABASE))


class CoreClient:
    """The collections of one embedded store, for reading."""

    def __init__(self, bindings: Any) -> None:
        self._bindings = bindings

    def core(self) -> Any:
        """The open core; a closed reader refuses rather than reopen behind the writer."""
        if self._bindings is None:
            raise RuntimeError("this store reader was closed when the store was opened to write")
        return self._bindings

    def list_collections(self) -> list[CoreCollection]:
        records = self.core().list_collections(None, None, TENANT, DATABASE)
        return [CoreCollection(self, record) for record in records]

    def get_collection(self, name: str) -> CoreCollection | None:
        """The collection called ``name``, or None when the store has none by that name."""
        for collection in self.list_collections():
            if collection.name == name:
                return collection
        return None

    def close(self) -> None:
        self._bindings = None


def open_core(folder: Path) -> CoreClient | None:
    """A reader of the embedded store in ``folder``, or None to use the full client.

    None when there is no store yet, or when the core refuses it (the installed Chroma's
    core is not the one this was written against, or the store needs a migration that
    only the full client may apply).
    """
    database = folder / "chroma.sqlite3"
    if not database.is_file():
        return None
    try:
        import resource  # Unix only: elsewhere the full client reads

        import chromadb_rust_bindings as core

        config = core.SqliteDBConfig(
            hash_type=core.MigrationHash.MD5,  # Chroma's default, as PersistentClient uses
            migration_mode=core.MigrationMode.Validate,  # never change the file from here
            url=str(database),
        )
        bindings = core.Bindings(
            allow_reset=False,
            sqlite_db_config=config,
            persist_path=str(folder),
            hnsw_cache_size=resource.getrlimit(resource.RLIMIT_NOFILE)[0] // FILES_PER_INDEX,
        )
    except Exception:  # any refusal means: read through the full client instead
        return None
    return CoreClient(bindings)


def _json(where: dict[str, Any] | None) -> str | None:
    return json.dumps(where) if where else None
