"""Asking the chat model for JSON of a given shape, with retries that explain the problem.

Models wrap JSON in code fences, think aloud before it, or break it. The reply is cut
down to its first JSON object, validated with pydantic, then checked against what the
prompt showed; any problem goes back to the model in the retry prompt, next to its own
reply. After the allowed retries the step fails as a whole: a draft is never assembled
from a step the model could not answer.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from journeybot.core.errors import ModelOutputError
from journeybot.core.text import collapse_whitespace
from journeybot.prompts import PromptRenderer, RenderedPrompt
from journeybot.synthesis.llm.chunks import TokenCounter
from journeybot.synthesis.llm.limits import ResponseFormats, classify_failure, cut_off_reply
from journeybot.synthesis.llm.salvage import salvage_truncated

T = TypeVar("T", bound=BaseModel)

#: A reply shown back in a retry prompt is cut to this many characters: a runaway reply
#: echoed whole would push the retry past the context window.
RETRY_ECHO_CHARS = 2000
DEFAULT_MAX_OUTPUT_TOKENS = 1024
#: At most this many problems are sent back in one retry prompt.
MAX_PROBLEMS_SHOWN = 12
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_LINE_BRACE = re.compile(r"(?:^|\n)(\{)")
_THINKING = re.compile(r"<think(?:ing)?>.*?</think(?:ing)?>", re.DOTALL | re.IGNORECASE)


class OutputProblem(ValueError):
    """A reply that cannot be used; ``problems`` are sentences for the retry prompt."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass
class Usage:
    calls: int = 0
    retries: int = 0
    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens


@dataclass(frozen=True)
class CallRecord:
    """One model call as it went: what it cost and how it ended.

    ``outcome`` is "ok", "unusable" (a reply that failed parsing or checks) or the
    ``code`` of the error the call raised ("context_overflow", "model_unavailable"...).
    A failed call's input tokens are the engine's own estimate (the provider sent none).
    """

    step: str
    input_tokens: int
    output_tokens: int
    seconds: float
    outcome: str
    detail: str = ""


class UsageMeter:
    """Counts calls and tokens across threads; token counts come from the provider if given.

    ``calls`` keeps every call, failed ones included, for reports and benchmarks.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.usage = Usage()
        self.calls: list[CallRecord] = []

    def record(
        self, input_tokens: int, output_tokens: int, *, retry: bool, call: CallRecord | None = None
    ) -> None:
        with self._lock:
            self.usage.calls += 1
            self.usage.retries += int(retry)
            self.usage.input_tokens += input_tokens
            self.usage.output_tokens += output_tokens
            if call is not None:
                self.calls.append(call)

    def record_failure(self, call: CallRecord) -> None:
        """A call that raised: listed in ``calls``, not counted as a reply."""
        with self._lock:
            self.calls.append(call)


class StructuredCaller:
    """One chat model, one system prompt, JSON replies validated into pydantic types."""

    def __init__(
        self,
        model: BaseChatModel,
        *,
        renderer: PromptRenderer,
        counter: TokenCounter,
        max_retries: int,
        meter: UsageMeter,
        max_output_tokens: int = DEFAULT_MAX_OUTPUT_TOKENS,
        formats: ResponseFormats | None = None,
    ) -> None:
        self.model = model
        self.max_output_tokens = max_output_tokens
        self.renderer = renderer
        self.counter = counter
        self.max_retries = max(0, max_retries)
        self.meter = meter
        #: Shared by a drafter's callers, so a provider's refusal of a format is learnt once.
        self.formats = formats or ResponseFormats(model)
        self.system = renderer.render("system")
        #: Versions of the templates this caller itself rendered (system, retry).
        self.versions: dict[str, str] = {self.system.name: self.system.version}

    def ask(
        self,
        step: str,
        prompt: RenderedPrompt,
        schema: type[T],
        check: Callable[[T], list[str]] | None = None,
        choices: Mapping[str, Sequence[str]] | None = None,
    ) -> T:
        """The validated reply to ``prompt``; ``step`` names the step in error messages.

        ``choices`` holds fields of the schema sent to the values the prompt showed
        (stage ids, passage refs...); see ``limits.request_schema``.
        """
        first: list[BaseMessage] = [SystemMessage(self.system.text), HumanMessage(prompt.text)]
        messages = first
        problem = OutputProblem(["no reply"])
        for attempt in range(self.max_retries + 1):
            reply, cost = self._invoke(step, messages, schema, choices or {})
            try:
                parsed = parse_reply(reply, schema, check)
            except OutputProblem as exc:
                problem = exc
                self._record(step, cost, "unusable", _brief(exc), retry=attempt > 0)
            else:
                outcome = "salvaged" if was_cut_off(reply) else "ok"
                self._record(step, cost, outcome, "", retry=attempt > 0)
                return parsed
            retry = self.renderer.render("retry", problems=problem.problems[:MAX_PROBLEMS_SHOWN])
            self.versions[retry.name] = retry.version
            echoed = reply if len(reply) <= RETRY_ECHO_CHARS else reply[:RETRY_ECHO_CHARS] + "…"
            messages = [*first, AIMessage(echoed), HumanMessage(retry.text)]
        attempts = self.max_retries + 1
        raise ModelOutputError(
            f"The language model's reply to the {step} step was still unusable after "
            f"{attempts} attempt{'s' if attempts != 1 else ''} ({_brief(problem)}), so no "
            "draft was made; try again, or use a stronger model or the extractive engine."
        )

    def _invoke(
        self,
        step: str,
        messages: list[BaseMessage],
        schema: type[BaseModel],
        choices: Mapping[str, Sequence[str]],
    ) -> tuple[str, tuple[int, int, float]]:
        """The reply's text and its cost (input tokens, output tokens, seconds).

        A provider that refuses the way JSON was asked for is asked again the next,
        plainer way; any other failure is classified and raised.
        """
        while True:
            way = self.formats.way
            options = self.formats.options(schema, self.max_output_tokens, choices)
            started = time.perf_counter()
            try:
                message = self.model.invoke(messages, **options)
            except Exception as exc:  # provider errors vary by package: classified by content
                seconds = time.perf_counter() - started
                cut = cut_off_reply(exc)
                if cut is not None:
                    text, sent, received = cut
                    return text, (sent, received, seconds)
                if self.formats.step_down(exc, way):
                    self._record_failure(step, messages, seconds, f"format_refused:{way}", exc)
                    continue
                failure = classify_failure(step, exc)
                self._record_failure(step, messages, seconds, failure.code, exc)
                raise failure from exc
            break
        seconds = time.perf_counter() - started
        text = message_text(message)
        usage: Any = getattr(message, "usage_metadata", None)
        if usage:
            sent, received = int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))
        else:
            sent = sum(self.counter.count(message_text(m)) for m in messages)
            received = self.counter.count(text)
        return text, (sent, received, seconds)

    def _record(
        self, step: str, cost: tuple[int, int, float], outcome: str, detail: str, *, retry: bool
    ) -> None:
        sent, received, seconds = cost
        call = CallRecord(step, sent, received, round(seconds, 3), outcome, detail)
        self.meter.record(sent, received, retry=retry, call=call)

    def _record_failure(
        self,
        step: str,
        messages: list[BaseMessage],
        seconds: float,
        outcome: str,
        exc: Exception,
    ) -> None:
        sent = sum(self.counter.count(message_text(m)) for m in messages)
        detail = collapse_whitespace(str(exc))[:200]
        self.meter.record_failure(CallRecord(step, sent, 0, round(seconds, 3), outcome, detail))


def message_text(message: BaseMessage) -> str:
    """The text of a message whose content is a string or a list of content blocks."""
    content = message.content
    if isinstance(content, str):
        return content
    parts: list[str] = []
    for block in content:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def parse_reply(reply: str, schema: type[T], check: Callable[[T], list[str]] | None = None) -> T:
    """``reply`` validated as ``schema`` (and ``check``); raises ``OutputProblem``."""
    data = extract_json_object(reply)
    try:
        parsed = schema.model_validate(data)
    except ValidationError as exc:
        raise OutputProblem(validation_problems(exc)) from exc
    problems = check(parsed) if check is not None else []
    if problems:
        raise OutputProblem(problems)
    return parsed


def extract_json_object(reply: str) -> dict[str, Any]:
    """The first JSON object in ``reply``, past code fences and thinking blocks; a reply
    the output cap cut off keeps its complete list items (``salvage``)."""
    text = _THINKING.sub("", reply).strip()
    if not text:
        raise OutputProblem(["the reply was empty; reply with a JSON object"])
    value, first_error = _first_whole_object(text)
    if value is not None:
        return value
    salvaged = salvage_truncated(text)
    if salvaged is not None:
        return salvaged
    if first_error is None:
        raise OutputProblem(["the reply holds no JSON object; reply with one JSON object"])
    raise OutputProblem(
        [
            f"the reply is not valid JSON: {first_error.msg} at line {first_error.lineno} "
            f"column {first_error.colno}"
        ]
    )


def was_cut_off(reply: str) -> bool:
    """Whether ``reply`` holds no whole JSON object (so only salvage could read it)."""
    return _first_whole_object(_THINKING.sub("", reply).strip())[0] is None


def _first_whole_object(text: str) -> tuple[dict[str, Any] | None, json.JSONDecodeError | None]:
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    first_error: json.JSONDecodeError | None = None
    for candidate in candidates:
        for start in _object_starts(candidate):
            try:
                value, _ = decoder.raw_decode(candidate, start)
            except json.JSONDecodeError as exc:
                first_error = first_error or exc
            else:
                if isinstance(value, dict):
                    return value, None
    return None, first_error


def _object_starts(text: str) -> list[int]:
    """Where a top-level object may start: the first brace, and braces at the start of a line.

    Braces inside a broken object are not tried, or a nested quote object would pass
    for the whole reply and hide the real problem.
    """
    first = text.find("{")
    if first < 0:
        return []
    starts = [first]
    starts.extend(m.start(1) for m in _LINE_BRACE.finditer(text) if m.start(1) > first)
    return starts


def validation_problems(exc: ValidationError) -> list[str]:
    """Pydantic errors as short lines a model can act on: where, what, what it got."""
    problems: list[str] = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"]) or "the object"
        got = json.dumps(error.get("input"), default=str)
        got = got if len(got) <= 60 else got[:57] + "..."
        problems.append(f"{where}: {error['msg']} (got {got})")
    return problems


def _brief(problem: OutputProblem) -> str:
    first = problem.problems[0] if problem.problems else "no usable reply"
    more = len(problem.problems) - 1
    return first + (f", and {more} more problem{'s' if more != 1 else ''}" if more else "")
