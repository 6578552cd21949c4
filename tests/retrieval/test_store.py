"""EvidenceStore against real Chroma, embedded and as a ``chroma run`` server."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from journeybot.core.errors import ConfigError
from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import Embedder, HashingEmbedder, normalise_rows
from journeybot.retrieval.steps import SearchSteps
from journeybot.retrieval.store import EvidenceStore

SegmentFactory = Callable[..., Segment]

A, B, C = "a" * 64, "b" * 64, "c" * 64


def _texts(segments: list[Segment]) -> list[str]:
    return [segment.text for segment in segments]


def test_get_returns_every_field_as_added(store: EvidenceStore, make_segment: SegmentFactory):
    original = make_segment("I set the account up on a Sunday night.", turn=3)
    diary = original.model_copy(update={"id": "diary:1", "date": "2024-03-01", "prompt": "Today?"})
    store.add([original, diary])

    for wanted in (original, diary):
        (stored,) = store.get(wanted.study, [wanted.id])
        assert stored.model_dump(exclude={"position"}) == wanted.model_dump(exclude={"position"})
        assert stored.position == pytest.approx(wanted.position)


def test_re_adding_changes_nothing(store: EvidenceStore, make_segment: SegmentFactory):
    segments = [make_segment(f"Turn {i} was about invoices and receipts.") for i in range(30)]

    assert store.add(segments) == 30
    before = store.segments("onboarding")
    assert store.add(list(reversed(segments))) == 0
    assert store.count("onboarding") == 30
    assert store.segments("onboarding") == before


def test_re_adding_changed_text_rewrites_it(store: EvidenceStore, make_segment: SegmentFactory):
    segment = make_segment("My name is [NAME] and I run a bakery.")
    store.add([segment])
    unredacted = segment.model_copy(update={"text": "My name is Ruth and I run a bakery."})

    assert store.add([unredacted]) == 1
    assert _texts(store.get("onboarding", [segment.id])) == [unredacted.text]
    assert store.count("onboarding") == 1


def test_progress_reports_each_batch_up_to_the_total(
    store: EvidenceStore, make_segment: SegmentFactory
):
    segments = [make_segment(f"Entry {i} mentions the dashboard.") for i in range(300)]
    reports: list[tuple[int, int]] = []

    store.add(segments, progress=lambda done, total: reports.append((done, total)))

    assert len(reports) >= 2
    assert [done for done, _ in reports] == sorted({done for done, _ in reports})
    assert reports[-1] == (300, 300)


def test_delete_source_removes_only_that_source(store: EvidenceStore, make_segment: SegmentFactory):
    kept = [make_segment("The export to Excel works fine.", source=A)]
    dropped = [
        make_segment(f"Quarterly reconciliation {i} is painful.", source=B) for i in range(3)
    ]
    store.add(kept + dropped)
    assert store.search(["onboarding"], "reconciliation", k=3)  # builds the lexical index

    assert store.delete_source("onboarding", B) == 3
    assert store.count("onboarding") == 1
    assert store.segments("onboarding") == store.get("onboarding", [kept[0].id])
    assert all(h.segment.source_id == A for h in store.search(["onboarding"], "reconciliation"))
    assert store.delete_source("onboarding", B) == 0


def test_delete_study_leaves_other_studies(store: EvidenceStore, make_segment: SegmentFactory):
    store.add([make_segment("Renewal came as a surprise.", study="renewals")])
    store.add([make_segment("Setup took an afternoon.", study="setup")])

    store.delete_study("renewals")

    assert store.studies() == ["setup"]
    assert store.count("renewals") == 0
    assert store.search(["renewals"], "renewal surprise") == []
    assert store.count() == 1
    store.delete_study("renewals")  # deleting twice is harmless


def test_search_never_crosses_studies(store: EvidenceStore, make_segment: SegmentFactory):
    text = "The direct debit failed twice before anyone noticed."
    store.add([make_segment(text, study="Study A", source=A)])
    store.add([make_segment(text, study="study-a", source=B)])  # same slug, other study
    store.add([make_segment("Nothing about payments here.", study="Study A", source=C)])

    hits = store.search(["Study A"], "direct debit", k=10, steps=SearchSteps(floor=False))

    assert {hit.segment.study for hit in hits} == {"Study A"}
    assert {hit.segment.source_id for hit in hits} == {A, C}
    assert sorted(store.studies()) == ["Study A", "study-a"]


def test_search_merges_studies_it_is_given(store: EvidenceStore, make_segment: SegmentFactory):
    store.add([make_segment("Paying by direct debit was easy.", study="one", source=A)])
    store.add([make_segment("Direct debit set-up confused me.", study="two", source=B)])
    store.add([make_segment("Direct debit again.", study="three", source=C)])

    hits = store.search(["one", "two", "missing"], "direct debit", k=5)

    assert {hit.segment.study for hit in hits} == {"one", "two"}
    assert hits == sorted(hits, key=lambda hit: -hit.score)


def test_participant_filter_applies_to_both_sides(
    store: EvidenceStore, make_segment: SegmentFactory
):
    store.add(
        [
            make_segment("The API key expired without warning.", participant="P1"),
            make_segment("Our API key lives in a shared vault.", participant="P2"),
            make_segment("I never touched the settings page.", participant="P3"),
        ]
    )

    hits = store.search(["onboarding"], "API key", k=5, participants=["P2", "P3"])

    assert hits
    assert {hit.segment.participant for hit in hits} <= {"P2", "P3"}
    assert hits[0].segment.participant == "P2"
    assert store.search(["onboarding"], "API key", participants=[]) == []


def test_segments_come_in_conversation_order(store: EvidenceStore, make_segment: SegmentFactory):
    first = [make_segment(f"b-file turn {i}", source=B, file_name="b.txt") for i in range(5)]
    second = [make_segment(f"a-file turn {i}", source=A, file_name="a.txt") for i in range(5)]
    shuffled = first + second
    random.Random(7).shuffle(shuffled)
    store.add(shuffled)

    assert store.segments("onboarding") == store.get("onboarding", [s.id for s in second + first])
    assert _texts(store.segments("onboarding", source_id=B)) == _texts(first)
    assert store.segments("no such study") == []


def test_segments_with_vectors_align_row_for_row(
    store: EvidenceStore, make_segment: SegmentFactory, hashing_embedder: HashingEmbedder
):
    store.add([make_segment(f"Segment {i} talks about {w}.") for i, w in enumerate("xyzw")])

    segments, vectors = store.segments_with_vectors("onboarding")

    assert vectors.shape == (4, hashing_embedder.dimension)
    expected = hashing_embedder.embed(_texts(segments))
    assert abs(vectors - expected).max() < 1e-5
    empty, none = store.segments_with_vectors("nobody")
    assert empty == [] and none.shape == (0, hashing_embedder.dimension)


def test_get_skips_unknown_ids_and_keeps_asked_order(
    store: EvidenceStore, make_segment: SegmentFactory
):
    one, two = make_segment("First."), make_segment("Second.")
    store.add([one, two])

    found = store.get("onboarding", [two.id, "nope:0-1", one.id, two.id])

    assert [s.id for s in found] == [two.id, one.id]
    assert store.get("onboarding", []) == []
    assert store.get("unknown study", [one.id]) == []


class _BlindSpotEmbedder:
    """Sees every text as roughly the same, except ones starting "Honestly", put far away."""

    name = "blind-spot-test-embedder"
    dimension = 2

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows = [[0.0, 1.0] if t.startswith("Honestly") else [1.0, 0.001 * len(t)] for t in texts]
        return normalise_rows(np.asarray(rows, dtype=np.float32))


def test_exact_phrase_is_found_when_vector_ranking_misses_it(
    store_with: Callable[[Embedder], EvidenceStore], make_segment: SegmentFactory
):
    phrase = "ICE plots"
    embedder = _BlindSpotEmbedder()
    store = store_with(embedder)
    noise = [make_segment(f"Partial dependence view number {i} was clear.") for i in range(40)]
    target = make_segment(f"Honestly the {phrase} were the most useful part.")
    store.add([*noise, target])
    k = 5
    query_vector = embedder.embed([f"where are the {phrase.lower()}"])[0]
    segments, vectors = store.segments_with_vectors("onboarding")
    similarity = {s.id: float(v @ query_vector) for s, v in zip(segments, vectors, strict=True)}
    better_than_target = [i for i, sim in similarity.items() if sim > similarity[target.id]]
    assert len(better_than_target) >= k  # vector ranking alone leaves it out

    hits = store.search(["onboarding"], phrase, k=k)

    assert target.id in [hit.segment.id for hit in hits]
    (found,) = [hit for hit in hits if hit.segment.id == target.id]
    assert found.lexical_score == pytest.approx(1.0)


def test_writes_by_another_store_reach_the_lexical_index(
    store_with: Callable[[Embedder], EvidenceStore], make_segment: SegmentFactory
):
    reader = store_with(HashingEmbedder())
    writer = store_with(HashingEmbedder())
    reader.add([make_segment("The onboarding call was long.")])
    assert not any(h.lexical_score for h in reader.search(["onboarding"], "chargeback"))

    writer.add([make_segment("A chargeback froze our account.", source=B)])

    hits = reader.search(["onboarding"], "chargeback")
    assert hits[0].segment.source_id == B
    assert hits[0].lexical_score > 0


def test_another_embedder_is_refused_where_vectors_meet(
    store: EvidenceStore,
    store_with: Callable[[Embedder], EvidenceStore],
    make_segment: SegmentFactory,
):
    segment = make_segment("Anything.")
    store.add([segment])
    other = store_with(HashingEmbedder(dimension=64))

    for use in (
        lambda: other.search(["onboarding"], "anything"),
        lambda: other.add([make_segment("More.")]),
        lambda: other.segments_with_vectors("onboarding"),
    ):
        with pytest.raises(ConfigError, match="re-ingest"):
            use()
    assert other.count("onboarding") == 1
    assert other.get("onboarding", [segment.id]) == store.get("onboarding", [segment.id])


def test_blank_queries_and_zero_k_find_nothing(store: EvidenceStore, make_segment: SegmentFactory):
    store.add([make_segment("Something to find.")])

    assert store.search(["onboarding"], "   ") == []
    assert store.search(["onboarding"], "something", k=0) == []
    assert store.search([], "something") == []
