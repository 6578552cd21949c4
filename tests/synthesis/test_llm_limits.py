"""A weak model's failures: overflow shrinks and retries, a hopeless part is left out and
named, an unreachable model fails the draft with the right message, output is capped."""

from __future__ import annotations

import re
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from journeybot.core.errors import ContextOverflowError, DraftingError, ModelUnavailableError
from journeybot.core.stages import default_stages
from journeybot.synthesis.llm.drafter import LLMDrafter
from journeybot.synthesis.llm.limits import call_options, classify_failure
from journeybot.synthesis.llm.schema import MapExtraction
from tests.synthesis.test_llm_fakes import (
    ScriptedChatModel,
    evidence_of,
    planted_segments,
    scripted,
)

EXTRACT = "journey-map extraction"
OVERFLOW = "Error code: 400 - requested 8243 tokens, which exceeds the context window of 8192"


def drafter(model: ScriptedChatModel, **options: int) -> LLMDrafter:
    options.setdefault("concurrency", 1)
    return LLMDrafter(model, model_name="test:scripted", **options)


def _refs(prompt: str) -> list[str]:
    return re.findall(r"^\[(S\d+)\]", prompt, re.M)


def _overflow(_messages: list[BaseMessage]) -> str:
    raise ValueError(OVERFLOW)


def test_an_overflowing_part_is_halved_and_every_segment_still_read() -> None:
    segments = planted_segments()
    model = scripted(_overflow)
    journey = drafter(model).draft_map(evidence_of(segments), default_stages())
    shown = [_refs(p) for p in model.prompts() if "Passages" in p or "[S1]" in p]
    first, halves = shown[0], [refs for refs in shown[1:3]]
    assert sorted(halves[0] + halves[1]) == sorted(first)  # the same part, in two halves
    assert journey.claims(), "the draft finished"
    assert not any("Left out" in note for note in journey.coverage.notes)


def test_a_part_whose_reply_stays_unusable_is_left_out_and_named() -> None:
    segments = planted_segments()
    broken = '{"findings": [oops'
    model = scripted(broken, broken, broken)  # part 1: three attempts, all broken
    journey = drafter(model, context_tokens=1300, max_retries=2).draft_map(
        evidence_of(segments), default_stages()
    )
    (note,) = [n for n in journey.coverage.notes if n.startswith("Left out")]
    assert re.search(r"part 1 of \d+ \(\d+ segments from P\d.*the reply stayed unusable", note)
    assert journey.claims(), "the other parts were drafted"
    left_out = set(_refs(model.prompts()[0]))
    cited = {c.segment_id for claim in journey.claims() for c in claim.citations}
    by_ref = {f"S{i}": seg.id for i, seg in enumerate(segments, 1)}
    assert not cited & {by_ref[ref] for ref in left_out}, "no quote from a part not read"


def test_an_unreachable_model_fails_the_draft_as_a_connection_problem() -> None:
    def down(_messages: list[BaseMessage]) -> str:
        raise ConnectionError("connection refused by localhost:8080")

    with pytest.raises(ModelUnavailableError, match="could not be reached"):
        drafter(scripted(down)).draft_map(evidence_of(planted_segments()), default_stages())


@pytest.mark.parametrize(
    ("error", "kind", "words"),
    [
        (ValueError(OVERFLOW), ContextOverflowError, "context window"),
        (
            RuntimeError("This model's maximum context length is 4096 tokens"),
            ContextOverflowError,
            "JOURNEYBOT_LLM_CONTEXT_TOKENS",
        ),
        (ConnectionError("Connection refused"), ModelUnavailableError, "network"),
        (RuntimeError("Error code: 401 - invalid api key"), ModelUnavailableError, "API key"),
        (RuntimeError("Error code: 500 - internal error"), DraftingError, "refused"),
    ],
)
def test_failures_are_reported_for_what_they_are(
    error: Exception, kind: type[DraftingError], words: str
) -> None:
    failure = classify_failure("map extraction", error)
    assert type(failure) is kind
    assert words in str(failure)
    if kind is ContextOverflowError:
        assert "network" not in str(failure)


class ChatOpenAILike(BaseChatModel):
    """Named like the OpenAI client (whose class name selects OpenAI-style options)."""

    @property
    def _llm_type(self) -> str:
        return "openai-like"

    def _generate(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError


def test_openai_compatible_calls_ask_for_the_schema_and_cap_output() -> None:
    options = call_options(ChatOpenAILike(), MapExtraction, 600)
    assert options["max_tokens"] == 600
    schema = options["response_format"]["json_schema"]["schema"]
    assert "findings" in schema["properties"]


def test_a_generic_chat_model_is_called_without_provider_options() -> None:
    seen: list[dict[str, Any]] = []

    class Recording(ScriptedChatModel):
        def invoke(self, messages: Any, config: Any = None, **kwargs: Any) -> Any:
            seen.append(kwargs)
            return super().invoke(messages, config, **kwargs)

    model = Recording(script=[], analyst=scripted().analyst)
    drafter(model, context_tokens=3000).draft_map(evidence_of(planted_segments()), default_stages())
    assert seen and all(kwargs == {} for kwargs in seen)  # a generic model gets no options
    assert call_options(model, MapExtraction, 600) == {}


def test_ask_drops_the_lower_ranked_half_on_overflow_and_answers() -> None:
    from journeybot.synthesis.base import RetrievedEvidence

    segments = planted_segments()
    model = scripted(_overflow)
    retrieved = RetrievedEvidence(
        question="What did they say about support?",
        segments=segments,
        scores=[1.0 - i / 100 for i in range(len(segments))],
    )
    answer = drafter(model, context_tokens=8000).answer(retrieved)
    first, second = (_refs(p) for p in model.prompts()[:2])
    assert second == first[: len(first) // 2]
    assert answer.answer
