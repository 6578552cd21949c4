"""The quality benchmark's own judgement of a turned-down word, on maps built by hand:
a metric that could not fail would say nothing about the drafts it scores."""

from __future__ import annotations

from typing import Any

import pytest

from journeybot.core.claims import Feeling
from journeybot.core.models import (
    Citation,
    Claim,
    Coverage,
    JourneyMap,
    PersonaSet,
    StageInsight,
)
from tests.conftest import benchmark_module

DOUBT = "Frustrating, I don't know, it was three weeks of emails, that's what it was."
DENIAL = "Worried, no, not really, the parcel came the next morning after all that."
OWN = "Stressful's not the word, I was fuming about the whole thing, to be honest."


@pytest.fixture(scope="module")
def quality_planted() -> Any:
    return benchmark_module("quality_planted")


def _cite(quote: str, participant: str) -> Citation:
    return Citation(
        quote=quote,
        participant=participant,
        source="a.txt",
        location="line 1",
        segment_id=f"seg-{participant}",
        source_id="src",
    )


def _map(pains: list[Claim], feelings: list[Feeling]) -> JourneyMap:
    stage = StageInsight(
        id="support",
        name="Support",
        emotion=-0.2,
        emotion_participants=2,
        pain_points=pains,
        feelings=feelings,
    )
    return JourneyMap(study="s", coverage=Coverage(study="s"), stages=[stage])


def _key(reply_polarity: str) -> dict[str, Any]:
    return {
        "leading_replies": [
            {
                "participant": "Ann",
                "question": "Was that frustrating?",
                "reply": DOUBT,
                "polarity": reply_polarity,
            },
            {
                "participant": "Bo",
                "question": "Were you worried?",
                "reply": DENIAL,
                "polarity": "not_negative",
            },
        ],
        "rejected_words": [
            {"participant": "Ann", "rejected": "frustrating", "reply": DOUBT},
            {"participant": "Bo", "rejected": "worried", "reply": DENIAL},
            {"participant": "Cy", "rejected": "stressful", "reply": OWN, "own": True},
        ],
    }


def _score(quality_planted: Any, key: dict[str, Any], journey: JourneyMap) -> Any:
    return quality_planted.rejected_word_shown(
        key, journey, PersonaSet(study="s", personas=[], coverage=Coverage(study="s"))
    )


def test_a_pain_on_a_denial_counts_and_one_on_a_negative_reply_is_listed_apart(
    quality_planted: Any,
) -> None:
    pains = [
        Claim(id="p1", text="Three weeks of emails", citations=[_cite(DOUBT, "Ann")]),
        Claim(id="p2", text="The parcel came the next morning", citations=[_cite(DENIAL, "Bo")]),
    ]
    found = _score(quality_planted, _key("negative"), _map(pains, []))
    assert found["claims"] == ["Bo: The parcel came the next morning"]
    assert found["negative_claims_on_a_negative_reply"] == ["Ann: Three weeks of emails"]
    # Had the key read Ann's reply as no complaint, her pain would count too.
    strict = _score(quality_planted, _key("not_negative"), _map(pains, []))
    assert strict["count"] == 2


def test_the_turned_down_word_shown_always_counts(quality_planted: Any) -> None:
    feelings = [
        Feeling(id="f1", text="Frustrating", citations=[_cite(DOUBT, "Ann")], polarity=-0.5),
        Feeling(id="f2", text="Fuming", citations=[_cite(OWN, "Cy")], polarity=-0.6),
        Feeling(id="f3", text="Stressful", citations=[_cite(OWN, "Cy")], polarity=-0.4),
    ]
    found = _score(quality_planted, _key("negative"), _map([], feelings))
    assert sorted(found["claims"]) == ["Ann: Frustrating", "Cy: Stressful"]
