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


def call_options(model: BaseChatModel, schema: type[BaseModel], max_output: int) -> dict[str, Any]:
    """Per-call options: an output cap and, where the provider enforces one, the schema."""
    kind = type(model).__name__.lower()
    if "openai" in kind:  # OpenAI itself and OpenAI-compatible servers (llama.cpp, vLLM)
        return {
            "max_tokens": max_output,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": schema.__name__, "schema": schema.model_json_schema()},
            },
        }
    if "ollama" in kind:
        return {"format": schema.model_json_schema(), "num_predict": max_output}
    if "anthropic" in kind or "mistral" in kind or "groq" in kind:
        return {"max_tokens": max_output}
    return {}


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
