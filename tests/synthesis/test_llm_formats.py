"""Asking a provider for JSON the way it accepts, learnt from its refusals, and every call
kept on record (failed ones too) for reports and benchmarks."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import BaseModel, Field

from journeybot.core.errors import ContextOverflowError
from journeybot.prompts import default_renderer
from journeybot.synthesis.llm.calls import StructuredCaller, UsageMeter
from journeybot.synthesis.llm.chunks import TokenCounter
from journeybot.synthesis.llm.limits import ResponseFormats

#: What llama-cpp-python's server answers to ``"type": "json_schema"`` (seen for real).
REFUSAL = (
    "Error code: 500 - 1 validation error: {'type': 'literal_error', 'loc': ('body', "
    "'response_format', 'type'), 'msg': \"Input should be 'text' or 'json_object'\"}"
)


class Pick(BaseModel):
    choice: str
    score: float = Field(ge=0, le=1)


class ChatOpenAIServer(BaseChatModel):
    """Named like the OpenAI client; accepts only the response formats in ``accepts``."""

    accepts: list[str] = Field(default_factory=list)
    seen: list[dict[str, Any]] = Field(default_factory=list)
    reply: str = '{"choice": "a", "score": 0.5}'

    @property
    def _llm_type(self) -> str:
        return "openai-compatible-test-server"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.seen.append(kwargs)
        asked = kwargs.get("response_format")
        way = "none" if asked is None else asked["type"] + ("_schema" if "schema" in asked else "")
        if way not in self.accepts:
            raise RuntimeError(REFUSAL)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self.reply))])


def caller(model: BaseChatModel, formats: ResponseFormats | None = None) -> StructuredCaller:
    return StructuredCaller(
        model,
        renderer=default_renderer(),
        counter=TokenCounter(model),
        max_retries=1,
        meter=UsageMeter(),
        max_output_tokens=300,
        formats=formats,
    )


def prompt() -> Any:
    return default_renderer().render("retry", problems=["placeholder task"])


def test_a_server_refusing_json_schema_is_asked_with_json_object_and_a_schema() -> None:
    model = ChatOpenAIServer(accepts=["json_object_schema"])
    call = caller(model)
    assert call.ask("map extraction", prompt(), Pick) == Pick(choice="a", score=0.5)
    first, second = model.seen
    assert first["response_format"]["type"] == "json_schema"
    assert second["response_format"] == {"type": "json_object", "schema": Pick.model_json_schema()}
    assert second["max_tokens"] == 300, "the output cap stays on every way of asking"
    outcomes = [c.outcome for c in call.meter.calls]
    assert outcomes == ["format_refused:json_schema", "ok"]
    assert call.meter.usage.calls == 1, "a refused format is not a reply"


def test_the_way_learnt_is_kept_for_later_calls_of_the_same_drafter() -> None:
    model = ChatOpenAIServer(accepts=["json_object"])
    formats = ResponseFormats(model)
    caller(model, formats).ask("one", prompt(), Pick)
    model.seen.clear()
    caller(model, formats).ask("two", prompt(), Pick)
    assert model.seen == [{"max_tokens": 300, "response_format": {"type": "json_object"}}]


def test_a_server_taking_no_format_at_all_still_gets_the_cap() -> None:
    model = ChatOpenAIServer(accepts=["none"])
    caller(model).ask("map extraction", prompt(), Pick)
    assert model.seen[-1] == {"max_tokens": 300}
    assert len(model.seen) == 4


def test_other_failures_are_not_mistaken_for_a_format_refusal() -> None:
    class Overflowing(ChatOpenAIServer):
        def _generate(self, *args: Any, **kwargs: Any) -> ChatResult:
            self.seen.append(kwargs)
            raise RuntimeError("Requested tokens (8243) exceed context window of 8192")

    model = Overflowing()
    call = caller(model)
    with pytest.raises(ContextOverflowError):
        call.ask("map extraction", prompt(), Pick)
    assert len(model.seen) == 1, "an overflow is not retried in another format"
    (record,) = call.meter.calls
    assert record.outcome == "context_overflow" and record.input_tokens > 0
    assert "exceed context window" in record.detail


def test_unusable_replies_are_recorded_with_their_problem() -> None:
    model = ChatOpenAIServer(accepts=["json_schema"], reply="not json at all")
    call = caller(model)
    with pytest.raises(Exception, match="still unusable"):
        call.ask("map extraction", prompt(), Pick)
    assert [c.outcome for c in call.meter.calls] == ["unusable", "unusable"]
    assert all("no JSON object" in c.detail for c in call.meter.calls)


def test_the_schema_sent_holds_ids_and_quotes_to_what_the_prompt_showed() -> None:
    from journeybot.synthesis.llm.limits import request_schema
    from journeybot.synthesis.llm.schema import MapExtraction

    sent = request_schema(
        MapExtraction,
        {"stage": ["usage"], "ref": ["S1", "S2"], "quote": ["I had to call them twice."]},
    )
    finding, quote_ref = sent["$defs"]["Finding"], sent["$defs"]["QuoteRef"]
    assert finding["properties"]["stage"]["enum"] == ["usage"]
    assert finding["properties"]["quotes"]["maxItems"] == 3
    assert quote_ref["properties"]["ref"]["enum"] == ["S1", "S2"]
    assert quote_ref["properties"]["quote"]["enum"] == ["I had to call them twice."]
    assert "enum" not in MapExtraction.model_json_schema()["$defs"]["QuoteRef"]["properties"]["ref"]


def test_a_reply_the_client_refused_as_cut_off_is_read_and_salvaged() -> None:
    from types import SimpleNamespace

    class LengthFinishReasonError(Exception):
        """Shaped like the OpenAI SDK's: the completion rides on the error."""

        def __init__(self, content: str) -> None:
            super().__init__("Could not parse response content as the length limit was reached")
            message = SimpleNamespace(content=content)
            usage = SimpleNamespace(prompt_tokens=2362, completion_tokens=300)
            self.completion = SimpleNamespace(
                choices=[SimpleNamespace(message=message)], usage=usage
            )

    class CutOff(ChatOpenAIServer):
        def _generate(self, *args: Any, **kwargs: Any) -> ChatResult:
            raise LengthFinishReasonError('{"choice": "a", "score": 0.5, "notes": ["x", "y')

    call = caller(CutOff(accepts=["json_schema"]))
    assert call.ask("persona profile extraction", prompt(), Pick) == Pick(choice="a", score=0.5)
    (record,) = call.meter.calls
    assert (record.outcome, record.input_tokens, record.output_tokens) == ("salvaged", 2362, 300)
