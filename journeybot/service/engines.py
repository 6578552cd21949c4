"""Choosing the drafting engine: extractive by default, the LLM engine when configured.

A real LLM is opt-in by one setting (``JOURNEYBOT_LLM=provider:model``) or an injected
chat model; its quotes pass the same verifier as the extractive engine's.
"""

from __future__ import annotations

from typing import Any

from journeybot.core.settings import Settings
from journeybot.synthesis.base import Drafter


def make_drafter(settings: Settings, llm: Any = None) -> Drafter:
    from journeybot.synthesis.extractive.drafter import ExtractiveDrafter

    if llm is None and not settings.llm:
        return ExtractiveDrafter()
    from journeybot.synthesis.llm.drafter import LLMDrafter, make_chat_model

    model_name = settings.llm or _model_name(llm)
    chat_model = (
        llm
        if llm is not None
        else make_chat_model(settings.llm or "", temperature=settings.llm_temperature)
    )
    return LLMDrafter(
        chat_model,
        model_name=model_name,
        context_tokens=settings.llm_context_tokens,
        max_retries=settings.llm_max_retries,
    )


def _model_name(llm: Any) -> str:
    for attr in ("model_name", "model"):
        value = getattr(llm, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(llm).__name__
