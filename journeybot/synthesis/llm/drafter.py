"""The LLM drafting engine: any LangChain chat model, held to the extractive engine's rules.

The model proposes; the verifier decides. Every quote passes ``CitationVerifier`` or is
dropped and counted, a finding left with no verified quote is dropped (the LLM engine
never shows unsupported claims), every segment of the study is read (map-reduce, never
truncation), and a step the model cannot answer in valid JSON after the allowed
retries fails the whole draft with ``DraftingError``.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel

from journeybot.core.errors import ConfigError, NoEvidenceError, PersonaGroupingError
from journeybot.core.models import Answer, JourneyMap, Persona, PersonaSet, Segment, Stage
from journeybot.prompts import PromptRenderer, default_renderer
from journeybot.synthesis.base import RetrievedEvidence, StudyEvidence
from journeybot.synthesis.llm.answer import draft_answer
from journeybot.synthesis.llm.calls import StructuredCaller, Usage, UsageMeter
from journeybot.synthesis.llm.chunks import TokenCounter
from journeybot.synthesis.llm.limits import ResponseFormats
from journeybot.synthesis.llm.map import draft_journey_map
from journeybot.synthesis.llm.personas import draft_persona_set
from journeybot.synthesis.llm.run import DraftRun, answer_tokens

DEFAULT_CONTEXT_TOKENS = 8000
DEFAULT_CONCURRENCY = 4


@dataclass(frozen=True)
class Provider:
    """A provider name users may write, LangChain's name for it, and how to install it."""

    langchain_name: str
    module: str
    install: str


_EXTRA = "pip install 'journeybot[{}]'"
PROVIDERS: dict[str, Provider] = {
    "openai": Provider("openai", "langchain_openai", _EXTRA.format("openai")),
    "anthropic": Provider("anthropic", "langchain_anthropic", _EXTRA.format("anthropic")),
    "ollama": Provider("ollama", "langchain_ollama", _EXTRA.format("ollama")),
    "azure": Provider("azure_openai", "langchain_openai", _EXTRA.format("openai")),
    "azure_openai": Provider("azure_openai", "langchain_openai", _EXTRA.format("openai")),
    "azure_ai": Provider("azure_ai", "langchain_azure_ai", "pip install langchain-azure-ai"),
    "bedrock": Provider("bedrock_converse", "langchain_aws", "pip install langchain-aws"),
    "bedrock_converse": Provider("bedrock_converse", "langchain_aws", "pip install langchain-aws"),
    "google_genai": Provider(
        "google_genai", "langchain_google_genai", "pip install langchain-google-genai"
    ),
    "google_vertexai": Provider(
        "google_vertexai", "langchain_google_vertexai", "pip install langchain-google-vertexai"
    ),
    "mistralai": Provider("mistralai", "langchain_mistralai", "pip install langchain-mistralai"),
    "groq": Provider("groq", "langchain_groq", "pip install langchain-groq"),
    "deepseek": Provider("deepseek", "langchain_deepseek", "pip install langchain-deepseek"),
    "fireworks": Provider("fireworks", "langchain_fireworks", "pip install langchain-fireworks"),
    "together": Provider("together", "langchain_together", "pip install langchain-together"),
    "cohere": Provider("cohere", "langchain_cohere", "pip install langchain-cohere"),
    "xai": Provider("xai", "langchain_xai", "pip install langchain-xai"),
}


def parse_spec(spec: str, providers: Mapping[str, Provider] = PROVIDERS) -> tuple[Provider, str]:
    """``provider:model`` split and checked; the model part may itself hold colons."""
    provider_name, colon, model = spec.strip().partition(":")
    provider_name = provider_name.strip().lower()
    model = model.strip()
    if not colon or not provider_name or not model:
        raise ConfigError(
            f"JOURNEYBOT_LLM='{spec}' is not of the form provider:model; set it to, for "
            "example, openai:gpt-4o-mini or ollama:llama3.1 (or unset it to use the "
            "offline extractive engine)."
        )
    provider = providers.get(provider_name)
    if provider is None:
        raise ConfigError(
            f"JOURNEYBOT_LLM names the provider '{provider_name}', which journeybot does not "
            f"know; use one of {', '.join(sorted(providers))} (for a local OpenAI-compatible "
            "server, use openai:MODEL and set OPENAI_BASE_URL)."
        )
    return provider, model


def make_chat_model(
    spec: str, *, temperature: float, providers: Mapping[str, Provider] = PROVIDERS
) -> BaseChatModel:
    """A LangChain chat model for ``provider:model``, with install hints on failure.

    ``providers`` is the table of known providers (tests pass their own).
    """
    provider, model = parse_spec(spec, providers)
    if importlib.util.find_spec(provider.module) is None:
        raise ConfigError(
            f"JOURNEYBOT_LLM='{spec}' needs the '{provider.module.replace('_', '-')}' package, "
            f"which is not installed; run `{provider.install}`."
        )
    from langchain.chat_models import init_chat_model

    try:
        return init_chat_model(
            model, model_provider=provider.langchain_name, temperature=temperature
        )
    except ImportError as exc:
        raise ConfigError(
            f"JOURNEYBOT_LLM='{spec}' could not load its provider package ({exc}); "
            f"run `{provider.install}`."
        ) from exc
    except Exception as exc:  # provider constructors raise their own types (keys, regions)
        raise ConfigError(
            f"The chat model '{spec}' could not be created ({exc}); check its API key and "
            "endpoint settings (for example OPENAI_API_KEY or OPENAI_BASE_URL)."
        ) from exc


#: Every template the engine renders: their versions make up the engine's version.
PROMPT_TEMPLATES = (
    "system",
    "retry",
    "passages",
    "persona_extract",
    "persona_group",
    "persona_merge",
    "map_extract",
    "map_reduce",
    "answer",
)


class LLMDrafter:
    """Drafts with a chat model; implements ``synthesis.base.Drafter``.

    ``last_usage`` holds the calls and tokens of the most recent draft or answer, and
    ``last_run`` that draft's whole state (each call, parts left out, quotes verified).
    """

    engine = "llm"

    def __init__(
        self,
        chat_model: BaseChatModel,
        *,
        model_name: str | None = None,
        context_tokens: int = DEFAULT_CONTEXT_TOKENS,
        max_retries: int = 2,
        concurrency: int = DEFAULT_CONCURRENCY,
        renderer: PromptRenderer | None = None,
    ) -> None:
        self.chat_model = chat_model
        self.model: str | None = model_name or _model_name(chat_model)
        self.context_tokens = context_tokens
        self.max_retries = max_retries
        self.concurrency = concurrency
        self.renderer = renderer or default_renderer()
        self.counter = TokenCounter(chat_model)
        self.last_usage = Usage()
        self.last_run: DraftRun | None = None
        self.formats = ResponseFormats(chat_model)

    @functools.cached_property
    def version(self) -> str:
        """The versions of every prompt template, read when a draft is first cached."""
        return ",".join(self.renderer.version(name) for name in PROMPT_TEMPLATES)

    def draft_personas(self, evidence: StudyEvidence) -> PersonaSet:
        """With the model; if it never groups participants usably, the profiles it made
        are set aside and the extractive engine's personas are returned, marked so, so
        one unusable reply does not sink the whole draft."""
        _require_segments(evidence)
        run = self._run(evidence)
        try:
            return draft_persona_set(run, evidence.study, self.model or "")
        except PersonaGroupingError as failed:
            return _extractive_personas(evidence, failed, run, self.model)

    def draft_map(
        self,
        evidence: StudyEvidence,
        stages: Sequence[Stage],
        persona: Persona | None = None,
    ) -> JourneyMap:
        _require_segments(evidence)
        run = self._run(evidence)
        return draft_journey_map(run, evidence.study, list(stages), persona, self.model or "")

    def answer(self, retrieved: RetrievedEvidence) -> Answer:
        permalinks = {s.id: s.permalink for s in retrieved.sources if s.permalink}
        run = self._new_run(retrieved.segments, permalinks)
        return draft_answer(run, retrieved, self.engine)

    def _run(self, evidence: StudyEvidence) -> DraftRun:
        return self._new_run(evidence.segments, evidence.permalinks)

    def _new_run(self, segments: Sequence[Segment], permalinks: dict[str, str]) -> DraftRun:
        meter = UsageMeter()
        self.last_usage = meter.usage
        caller = StructuredCaller(
            self.chat_model,
            renderer=self.renderer,
            counter=self.counter,
            max_retries=self.max_retries,
            meter=meter,
            max_output_tokens=answer_tokens(self.context_tokens),
            formats=self.formats,
        )
        self.last_run = DraftRun(
            caller,
            segments,
            context_tokens=self.context_tokens,
            concurrency=self.concurrency,
            permalinks=permalinks,
        )
        return self.last_run


def _require_segments(evidence: StudyEvidence) -> None:
    if not evidence.segments:
        raise NoEvidenceError(
            f"Study '{evidence.study}' has no participant segments to draft from; ingest "
            "interview transcripts or diary entries first."
        )


def _model_name(chat_model: BaseChatModel) -> str:
    for attribute in ("model_name", "model", "model_id"):
        value = getattr(chat_model, attribute, None)
        if isinstance(value, str) and value:
            return value
    return type(chat_model).__name__


def _extractive_personas(
    evidence: StudyEvidence, failed: PersonaGroupingError, run: DraftRun, model: str | None
) -> PersonaSet:
    from journeybot.synthesis.extractive.drafter import ExtractiveDrafter

    drafted = ExtractiveDrafter().draft_personas(evidence)
    note = (
        f"The model ({model or 'llm'}) could not group participants into personas "
        f"({failed.message}); these personas were drafted by the extractive engine instead."
    )
    coverage = drafted.coverage.model_copy(
        update={
            "engine": "extractive (fallback from llm)",
            "model": model,
            "notes": [note, *run.notes(), *drafted.coverage.notes],
        }
    )
    return drafted.model_copy(update={"coverage": coverage})
