"""Reading JSON out of model replies, and retrying with the problem explained."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    GenericFakeChatModel,
)
from langchain_core.messages import AIMessage, HumanMessage
from pydantic import BaseModel, Field

from journeybot.core.errors import DraftingError
from journeybot.prompts import default_renderer
from journeybot.synthesis.llm.calls import (
    OutputProblem,
    StructuredCaller,
    UsageMeter,
    extract_json_object,
    parse_reply,
)
from journeybot.synthesis.llm.chunks import TokenCounter


class Pick(BaseModel):
    choice: str
    score: float = Field(ge=0, le=1)


def caller(model: Any, retries: int = 2) -> StructuredCaller:
    return StructuredCaller(
        model,
        renderer=default_renderer(),
        counter=TokenCounter(model),
        max_retries=retries,
        meter=UsageMeter(),
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=80, deadline=None)
@given(
    payload=st.dictionaries(st.text(max_size=10), json_values, max_size=4),
    before=st.sampled_from(["", "Sure, here it is:\n", "<think>{maybe}</think>\n", "```json\n"]),
    indent=st.sampled_from([None, 2]),
)
def test_the_object_is_found_past_prose_fences_and_thinking(
    payload: dict[str, Any], before: str, indent: int | None
) -> None:
    text = json.dumps(payload, indent=indent)
    after = "\n```" if before.startswith("```") else "\nHope that helps!"
    assert extract_json_object(before + text + after) == payload


def test_a_broken_outer_object_is_reported_not_mistaken_for_a_nested_one() -> None:
    cut_off = '{"findings": [\n  {"ref": "S1", "quote": "fine"},\n  {"ref": "S2"'
    assert extract_json_object(cut_off) == {"findings": [{"ref": "S1", "quote": "fine"}]}
    with pytest.raises(OutputProblem) as raised:
        extract_json_object('{"findings": [\n  {"ref": "S1", "quote": fine}]}')
    assert "not valid JSON" in raised.value.problems[0]
    with pytest.raises(OutputProblem, match="no JSON object"):
        extract_json_object("I could not find any findings.")
    with pytest.raises(OutputProblem, match="empty"):
        extract_json_object("<think>hmm</think>  ")


def test_validation_problems_say_where_what_and_what_came() -> None:
    with pytest.raises(OutputProblem) as raised:
        parse_reply('{"choice": 3, "score": 7}', Pick)
    problems = " ".join(raised.value.problems)
    assert "choice: Input should be a valid string (got 3)" in problems
    assert "score: Input should be less than or equal to 1 (got 7)" in problems
    with pytest.raises(OutputProblem, match="too bold"):
        parse_reply(
            '{"choice": "a", "score": 1}', Pick, lambda p: ["too bold"] if p.score == 1 else []
        )


def test_the_retry_shows_the_model_its_reply_and_the_problem() -> None:
    model = FakeListChatModel(
        responses=['{"choice": "a", "score": 2}', '{"choice": "a", "score": 0.5}']
    )
    call = caller(model)
    prompt = default_renderer().render("retry", problems=["placeholder task"])
    assert call.ask("test", prompt, Pick) == Pick(choice="a", score=0.5)
    assert call.meter.usage.calls == 2 and call.meter.usage.retries == 1
    assert call.versions["retry"].startswith("retry@")


def test_retries_are_bounded_and_the_error_names_the_step() -> None:
    messages: list[list[Any]] = []

    class Recording(FakeListChatModel):
        def invoke(self, input: Any, *args: Any, **kwargs: Any) -> Any:
            messages.append(list(input))
            return super().invoke(input, *args, **kwargs)

    model = Recording(responses=["nope"])
    prompt = default_renderer().render("retry", problems=["x"])
    with pytest.raises(DraftingError) as raised:
        caller(model, retries=1).ask("persona grouping", prompt, Pick)
    assert "persona grouping step" in str(raised.value) and "2 attempts" in str(raised.value)
    assert len(messages) == 2
    second = messages[1]
    assert isinstance(second[-2], AIMessage) and second[-2].content == "nope"
    assert isinstance(second[-1], HumanMessage) and "no JSON object" in second[-1].content
    assert len(second) == 4, "retries replace the last exchange instead of growing"


def test_provider_token_counts_are_used_when_the_reply_has_them() -> None:
    reply = AIMessage(
        content='{"choice": "b", "score": 0.1}',
        usage_metadata={"input_tokens": 1234, "output_tokens": 56, "total_tokens": 1290},
    )
    call = caller(GenericFakeChatModel(messages=iter([reply])))
    call.ask("test", default_renderer().render("retry", problems=["x"]), Pick)
    usage = call.meter.usage
    assert (usage.calls, usage.input_tokens, usage.output_tokens) == (1, 1234, 56)
