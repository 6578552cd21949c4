"""Short segment refs, token estimates, and packing every segment into prompt-sized chunks.

Models are shown ``S1``, ``S2``... instead of long segment ids: short refs cost fewer
tokens and are copied back more reliably. Chunks are packed in conversation order and
never cut a segment, so every segment of a study is read exactly once per map pass; a
segment that cannot fit even alone is a configuration problem, reported as one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseLanguageModel

from journeybot.core.errors import ConfigError
from journeybot.core.models import Segment
from journeybot.core.text import collapse_whitespace
from journeybot.synthesis.sentences import sentence_spans

CHARS_PER_TOKEN = 4
#: Interviewer context shown before a passage is cut to its last sentences up to this.
QUESTION_CHARS = 100
_REF = re.compile(r"^\[?\s*[Ss]\s*(\d+)\s*\]?$")


class TokenCounter:
    """Counts tokens with the model's own tokenizer when it has one, else ~4 chars/token.

    LangChain's base class falls back to a GPT-2 tokenizer that needs ``transformers``
    and may download files, so only a tokenizer the model class itself supplies is used.
    """

    def __init__(self, model: BaseLanguageModel | None = None) -> None:
        self._model = model if model is not None and _has_own_tokenizer(model) else None

    @property
    def uses_model(self) -> bool:
        return self._model is not None

    def count(self, text: str) -> int:
        if self._model is not None:
            try:
                return int(self._model.get_num_tokens(text))
            except Exception:  # any tokenizer failure: estimate from now on
                self._model = None
        return estimate_tokens(text)


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def _has_own_tokenizer(model: BaseLanguageModel) -> bool:
    cls = type(model)
    return (
        cls.get_num_tokens is not BaseLanguageModel.get_num_tokens
        or cls.get_token_ids is not BaseLanguageModel.get_token_ids
        or getattr(model, "custom_get_token_ids", None) is not None
    )


class RefTable:
    """``S1``... for the segments of one draft, in the order given, and back to ids."""

    def __init__(self, segments: Iterable[Segment]) -> None:
        self._ref_of: dict[str, str] = {}
        self._id_of: dict[str, str] = {}
        for index, seg in enumerate(segments, start=1):
            ref = f"S{index}"
            self._ref_of[seg.id] = ref
            self._id_of[ref] = seg.id

    def ref(self, segment_id: str) -> str:
        return self._ref_of[segment_id]

    def segment_id(self, ref: str) -> str | None:
        """The id behind a ref as a model may write it ("S3", "[s3]", "S 3")."""
        match = _REF.match(ref.strip())
        return self._id_of.get(f"S{int(match.group(1))}") if match else None


@dataclass(frozen=True)
class Passage:
    """One segment as shown to the model; ``question`` is context, never evidence."""

    ref: str
    segment: Segment
    question: str = ""

    @property
    def participant(self) -> str:
        return self.segment.participant

    @property
    def text(self) -> str:
        return collapse_whitespace(self.segment.text)


def question_excerpt(context: str, limit: int = QUESTION_CHARS) -> str:
    """What the interviewer asked, from the end of their turn, within ``limit`` chars.

    The question is the part that says what an answer is about, so the excerpt ends
    with the last question asked and keeps as much lead-in before it as fits.
    """
    text = collapse_whitespace(context)
    if not text:
        return ""
    sentences = [span.of(text) for span in sentence_spans(text)]
    asked = [i for i, sentence in enumerate(sentences) if sentence.endswith("?")]
    if asked:
        sentences = sentences[: asked[-1] + 1]
    kept = ""
    for sentence in reversed(sentences):
        candidate = f"{sentence} {kept}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    tail = sentences[-1][-limit:] if sentences else text[-limit:]
    return "..." + tail[tail.find(" ") + 1 :] if " " in tail else "..." + tail


def pack_passages(
    segments: Sequence[Segment],
    refs: RefTable,
    *,
    budget: int,
    cost: Callable[[Passage], int],
) -> list[list[Passage]]:
    """Every segment, in order, in chunks whose passages cost at most ``budget`` tokens.

    The interviewer question is shown once per run of segments that share it, and again
    at the top of a new chunk, so each chunk reads on its own.
    """
    chunks: list[list[Passage]] = []
    current: list[Passage] = []
    used = 0
    last_context: str | None = None
    for seg in segments:
        passage = _passage(seg, refs, show_question=seg.context != last_context)
        price = cost(passage)
        if current and used + price > budget:
            chunks.append(current)
            current, used = [], 0
            passage = _passage(seg, refs, show_question=True)
            price = cost(passage)
        if price > budget:
            raise ConfigError(
                f"Segment {refs.ref(seg.id)} of {seg.file_name} ({seg.location}) needs about "
                f"{price} tokens but only {max(budget, 0)} fit beside the prompt; raise "
                "JOURNEYBOT_LLM_CONTEXT_TOKENS to the model's real context size."
            )
        current.append(passage)
        used += price
        last_context = seg.context
    if current:
        chunks.append(current)
    return chunks


def _passage(seg: Segment, refs: RefTable, *, show_question: bool) -> Passage:
    question = question_excerpt(seg.context) if show_question else ""
    return Passage(ref=refs.ref(seg.id), segment=seg, question=question)
