"""Grouping similar quotes across participants into themes.

A theme is a claim several people back, so quotes are clustered across participants
(average-linkage agglomerative clustering, deterministic). Similarity mixes each
quotable sentence's own embedding (what it means, in whatever words) with its content
words (what it names), so "let me pay by direct debit" and "why can't I pay by direct
debit?" meet across participants while two complaints that merely share a word do not.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from journeybot.synthesis.hierarchy import average_tree, cut_below
from journeybot.synthesis.quote_choice import specificity
from journeybot.synthesis.rows import Reading
from journeybot.synthesis.terms import TermIndex, content_words, stem

#: Quotes closer than this (1 - similarity) can share a theme.
THEME_DISTANCE = 0.6
#: The embedding's share of the similarity; the rest is shared content words. With 0.6
#: (and row themes at 0.75), a quarter of the pairs of people a tuned study's pain point
#: quoted told of different planted problems: two complaints about one service read
#: alike to the embedding whatever went wrong. At 0.4 (and 0.8) pairs on one gold
#: problem went 0.751 -> 0.798 and pain-theme recall 0.913 -> 0.938, with claims on two
#: or more people 0.858 -> 0.849 (the 23 tuned studies; benchmarks/quality.py).
EMBEDDING_SHARE = 0.4
MAX_QUOTES_PER_CLAIM = 4
#: How much a concrete first-person quote outranks a vaguer one of the same theme.
SPECIFICITY_WEIGHT = 0.25


@dataclass(frozen=True)
class Theme:
    """Readings (by index into the finder's readings) that say the same thing."""

    members: tuple[int, ...]
    lead: tuple[int, ...]  # best quote per participant, best first
    participants: tuple[str, ...]
    terms: tuple[str, ...]
    polarity: float
    strength: float


class ThemeFinder:
    """Clusters subsets of one evidence set's readings into named themes."""

    def __init__(
        self,
        readings: Sequence[Reading],
        vectors: npt.NDArray[np.float32],
        terms: TermIndex,
    ) -> None:
        self.readings = list(readings)
        self.terms = terms
        self._dense = np.asarray(vectors, dtype=np.float64) if self.readings else None
        self._lexical = _lexical_matrix([r.text for r in self.readings])

    def themes(self, members: Sequence[int], *, distance: float = THEME_DISTANCE) -> list[Theme]:
        """Themes among ``members`` (reading indexes), most widely shared first."""
        members = sorted(set(members))
        if not members:
            return []
        labels = self._cluster(members, distance)
        groups: dict[int, list[int]] = defaultdict(list)
        for member, label in zip(members, labels, strict=True):
            groups[int(label)].append(member)
        themes = [self._theme(group) for group in groups.values()]
        themes.sort(key=lambda t: (-len(t.participants), -t.strength, t.members))
        return themes

    def theme_of(self, members: Sequence[int]) -> Theme:
        """One theme of exactly ``members``, grouped by the caller (not clustered)."""
        return self._theme(sorted(set(members)))

    def similarity(self, members: Sequence[int]) -> npt.NDArray[np.float64]:
        idx = list(members)
        dense = self._dense[idx] if self._dense is not None else np.zeros((len(idx), 1))
        lexical = self._lexical[idx]
        sims = EMBEDDING_SHARE * (dense @ dense.T)
        sims += (1.0 - EMBEDDING_SHARE) * (lexical @ lexical.T).toarray()
        return np.clip(sims, -1.0, 1.0)

    def cross_similarity(
        self, rows: Sequence[int], columns: Sequence[int]
    ) -> npt.NDArray[np.float64]:
        """Similarity of each of ``rows`` to each of ``columns`` (len(rows) x len(columns)),
        without the square matrix of either among themselves."""
        r, c = list(rows), list(columns)
        if self._dense is not None:
            sims = EMBEDDING_SHARE * (self._dense[r] @ self._dense[c].T)
        else:
            sims = np.zeros((len(r), len(c)))
        lexical = (self._lexical[r] @ self._lexical[c].T).toarray()
        return np.clip(sims + (1.0 - EMBEDDING_SHARE) * lexical, -1.0, 1.0)

    def _cluster(self, members: list[int], distance: float) -> npt.NDArray[np.int64]:
        if len(members) == 1:
            return np.zeros(1, dtype=np.int64)
        distances = 1.0 - self.similarity(members)
        np.fill_diagonal(distances, 0.0)
        return cut_below(average_tree(np.clip(distances, 0.0, 2.0)), distance)

    def _theme(self, group: list[int]) -> Theme:
        sims = self.similarity(group)
        centrality = sims.mean(axis=1)
        best: dict[str, tuple[float, int]] = {}
        for pos, member in enumerate(group):
            reading = self.readings[member]
            score = (
                float(centrality[pos])
                + 0.3 * abs(reading.polarity)
                + SPECIFICITY_WEIGHT * specificity(reading.text)
            )
            current = best.get(reading.participant)
            if current is None or (score, -member) > (current[0], -current[1]):
                best[reading.participant] = (score, member)
        lead = sorted(best.values(), key=lambda item: (-item[0], item[1]))
        polarities = [self.readings[m].polarity for m in group]
        return Theme(
            members=tuple(group),
            lead=tuple(member for _, member in lead),
            participants=tuple(sorted(best)),
            terms=tuple(self._name(group)),
            polarity=float(np.mean(polarities)),
            strength=float(np.mean(np.abs(polarities))),
        )

    def _name(self, group: list[int]) -> list[str]:
        """Distinctive terms of the quotes, else of the segments they were cut from."""
        terms = self.terms.distinctive([self.readings[m].text for m in group])
        if not terms:
            terms = self.terms.distinctive([self.readings[m].segment_text for m in group])
        return terms


def _lexical_matrix(texts: list[str]) -> Any:
    """Unit-length TF-IDF rows over content-word stems (a sparse matrix), weighted as
    scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` weights them: 1 + log(count)
    times the smoothed inverse document frequency, log((1 + n) / (1 + df)) + 1."""
    from scipy.sparse import csr_matrix

    documents = [Counter(stem(w) for w in content_words(text)) or Counter(["_"]) for text in texts]
    documents = documents or [Counter(["_"])]
    columns: dict[str, int] = {}
    rows, cols, counts = [], [], []
    for number, document in enumerate(documents):
        for term, count in document.items():
            rows.append(number)
            cols.append(columns.setdefault(term, len(columns)))
            counts.append(count)
    column = np.asarray(cols, dtype=np.int64)
    frequency = np.bincount(column, minlength=len(columns))
    idf = np.log((1 + len(documents)) / (1 + frequency)) + 1.0
    weights = (1.0 + np.log(np.asarray(counts, dtype=np.float64))) * idf[column]
    row = np.asarray(rows, dtype=np.int64)
    norms = np.sqrt(np.bincount(row, weights=weights**2, minlength=len(documents)))
    weights /= norms[row]
    return csr_matrix((weights, (row, column)), shape=(len(documents), len(columns)))


def cited_members(theme: Theme) -> tuple[int, ...]:
    """The readings a claim on ``theme`` quotes: its lead, as many as a claim shows."""
    return theme.lead[:MAX_QUOTES_PER_CLAIM]


def journey_themes(themes: Sequence[Theme], readings: Sequence[Reading]) -> list[Theme]:
    """``themes`` that hold someone's talk of the journey, each led by it, or that two or
    more people raised: one person's answer to the warm-up question about themselves is
    their background, not a finding (``background``), while the same fear in several
    introductions ("terrified of the dentist") is one."""
    out = []
    for theme in themes:
        if all(readings[m].background for m in theme.members) and len(theme.participants) < 2:
            continue
        lead = sorted(theme.lead, key=lambda m: readings[m].background)
        out.append(dataclasses.replace(theme, lead=tuple(lead)))
    return out
