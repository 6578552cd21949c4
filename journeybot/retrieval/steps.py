"""Which parts of the hybrid search run: all of them in use, fewer in the benchmark.

``benchmarks/retrieval.py`` switches the steps on one after another to measure what each
adds; everything else searches with every step on (the default).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchSteps:
    #: Exact words and phrases from the persisted lexical index.
    lexical: bool = True
    #: The question a segment answers (and the turn before a short reply), for finding.
    context: bool = True
    #: What the question asks for (problems, wishes, ...) matched against the readings.
    intent: bool = True
    #: The query vector leans on the question's topic, without its frame (``question.py``).
    topic: bool = True
    #: No participant fills the list while others have relevant things to say. Off by
    #: default: it measured lower recall@8 on the tuned questions (the answer keeps at
    #: most two quotes per participant instead).
    spread: bool = False
    #: Nothing is returned when nothing in the study answers the question.
    floor: bool = True

    @classmethod
    def vector_only(cls) -> SearchSteps:
        return cls(
            lexical=False, context=False, intent=False, topic=False, spread=False, floor=False
        )
