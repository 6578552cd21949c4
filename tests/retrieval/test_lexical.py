"""BM25 over words and word pairs, rank fusion, and the names Chroma gets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.core.models import Segment
from journeybot.retrieval.chroma import collection_name
from journeybot.retrieval.fusion import RRF_K, Candidate, fuse
from journeybot.retrieval.lexical import terms
from journeybot.retrieval.lexical_file import LexicalFile

# Chroma 1.x: 3-512 characters of [a-zA-Z0-9._-], alphanumeric at both ends, no "..".
CHROMA_NAME = re.compile(r"^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{1,510})[a-zA-Z0-9]$")

WORDS = ["invoice", "export", "direct", "debit", "api", "key", "ice", "plots", "the", "slow"]


def test_terms_pair_only_neighbouring_content_words(snapshot):
    found, length = terms("So the Direct Debit failed, and the API key... ICE plots!")

    assert "direct debit" in found and "api key" in found and "ice plot" in found
    assert "debit api" not in found  # "and the" stands between them
    assert length == 7
    assert found == snapshot


def _index(
    ids: list[str], documents: list[str], participants: list[str] | None = None
) -> LexicalFile:
    """An in-memory lexical index of one study "s" holding ``documents`` under ``ids``."""
    index = LexicalFile(None)
    index.add(
        "s",
        [
            Segment(
                id=segment_id,
                study="s",
                source_id="x" * 64,
                file_name="x.txt",
                participant=(participants or ["P1"] * len(ids))[row],
                text=text,
                start=row,
                end=row + 1,
                location=f"line {row}",
                turn=row,
            )
            for row, (segment_id, text) in enumerate(zip(ids, documents, strict=True))
        ],
    )
    return index


def test_phrase_outranks_the_same_words_apart():
    index = _index(
        ["apart", "phrase", "other"],
        [
            "Direct contact with the bank about a debit card.",
            "We pay by direct debit every month.",
            "Nothing relevant.",
        ],
    )

    ranked = index.search("s", "direct debit", limit=5)

    assert [m.segment_id for m in ranked] == ["phrase", "apart"]
    assert ranked[0].coverage == 1.0 > ranked[1].coverage


def test_plural_and_case_do_not_matter():
    index = _index(["one"], ["The ICE plot was clear."])

    assert [m.segment_id for m in index.search("s", "ice PLOTS", limit=3)] == ["one"]
    assert index.search("s", "what do people say", limit=3) == []


@settings(max_examples=60, deadline=None)
@given(
    documents=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
        min_size=1,
        max_size=30,
    ),
    query=st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    limit=st.integers(min_value=1, max_value=10),
    allowed_share=st.floats(min_value=0, max_value=1),
)
def test_search_results_are_ranked_bounded_and_filtered(
    documents: list[str], query: str, limit: int, allowed_share: float
):
    ids = [f"s{i}" for i in range(len(documents))]
    allowed = frozenset(ids[: int(len(ids) * allowed_share)])
    participants = ["in" if i in allowed else "out" for i in ids]
    index = _index(ids, documents, participants)

    matches = index.search("s", query, limit=limit, participants=["in"])

    assert len(matches) <= limit
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.score > 0 and 0 < m.coverage <= 1 for m in matches)
    assert {m.segment_id for m in matches} <= allowed
    query_terms = set(terms(query)[0])
    for match in matches:
        assert query_terms & set(terms(documents[ids.index(match.segment_id)])[0])


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=300))
def test_collection_names_are_valid_stable_and_distinct(first: str, second: str):
    name = collection_name(first)

    assert CHROMA_NAME.match(name) and ".." not in name
    assert name == collection_name(first)
    if first != second:
        assert name != collection_name(second)


def test_a_lexical_only_match_with_the_whole_phrase_ties_the_best_vector_match():
    vector = [Candidate("s", f"v{i}", 0.9 - i / 100) for i in range(10)]
    lexical = [
        Candidate("s", "phrase", 12.0, weight=1.0),
        Candidate("s", "one-word", 3.0, weight=0.2),
    ]

    fused = fuse(vector, lexical, k=3, pool=50)

    assert [f.key[1] for f in fused] == ["v0", "phrase", "v1"]
    assert fused[1].score == 1.0 / (RRF_K + 1)
    assert fused[1].vector is None and fused[1].lexical is not None


def test_agreement_between_sides_wins_and_pool_cuts_each_side():
    vector = [Candidate("s", "both", 0.5), Candidate("s", "vector-only", 0.9)]
    lexical = [Candidate("s", "both", 1.0, weight=0.5)]

    cut = fuse(vector, lexical, k=5, pool=1)
    whole = fuse(vector, lexical, k=5, pool=2)

    assert [f.key[1] for f in cut] == ["vector-only", "both"]
    assert cut[1].vector is None
    assert [f.key[1] for f in whole] == ["both", "vector-only"]
    assert whole[0].vector is not None and whole[0].lexical is not None
