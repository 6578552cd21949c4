"""Quotable spans: offsets into the stored text, every word kept, run-ons cut."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.synthesis.sentences import MAX_QUOTE_WORDS, sentence_spans, word_count, words


def test_sentences_split_at_stops() -> None:
    text = "I called them. They never answered! Was it me? No."
    assert [s.of(text) for s in sentence_spans(text)] == [
        "I called them.",
        "They never answered!",
        "Was it me?",
        "No.",
    ]


def test_run_on_talk_is_cut_at_clause_breaks() -> None:
    clause = "so we export it to the spreadsheet and then check every line by hand"
    text = ", ".join([clause] * 6) + "."
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert all(word_count(s.of(text)) <= MAX_QUOTE_WORDS for s in spans)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefgh ,.;!?'\u2019-\n", min_size=0, max_size=80),
        min_size=0,
        max_size=8,
    )
)
def test_spans_keep_every_word_in_order_without_overlap(parts: list[str]) -> None:
    text = " ".join(parts)
    spans = sentence_spans(text)
    cursor = 0
    for span in spans:
        assert cursor <= span.start < span.end <= len(text)
        assert span.of(text) == span.of(text).strip()
        cursor = span.end
    assert [w for s in spans for w in words(s.of(text))] == words(text)


def test_list_numbers_belong_to_no_sentence() -> None:
    text = (
        "Things I'd change, in order:\n1. Let me choose the date.\n"
        "2. Tell me the same day when a payment fails.\n3. Let students pause."
    )
    assert [s.of(text) for s in sentence_spans(text)] == [
        "Things I'd change, in order:",
        "Let me choose the date.",
        "Tell me the same day when a payment fails.",
        "Let students pause.",
    ]


def test_a_number_ending_a_sentence_stays_in_it() -> None:
    text = "I gave it a 3. Then I left."
    assert [s.of(text) for s in sentence_spans(text)] == ["I gave it a 3.", "Then I left."]
