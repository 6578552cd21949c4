"""The query vector: the question, nudged towards its topic without the question's frame.

Answers are statements; "What do people think of the price rise?" embeds near other
questions and meta-talk ("what do you think of..."), "the price rise" near what was said
about it. The frame is the ordinary shape of an English question (a wh-word, an
auxiliary, a generic subject such as "people" or "they", a verb of saying or thinking),
never a study's words. The query vector is the question's own plus ``TOPIC_WEIGHT`` times
its topic's, normalised. Set on the tuned part of ``benchmarks/retrieval_set.json``:
recall@8 / MRR / nDCG@8 0.396 / 0.666 / 0.413 with the question alone, 0.407 / 0.667 /
0.426 at weight 1, 0.424 / 0.688 / 0.438 at 3, 0.404 / 0.688 / 0.425 with the topic
alone (the frame still says a little about what kind of answer is wanted).
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from journeybot.retrieval.embeddings import Embedder

TOPIC_WEIGHT = 3.0
#: A topic shorter than this many words is not used (the frame was the question).
MIN_TOPIC_WORDS = 2

_AUX = r"(?:do|does|did|was|were|is|are|would|could|should|can|will|have|has|had)"
_WHO = (
    r"(?:people|participants|they|them|customers|users|anyone|someone|everyone|"
    r"respondents|he|she|you|we)"
)
_FRAME = re.compile(
    rf"^\s*(?:(?:what|how|why|where|when|which|who)\b\s*)?(?:{_AUX}\b\s*)?(?:{_WHO}\b\s*)?",
    re.IGNORECASE,
)
_SAYING = re.compile(
    r"^(?:say|said|think|thought|feel|felt|find|found)\s+(?:about\s+|of\s+)?", re.IGNORECASE
)


def topic_of(question: str) -> str | None:
    """``question`` without its frame, or None when little or nothing is left."""
    topic = _FRAME.sub("", question).strip().rstrip("?").strip()
    topic = _SAYING.sub("", topic)
    if len(topic.split()) < MIN_TOPIC_WORDS or topic == question.strip():
        return None
    return topic


def query_vector(
    embedder: Embedder, question: str, *, topic: bool = True
) -> npt.NDArray[np.float32]:
    """The vector a search compares segments with (one embedding call for both texts)."""
    topic_text = topic_of(question) if topic else None
    if topic_text is None:
        return np.asarray(embedder.embed([question])[0], dtype=np.float32)
    own, framed_out = embedder.embed([question, topic_text])
    mixed = np.asarray(own, dtype=np.float32) + TOPIC_WEIGHT * np.asarray(framed_out)
    return (mixed / max(float(np.linalg.norm(mixed)), 1e-12)).astype(np.float32)
