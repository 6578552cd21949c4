"""Intents read from questions and matched against readings: reasons, stages and
improvements."""

from __future__ import annotations

from journeybot.core.models import DEFAULT_STAGES, Segment, Stage
from journeybot.retrieval.hits import SearchHit
from journeybot.retrieval.intent import apply_intent, read_intent
from journeybot.retrieval.lexical_file import LexicalFile
from journeybot.retrieval.ranking import above_floor
from tests.retrieval.conftest import SegmentFactory


def _hit(segment: Segment, score: float, similarity: float = 0.5) -> SearchHit:
    return SearchHit(segment=segment, score=score, vector_score=similarity, lexical_score=0.0)


def test_why_questions_want_reasons() -> None:
    assert read_intent("Why do they stay instead of switching?").reason
    assert read_intent("What made them leave?").reason
    assert not read_intent("How do they deal with failed payments?").reason


def test_a_hit_that_gives_a_reason_outranks_one_that_does_not(
    make_segment: SegmentFactory,
) -> None:
    plain = make_segment("I stayed on the monthly plan.")
    reason = make_segment("I stayed, because moving every customer would take weeks.")
    ranked = apply_intent([_hit(plain, 1.0), _hit(reason, 0.9)], read_intent("Why do they stay?"))
    assert [hit.segment.id for hit in ranked] == [reason.id, plain.id]


def test_improvement_questions_want_problems_and_wishes_not_praise() -> None:
    for question in (
        "What would people like Fernbill to do better?",
        "What would they change about the app?",
        "How could the export be improved?",
        "What should we fix first?",
    ):
        intent = read_intent(question)
        assert intent.statements >= {"problem", "wish"}, question
        assert intent.polarity == -1, question
    liked = read_intent("What would they like to keep?")
    assert "wish" in liked.statements and "praise" not in liked.statements
    assert read_intent("What do people like about the reminders?").polarity == 1


def test_an_improvement_question_ranks_a_complaint_above_praise(
    make_segment: SegmentFactory,
) -> None:
    praise = make_segment("It is so much better than my spreadsheet.").model_copy(
        update={"polarity": 0.6, "statement": "praise"}
    )
    complaint = make_segment(
        "The export leaves out the VAT column, so I fix it by hand."
    ).model_copy(update={"polarity": -0.4, "statement": "problem"})
    ranked = apply_intent(
        [_hit(praise, 1.0), _hit(complaint, 0.9)],
        read_intent("What could the export do better?"),
    )
    assert [hit.segment.id for hit in ranked] == [complaint.id, praise.id]


def test_stage_cues_name_the_study_stage_by_its_own_words() -> None:
    assert read_intent("What went wrong during sign-up?", DEFAULT_STAGES).stage == "purchase"
    assert read_intent("How did they feel at renewal?", DEFAULT_STAGES).stage == "renewal"
    assert read_intent("What happened when they first set it up?", DEFAULT_STAGES).stage == (
        "onboarding"
    )
    own = [Stage(id="first-invoice", name="First invoice", description="Sending one.")]
    assert read_intent("What broke during the first invoice?", own).stage == "first-invoice"
    # No stage cue, or no stage list: no stage.
    assert read_intent("What do they think of the prices?", DEFAULT_STAGES).stage is None
    assert read_intent("What went wrong during sign-up?").stage is None


def test_a_question_verb_names_a_default_stage_the_study_has() -> None:
    asked = {
        "Why did people choose Fernbill?": "consideration",
        "What would make people leave?": "renewal",
        "Why do they stay instead of switching?": "renewal",
        "What happened when they signed up?": "purchase",
    }
    for question, stage in asked.items():
        assert read_intent(question, DEFAULT_STAGES).stage == stage, question
    own = [Stage(id="first-invoice", name="First invoice", description="Sending one.")]
    assert read_intent("Why did people choose it?", own).stage is None  # no such stage


def test_a_hit_read_at_the_asked_stage_outranks_one_elsewhere(
    make_segment: SegmentFactory,
) -> None:
    elsewhere = make_segment("The form asked for a sort code.").model_copy(
        update={"stage": "usage"}
    )
    asked = make_segment("The form asked for a sort code.").model_copy(update={"stage": "purchase"})
    intent = read_intent("What went wrong during sign-up?", DEFAULT_STAGES)
    ranked = apply_intent([_hit(elsewhere, 1.0), _hit(asked, 0.95)], intent)
    assert ranked[0].segment.id == asked.id


def test_words_the_study_never_uses_raise_the_floor(make_segment: SegmentFactory) -> None:
    lexical = LexicalFile(None)
    lexical.add("s", [make_segment("The direct debit link confused my customers.", study="s")])
    assert lexical.known_share("s", "How do people feel about their gym membership?") < 0.5
    assert lexical.known_share("s", "What confused customers about the direct debit?") == 1.0
    near = _hit(make_segment("I felt fine about it."), 1.0, similarity=0.35)
    # By meaning alone 0.35 clears the floor when the words are known, not when unknown.
    assert above_floor([near], known=1.0) == [near]
    assert above_floor([near], known=0.1) == []
    strong = _hit(make_segment("Membership fees at the club went up."), 1.0, similarity=0.6)
    assert above_floor([strong], known=0.1) == [strong]


def test_a_reply_to_how_did_you_feel_answers_a_question_about_feelings(
    make_segment: SegmentFactory,
) -> None:
    """ "Pleasantly surprised." shares no word with "How did people feel about the
    repair?", but it answers the diary's "How did you feel?"; a story of what happened
    that no one asked about feelings does not get the same lift."""
    story = make_segment("They fixed the puncture the same afternoon.", context="")
    felt = make_segment("Pleasantly surprised.", context="").model_copy(
        update={"prompt": "How did you feel about it?"}
    )
    asked = read_intent("How did people feel about the repair?")

    ranked = apply_intent([_hit(story, 1.0), _hit(felt, 0.9)], asked)

    assert [hit.segment.id for hit in ranked] == [felt.id, story.id]
    unasked = apply_intent([_hit(story, 1.0), _hit(felt, 0.9)], read_intent("What went wrong?"))
    assert [hit.segment.id for hit in unasked] == [story.id, felt.id]
