"""A pain theme's kind of problem, read from what most of its people say."""

from __future__ import annotations

import pytest

from journeybot.core.models import DEFAULT_STAGES, Citation, Claim
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from journeybot.synthesis.extractive.journey import _joined
from journeybot.synthesis.extractive.problem_kinds import KINDS, problem_kind
from tests.synthesis.planted_corpus import PLANTED, load_evidence


def _kind(*said: str) -> str | None:
    """The kind told by people who each said one of ``said``."""
    found = problem_kind({f"P{i}": [text] for i, text in enumerate(said, start=1)})
    return found.name if found else None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("They've put the membership up by four pounds a month.", "price rise"),
        ("The annual fee went from forty to fifty-five quid.", "price rise"),
        ("There was a cleaning charge on top that nobody mentioned.", "hidden cost"),
        ("I sat on hold for an hour and then it cut me off.", "hard to reach"),
        ("There's no phone number anywhere, only a chatbot.", "hard to reach"),
        ("I emailed them and heard nothing for a fortnight.", "hard to reach"),
        ("The plumber never turned up and nobody rang to say.", "late or cancelled"),
        ("My lesson was cancelled at the last minute again.", "late or cancelled"),
        ("The policy renewed without any warning at all.", "not told"),
        ("The earliest appointment they had was three weeks away.", "no times that fit"),
        ("They put the wrong address on the delivery note.", "mistake"),
        ("Half the shopping was missing from the order.", "mistake"),
        ("The lamp came with the shade cracked down one side.", "broken"),
        ("The app crashed every time I tried to pay.", "app or website"),
        ("The refund took six weeks to come through.", "too slow"),
        ("I had to send the same documents all over again.", "starting again"),
        ("The letter was so confusing I read it three times.", "hard to follow"),
        ("I had to type every receipt in by hand.", "too much effort"),
        ("The man at the desk was really rude to my dad.", "treated badly"),
        ("Thirty pounds just to look at it is far too much.", "price too high"),
        # American phrasing of the same kinds
        ("They raised the monthly fee by ten dollars.", "price rise"),
        ("I just wanted to talk to a real person.", "hard to reach"),
        ("The technician didn't show.", "late or cancelled"),
        ("They got my order wrong twice.", "mistake"),
        ("The blender arrived defective.", "broken"),
    ],
)
def test_each_kind_is_read_from_how_people_tell_it(text: str, kind: str) -> None:
    assert _kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "The driver was lovely and put the boxes where I asked.",
        "We went up to the counter and paid forty pounds.",  # "went up" with money: no rise
        "I order on a Sunday night and it comes on the Tuesday.",
        "My sister told me about them at a barbecue.",
        "She didn't show me how the settings worked, but I found them.",
        "A person at the desk booked it for me straight away.",
    ],
)
def test_talk_of_no_problem_kind_has_none(text: str) -> None:
    assert _kind(text) is None


def test_one_persons_aside_does_not_decide_for_the_others() -> None:
    """Three people on hold; one also mentions the app crashing. Most tell a wait."""
    assert (
        _kind(
            "I was on hold for forty minutes.",
            "I rang twice and got the hold music both times.",
            "The app crashed, so I rang, and sat on hold.",
        )
        == "hard to reach"
    )


def test_a_kind_told_by_fewer_than_half_is_no_kind() -> None:
    assert (
        _kind(
            "The app crashed halfway through.",
            "I didn't like the colours much.",
            "It felt a bit slow to get going.",
        )
        is None
    )


def test_a_persons_sentences_are_read_together() -> None:
    """Money named in one sentence and its rise in the next is still a price rise."""
    found = problem_kind({"P1": ["The monthly fee is the thing.", "It's gone up twice."]})
    assert found is not None and found.name == "price rise"


def test_a_tie_goes_to_the_more_specific_kind() -> None:
    said = {"P1": ["My bill went up by ten pounds."], "P2": ["The form was confusing."]}
    found = problem_kind(said)
    assert found is not None and found.name == "price rise"


def test_every_kind_asks_a_distinct_how_might_we_question() -> None:
    questions = [kind.question for kind in KINDS]
    assert len(set(questions)) == len(questions)
    assert all(q.startswith("How might we ") and q.endswith("?") for q in questions)


def test_no_one_said_anything() -> None:
    assert problem_kind({}) is None


def _claim(*quoted: tuple[str, str], participants: int) -> Claim:
    citations = [
        Citation(quote=quote, participant=who, source="f.txt", location="00:01", segment_id=who)
        for who, quote in quoted
    ]
    return Claim(
        id=f"c-{quoted[0][0]}",
        text="How might we ...?",
        citations=citations,
        participants=participants,
    )


def test_a_second_pain_of_one_kind_joins_the_first_opportunity() -> None:
    first = _claim(("P1", "On hold an hour."), ("P2", "No number to ring."), participants=2)
    second = _claim(
        ("P2", "The bot again."),
        ("P3", "Rang out."),
        ("P4", "Hold music."),
        ("P5", "Cut off."),
        participants=4,
    )
    joined = _joined(first, second, participants=5)
    assert joined.id == first.id  # a reviewer's verdict stays with it
    assert [c.participant for c in joined.citations] == ["P1", "P2", "P3", "P4"]
    assert joined.participants == 5


def test_a_stage_with_two_pains_of_one_kind_asks_once_for_everyone(minilm: MiniLMEmbedder) -> None:
    """Stridewell's support stage: a chat bot that sends links, and a reply nine days
    later asking for screenshots already sent, are two themes of one kind; one
    opportunity counts everyone behind either."""
    evidence = load_evidence(PLANTED.parent / "planted_gym" / "sources", minilm)
    support = next(
        s
        for s in ExtractiveDrafter().draft_map(evidence, list(DEFAULT_STAGES)).stages
        if s.id == "support"
    )
    reach = [o for o in support.opportunities if o.text == KINDS[2].question]
    assert len(reach) == 1
    pain_people = {
        c.participant
        for p in support.pain_points
        for c in p.citations
        if KINDS[2].told.search(c.quote.replace("\u2019", "'"))
    }
    assert reach[0].participants >= len(pain_people) > 2
