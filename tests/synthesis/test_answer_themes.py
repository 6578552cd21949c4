"""Quotes grouped into labelled themes, and the closest topics of an unanswered question."""

from __future__ import annotations

from journeybot.core.models import Segment
from journeybot.synthesis.answer_themes import closest_topics, group_quotes
from journeybot.synthesis.terms import TermIndex, names_a_topic


def _segment(participant: str, text: str, statement: str | None = None) -> Segment:
    return Segment(
        id=f"{participant}:{len(text)}",
        study="s",
        source_id=participant * 8,
        file_name=f"{participant}.txt",
        participant=participant,
        text=text,
        start=0,
        end=len(text),
        location="line 1",
        turn=1,
        statement=statement,
    )


def test_a_phrase_shared_by_several_people_becomes_a_labelled_theme():
    said = [
        ("Ana", "The bank feed missed two payments last month."),
        ("Ben", "Our bank feeds keep dropping the connection."),
        ("Cai", "I reconnect the bank feed every ninety days."),
        ("Dee", "Three reminders went out and three people paid.", "praise"),
        ("Eve", "Three of my customers still pay cash.", "fact"),
    ]
    segments = [_segment(*row) for row in said]

    themes = group_quotes([s.text for s in segments], segments, "What about payments?")

    assert themes[0].label == "Bank feed"
    assert themes[0].members == (0, 1, 2) and themes[0].participants == 3
    assert 2 <= len(themes) <= 4
    assert sorted(i for t in themes for i in t.members) == [0, 1, 2, 3, 4]
    assert all(t.label != "Three" for t in themes)  # counting words name no topic


def test_closest_topics_name_what_nearby_segments_share():
    nearby = [
        _segment("Ana", "The export to my accountant was late."),
        _segment("Ben", "My accountant wanted the export as a CSV."),
        _segment("Cai", "I never use the export."),
    ]

    topics = closest_topics(nearby, "How do people choose a holiday?")

    assert topics[0] == "Export"
    assert "Accountant" in topics


def test_time_phrases_name_no_theme_however_many_say_them():
    said = [
        ("Ana", "The tariff went up last year and nobody said why."),
        ("Ben", "Last year the letter about the tariff never came."),
        ("Cai", "We switched tariff last year."),
        ("Dee", "Every Friday I top up the meter at the shop."),
        ("Eve", "I top up the meter every Friday too."),
    ]
    segments = [_segment(*row) for row in said]

    themes = group_quotes([s.text for s in segments], segments, "What about energy bills?")
    topics = closest_topics(segments, "How do people choose a holiday?")

    labels = [t.label.lower() for t in themes]
    assert not {"last year", "every friday", "year", "friday"} & set(labels)
    assert "tariff" in labels
    assert "Last year" not in topics and "Year" not in topics


def test_counting_time_vague_words_and_plain_verbs_name_no_topic():
    for term in ("three", "last year", "hour", "ones", "rang", "add", "app twice", "weeks ago"):
        assert not names_a_topic(term), term
    for term in ("bank feed", "Friday club", "child seat", "highlighting", "family room"):
        assert names_a_topic(term), term


def test_a_figure_an_adverb_or_a_vague_noun_names_no_topic():
    """Persona names read "thousand pounds and abroad", "bed and gone", "park and word"."""
    for term in ("seven pounds", "thousand pound", "sixteen ninety", "three kids", "20 quid"):
        assert not names_a_topic(term), term
    for term in ("finishes early", "cost nearly", "follow separately", "away", "answer"):
        assert not names_a_topic(term), term
    for term in ("straight away", "right away", "money away"):  # "away" beside any word
        assert not names_a_topic(term), term
    for term in ("actual doctor", "proper job", "fortnight", "break"):
        assert not names_a_topic(term), term
    for term in ("gone", "send", "collect", "knock"):
        assert not names_a_topic(term), term
    for term in ("abroad", "business", "mattress", "season ticket", "supply teacher"):
        assert names_a_topic(term), term


def test_a_name_does_not_say_one_word_twice_in_two_forms() -> None:
    index = TermIndex(["I ordered a sofa and a bed", "The van came late", "we moved flat"])
    texts = [
        "the box was crushed and two boxes went missing, the tape split",
        "boxes everywhere and the box lid torn, tape all over",
        "the box and the tape, nothing else",
    ]
    terms = index.distinctive(texts, top=3)
    assert terms[0] in {"box", "boxes"}
    assert not {"box", "boxes"} <= set(terms)
    assert "tape" in terms


def test_anyone_at_all_names_no_topic():
    """Persona names read "post and somebody", "man and ladder" and "circle and lad"; a
    person's role or situation still names one."""
    for term in ("somebody", "man", "lads", "people", "lady", "available", "altogether"):
        assert not names_a_topic(term), term
    for term in ("landlord", "tenants", "young drivers", "carer", "key safe"):
        assert names_a_topic(term), term
