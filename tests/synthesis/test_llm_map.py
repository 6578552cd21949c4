"""The LLM journey map: realistic bad output is dropped, retried or refused, never shown."""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import fmean

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain_core.messages import AIMessage

from journeybot.core.errors import DraftingError, ModelUnavailableError
from journeybot.core.models import Segment, SourceKind
from journeybot.core.stages import default_stages
from journeybot.core.text import find_verbatim
from journeybot.synthesis.llm.chunks import estimate_tokens
from journeybot.synthesis.llm.drafter import LLMDrafter
from journeybot.synthesis.polarity import research_polarity
from tests.synthesis.test_llm_fakes import (
    Analyst,
    Planted,
    ScriptedChatModel,
    evidence_of,
    finding,
    findings_reply,
    planted_plan,
    planted_segments,
    planted_turns,
    scripted,
)

EXTRACT = "extract findings for a customer journey map"


def drafter(model: ScriptedChatModel, **options: int) -> LLMDrafter:
    options.setdefault("concurrency", 1)
    return LLMDrafter(model, model_name="test:scripted", **options)


def assert_all_verified(journey, segments: list[Segment]) -> None:
    by_id = {seg.id: seg for seg in segments}
    for claim in journey.claims():
        assert claim.citations, claim.text
        for citation in claim.citations:
            seg = by_id[citation.segment_id]
            assert find_verbatim(citation.quote, seg.text) is not None
            assert citation.participant == seg.participant


def test_bad_quotes_are_dropped_and_counted_good_ones_kept() -> None:
    segments = planted_segments()
    reply = findings_reply(
        finding("onboarding", "pain_point", ("S2", "Importing my client list was a nightmare.")),
        # paraphrase of S13
        finding("onboarding", "pain_point", ("S13", "Importing the client list took a long time.")),
        # stitched from S7's two sentences
        finding("usage", "pain_point", ("S7", "The mobile app crashes on the laptop at night.")),
        # the interviewer's question, cited as if P1 said it
        finding("support", "feeling", ("S4", "Have you ever needed support?"), polarity=-0.4),
        # P2's words (S5) under P3's segment: cited from S5, as P2's
        finding(
            "awareness", "action", ("S9", "I found it through a search for cheap invoicing tools.")
        ),
        # a segment that does not exist
        finding("renewal", "thought", ("S99", "Moving everything felt like too much work.")),
        # one real quote, one invented
        finding(
            "usage",
            "feeling",
            ("S11", "Bank feeds are the best part."),
            ("S11", "Bank feeds are honestly brilliant."),
            polarity=0.7,
        ),
    )
    model = scripted(reply)
    journey = drafter(model).draft_map(evidence_of(segments), default_stages())

    assert journey.coverage.quotes_dropped == 5
    assert_all_verified(journey, segments)
    quotes = {c.quote for claim in journey.claims() for c in claim.citations}
    moved = "I found it through a search for cheap invoicing tools."
    assert quotes == {
        "Importing my client list was a nightmare.",
        "Bank feeds are the best part.",
        moved,
    }
    stages = {stage.id: stage for stage in journey.stages}
    (cited,) = [c for c in stages["awareness"].claims()[0].citations if c.quote == moved]
    assert cited.segment_id == segments[4].id and cited.participant == segments[4].participant
    for empty in ("support", "renewal"):
        assert not stages[empty].claims() and not stages[empty].has_evidence
    assert any(n.startswith("4 proposed finding(s)") for n in journey.coverage.notes)
    assert any("wrong passage" in n for n in journey.coverage.notes)
    assert any("not verbatim" in n for n in journey.coverage.notes)


def test_broken_json_is_retried_with_the_parse_error_fed_back() -> None:
    broken = '{"findings": [{"stage": "usage", "row": "action", "claim": "Uses it daily", '
    model = scripted(broken)
    journey = drafter(model).draft_map(evidence_of(planted_segments()), default_stages())

    extract_calls = [m for m in model.received if EXTRACT in str(m[1].content)]
    assert len(extract_calls) == 2
    retry = extract_calls[1]
    assert isinstance(retry[2], AIMessage) and retry[2].content == broken
    assert "not valid JSON" in str(retry[-1].content)
    assert journey.claims(), "the good second reply must make a draft"
    assert any("(1 retried)" in note for note in journey.coverage.notes)


def test_schema_errors_are_retried_with_each_problem_named() -> None:
    bad = findings_reply(
        {"stage": "checkout", "row": "complaint", "claim": "Paying was hard", "quotes": []},
        finding("usage", "feeling", ("S3", "Now I use it every morning to chase late payments.")),
    )
    model = scripted(bad)
    drafter(model).draft_map(evidence_of(planted_segments()), default_stages())

    feedback = str(model.received[1][-1].content)
    assert "findings.0.row" in feedback and "complaint" in feedback
    assert "findings.0.quotes" in feedback
    # semantic checks run only on replies that parse, so the stage problem comes later
    stage_problem = scripted(
        findings_reply(finding("checkout", "action", ("S3", "It saves me a good hour a day."))),
        findings_reply(finding("usage", "feeling", ("S3", "It saves me a good hour a day."))),
    )
    journey = drafter(stage_problem).draft_map(evidence_of(planted_segments()), default_stages())
    assert "'checkout' is not one of" in str(stage_problem.received[1][-1].content)
    assert journey.coverage.prompt_versions["retry"].startswith("retry@")
    # a feeling without a polarity is scored, not retried
    assert sum(EXTRACT in p for p in stage_problem.prompts()) == 2
    usage = next(stage for stage in journey.stages if stage.id == "usage")
    quote = "It saves me a good hour a day."
    assert usage.feelings[0].polarity == research_polarity(quote, "And day to day?")
    assert usage.emotion == usage.feelings[0].polarity


def test_broken_json_every_time_raises_and_returns_nothing() -> None:
    model = scripted(*['Sure! Here are the findings: {"findings": [oops'] * 5)
    with pytest.raises(DraftingError) as raised:
        drafter(model, max_retries=2).draft_map(evidence_of(planted_segments()), default_stages())

    message = str(raised.value)
    assert "journey-map extraction (part 1 of 1)" in message
    assert "3 attempts" in message and "not valid JSON" in message
    assert len(model.received) == 3, "no step runs after a failed one"


def test_a_failing_model_call_is_a_drafting_error_naming_the_step() -> None:
    def down(_messages: object) -> str:
        raise ConnectionError("connection refused by api.example.test")

    with pytest.raises(ModelUnavailableError, match=r"extraction \(part 1 of 1\) step"):
        drafter(scripted(down)).draft_map(evidence_of(planted_segments()), default_stages())


def test_fenced_reply_with_thinking_is_accepted_without_retry() -> None:
    good = findings_reply(finding("usage", "action", ("S3", "It saves me a good hour a day.")))
    model = scripted(f"<think>Let me look.</think>\nHere you go:\n```json\n{good}\n```")
    journey = drafter(model).draft_map(evidence_of(planted_segments()), default_stages())
    assert len(model.received) == 2  # one extraction, one merge
    assert [c.quote for c in journey.claims()[0].citations] == ["It saves me a good hour a day."]


def test_merge_with_an_unknown_finding_id_is_retried() -> None:
    plan_reply = Analyst(plan=planted_plan()).reply
    bad_merge = '{"stages": [{"stage": "usage", "actions": [{"text": "x", "findings": ["F99"]}]}]}'
    model = scripted(plan_reply, bad_merge)
    journey = drafter(model).draft_map(evidence_of(planted_segments()), default_stages())
    feedback = str(model.received[2][-1].content)
    assert "there is no finding 'F99'" in feedback
    assert "these stages are missing" in feedback
    assert_all_verified(journey, planted_segments())


def test_map_claims_carry_the_verified_quotes_of_the_findings_they_merge() -> None:
    segments = planted_segments()
    journey = drafter(scripted()).draft_map(evidence_of(segments), default_stages())
    assert_all_verified(journey, segments)
    stages = {stage.id: stage for stage in journey.stages}
    onboarding_pains = stages["onboarding"].pain_points
    assert len(onboarding_pains) == 1
    assert {c.participant for c in onboarding_pains[0].citations} == {"P1", "P4"}
    assert onboarding_pains[0].participants == 2
    opportunity = stages["onboarding"].opportunities[0]
    assert {c.segment_id for c in opportunity.citations} == {
        c.segment_id for c in onboarding_pains[0].citations
    }
    coverage = journey.coverage
    assert (coverage.engine, coverage.model) == ("llm", "test:scripted")
    assert {"system", "passages", "map_extract", "map_reduce"} <= set(coverage.prompt_versions)
    assert coverage.segments_read == len(segments)
    cited = {c.segment_id for claim in journey.claims() for c in claim.citations}
    assert coverage.segments_cited == len(cited)
    assert coverage.participants == ["P1", "P2", "P3", "P4"]


def test_emotion_is_the_mean_over_participants_of_their_feelings() -> None:
    journey = drafter(scripted()).draft_map(evidence_of(planted_segments()), default_stages())
    expected: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for turn in planted_turns():
        if turn.polarity is not None:
            expected[turn.stage][turn.participant].append(turn.polarity)
    for stage in journey.stages:
        people = expected.get(stage.id, {})
        want = fmean(fmean(v) for v in people.values()) if people else 0.0
        assert stage.emotion == pytest.approx(want, abs=1e-4)
        assert stage.emotion_participants == len(people)


def test_small_context_reads_every_segment_exactly_once() -> None:
    segments = planted_segments()
    model = scripted()
    context = 1300
    journey = drafter(model, context_tokens=context).draft_map(
        evidence_of(segments), default_stages()
    )
    extract_prompts = [p for p in model.prompts() if EXTRACT in p]
    assert len(extract_prompts) > 3
    shown = [ref for p in extract_prompts for ref in re.findall(r"^\[(S\d+)\]", p, re.M)]
    assert sorted(shown) == sorted(f"S{i}" for i in range(1, len(segments) + 1))
    for prompt in extract_prompts:
        for ref, _who, text in re.findall(r"^\[(S\d+)\] (\S+): (.*)$", prompt, re.M):
            assert text == segments[int(ref[1:]) - 1].text
    system = str(model.received[0][0].content)
    for messages in model.received:
        assert estimate_tokens(system) + estimate_tokens(str(messages[1].content)) <= context
    assert journey.coverage.segments_read == len(segments)


def test_an_oversized_stage_is_merged_in_rounds_not_cut() -> None:
    segments = []
    plan: dict[str, Planted] = {}
    for n in range(1, 41):
        text = f"The export to my accountant failed again in week {n}. I had to send it twice."
        plan[f"The export to my accountant failed again in week {n}."] = Planted(
            "usage", "pain_point"
        )
        segments.append(
            Segment(
                id=f"src-{n}:0-{len(text)}",
                study="bookkeeping",
                source_id=f"src-{n}",
                file_name=f"diary-{n}.txt",
                kind=SourceKind.DIARY,
                participant=f"P{n}",
                text=text,
                start=0,
                end=len(text),
                location="2024-03-01",
                turn=0,
                context="What went wrong this week?",
            )
        )
    model = ScriptedChatModel(analyst=Analyst(plan=plan))
    journey = drafter(model, context_tokens=1200).draft_map(evidence_of(segments), default_stages())
    rounds = [p for p in model.prompts() if 'Leave "opportunities" empty' in p]
    assert rounds, "the stage's findings must be merged in batches first"
    usage = {stage.id: stage for stage in journey.stages}["usage"]
    cited = {c.participant for claim in usage.pain_points for c in claim.citations}
    assert sum(claim.participants for claim in usage.pain_points) == 40, "no finding lost"
    assert all(len(claim.citations) <= 4 for claim in usage.pain_points), "a few quotes shown"
    assert len(cited) == sum(len(claim.citations) for claim in usage.pain_points), "each by one"
    assert usage.opportunities


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_whatever_the_model_proposes_only_verbatim_quotes_survive(data: st.DataObject) -> None:
    segments = planted_segments()
    proposals = []
    bad = 0
    for index, seg in enumerate(segments):
        kind = data.draw(st.sampled_from(["exact", "altered", "elsewhere", "skip"]))
        words = seg.text.split()
        start = data.draw(st.integers(0, len(words) - 3))
        end = data.draw(st.integers(start + 3, len(words)))
        quote = " ".join(words[start:end])
        ref = f"S{index + 1}"
        if kind == "skip":
            continue
        if kind == "altered":
            quote = quote.replace(words[start], "zzqx", 1)
        if kind == "elsewhere":
            ref = f"S{(index + 5) % len(segments) + 1}"
        bad += kind == "altered"  # a real quote under the wrong ref is cited from its own
        proposals.append(finding("usage", "thought", (ref, quote)))
    model = scripted(findings_reply(*proposals))
    journey = drafter(model).draft_map(evidence_of(segments), default_stages())
    assert journey.coverage.quotes_dropped == bad
    assert_all_verified(journey, segments)
    usage = next(stage for stage in journey.stages if stage.id == "usage")
    shown = sum(len(claim.citations) for claim in usage.thoughts)
    assert shown <= len(proposals) - bad, "only verbatim quotes are shown"
    assert (shown > 0) == (len(proposals) > bad), "a verified quote leaves a theme standing"


def test_a_full_stop_the_model_added_is_forgiven_but_nothing_else() -> None:
    reply = findings_reply(
        finding("awareness", "thought", ("S9", "She said it would make year end easier.")),
        finding("purchase", "pain_point", ("S10", "Choosing a plan was confusing!")),
        finding("purchase", "pain_point", ("S10", "Choosing a plan was so confusing.")),
    )
    journey = drafter(scripted(reply)).draft_map(evidence_of(planted_segments()), default_stages())
    quotes = sorted(c.quote for claim in journey.claims() for c in claim.citations)
    assert quotes == [
        "Choosing a plan was confusing",
        "Choosing a plan was confusing",  # the pain point and its opportunity
        "She said it would make year end easier",
    ]
    assert journey.coverage.quotes_dropped == 1
