"""Keeping a real, weak model within its limits, and naming each failure for what it is.

A small local model (SmolLM2 served by llama.cpp) writes until it runs out of context
unless told to stop, wanders off the JSON it was asked for, and rejects a prompt a few
hundred tokens over its window with an HTTP 400. So every call asks for JSON of the
step's schema where the provider can enforce one (OpenAI-compatible servers, llama.cpp
included, accept a JSON schema as ``response_format``), caps the output at the share of
the context the budget left for the answer, and a failed call is classified: a context
overflow (the caller can shrink the prompt and retry), the model being unreachable or
refusing the key (nothing else will work either), or any other refusal.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel

from journeybot.core.errors import ContextOverflowError, DraftingError, ModelUnavailableError
from journeybot.core.text import collapse_whitespace

#: Provider messages that mean "the prompt is longer than the context window".
_OVERFLOW = re.compile(
    r"context[ _-]?(?:length|window|size)|maximum context|n_ctx|too many tokens|"
    r"exceeds? (?:the )?(?:context|max(?:imum)? (?:number of )?tokens)|prompt is too long|"
    r"context_length_exceeded|input (?:is )?too long|requested \d+ tokens",
    re.IGNORECASE,
)
_UNREACHABLE = re.compile(
    r"connection|connect error|timed? ?out|name or service not known|unreachable|"
    r"refused|api[_ ]?key|unauthori[sz]ed|authentication|\b401\b|\b403\b|permission denied",
    re.IGNORECASE,
)
_UNREACHABLE_TYPES = frozenset(
    {
        "ConnectError",
        "ConnectionError",
        "APIConnectionError",
        "Timeout",
        "APITimeoutError",
        "AuthenticationError",
        "PermissionDeniedError",
    }
)


#: Ways OpenAI-compatible servers take a request for JSON, most to least precise. OpenAI,
#: vLLM, LM Studio, Ollama and llama.cpp's own server take ``json_schema``;
#: llama-cpp-python's server refuses it (HTTP 422) and takes ``json_object`` with a
#: ``schema``; some servers take only plain ``json_object``, or no format at all.
OPENAI_FORMATS = ("json_schema", "json_object_schema", "json_object", "none")
#: Lists held to a few entries in the schema sent (the prompts ask for 1 to 3 quotes).
LIST_CAPS = {"quotes": 3}
#: A refusal that names the way JSON was asked for (not the prompt or the model).
_FORMAT_REFUSED = re.compile(
    r"response_format|json_schema|json_object|structured output|\bgrammar\b", re.IGNORECASE
)


class ResponseFormats:
    """How to ask one provider for JSON of a schema, learnt from its refusals.

    The first call asks in the most precise way the provider kind may support; a
    refusal that names the format steps down to the next way, for that call and every
    later one, so a server is probed once per drafter, not once per call.
    """

    def __init__(self, model: BaseChatModel) -> None:
        self._kind = type(model).__name__.lower()
        #: LangChain's OpenAI client renames ``max_tokens`` to ``max_completion_tokens``,
        #: which OpenAI-compatible servers such as llama-cpp-python's ignore (seen: 5,734
        #: tokens written under a 600 cap); for a server other than OpenAI's the cap is
        #: also sent under its old name.
        base_url = str(getattr(getattr(model, "root_client", None), "base_url", "") or "")
        self._cap_twice = self._kind == "chatopenai" and "api.openai.com" not in base_url
        self._level = 0
        self._lock = threading.Lock()

    @property
    def way(self) -> str:
        """The way JSON is asked for now ("json_schema", "format", "none"...)."""
        if "openai" in self._kind:
            return OPENAI_FORMATS[self._level]
        return "format" if "ollama" in self._kind else "none"

    def options(
        self,
        schema: type[BaseModel],
        max_output: int,
        choices: Mapping[str, Sequence[str]] | None = None,
    ) -> dict[str, Any]:
        """Per-call options: an output cap and, in the current way, the schema (its
        fields named in ``choices`` held to the values the prompt showed)."""
        if "openai" in self._kind:  # OpenAI itself and OpenAI-compatible servers
            shape = request_schema(schema, choices or {})
            options = {"max_tokens": max_output, **_openai_format(self.way, schema.__name__, shape)}
            if self._cap_twice:
                options["extra_body"] = {"max_tokens": max_output}
            return options
        if "ollama" in self._kind:
            return {"format": request_schema(schema, choices or {}), "num_predict": max_output}
        if "anthropic" in self._kind or "mistral" in self._kind or "groq" in self._kind:
            return {"max_tokens": max_output}
        return {}

    def step_down(self, exc: Exception, tried: str) -> bool:
        """After ``exc`` from a call made the ``tried`` way: whether to try a plainer way."""
        if "openai" not in self._kind or not _FORMAT_REFUSED.search(str(exc)):
            return False
        with self._lock:
            if self.way == tried and self._level < len(OPENAI_FORMATS) - 1:
                self._level += 1
            return self.way != tried


def request_schema(schema: type[BaseModel], choices: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The JSON schema sent with a call: ``schema``'s, with each field named in
    ``choices`` (at any depth) held to those values, and quote lists to a few quotes.
    Where the provider enforces the schema (llama.cpp compiles it to a grammar) a weak
    model cannot name a stage, passage or person the prompt did not show, nor spend its
    output cap on one finding's endless quote list. Replies are still validated against
    ``schema`` itself and checked against the prompt."""
    shape = schema.model_json_schema()
    _restrict(shape, choices)
    return shape


def _restrict(node: Any, choices: Mapping[str, Sequence[str]]) -> None:
    if isinstance(node, list):
        for item in node:
            _restrict(item, choices)
        return
    if not isinstance(node, dict):
        return
    for name, field in node.get("properties", {}).items():
        if not isinstance(field, dict):
            continue
        is_list = field.get("type") == "array"
        allowed = choices.get(name)
        if allowed:
            target = field.get("items", field) if is_list else field
            target["enum"] = list(dict.fromkeys(allowed))
        if is_list and name in LIST_CAPS:
            field.setdefault("maxItems", LIST_CAPS[name])
    for value in node.values():
        _restrict(value, choices)


def _openai_format(way: str, name: str, json_schema: dict[str, Any]) -> dict[str, Any]:
    if way == "json_schema":
        return {
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": name, "schema": json_schema},
            }
        }
    if way == "json_object_schema":
        return {"response_format": {"type": "json_object", "schema": json_schema}}
    if way == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}


def call_options(model: BaseChatModel, schema: type[BaseModel], max_output: int) -> dict[str, Any]:
    """Per-call options for a provider not yet probed: the output cap and the schema."""
    return ResponseFormats(model).options(schema, max_output)


def classify_failure(step: str, exc: Exception) -> DraftingError:
    """The error a failed model call means, worded for the researcher."""
    detail = collapse_whitespace(str(exc))[:200] or type(exc).__name__
    names = {cls.__name__ for cls in type(exc).__mro__}
    if _OVERFLOW.search(detail):
        return ContextOverflowError(
            f"The prompt for the {step} step was longer than the model's context window "
            f"({detail}); set JOURNEYBOT_LLM_CONTEXT_TOKENS to the model's real window."
        )
    if names & _UNREACHABLE_TYPES or _UNREACHABLE.search(detail):
        return ModelUnavailableError(
            f"The language model could not be reached for the {step} step ({detail}); check "
            "the model name, API key, OPENAI_BASE_URL and network, then try again."
        )
    return DraftingError(
        f"The language model refused the {step} step ({detail}); that part was not drafted."
    )


def cut_off_reply(exc: Exception) -> tuple[str, int, int] | None:
    """(text, input tokens, output tokens) of a reply the client would not hand over
    because the output cap cut it off, or ``None``. The OpenAI SDK's structured-output
    parse raises ``LengthFinishReasonError`` with the completion attached (seen against
    llama.cpp); the text is still the model's, and ``salvage`` may keep its whole items."""
    completion = getattr(exc, "completion", None)
    choices = getattr(completion, "choices", None)
    if not choices:
        return None
    content = getattr(getattr(choices[0], "message", None), "content", None)
    if not isinstance(content, str):
        return None
    usage = getattr(completion, "usage", None)
    sent = int(getattr(usage, "prompt_tokens", 0) or 0)
    return content, sent, int(getattr(usage, "completion_tokens", 0) or 0)
