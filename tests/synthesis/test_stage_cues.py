"""The stage cues' substring test before each regex search changes no count."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.core.models import DEFAULT_STAGES, Stage
from journeybot.synthesis.stage_cues import (
    cue_hits,
    is_default_support,
    reaches_the_company,
    required_text,
    stage_profiles,
)

CUSTOM_STAGES = (
    Stage(id="returns", name="Returns", description="Sending an x-ray kit back; refunds."),
    Stage(id="visit", name="Site visit", description="The survey at home, measuring up"),
)
PROFILES = stage_profiles([*DEFAULT_STAGES, *CUSTOM_STAGES])
#: Words the cues are made of, plus some that are in none: texts that hit, nearly hit
#: ("hear" without "about") and miss.
#: Each word also loses its last letter, as an optional one may ("alternatives?").
VOCABULARY = sorted(
    {
        form
        for profile in PROFILES
        for pattern in profile.cues
        for word in re.findall(r"[a-z][a-z'-]+", re.sub(r"\\[a-z]", " ", pattern.pattern))
        for form in (word, word[:-1])
    }
    | {"the", "i", "we", "it", "was", "then", "hearing", "chats", "x", "ray", "-", ","}
)


@pytest.mark.parametrize(
    ("pattern", "needle"),
    [
        (r"came across", "came across"),
        (r"compar\w*", "compar"),
        (r"(?:first )?hear(?:d)? (?:about|of)", "hear"),
        (r"sign(?:ed|ing)? up", "sign"),
        (r"alternatives?", "alternative"),
        (r"help ?(?:desk|centre)", "help"),
        (r"month[- ]end", "month"),
        (r"x\-ray\w+", "x-ray"),
        (r"(?:live )?chat", "chat"),
        (r"a|b", None),
        (r"an? (?:ad|advert)", None),
    ],
)
def test_required_text_is_what_every_match_holds(pattern: str, needle: str | None) -> None:
    assert required_text(pattern) == needle


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14))
def test_the_substring_test_never_hides_a_cue(words: list[str]) -> None:
    text = " ".join(words)
    for profile in PROFILES:
        by_regex_alone = sum(1 for pattern in profile.cues if pattern.search(text))
        assert cue_hits(profile, text) == by_regex_alone
        for pattern, needle in zip(profile.cues, profile.needles, strict=True):
            if needle is not None and pattern.search(text):
                assert needle in text


def test_most_cues_have_a_substring_to_test_first() -> None:
    needles = [n for profile in PROFILES for n in profile.needles]
    assert len(needles) == sum(len(profile.cues) for profile in PROFILES)
    assert sum(n is not None for n in needles) >= 0.9 * len(needles)


@pytest.mark.parametrize(
    ("text", "reaches"),
    [
        ("I rang them twice and was on hold for forty minutes.", True),
        ("I went on the chat and they refunded it the same afternoon.", True),
        ("Jas on reception told me they do Saturday appointments.", True),
        ("The update wiped my streak and nobody could tell me why.", False),
        ("Someone cut the lock on the shed and took both bikes.", False),
    ],
)
def test_contact_with_the_company_is_recognised(text: str, reaches: bool) -> None:
    assert reaches_the_company(text) is reaches


def test_only_the_default_support_stage_asks_for_contact() -> None:
    support = [s for s in DEFAULT_STAGES if is_default_support(s)]
    assert [s.id for s in support] == ["support"]
    assert not is_default_support(Stage(id="help", name="Help", description="Getting help"))


@pytest.mark.parametrize(
    "question",
    [
        "And how did buying come up?",
        "What got you started on all this?",
        "What brought you to a broker in the first place?",
    ],
)
def test_a_question_about_what_set_it_off_asks_about_awareness(question: str) -> None:
    """Interviewers open the trigger stage this way whatever the product; the product's
    own verb ("buying") had pulled the reply into purchase."""
    awareness = next(p for p in PROFILES if p.stage.id == "awareness")

    assert cue_hits(awareness, question.lower()) >= 1
