"""The lexical half of hybrid search: BM25 over words and adjacent word pairs.

Vector search finds what a participant *meant*; researchers also ask about exact product
words ("direct debit", "API key", "ICE plots") that a sentence embedding blurs into its
neighbours. Word pairs make such phrases strong terms of their own, so a segment that says
the phrase outranks one that merely says both words somewhere.

The index is a compact, immutable postings array (term hash, row, weight) sorted by term:
16 bytes per (segment, term) pair and no vocabulary dictionary. Term keys are Python's
string hash, which is salted per process; that is fine because an index never leaves the
process that built it (the store rebuilds it from Chroma, see ``store.py``).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

BM25_K1 = 1.2
BM25_B = 0.75
#: Segments tokenised per step of a build; bounds the Python lists a build holds at once.
BUILD_CHUNK = 4096

_WORD_RE = re.compile(r"[^\W_]+")

# Function words, plus the words of questions about research and of interview filler, which
# match nearly every turn and would drown the words the researcher actually cares about.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can could did didn do does doesn doing don down
    during each either else ever every few for from further get gets got had hadn has hasn
    have haven having he her here hers herself him himself his how however i if in into is
    isn it its itself just let ll me might more most much must my myself no nor not now of
    off on once only or other our ours ourselves out over own re same shall she should so
    some such than that the their theirs them themselves then there these they this those
    through to too under until up upon us very was wasn we were weren what when where which
    while who whom whose why will with won would wouldn you your yours yourself yourselves
    ve s t d m
    yeah yes yep okay ok oh um uh umm hmm mm like really actually basically kind sort
    thing things stuff lot lots bit mean know think thought guess say said says tell told
    people person participant participants user users anyone someone somebody everyone
    one ones way ways something anything everything maybe pretty quite
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def fold(word: str) -> str:
    """A cheap plural fold, applied alike to segments and queries ("plots" ~ "plot")."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def terms(text: str) -> tuple[list[str], int]:
    """Index terms of ``text`` (content words and adjacent content-word pairs) and its length.

    A pair is only formed by words that stand next to each other in the text, so
    "direct debit" never pairs across a dropped "the".
    """
    out: list[str] = []
    previous: str | None = None
    words = 0
    for raw in _WORD_RE.findall(text.lower()):
        if raw in STOPWORDS or (len(raw) < 2 and not raw.isdigit()):
            previous = None
            continue
        word = fold(raw)
        words += 1
        out.append(word)
        if previous is not None:
            out.append(f"{previous} {word}")
        previous = word
    return out, words


def _keys(values: Iterable[str]) -> npt.NDArray[np.int64]:
    return np.fromiter((hash(v) for v in values), dtype=np.int64)


@dataclass(frozen=True)
class LexicalMatch:
    segment_id: str
    score: float
    #: Share of the query's distinctive wording (idf-weighted terms) the segment contains.
    coverage: float


@dataclass(frozen=True)
class LexicalIndex:
    """BM25 postings of one study's segments, rebuilt whenever the study changes."""

    ids: tuple[str, ...]
    keys: npt.NDArray[np.int64]
    rows: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]
    row_of: dict[str, int]

    @classmethod
    def build(cls, ids: Sequence[str], documents: Sequence[str]) -> LexicalIndex:
        lengths = np.zeros(len(documents), dtype=np.float32)
        parts = [
            _postings(documents, begin, min(begin + BUILD_CHUNK, len(documents)), lengths)
            for begin in range(0, len(documents), BUILD_CHUNK)
        ]
        keys = np.concatenate([p[0] for p in parts]) if parts else np.zeros(0, np.int64)
        rows = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32)
        counts = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.float32)
        weights = _bm25_weights(keys, rows, counts, lengths)
        order = np.argsort(keys, kind="stable")
        return cls(
            ids=tuple(ids),
            keys=keys[order],
            rows=rows[order],
            weights=weights[order],
            row_of={segment_id: row for row, segment_id in enumerate(ids)},
        )

    def __len__(self) -> int:
        return len(self.ids)

    def search(
        self, query: str, *, limit: int, allowed: frozenset[str] | None = None
    ) -> list[LexicalMatch]:
        """Best ``limit`` matches by BM25, best first; segments sharing no term are left out."""
        query_keys = np.unique(_keys(terms(query)[0]))
        if not len(self.ids) or not len(query_keys) or limit < 1:
            return []
        starts = np.searchsorted(self.keys, query_keys, side="left")
        ends = np.searchsorted(self.keys, query_keys, side="right")
        frequency = (ends - starts).astype(np.float64)
        idf = np.log1p((len(self.ids) - frequency + 0.5) / (frequency + 0.5))
        picked = np.concatenate([np.arange(s, e) for s, e in zip(starts, ends, strict=True)])
        if not len(picked):
            return []
        rows = self.rows[picked]
        scores = np.bincount(rows, self.weights[picked], len(self.ids)).astype(np.float64)
        term_idf = np.repeat(idf, (ends - starts))
        coverage = np.bincount(rows, term_idf, len(self.ids)) / idf.sum()
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            mask[[self.row_of[i] for i in allowed if i in self.row_of]] = True
            scores[~mask] = 0.0
        return self._best(scores, coverage, limit)

    def _best(
        self, scores: npt.NDArray[np.float64], coverage: npt.NDArray[np.float64], limit: int
    ) -> list[LexicalMatch]:
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > limit:
            candidates = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        ranked = sorted(candidates.tolist(), key=lambda row: (-scores[row], self.ids[row]))
        return [
            LexicalMatch(self.ids[row], float(scores[row]), min(float(coverage[row]), 1.0))
            for row in ranked
        ]


class LexicalCache:
    """One index per study, kept while the study's revision stays the same; thread-safe.

    Builds of one study are serialised (a second search waits for the first build instead
    of repeating it); other studies stay searchable meanwhile. A build records the revision
    read *before* its documents were fetched, so a write landing mid-build is caught by
    the next search.
    """

    def __init__(self) -> None:
        self._indexes: dict[str, tuple[str, LexicalIndex]] = {}
        self._lock = threading.Lock()
        self._build_locks: dict[str, threading.Lock] = {}

    def get(
        self, study: str, revision: str, load: Callable[[], tuple[list[str], list[str]]]
    ) -> LexicalIndex:
        """The study's index at ``revision``; ``load`` gives (ids, documents) to build it."""
        with self._lock:
            build_lock = self._build_locks.setdefault(study, threading.Lock())
        with build_lock:
            with self._lock:
                cached = self._indexes.get(study)
            if cached is not None and cached[0] == revision:
                return cached[1]
            index = LexicalIndex.build(*load())
            with self._lock:
                self._indexes[study] = (revision, index)
            return index

    def forget(self, study: str) -> None:
        with self._lock:
            self._indexes.pop(study, None)


def _postings(
    documents: Sequence[str], begin: int, end: int, lengths: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """(term key, row, count) of documents[begin:end], as arrays to keep Python lists short."""
    keys: list[int] = []
    rows: list[int] = []
    counts: list[int] = []
    for row in range(begin, end):
        document_terms, lengths[row] = terms(documents[row])
        for term, count in Counter(document_terms).items():
            keys.append(hash(term))
            rows.append(row)
            counts.append(count)
    return (
        np.asarray(keys, dtype=np.int64),
        np.asarray(rows, dtype=np.int32),
        np.asarray(counts, dtype=np.float32),
    )


def _bm25_weights(
    keys: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int32],
    counts: npt.NDArray[np.float32],
    lengths: npt.NDArray[np.float32],
) -> npt.NDArray[np.float32]:
    """Per (segment, term) BM25 contribution, so a query only sums precomputed weights."""
    if not len(keys):
        return np.zeros(0, dtype=np.float32)
    documents = len(lengths)
    _, inverse, frequency = np.unique(keys, return_inverse=True, return_counts=True)
    idf = np.log1p((documents - frequency + 0.5) / (frequency + 0.5))[inverse]
    average = max(float(lengths.mean()), 1.0)
    norm = BM25_K1 * (1.0 - BM25_B + BM25_B * lengths[rows] / average)
    return (idf * counts * (BM25_K1 + 1.0) / (counts + norm)).astype(np.float32)
