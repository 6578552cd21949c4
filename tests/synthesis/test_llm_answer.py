"""LLM answers: only verified words appear in quotation marks, refs point at citations."""

from __future__ import annotations

import json
import re

from journeybot.core.text import find_verbatim, match_form
from journeybot.synthesis.base import RetrievedEvidence
from journeybot.synthesis.llm.answer import REMOVED_QUOTE
from journeybot.synthesis.llm.drafter import LLMDrafter
from tests.synthesis.test_llm_fakes import ScriptedChatModel, planted_segments, scripted

QUESTION = "What goes wrong when people set it up?"


def retrieved(count: int = 3) -> RetrievedEvidence:
    # S1 = P1 onboarding pain, S2 = P4 onboarding pain, S3 = P2 mobile app pain
    by_text = {seg.text.split(".")[0]: seg for seg in planted_segments()}
    chosen = [
        by_text["Importing my client list was a nightmare"],
        by_text["Importing my client list took ages"],
        by_text["The mobile app crashes when I attach receipts"],
    ][:count]
    return RetrievedEvidence(question=QUESTION, segments=chosen, scores=[0.9, 0.8, 0.7][:count])


def ask(model: ScriptedChatModel, count: int = 3):
    return LLMDrafter(model, model_name="test:scripted", concurrency=1).answer(retrieved(count))


def reply(answer: str, *quotes: tuple[str, str]) -> str:
    return json.dumps(
        {"answer": answer, "quotes": [{"ref": ref, "quote": quote} for ref, quote in quotes]}
    )


def quoted_spans(text: str) -> list[str]:
    return re.findall(r"\u201c([^\u201d]+)\u201d|\"([^\"]+)\"", text)


def test_verified_quotes_are_cited_and_refs_renumbered_in_citation_order() -> None:
    answer = ask(
        scripted(
            reply(
                'Imports fail: one said "Importing my client list took ages." [S2], '
                "another had to retype clients [S1].",
                ("S2", "Importing my client list took ages."),
                ("S1", "The CSV kept failing and I had to re-enter forty clients."),
            )
        )
    )
    by_id = {seg.id: seg for seg in retrieved().segments}
    assert [c.participant for c in answer.citations] == ["P4", "P1"]
    assert "[1]" in answer.answer and "[2]" in answer.answer and "[S" not in answer.answer
    for citation in answer.citations:
        assert find_verbatim(citation.quote, by_id[citation.segment_id].text)
    assert answer.quotes_dropped == 0
    assert (answer.participants, answer.sources, answer.engine) == (2, 2, "llm")


def test_unverifiable_quoted_text_is_removed_from_the_prose_and_counted() -> None:
    answer = ask(
        scripted(
            reply(
                'One owner said "importing was a total disaster" [S1] and the interviewer asked '
                '"What was setting it up like?" [S1]; the app "crashes when I attach receipts" '
                "[S3].",
                ("S1", "Importing clients was a disaster."),
                ("S2", "Importing my client list took ages."),
            )
        )
    )
    assert answer.answer.count(REMOVED_QUOTE) == 2
    assert "total disaster" not in answer.answer
    assert "What was setting it up like" not in answer.answer
    shown_text = " ".join(seg.text for seg in retrieved().segments)
    for groups in quoted_spans(answer.answer):
        quote = next(g for g in groups if g)
        assert match_form(quote) in match_form(shown_text)
    quotes = {c.quote for c in answer.citations}
    assert "Importing clients was a disaster." not in quotes
    assert "crashes when I attach receipts" in quotes
    assert answer.quotes_dropped == 3


def test_refs_to_passages_not_shown_are_removed() -> None:
    answer = ask(scripted(reply("Setup was slow [S1] and support was slow too [S7].")), count=2)
    assert answer.answer == "Setup was slow [1] and support was slow too."
    assert len(answer.citations) == 1
    assert answer.citations[0].quote == retrieved(2).segments[0].text


def test_no_retrieved_evidence_means_no_model_call() -> None:
    model = scripted()
    answer = LLMDrafter(model, concurrency=1).answer(
        RetrievedEvidence(question=QUESTION, segments=[], scores=[])
    )
    assert model.received == [] and answer.citations == []
    assert "nothing to answer from" in answer.answer


def test_broken_answer_json_is_retried() -> None:
    model = scripted('{"answer": "Imports fail [S1]", "quotes": [', reply("Imports fail [S1]."))
    answer = ask(model)
    assert len(model.received) == 2
    assert "not valid JSON" in str(model.received[1][-1].content)
    assert answer.answer == "Imports fail [1]."
