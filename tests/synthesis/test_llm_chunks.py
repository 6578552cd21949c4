"""Packing segments into prompt-sized chunks: nothing cut, nothing twice, budgets kept."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from journeybot.core.errors import ConfigError
from journeybot.core.models import Segment
from journeybot.synthesis.llm.chunks import (
    Passage,
    RefTable,
    TokenCounter,
    estimate_tokens,
    pack_passages,
    question_excerpt,
)


def make_segments(sizes: list[int], contexts: list[int]) -> list[Segment]:
    segments = []
    for n, (size, context) in enumerate(zip(sizes, contexts, strict=True)):
        text = ("word " * size).strip() or "Yes."
        segments.append(
            Segment(
                id=f"s:{n}",
                study="t",
                source_id="s",
                file_name="f.txt",
                participant=f"P{n % 3}",
                text=text,
                start=n,
                end=n + 1,
                location=f"line {n}",
                turn=n,
                context=f"Question number {context}?" if context else "",
            )
        )
    return segments


def cost(passage: Passage) -> int:
    return estimate_tokens(passage.question) + estimate_tokens(passage.text) + 3


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 3)), min_size=1, max_size=40),
    budget=st.integers(100, 400),
)
def test_every_segment_lands_in_exactly_one_chunk_in_order(
    data: list[tuple[int, int]], budget: int
) -> None:
    segments = make_segments([d[0] for d in data], [d[1] for d in data])
    chunks = pack_passages(segments, RefTable(segments), budget=budget, cost=cost)
    flat = [p.segment.id for chunk in chunks for p in chunk]
    assert flat == [seg.id for seg in segments]
    for chunk in chunks:
        assert sum(cost(p) for p in chunk) <= budget
        first = chunk[0]
        assert bool(first.question) == bool(first.segment.context), "chunks read on their own"
        for before, after in itertools.pairwise(chunk):
            if after.segment.context == before.segment.context:
                assert after.question == "", "a shared question is shown once"


def test_a_segment_too_big_for_the_budget_is_a_config_error_not_a_cut() -> None:
    segments = make_segments([5, 400], [1, 1])
    with pytest.raises(ConfigError, match="JOURNEYBOT_LLM_CONTEXT_TOKENS") as raised:
        pack_passages(segments, RefTable(segments), budget=100, cost=cost)
    assert "S2 of f.txt (line 1)" in str(raised.value)


def test_question_excerpt_keeps_the_question_within_the_limit() -> None:
    context = (
        "Right, thanks, that is really helpful and I think we covered the first part well. "
        "I want to come back to something you said earlier about the reports. "
        "How did you decide which plan to buy?"
    )
    excerpt = question_excerpt(context, limit=100)
    assert excerpt.endswith("How did you decide which plan to buy?")
    assert len(excerpt) <= 100
    assert question_excerpt("Okay.") == "Okay."
    long_question = "Could you " + "really " * 40 + "explain it?"
    cut = question_excerpt(long_question, limit=60)
    assert cut.startswith("...") and cut.endswith("explain it?") and len(cut) <= 63


def test_refs_are_read_back_the_ways_models_write_them() -> None:
    segments = make_segments([3, 3, 3], [0, 0, 0])
    refs = RefTable(segments)
    assert refs.ref("s:1") == "S2"
    for spelling in ("S2", "[S2]", "s2", "S 2", " [ s2 ] ", "S02"):
        assert refs.segment_id(spelling) == "s:1", spelling
    for wrong in ("S4", "S0", "X2", "2", "S2a", ""):
        assert refs.segment_id(wrong) is None, wrong


class WordTokenModel(FakeListChatModel):
    """A chat model with its own tokenizer: one token per word."""

    def get_num_tokens(self, text: str) -> int:
        return len(text.split())


class BrokenTokenModel(FakeListChatModel):
    calls: int = 0

    def get_num_tokens(self, text: str) -> int:
        self.calls += 1
        raise RuntimeError("tokenizer download failed")


def test_token_counter_prefers_the_models_own_tokenizer() -> None:
    text = "one two three " * 10
    assert TokenCounter(WordTokenModel(responses=["x"])).count(text) == 30
    base: Any = FakeListChatModel(responses=["x"])
    counter = TokenCounter(base)
    assert not counter.uses_model, "the base class's GPT-2 fallback is never used"
    assert counter.count(text) == estimate_tokens(text)
    broken = BrokenTokenModel(responses=["x"])
    counter = TokenCounter(broken)
    assert counter.count(text) == estimate_tokens(text)
    assert counter.count(text) == estimate_tokens(text)
    assert broken.calls == 1, "a failing tokenizer is tried once, then estimated"
