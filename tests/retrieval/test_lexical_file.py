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


def _large_study(make_segment: SegmentFactory, rows: int) -> tuple[LexicalFile, str, str]:
    """A study of ``rows`` segments where "widget" is everywhere and "quillwort" rare."""
    index = LexicalFile(None)
    segments = [make_segment(f"The widget screen number {n} looked fine.") for n in range(rows)]
    common_only = segments[0]
    rare = make_segment("The quillwort panel broke, and the widget froze.")
    index.add("big", [*segments, rare])
    return index, common_only.id, rare.id


def test_a_very_common_word_does_not_choose_candidates_in_a_large_study(
    make_segment: SegmentFactory,
):
    index, _common_only, rare = _large_study(make_segment, 4100)

    hits = index.search("big", "quillwort widget", limit=50)

    assert [h.segment_id for h in hits] == [rare]  # the 4,100 "widget" rows are not scored
    assert not hits[0].context_only
    widget_only = index.search("big", "widget", limit=5)
    assert len(widget_only) == 5  # a question of common words alone keeps a lexical side


def test_a_small_study_scores_every_word_of_the_question(make_segment: SegmentFactory):
    index, common_only, rare = _large_study(make_segment, 300)

    hits = index.search("big", "quillwort widget", limit=500)

    assert hits[0].segment_id == rare
    assert common_only in {h.segment_id for h in hits}
    assert len(hits) == 301
