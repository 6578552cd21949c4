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


def test_talk_without_punctuation_is_cut_where_a_clause_opens() -> None:
    caption = (
        "so we did auto instrumentation in our python code um and we use a couple of "
        "different frameworks but I think we're trying to get to one framework and then "
        "we set service level objectives two of them have already alerted us like two "
        "days before an incident actually happened so we're already seeing some value in "
        "this and it's been a lot of churn but it does prove the pudding"
    )
    spans = [s.of(caption) for s in sentence_spans(caption)]
    assert len(spans) > 1
    assert all(word_count(span) <= MAX_QUOTE_WORDS for span in spans)
    assert all(span.split()[0] in {"so", "and", "but", "um", "then"} for span in spans)
    assert " ".join(spans) == caption


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["we", "did", "it", "and", "um", "so", "code"]), min_size=40, max_size=300
    )
)
def test_no_span_runs_past_the_limit_and_no_word_is_lost(talk: list[str]) -> None:
    text = " ".join(talk)
    spans = [s.of(text) for s in sentence_spans(text)]
    assert all(word_count(span) <= MAX_QUOTE_WORDS for span in spans)
    assert [w for span in spans for w in words(span)] == words(text)


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
