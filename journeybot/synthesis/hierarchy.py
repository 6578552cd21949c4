"""Agglomerative clustering, cut where the drafters need it, and the silhouette score.

The trees come from SciPy (``scipy.cluster.hierarchy``, the same calls scikit-learn's
``AgglomerativeClustering`` makes inside); the cut and the silhouette are our own, a
few lines each. scikit-learn took about 1.1 s to import on every drafting command and
validated its parameters on every one of the hundreds of theme clusterings a draft runs;
``tests/synthesis/test_hierarchy.py`` checks that these give its answers.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

Tree = npt.NDArray[np.float64]  # SciPy's linkage matrix: (n - 1) x 4, merges in order
Labels = npt.NDArray[np.int64]


def ward_tree(points: npt.ArrayLike) -> Tree:
    """Ward's minimum-variance tree over the rows of ``points`` (Euclidean)."""
    from scipy.cluster.hierarchy import ward

    return np.asarray(ward(np.asarray(points, dtype=np.float64)), dtype=np.float64)


def average_tree(distances: npt.ArrayLike) -> Tree:
    """Average-linkage tree over a square, symmetric matrix of distances."""
    from scipy.cluster.hierarchy import linkage

    square = np.asarray(distances, dtype=np.float64)
    upper = square[np.triu_indices(len(square), k=1)]
    return np.asarray(linkage(upper, method="average"), dtype=np.float64)


def cut_into(tree: Tree, clusters: int) -> Labels:
    """Labels with ``clusters`` groups: every merge but the last ``clusters - 1``."""
    leaves = len(tree) + 1
    return _merged(tree, max(leaves - max(clusters, 1), 0))


def cut_below(tree: Tree, threshold: float) -> Labels:
    """Labels from the merges made at a distance under ``threshold``. Average and Ward
    merge at non-decreasing distances, so these are the first merges of the tree."""
    return _merged(tree, int(np.count_nonzero(tree[:, 2] < threshold)))


def _merged(tree: Tree, merges: int) -> Labels:
    """Group numbers (0, 1, ... in order of each group's first leaf) after the first
    ``merges`` merges of ``tree``."""
    leaves = len(tree) + 1
    node_of = np.arange(leaves)  # the tree node each leaf currently belongs to
    members: dict[int, list[int]] = {leaf: [leaf] for leaf in range(leaves)}
    for step in range(merges):
        left, right = int(tree[step, 0]), int(tree[step, 1])
        joined = members.pop(left) + members.pop(right)
        members[leaves + step] = joined
        node_of[joined] = leaves + step
    _, labels = np.unique(node_of, return_inverse=True)
    first_leaf = {int(label): leaf for leaf, label in reversed(list(enumerate(labels)))}
    order = sorted(first_leaf, key=first_leaf.__getitem__)
    renumber = np.empty(len(order), dtype=np.int64)
    renumber[order] = np.arange(len(order))
    return renumber[labels].astype(np.int64)


def silhouette(
    points: npt.ArrayLike, labels: Labels, metric: Literal["euclidean", "cosine"]
) -> float:
    """Mean silhouette of ``labels`` over the rows of ``points`` (-1..1); a point alone
    in its group scores 0, as in the usual definition. Needs two groups or more."""
    distances = _distances(np.asarray(points, dtype=np.float64), metric)
    groups = np.unique(labels)
    if not 2 <= len(groups) < len(labels):
        raise ValueError("a silhouette needs between 2 and n - 1 groups")
    member = labels[:, None] == groups[None, :]  # point x group
    sizes = member.sum(axis=0)
    totals = distances @ member  # each point's summed distance to each group
    own = member.argmax(axis=1)
    own_size = sizes[own]
    inside = totals[np.arange(len(labels)), own] / np.maximum(own_size - 1, 1)
    means = totals / sizes
    means[np.arange(len(labels)), own] = np.inf
    nearest = means.min(axis=1)
    spread = np.maximum(inside, nearest)
    scores = np.where(spread > 0, (nearest - inside) / np.where(spread > 0, spread, 1), 0.0)
    scores[own_size == 1] = 0.0
    return float(scores.mean())


def _distances(points: npt.NDArray[np.float64], metric: str) -> npt.NDArray[np.float64]:
    if metric == "cosine":
        norms = np.linalg.norm(points, axis=1, keepdims=True)
        unit = points / np.where(norms == 0, 1.0, norms)
        out = np.clip(1.0 - unit @ unit.T, 0.0, 2.0)
    else:
        squared = (points**2).sum(axis=1)
        gaps = squared[:, None] + squared[None, :] - 2.0 * (points @ points.T)
        out = np.sqrt(np.clip(gaps, 0.0, None))
    np.fill_diagonal(out, 0.0)
    return out
