"""Opening a store from settings: embedded under the home, a server, or a clear error."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from journeybot.core.errors import StoreUnavailableError
from journeybot.core.models import Segment
from journeybot.core.settings import Settings
from journeybot.retrieval.chroma import collection_name
from journeybot.retrieval.chroma_client import CONNECT_TIMEOUT_SECONDS
from journeybot.retrieval.embeddings import HashingEmbedder, MiniLMEmbedder
from journeybot.retrieval.store import EvidenceStore
from tests.retrieval.conftest import free_port, start_chroma, stop_chroma

SegmentFactory = Callable[..., Segment]


def test_embedded_store_lives_under_the_home(
    settings: Settings, hashing_embedder: HashingEmbedder, make_segment: SegmentFactory
):
    store = EvidenceStore.open(settings, hashing_embedder)
    store.add([make_segment("Invoices arrive on the first of the month.")])

    assert settings.chroma_path.is_dir()
    assert any(settings.chroma_path.iterdir())
    assert store.search(["onboarding"], "invoices")[0].segment.text.startswith("Invoices")


def test_default_embedder_is_the_offline_model(settings: Settings):
    store = EvidenceStore.open(settings.model_copy(update={"embedding_batch_size": 16}))

    assert isinstance(store.embedder, MiniLMEmbedder)
    assert store.embedder.batch_size == 16


def test_server_store_is_shared_with_other_clients(
    server_settings: Settings, hashing_embedder: HashingEmbedder, make_segment: SegmentFactory
):
    store = EvidenceStore.open(server_settings, hashing_embedder)
    for study in store.studies():
        store.delete_study(study)
    store.add([make_segment("We pay by direct debit.", study="shared")])

    other = chromadb.HttpClient(
        host=server_settings.chroma_host or "",
        port=server_settings.chroma_port,
        settings=ChromaSettings(anonymized_telemetry=False),
    )
    assert other.get_collection(collection_name("shared")).count() == 1
    assert "the Chroma server at" in store.location


def test_collections_carry_our_embedder_not_chromas_default(
    settings: Settings, hashing_embedder: HashingEmbedder, make_segment: SegmentFactory
):
    store = EvidenceStore.open(settings, hashing_embedder)
    store.add([make_segment("The onboarding checklist was too long.")])
    collection = store.client.get_collection(collection_name("onboarding"))

    persisted = collection.configuration_json["embedding_function"]
    assert persisted["name"] == "journeybot"
    assert persisted["config"] == {"model": hashing_embedder.name, "dimension": 256}
    # A client that names no embedder embeds query text with ours, rebuilt from the config.
    result = collection.query(query_texts=["onboarding checklist"], n_results=1)
    assert result["documents"] == [["The onboarding checklist was too long."]]
    assert collection.configuration_json["hnsw"]["space"] == "cosine"


def test_refused_port_fails_at_once_naming_host_and_port(tmp_path):
    port = free_port()
    settings = Settings(home=tmp_path, chroma_host="127.0.0.1", chroma_port=port)

    started = time.monotonic()
    with pytest.raises(StoreUnavailableError) as caught:
        EvidenceStore.open(settings, HashingEmbedder())

    assert time.monotonic() - started < 2
    assert f"127.0.0.1:{port}" in str(caught.value)
    assert "CHROMA_HOST" in str(caught.value)


def test_silent_host_gives_up_after_the_connect_timeout(tmp_path):
    # 192.0.2.0/24 is reserved for documentation: nothing answers there.
    settings = Settings(home=tmp_path, chroma_host="192.0.2.1", chroma_port=8000)

    started = time.monotonic()
    with pytest.raises(StoreUnavailableError, match=r"192\.0\.2\.1:8000"):
        EvidenceStore.open(settings, HashingEmbedder())

    assert time.monotonic() - started < CONNECT_TIMEOUT_SECONDS + 2


class _NotChroma(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def not_chroma() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotChroma)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_a_server_that_is_not_chroma_is_reported(tmp_path, not_chroma: int):
    settings = Settings(home=tmp_path, chroma_host="127.0.0.1", chroma_port=not_chroma)

    with pytest.raises(StoreUnavailableError, match="did not answer as a Chroma"):
        EvidenceStore.open(settings, HashingEmbedder())


def test_a_server_that_goes_away_is_reported(
    tmp_path, hashing_embedder: HashingEmbedder, make_segment: SegmentFactory
):
    port = free_port()
    server = start_chroma(tmp_path / "db", port, tmp_path / "server.log")
    try:
        settings = Settings(home=tmp_path, chroma_host="localhost", chroma_port=port)
        store = EvidenceStore.open(settings, hashing_embedder)
        store.add([make_segment("Still here.")])
    finally:
        stop_chroma(server)

    with pytest.raises(StoreUnavailableError, match=f"localhost:{port}"):
        store.search(["onboarding"], "still")
