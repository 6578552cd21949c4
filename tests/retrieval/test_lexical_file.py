"""The persisted lexical index: on disk, kept across processes, following forget."""

from __future__ import annotations

from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.lexical_file import LexicalFile
from journeybot.retrieval.steps import SearchSteps
from journeybot.retrieval.store import EvidenceStore
from tests.retrieval.conftest import SegmentFactory

A = "a" * 64
B = "b" * 64
FORGOTTEN = "Quillwort invoices bounced off the Zephyrine ledger every Tuesday."


def _open(home: Path) -> EvidenceStore:
    return EvidenceStore.open(Settings(home=home), HashingEmbedder())


def test_index_survives_a_restart_without_a_rebuild(tmp_path: Path, make_segment: SegmentFactory):
    store = _open(tmp_path)
    store.add([make_segment("Setting up direct debit took an afternoon."), make_segment("Fine.")])
    revision = store.lexical.revision("onboarding")
    store.lexical.close()

    reopened = _open(tmp_path)
    assert (tmp_path / "lexical.sqlite3").exists()
    assert reopened.lexical.revision("onboarding") == revision  # nothing to catch up
    assert reopened.lexical.count("onboarding") == 2
    hits = reopened.search(["onboarding"], "direct debit", k=1)
    assert hits[0].lexical_score == 1.0


def test_exact_phrase_outranks_its_words_apart(tmp_path: Path, make_segment: SegmentFactory):
    index = LexicalFile(tmp_path / "lexical.sqlite3")
    apart = make_segment("The direct line to support was a debit on my time.")
    phrase = make_segment("I set up the direct debit.")
    index.add("s", [apart, phrase])

    hits = index.search("s", "direct debit", limit=5)

    assert [h.segment_id for h in hits] == [phrase.id, apart.id]
    assert hits[0].coverage > hits[1].coverage


def test_forget_leaves_no_byte_of_the_source(tmp_path: Path, make_segment: SegmentFactory):
    store = _open(tmp_path)
    store.add([make_segment(FORGOTTEN, source=A), make_segment("The export was fine.", source=B)])
    path = tmp_path / "lexical.sqlite3"
    assert b"zephyrine" in _bytes(path)

    store.delete_source("onboarding", A)

    hits = store.search(["onboarding"], "Zephyrine ledger", steps=_lexical_only())
    assert [h.segment.source_id for h in hits] == [B]
    assert hits[0].lexical_score == 0.0
    assert store.lexical.count("onboarding") == 1
    raw = _bytes(path)
    for word in (b"zephyrine", b"quillwort", FORGOTTEN.encode()):
        assert word not in raw


def test_participant_rows_are_erased_and_compacted(tmp_path: Path, make_segment: SegmentFactory):
    index = LexicalFile(tmp_path / "lexical.sqlite3")
    index.add("s", [make_segment(FORGOTTEN, participant="P2"), make_segment("Other words.")])

    index.erase("s", participant="P2")

    assert index.count("s") == 1
    assert b"zephyrine" not in _bytes(tmp_path / "lexical.sqlite3")


def test_a_home_without_the_index_catches_up_once(tmp_path: Path, make_segment: SegmentFactory):
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    EvidenceStore(client, HashingEmbedder()).add([make_segment("A chargeback froze us.")])
    store = EvidenceStore(client, HashingEmbedder(), LexicalFile(tmp_path / "lexical.sqlite3"))

    hits = store.search(["onboarding"], "chargeback", steps=_lexical_only())

    assert hits and hits[0].lexical_score > 0
    assert store.lexical.count("onboarding") == 1


def _lexical_only() -> SearchSteps:
    return SearchSteps(context=False, intent=False, spread=False, floor=False)


def _bytes(path: Path) -> bytes:
    data = path.read_bytes().lower()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes().lower() if wal.exists() else b"")
