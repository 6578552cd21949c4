"""Opening Chroma's full client, and our embedder in the shape Chroma's registry wants.

Apart from ``chroma.py`` because importing ``chromadb`` costs about a second: only
writes, deletes and a Chroma server need it, and reads of an embedded store go through
``chroma_core.py`` instead, so ``journeybot ask`` never pays for it.
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function

from journeybot.core.errors import ConfigError, StoreUnavailableError
from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import (
    MODEL_NAME,
    Embedder,
    HashingEmbedder,
    MiniLMEmbedder,
    Vectors,
)

#: How long to wait for a Chroma server to accept a connection before giving up.
CONNECT_TIMEOUT_SECONDS = 3.0
EMBEDDING_FUNCTION_NAME = "journeybot"


class EmbedderFunction(EmbeddingFunction[Documents]):
    """Our ``Embedder`` in Chroma's clothes.

    The store always hands Chroma vectors it computed itself; this adapter exists so every
    collection names its real model instead of Chroma's default, which would download a
    model (failing offline) and silently embed with something else.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self.embedder.embed(list(input)))

    @staticmethod
    def name() -> str:
        return EMBEDDING_FUNCTION_NAME

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"model": self.embedder.name, "dimension": self.embedder.dimension}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> EmbedderFunction:
        model = str(config.get("model"))
        dimension = int(config.get("dimension", 0))
        if model == MODEL_NAME:
            return EmbedderFunction(MiniLMEmbedder())
        if model == HashingEmbedder.name:
            return EmbedderFunction(HashingEmbedder(dimension))
        return EmbedderFunction(UnknownEmbedder(model, dimension))


class UnknownEmbedder:
    """Stands in for a model this process cannot rebuild from a collection's configuration."""

    def __init__(self, name: str, dimension: int) -> None:
        self.name = name
        self.dimension = dimension

    def embed(self, texts: Sequence[str]) -> Vectors:
        raise ConfigError(
            f"The evidence store was built with the embedding model '{self.name}', which "
            "this process cannot load; open the store with that embedder."
        )


def register_embedder_function() -> None:
    """Let Chroma rebuild our adapter from a persisted collection configuration."""
    register_embedding_function(EmbedderFunction)


def open_client(settings: Settings) -> ClientAPI:
    """An embedded client under ``JOURNEYBOT_HOME``, or a server client for ``CHROMA_HOST``."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return _server_client(settings.chroma_host, settings.chroma_port, chroma_settings)
    path = settings.chroma_path
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        raise StoreUnavailableError(
            f"The evidence store at {path} could not be opened ({exc}); check that "
            "JOURNEYBOT_HOME is writable and that no other Journeybot process has it open."
        ) from exc


def _server_client(host: str, port: int, chroma_settings: ChromaSettings) -> ClientAPI:
    # Chroma's HTTP client has no timeout: probe first so a dead host fails in seconds.
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_SECONDS):
            pass
    except OSError as exc:
        raise StoreUnavailableError(
            f"The Chroma server at {host}:{port} is not reachable ({exc}); check that "
            "it is running (`chroma run --path DIR --port PORT`) and that CHROMA_HOST "
            "and CHROMA_PORT point at it."
        ) from exc
    try:
        client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
        client.heartbeat()
    except Exception as exc:
        raise StoreUnavailableError(
            f"The server at {host}:{port} did not answer as a Chroma 1.x server ({exc}); "
            "check that CHROMA_HOST and CHROMA_PORT point at a Chroma server."
        ) from exc
    return client
