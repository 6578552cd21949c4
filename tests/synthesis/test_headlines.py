"""Claim wording: a verbatim clause of the quote the claim cites first."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.synthesis.extractive.headlines import MAX_HEADLINE_WORDS, headline
from journeybot.synthesis.rows import Row, classify
from journeybot.synthesis.sentences import word_count

QUOTE = (
    "Fine, mostly. The export works. But it can't split one payment across two "
    "invoices, so I have to go and do it by hand every month."
)


def test_a_pain_point_is_worded_by_the_clause_that_names_the_problem() -> None:
    worded = headline(QUOTE, ["invoices"], Row.PAIN)
    assert worded.clause.startswith("it can't split one payment across two invoices")
    assert worded.clause.rstrip("\u2026") in QUOTE
    assert worded.label().startswith("It can't split")


def test_fillers_and_fragments_never_open_a_headline() -> None:
    worded = headline("So, um, yeah. We went straight for the annual plan.", [], Row.ACTION)
    assert worded.clause == "We went straight for the annual plan"


@pytest.mark.parametrize(
    ("quote", "label"),
    [
        # "No" said on its own is an answer, not part of the claim.
        ("No, the parcel came on the Thursday in the end.", "The parcel came on the Thursday"),
        ("Well, no. The app crashed every time I opened the bill.", "The app crashed every"),
        # Before a word it is what the clause says: dropping it says the opposite.
        ("No trip to the surgery, it all came to my phone.", "No trip to the surgery"),
        ("No one rang me back about the refund for a fortnight.", "No one rang me back"),
        ("No reply to my email about the refund, not even an acknowledgement.", "No reply"),
    ],
)
def test_no_opens_a_label_only_when_it_is_what_was_said(quote: str, label: str) -> None:
    assert headline(quote, [], Row.ACTION).label().startswith(label)


def test_a_feeling_is_worded_by_the_feeling_not_the_topic() -> None:
    quote = (
        "Relieved. And a bit silly. But she didn't make me feel silly, which I "
        "appreciated. She said loads of people ask."
    )
    assert headline(quote, ["loads", "people ask"], Row.FEELING).clause == "Relieved"


def test_asides_are_not_headlines() -> None:
    quote = "But a failed one, there's a flat charge, I want to say a pound? Don't quote me."
    assert "quote me" not in headline(quote, ["flat charge"], Row.PAIN).clause


def test_a_word_the_speaker_turned_down_is_never_the_headline() -> None:
    """However feeling-laden the echoed word looks, the clause after the denial wins."""
    quote = "Worrying, no, not really, he had a few days spare."
    worded = headline(quote, ["thyroid"], Row.FEELING)
    assert worded.clause == "he had a few days spare"
    assert "(" not in worded.label()


def test_talk_about_the_interview_is_no_evidence() -> None:
    assert classify("I'd feel bad if this all sounded negative.", -0.8) == frozenset()
    # Questions put to the listener are no one's experience; rhetorical ones are.
    assert classify("Victoria, why don't you introduce yourself?", -0.3) == frozenset()
    assert classify("Can you give us an idea of how many collectors you have?", 0.0) == (
        frozenset()
    )
    assert Row.PAIN in classify("Why can't I pay for a direct debit app by direct debit?", -0.4)
    assert classify("Could you remind me what that one did?", 0.0) == frozenset()
    assert Row.PAIN in classify("It can't split one payment across two invoices.", -0.3)


_VOCABULARY = (
    "so and but um I we it the export invoice can't had to call fee card bank hidden "
    "relieved cross never worked slow Fernbill"
)
_WORDS = st.sampled_from(_VOCABULARY.split(" "))
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=30).map(" ".join)
_PUNCT = st.sampled_from([". ", ", ", "? ", "; ", " - ", "... "])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(_SENTENCE, _PUNCT), min_size=1, max_size=6),
    st.sampled_from([*Row, None]),
)
def test_a_headline_is_always_cut_from_the_quote(
    parts: list[tuple[str, str]], row: Row | None
) -> None:
    quote = "".join(text + punct for text, punct in parts).strip()
    worded = headline(quote, ["invoice", "bank"], row)
    assert worded.clause
    assert worded.clause.removesuffix("\u2026") in quote
    assert word_count(worded.clause) <= MAX_HEADLINE_WORDS + 4
    if worded.clause.endswith("\u2026"):  # a cut headline never stops on "and", "the"...
        last = worded.clause.removesuffix("\u2026").split()[-1].lower()
        assert last not in {"and", "or", "but", "the", "a", "an", "to", "of", "that"}


def test_a_long_clause_is_cut_where_the_speaker_paused() -> None:
    quote = (
        "And I panicked a bit, and I copied the code into the shop settings, and it worked, "
        "and I didn't save it anywhere else, because why would I."
    )
    worded = headline(quote, ["shop"], Row.FEELING)
    assert worded.clause.endswith("it worked\u2026")
    assert (
        worded.label()
        == "I panicked a bit, and I copied the code into the shop settings, and it worked\u2026"
    )


def test_without_a_pause_the_cut_comes_before_a_new_clause() -> None:
    quote = (
        "Nobody had told me that one key was doing two jobs and that making a new one "
        "would kill the old one."
    )
    worded = headline(quote, ["key"], Row.PAIN)
    assert worded.clause == "Nobody had told me that one key was doing two jobs\u2026"


def test_words_joined_by_dashes_are_cut_safely() -> None:
    quote = "-".join(["word"] * 12) + " " + " ".join(["and then it broke"] * 6) + "."
    worded = headline(quote, [], Row.PAIN)
    assert worded.clause.removesuffix("\u2026") in quote


def test_a_sentence_is_judged_by_what_is_left_of_it_once_cut() -> None:
    """The complaint sits past the cut of a long sentence: the headline is the clause that
    says it, not the cut sentence that no longer does."""
    quote = (
        "I knew the money would come back to me in the end, I was just annoyed that "
        "I had to chase it three times."
    )
    worded = headline(quote, [], Row.PAIN)
    assert worded.clause == "I was just annoyed that I had to chase it three times"


def test_a_word_said_back_and_denied_never_opens_the_headline() -> None:
    quote = "Annoying, nah, it came through the letterbox on the Thursday and I'd forgotten it."
    worded = headline(quote, [], Row.FEELING)
    assert worded.clause == "it came through the letterbox on the Thursday and I'd forgotten it"
    assert "Annoying" not in worded.label()


def test_a_sentence_that_leans_on_the_one_before_is_never_shown_alone() -> None:
    quote = "And whether I could see all my clients in one place. Which I can't with Fernbill."
    clause = headline(quote, ["fernbill"], Row.PAIN).clause
    assert clause.startswith("whether I could see all my clients")  # not "Which I can't..."
    assert clause in quote


@pytest.mark.parametrize(
    ("quote", "label"),
    [
        (
            "Ah. So, the export. That's the one thing that made me properly cross.",
            "The export. That's the one thing that made me properly cross",
        ),
        ("The reminders. It was a nightmare to set up.", "The reminders. It was a nightmare"),
    ],
)
def test_a_sentence_pointing_at_a_short_one_before_is_shown_with_it(quote: str, label: str) -> None:
    assert headline(quote, [], Row.PAIN).label().startswith(label)


def test_a_pointing_sentence_after_a_whole_thought_stands_alone() -> None:
    quote = "I sent the invoices on Friday like always. It was the export that went wrong."
    assert headline(quote, ["export"], Row.PAIN).label() == "It was the export that went wrong"
