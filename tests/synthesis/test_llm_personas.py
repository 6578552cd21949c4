"""LLM personas: every participant placed once, claims quote only their own members."""

from __future__ import annotations

import json
import re

import pytest

from journeybot.core.errors import DraftingError
from journeybot.core.text import find_verbatim
from journeybot.synthesis.llm.drafter import LLMDrafter
from tests.synthesis.test_llm_fakes import (
    Analyst,
    ScriptedChatModel,
    evidence_of,
    planted_plan,
    planted_segments,
    scripted,
)

PROFILE = "write a short profile of each participant"


def drafter(model: ScriptedChatModel, **options: int) -> LLMDrafter:
    options.setdefault("concurrency", 1)
    return LLMDrafter(model, model_name="test:scripted", **options)


def test_personas_partition_participants_and_cite_their_own_members() -> None:
    segments = planted_segments()
    by_id = {seg.id: seg for seg in segments}
    personas = drafter(scripted()).draft_personas(evidence_of(segments))

    placed = [p for persona in personas.personas for p in persona.participants]
    assert sorted(placed) == ["P1", "P2", "P3", "P4"]
    assert 2 <= len(personas.personas) <= 6
    for persona in personas.personas:
        assert persona.claims()
        for claim in persona.claims():
            for citation in claim.citations:
                assert citation.participant in persona.participants
                assert find_verbatim(citation.quote, by_id[citation.segment_id].text)
        assert {q.participant for q in persona.quotes} <= set(persona.participants)
    assert len({persona.id for persona in personas.personas}) == len(personas.personas)
    coverage = personas.coverage
    assert coverage.engine == "llm" and coverage.model == "test:scripted"
    assert {"system", "persona_extract", "persona_group"} <= set(coverage.prompt_versions)
    assert personas.clustering["k"] == len(personas.personas)


def test_a_profile_quoting_someone_else_is_dropped_and_counted() -> None:
    borrowed = {
        "participants": [
            {
                "participant": "P1",
                "summary": "Runs a cleaning round.",
                # P2's words (S5) given as P1's goal: real, but not P1's
                "goals": [
                    {
                        "text": "Wants cheap tools.",
                        "quotes": [{"ref": "S5", "quote": "The free trial sold me."}],
                    }
                ],
                "pain_points": [
                    {
                        "text": "Imports fail.",
                        "quotes": [
                            {"ref": "S2", "quote": "Importing my client list was a nightmare."}
                        ],
                    }
                ],
                "behaviours": [],
            }
        ]
    }
    model = scripted(json.dumps(borrowed))
    personas = drafter(model).draft_personas(evidence_of(planted_segments()))
    assert personas.coverage.quotes_dropped == 1
    assert any("other participant" in note for note in personas.coverage.notes)
    quotes = {
        c.quote for persona in personas.personas for k in persona.claims() for c in k.citations
    }
    assert "The free trial sold me." not in quotes
    assert "Importing my client list was a nightmare." in quotes


def test_grouping_that_drops_a_participant_is_retried() -> None:
    analyst = Analyst(plan=planted_plan())
    lonely = json.dumps(
        {"personas": [{"name": "Everyone", "summary": "All.", "participants": ["P1", "P2", "P3"]}]}
    )
    model = scripted(analyst.reply, lonely)
    personas = drafter(model).draft_personas(evidence_of(planted_segments()))
    feedback = str(model.received[2][-1].content)
    assert "there are 1 personas; give 2 to 4" in feedback
    assert "these participants are in no persona: P4" in feedback
    assert sorted(p for persona in personas.personas for p in persona.participants) == [
        "P1",
        "P2",
        "P3",
        "P4",
    ]


def test_grouping_that_stays_unusable_falls_back_to_the_extractive_personas() -> None:
    analyst = Analyst(plan=planted_plan())

    def poach(messages: list) -> str:
        grouping = json.loads(analyst.reply(messages))
        first, second = grouping["personas"][:2]
        stolen = second["behaviours"][0]["items"][0]
        first["behaviours"] = [{"text": "Borrowed habit", "items": [stolen]}]
        return json.dumps(grouping)

    model = scripted(analyst.reply, poach, poach, poach)
    segments = planted_segments()
    personas = drafter(model).draft_personas(evidence_of(segments))

    coverage = personas.coverage
    assert coverage.engine == "extractive (fallback from llm)"
    assert coverage.model == "test:scripted"
    assert "persona grouping step was still unusable" in coverage.notes[0]
    assert "drafted by the extractive engine instead" in coverage.notes[0]
    placed = sorted(p for persona in personas.personas for p in persona.participants)
    assert placed == ["P1", "P2", "P3", "P4"]
    texts = {seg.id: seg.text for seg in segments}
    for persona in personas.personas:
        for claim in persona.claims():
            for citation in claim.citations:
                assert find_verbatim(citation.quote, texts[citation.segment_id]) is not None
    assert re.search(
        r"item 'I\d+' is from P\d, who is not in this persona", str(model.received[2][-1].content)
    )


def test_small_context_merges_profiles_and_reads_every_segment_once() -> None:
    segments = planted_segments()
    model = scripted()
    personas = drafter(model, context_tokens=1150).draft_personas(evidence_of(segments))
    profile_prompts = [p for p in model.prompts() if PROFILE in p]
    shown = [ref for p in profile_prompts for ref in re.findall(r"^\[(S\d+)\]", p, re.M)]
    assert len(profile_prompts) >= 2
    assert sorted(shown) == sorted(f"S{i}" for i in range(1, len(segments) + 1))
    assert any("Merge the notes below" in p for p in model.prompts())
    assert "persona_merge" in personas.coverage.prompt_versions
    assert sorted(p for persona in personas.personas for p in persona.participants) == [
        "P1",
        "P2",
        "P3",
        "P4",
    ]


def test_profiles_that_cannot_fit_even_merged_fail_with_advice() -> None:
    model = scripted()
    with pytest.raises(DraftingError, match="JOURNEYBOT_LLM_CONTEXT_TOKENS"):
        drafter(model, context_tokens=900).draft_personas(evidence_of(planted_segments()))
    assert not any("personas: people who share" in p for p in model.prompts())
