"""The lexical half of hybrid search: the terms BM25 ranks, words and adjacent word pairs.

Vector search finds what a participant *meant*; researchers also ask about exact product
words ("direct debit", "API key", "ICE plots") that a sentence embedding blurs into its
neighbours. Word pairs make such phrases strong terms of their own, so a segment that says
the phrase outranks one that merely says both words somewhere.

These terms are what the persisted index (``lexical_file.py``, SQLite FTS5 with bm25)
holds, so the same rules apply to segments and to questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class LexicalMatch:
    segment_id: str
    score: float
    #: Share of the query's distinctive wording (idf-weighted terms) the segment contains.
    coverage: float
