"""After fusion: spread the list over participants, and refuse to answer off-topic.

Both steps are measured in ``benchmarks/retrieval.py`` (tuned and held-out questions).

* **Spread.** One talkative participant can fill a list that should show what several
  people said. Each further hit of a participant already listed counts ``SPREAD_DECAY``
  times less, so a second person's relevant quote comes before a first person's third.
* **Relevance floor.** Fusion ranks whatever exists, even for a question nobody spoke
  about. A study answers only when its best hit is similar enough by meaning (the best
  cosine of the segment, or of its question-and-answer vector less
  ``CONTEXT_DISCOUNT``) with a little credit for the share of the question's
  distinctive words it contains, or when it carries most of those words
  (``LEXICAL_FLOOR``); below that nothing is returned. Single hits far below the floor
  are dropped too.
* **Words and meaning must agree.** Cosines of a small embedder crowd together, so a
  question about something nobody talked about can land just above the floor by
  meaning alone. When the study uses few of the question's content words at all (the
  words that say what kind of answer is wanted, "wrong", "like", "wish", set aside:
  ``intent.without_cues``; ``known`` below ``KNOWN_FLOOR``, see
  ``LexicalFile.known_share``), meaning has to carry the answer alone and the floor rises
  to ``STRONG_FLOOR``; a paraphrase in other words still answers when it is close, a
  stray neighbour does not. On the tuned questions the off-topic ones know at most 0.25
  of their words, the answered ones at least 0.33 (and those below 0.75 are close by
  meaning).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from journeybot.retrieval.hits import SearchHit

#: A participant's n-th hit (from 0) has its fused score multiplied by this to the n.
SPREAD_DECAY = 0.9
#: The best hit must reach this relevance for the question to be answered at all...
ANSWER_FLOOR = 0.31
#: A question-and-answer vector is a sum, nearer to any question than the words alone
#: are; its cosine counts this much less.
CONTEXT_DISCOUNT = 0.1
#: ...where relevance is the best cosine plus this much of the lexical coverage.
LEXICAL_CREDIT = 0.1
#: A single hit below the floor by more than this is dropped from an answered list.
HIT_MARGIN = 0.12
#: A hit carrying this share of the question's distinctive words clears the floor alone
#: (exact product words need no help from the embedder).
LEXICAL_FLOOR = 0.6
#: Below this share of the question's content words known to the study...
KNOWN_FLOOR = 0.35
#: ...the best hit must reach this relevance by meaning instead of ``ANSWER_FLOOR``.
STRONG_FLOOR = 0.45


def relevance(hit: SearchHit) -> float:
    similarity = max(hit.vector_score, hit.context_score - CONTEXT_DISCOUNT)
    return similarity + LEXICAL_CREDIT * hit.lexical_score


def above_floor(hits: Sequence[SearchHit], *, known: float = 1.0) -> list[SearchHit]:
    """``hits`` if the best one clears the floor (minus far-off ones), else nothing.

    ``known`` is the share of the question's distinctive words the searched studies use.
    """
    floor = ANSWER_FLOOR if known >= KNOWN_FLOOR else STRONG_FLOOR
    if not any(_clears(hit, floor) for hit in hits):
        return []
    return [hit for hit in hits if _clears(hit, ANSWER_FLOOR - HIT_MARGIN)]


def _clears(hit: SearchHit, floor: float) -> bool:
    return relevance(hit) >= floor or hit.lexical_score >= LEXICAL_FLOOR


def spread(hits: Sequence[SearchHit], k: int) -> list[SearchHit]:
    """The best ``k`` of ``hits`` (ranked best first) with repeats per participant damped."""
    remaining = list(hits)
    seen: Counter[str] = Counter()
    chosen: list[SearchHit] = []
    while remaining and len(chosen) < k:
        best = max(
            range(len(remaining)),
            key=lambda i: (
                remaining[i].score * SPREAD_DECAY ** seen[_who(remaining[i])],
                -i,
            ),
        )
        hit = remaining.pop(best)
        seen[_who(hit)] += 1
        chosen.append(hit)
    return chosen


def _who(hit: SearchHit) -> str:
    return f"{hit.segment.study}\x00{hit.segment.participant}"
