"""The language-model drafting engine: any LangChain chat model, same verifier."""

from journeybot.synthesis.llm.drafter import LLMDrafter, make_chat_model

__all__ = ["LLMDrafter", "make_chat_model"]
