"""Reads through Chroma's core answer exactly as Chroma's client does, without importing it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from journeybot.core.settings import Settings
from journeybot.retrieval.chroma import collection_name
from journeybot.retrieval.chroma_core import open_core
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.store import EvidenceStore
from tests.retrieval.conftest import SegmentFactory

TEXTS = [
    "Setting up direct debit took an afternoon and two phone calls.",
    "The reminders arrive on time, which I really like.",
    "I never found where to change my billing address.",
    "My accountant exports everything to a spreadsheet at the end of the month.",
    "Fine.",
]

#: Searches an embedded store from a new process and says what it had to import.
SEARCH_SCRIPT = """
import json, sys
from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.store import EvidenceStore
store = EvidenceStore.open(Settings(home=sys.argv[1]), HashingEmbedder())
hits = store.search(["onboarding"], sys.argv[2], k=3)
print(json.dumps({"ids": [h.segment.id for h in hits], "count": store.count("onboarding"),
                  "chromadb": "chromadb" in sys.modules}))
"""


#: Adds one segment to an embedded store from another process, as a CLI ingest would.
ADD_SCRIPT = """
import sys
from journeybot.core.models import Segment, segment_id
from journeybot.core.settings import Settings
from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.store import EvidenceStore
text, source = sys.argv[2], "c" * 64
store = EvidenceStore.open(Settings(home=sys.argv[1]), HashingEmbedder())
store.add([Segment(id=segment_id(source, 0, len(text)), study="onboarding", source_id=source,
    file_name="late.txt", participant="P9", text=text, start=0, end=len(text),
    location="line 1", turn=0, position=0.0)])
"""


def _filled(home: Path, make_segment: SegmentFactory) -> EvidenceStore:
    store = EvidenceStore.open(Settings(home=home), HashingEmbedder())
    store.add([make_segment(text, turn=i) for i, text in enumerate(TEXTS)])
    return store


def test_core_and_client_read_the_same_records(tmp_path: Path, make_segment: SegmentFactory):
    _filled(tmp_path, make_segment).close()
    folder, name = tmp_path / "chroma", collection_name("onboarding")
    probe = HashingEmbedder().embed(["billing address"])[0]

    core = open_core(folder)
    assert core is not None
    found = core.get_collection(name)
    assert found is not None
    core_view = (
        found.metadata,
        found.count(),
        found.get(include=["documents", "metadatas", "embeddings"]),
        found.query([probe], n_results=len(TEXTS), include=["distances"]),
    )
    core.close()

    client = chromadb.PersistentClient(str(folder), ChromaSettings(anonymized_telemetry=False))
    same = client.get_collection(name)
    records = same.get(include=["documents", "metadatas", "embeddings"])  # type: ignore[list-item]
    answer = same.query(query_embeddings=[probe], n_results=len(TEXTS), include=["distances"])
    assert core_view[0] == same.metadata and core_view[1] == same.count() == len(TEXTS)
    assert core_view[2]["ids"] == records["ids"]
    assert core_view[2]["documents"] == records["documents"]
    assert core_view[2]["metadatas"] == records["metadatas"]
    assert np.allclose(np.asarray(core_view[2]["embeddings"]), np.asarray(records["embeddings"]))
    # Equal distances may come in either order: compare each record's distance.
    core_distances = dict(zip(core_view[3]["ids"][0], core_view[3]["distances"][0], strict=True))
    distances = dict(zip(answer["ids"][0], (answer["distances"] or [[]])[0], strict=True))
    assert core_distances.keys() == distances.keys() and len(distances) == len(TEXTS)
    assert all(np.isclose(core_distances[key], distances[key]) for key in distances)


def test_a_search_in_a_new_process_answers_alike_without_chromadb(
    tmp_path: Path, make_segment: SegmentFactory
):
    store = _filled(tmp_path, make_segment)
    expected = [h.segment.id for h in store.search(["onboarding"], "direct debit setup", k=3)]
    store.close()
    run = subprocess.run(
        [sys.executable, "-c", SEARCH_SCRIPT, str(tmp_path), "direct debit setup"],
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(run.stdout)
    assert seen == {"ids": expected, "count": len(TEXTS), "chromadb": False}


def test_a_write_closes_the_core_reader_and_later_reads_see_it(
    tmp_path: Path, make_segment: SegmentFactory
):
    _filled(tmp_path, make_segment).close()
    store = EvidenceStore.open(Settings(home=tmp_path), HashingEmbedder())
    assert store.count("onboarding") == len(TEXTS)
    assert store._core is not None and store._client is None  # read through the core
    read_earlier = store._core.get_collection(collection_name("onboarding"))
    assert read_earlier is not None

    store.add([make_segment("Quillwort invoices bounced every Tuesday.", turn=9)])
    assert store._core is None and store._client is not None  # one of the two, never both
    with pytest.raises(RuntimeError, match="closed"):  # and the core is gone, not lingering
        read_earlier.count()
    hits = store.search(["onboarding"], "Quillwort invoices", k=1)
    assert hits[0].segment.text == "Quillwort invoices bounced every Tuesday."
    assert store.count("onboarding") == len(TEXTS) + 1


def test_no_store_or_a_foreign_file_falls_back_to_the_client(tmp_path: Path):
    assert open_core(tmp_path / "nothing-here") is None
    folder = tmp_path / "chroma"
    folder.mkdir()
    with sqlite3.connect(folder / "chroma.sqlite3") as db:
        db.execute("CREATE TABLE unrelated (x)")
    assert open_core(folder) is None


def test_a_reader_sees_what_another_process_wrote_since(
    tmp_path: Path, make_segment: SegmentFactory
):
    _filled(tmp_path, make_segment).close()
    reader = EvidenceStore.open(Settings(home=tmp_path), HashingEmbedder())
    assert reader.count("onboarding") == len(TEXTS) and reader._core is not None

    late = "Zephyrine statements arrived a week after the direct debit left."
    subprocess.run([sys.executable, "-c", ADD_SCRIPT, str(tmp_path), late], check=True)

    assert reader.count("onboarding") == len(TEXTS) + 1  # the guard's token changed: reopened
    hits = reader.search(["onboarding"], "Zephyrine statements", k=3)
    assert late in [hit.segment.text for hit in hits]
