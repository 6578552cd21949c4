"""The bundled sample study drafted as a newcomer first sees it: its pain points state
problems, in the words of someone who had them."""

from __future__ import annotations

import pytest

from journeybot.core.models import Claim, JourneyMap, PersonaSet
from journeybot.core.settings import Settings
from journeybot.core.stages import load_stages
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.service.demo import DEMO_STUDY, demo_dir, demo_files
from journeybot.service.workspace import Workspace
from journeybot.synthesis.extractive.requests import request_in
from journeybot.synthesis.rows import only_a_feeling
from journeybot.synthesis.terms import names_a_topic


@pytest.fixture(scope="module")
def demo_drafts(
    tmp_path_factory: pytest.TempPathFactory, minilm: MiniLMEmbedder
) -> tuple[PersonaSet, JourneyMap]:
    """The sample study ingested and drafted as ``journeybot demo`` does."""
    home = tmp_path_factory.mktemp("demo-home")
    workspace = Workspace.open(Settings(home=home, llm=None, chroma_host=None), embedder=minilm)
    assert not workspace.ingest_paths(demo_files(), DEMO_STUDY).failed
    stages = load_stages(demo_dir() / "stages.yaml")
    return workspace.personas(DEMO_STUDY), workspace.journey_map(DEMO_STUDY, stages=stages)


def _pains(demo_drafts: tuple[PersonaSet, JourneyMap]) -> list[Claim]:
    personas, journey = demo_drafts
    found = [p for persona in personas.personas for p in persona.pain_points]
    return found + [p for stage in journey.stages for p in stage.pain_points]


def test_no_pain_point_is_led_by_a_request(demo_drafts: tuple[PersonaSet, JourneyMap]) -> None:
    """Dawn's "And the failed payments, tell me straight away" asks for a fix: it words an
    opportunity, while Carys's story of a failed payment words the pain point."""
    pains = _pains(demo_drafts)
    assert pains
    for pain in pains:
        assert request_in(pain.citations[0].quote) is None, pain.text


def test_no_pain_point_quotes_a_feeling_about_nothing_named(
    demo_drafts: tuple[PersonaSet, JourneyMap],
) -> None:
    """ "But I was more cross than anything" shows how Dawn felt, not what went wrong."""
    for pain in _pains(demo_drafts):
        for citation in pain.citations:
            lower = citation.quote.lower().replace("\u2019", "'")
            assert not only_a_feeling(lower), (pain.text, citation.quote)


def test_persona_topics_name_topics(demo_drafts: tuple[PersonaSet, JourneyMap]) -> None:
    personas, _ = demo_drafts
    for persona in personas.personas:
        assert all(names_a_topic(term) for term in persona.themes), persona.themes
        assert "straight away" not in persona.summary
