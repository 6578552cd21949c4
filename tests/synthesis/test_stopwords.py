"""The copied stop-word list stays the library's list (it is copied only for speed)."""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as LIBRARY_LIST

from journeybot.synthesis.stopwords import ENGLISH_STOP_WORDS


def test_copy_equals_scikit_learns_list() -> None:
    assert frozenset(LIBRARY_LIST) == ENGLISH_STOP_WORDS
