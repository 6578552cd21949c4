"""Our cut, silhouette, TF-IDF and logsumexp give scikit-learn's and SciPy's answers.

The drafters stopped importing scikit-learn (seconds per command); it stays a test
dependency so these invariants can hold our few lines to the library's results.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import logsumexp as scipy_logsumexp
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, silhouette_score

from journeybot.synthesis.extractive.themes import _lexical_matrix
from journeybot.synthesis.hierarchy import (
    average_tree,
    cut_below,
    cut_into,
    silhouette,
    ward_tree,
)
from journeybot.synthesis.stage_assign import logsumexp
from journeybot.synthesis.terms import content_words, stem

# Tenths: scikit-learn treats a vector of norm under ten machine epsilons as zero.
coordinates = st.integers(-50, 50).map(lambda tenths: tenths / 10)
points = st.integers(4, 14).flatmap(lambda n: arrays(np.float64, (n, 3), elements=coordinates))


def _distinct(matrix: np.ndarray) -> bool:
    """Ties between merge heights may be broken either way by equally right trees."""
    return len(np.unique(np.round(matrix, 6), axis=0)) == len(matrix)


@settings(max_examples=60, deadline=None)
@given(points, st.integers(2, 5))
def test_ward_cut_groups_as_scikit_learn_does(matrix: np.ndarray, k: int) -> None:
    if not _distinct(matrix) or k >= len(matrix):
        return
    ours = cut_into(ward_tree(matrix), k)
    theirs = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(matrix)
    assert len(set(ours.tolist())) == k
    assert adjusted_rand_score(theirs, ours) == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(points, st.floats(0.2, 6.0))
def test_average_cut_below_a_distance_groups_as_scikit_learn_does(
    matrix: np.ndarray, threshold: float
) -> None:
    if not _distinct(matrix):
        return
    distances = np.sqrt(((matrix[:, None, :] - matrix[None, :, :]) ** 2).sum(axis=2))
    ours = cut_below(average_tree(distances), threshold)
    theirs = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    ).fit_predict(distances)
    assert adjusted_rand_score(theirs, ours) == pytest.approx(1.0)


def test_labels_number_groups_in_order_of_their_first_member() -> None:
    matrix = np.array([[10.0, 0], [0, 0], [10.1, 0], [0.1, 0], [5, 5]])
    assert cut_into(ward_tree(matrix), 3).tolist() == [0, 1, 0, 1, 2]
    assert cut_into(ward_tree(matrix), 1).tolist() == [0, 0, 0, 0, 0]
    assert cut_into(ward_tree(matrix), 5).tolist() == [0, 1, 2, 3, 4]


@settings(max_examples=60, deadline=None)
@given(points, st.integers(2, 4), st.sampled_from(["euclidean", "cosine"]))
def test_silhouette_is_scikit_learns(matrix: np.ndarray, k: int, metric: str) -> None:
    if k >= len(matrix):
        return
    labels = np.arange(len(matrix)) % k
    expected = silhouette_score(matrix, labels, metric=metric)
    assert silhouette(matrix, labels, metric) == pytest.approx(expected, abs=1e-9)  # type: ignore[arg-type]


def test_a_silhouette_needs_two_groups_and_fewer_than_all() -> None:
    matrix = np.eye(4)
    with pytest.raises(ValueError, match="between 2 and n - 1"):
        silhouette(matrix, np.zeros(4, dtype=np.int64), "cosine")


TEXTS = [
    "The engineer never came and I waited in all day for him",
    "Waited in all day, nobody came, nobody rang",
    "The app was easy, I paid by direct debit in a minute",
    "",
    "direct debit direct debit direct debit",
]


@pytest.mark.parametrize("texts", [TEXTS, TEXTS[:1], []])
def test_lexical_rows_are_scikit_learns_tfidf(texts: list[str]) -> None:
    vectorizer = TfidfVectorizer(
        analyzer=lambda text: [stem(w) for w in content_words(text)] or ["_"],
        sublinear_tf=True,
    )
    theirs = vectorizer.fit_transform(texts or ["_"])
    ours = _lexical_matrix(texts)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose((ours @ ours.T).toarray(), (theirs @ theirs.T).toarray())
    np.testing.assert_allclose(np.sort(ours.toarray(), axis=1), np.sort(theirs.toarray(), axis=1))


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, (3, 4), elements=st.floats(-700, 700) | st.just(-np.inf)),
    st.sampled_from([0, 1]),
    st.booleans(),
)
def test_logsumexp_is_scipys(values: np.ndarray, axis: int, keepdims: bool) -> None:
    expected = scipy_logsumexp(values, axis=axis, keepdims=keepdims)
    np.testing.assert_allclose(logsumexp(values, axis, keepdims), expected, rtol=1e-9, atol=1e-12)
