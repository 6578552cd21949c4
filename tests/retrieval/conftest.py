"""Stores to test against: embedded Chroma in ``tmp_path`` and a real ``chroma run`` server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import chromadb
import pytest
from chromadb.api import ClientAPI
from chromadb.config import Settings as ChromaSettings

from journeybot.core.models import Segment, segment_id
from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import Embedder, HashingEmbedder
from journeybot.retrieval.store import EvidenceStore

SERVER_START_SECONDS = 60.0

SegmentFactory = Callable[..., Segment]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _chroma_cli() -> str:
    beside_python = Path(sys.executable).with_name("chroma")
    found = str(beside_python) if beside_python.exists() else shutil.which("chroma")
    if found is None:
        raise RuntimeError("The `chroma` command is not installed next to this Python.")
    return found


def _wait_for_heartbeat(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"`chroma run` exited early with code {server.returncode}.")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"The Chroma server did not answer {url} in {SERVER_START_SECONDS} s.")


def start_chroma(path: Path, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    """``chroma run`` on ``port``, returned once it answers its heartbeat."""
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [_chroma_cli(), "run", "--path", str(path), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_heartbeat(f"http://localhost:{port}/api/v2/heartbeat", server)
    except BaseException:
        stop_chroma(server)
        raise
    return server


def stop_chroma(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real Chroma server for the whole session; stopped at the end."""
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    server = start_chroma(data / "db", port, data / "server.log")
    try:
        yield ("localhost", port)
    finally:
        stop_chroma(server)


def _server_client(chroma_server: tuple[str, int]) -> ClientAPI:
    host, port = chroma_server
    client = chromadb.HttpClient(
        host=host, port=port, settings=ChromaSettings(anonymized_telemetry=False)
    )
    for collection in client.list_collections():  # each test starts from an empty server
        client.delete_collection(collection.name)
    return client


@pytest.fixture(params=["embedded", "server"])
def chroma_client(request: pytest.FixtureRequest, tmp_path: Path) -> ClientAPI:
    """The same tests run against embedded Chroma and against a ``chroma run`` server."""
    if request.param == "server":
        return _server_client(request.getfixturevalue("chroma_server"))
    return chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )


@pytest.fixture
def store(chroma_client: ClientAPI, hashing_embedder: HashingEmbedder) -> EvidenceStore:
    return EvidenceStore(chroma_client, hashing_embedder)


@pytest.fixture
def store_with(chroma_client: ClientAPI) -> Callable[[Embedder], EvidenceStore]:
    """A store over the same Chroma as ``store`` but with another embedder."""
    return lambda embedder: EvidenceStore(chroma_client, embedder)


@pytest.fixture
def server_settings(chroma_server: tuple[str, int], tmp_path: Path) -> Settings:
    host, port = chroma_server
    return Settings(home=tmp_path / "home", chroma_host=host, chroma_port=port)


@pytest.fixture
def make_segment() -> SegmentFactory:
    """Segments laid end to end per source, as ingestion would cut them."""
    offsets: dict[str, int] = {}

    def make(
        text: str,
        *,
        study: str = "onboarding",
        source: str = "a" * 64,
        participant: str = "P1",
        file_name: str | None = None,
        turn: int = 0,
        context: str = "What happened next?",
    ) -> Segment:
        start = offsets.get(source, 0)
        end = start + len(text)
        offsets[source] = end + 1
        return Segment(
            id=segment_id(source, start, end),
            study=study,
            source_id=source,
            file_name=file_name or f"{source[:6]}.txt",
            participant=participant,
            text=text,
            start=start,
            end=end,
            location=f"line {turn + 1}",
            turn=turn,
            position=turn / 10,
            context=context,
        )

    return make
