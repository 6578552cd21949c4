"""The query vector leans on the question's topic, not on its frame."""

from __future__ import annotations

import numpy as np

from journeybot.retrieval.embeddings import HashingEmbedder
from journeybot.retrieval.question import query_vector, topic_of


def test_the_frame_of_a_question_is_dropped() -> None:
    assert topic_of("What do people think of the price rise?") == "the price rise"
    assert topic_of("How did participants feel about the export?") == "the export"
    assert topic_of("Why do they stay instead of switching?") == "stay instead of switching"
    assert topic_of("Do they use two-way plots?") == "use two-way plots"


def test_a_question_that_is_all_frame_keeps_itself() -> None:
    assert topic_of("What do people think?") is None
    assert topic_of("Exports") is None
    assert topic_of("direct debit failures") is None  # no frame: nothing to drop


def test_the_query_vector_is_a_unit_mix_of_question_and_topic() -> None:
    embedder = HashingEmbedder()
    question = "What do people think of the price rise?"
    vector = query_vector(embedder, question)
    own, topic = embedder.embed([question, "the price rise"])
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
    assert float(vector @ topic) > float(vector @ own) - 1e-6
    plain = query_vector(embedder, "direct debit failures")
    assert np.allclose(plain, embedder.embed(["direct debit failures"])[0], atol=1e-6)
