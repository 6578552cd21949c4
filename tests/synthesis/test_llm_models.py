"""Choosing a chat model from ``provider:model``: clear errors that say what to do."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from journeybot.core.errors import ConfigError
from journeybot.synthesis.llm.drafter import (
    PROVIDERS,
    LLMDrafter,
    Provider,
    make_chat_model,
    parse_spec,
)


@pytest.mark.parametrize("spec", ["gpt-4o-mini", "openai:", ":llama3", "  ", "openai"])
def test_a_malformed_spec_says_what_form_to_use(spec: str) -> None:
    with pytest.raises(ConfigError, match="provider:model") as raised:
        make_chat_model(spec, temperature=0.0)
    assert "openai:gpt-4o-mini" in str(raised.value)


def test_an_unknown_provider_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError) as raised:
        make_chat_model("acme:rocket-1", temperature=0.0)
    message = str(raised.value)
    assert "'acme'" in message and "anthropic" in message and "OPENAI_BASE_URL" in message


def test_a_missing_provider_package_says_what_to_install() -> None:
    providers = {
        "acme": Provider(
            "openai", "journeybot_test_absent_provider", "pip install 'journeybot[acme]'"
        )
    }
    with pytest.raises(ConfigError) as raised:
        make_chat_model("acme:rocket-1", temperature=0.0, providers=providers)
    message = str(raised.value)
    assert "journeybot-test-absent-provider" in message
    assert "pip install 'journeybot[acme]'" in message


def test_the_bundled_extras_are_the_install_hint_for_their_providers() -> None:
    assert PROVIDERS["openai"].install == "pip install 'journeybot[openai]'"
    assert PROVIDERS["anthropic"].install == "pip install 'journeybot[anthropic]'"
    assert PROVIDERS["ollama"].install == "pip install 'journeybot[ollama]'"
    provider, model = parse_spec("Ollama:llama3.1:8b")
    assert (provider.langchain_name, model) == ("ollama", "llama3.1:8b")
    assert parse_spec("azure:gpt-4o")[0].langchain_name == "azure_openai"


def test_the_drafter_reports_its_engine_and_model() -> None:
    chat = FakeListChatModel(responses=["{}"])
    assert (LLMDrafter(chat, model_name="openai:gpt-4o-mini").engine, "llm") == ("llm", "llm")
    assert LLMDrafter(chat, model_name="openai:gpt-4o-mini").model == "openai:gpt-4o-mini"
    assert LLMDrafter(chat).model == "FakeListChatModel"


def test_the_drafter_version_follows_every_prompt_template() -> None:
    version = LLMDrafter(FakeListChatModel(responses=["{}"])).version
    for template in ("system@", "map-extract@", "persona-merge@", "answer@"):
        assert template in version
