"""Polarity of opinions stated without opinion words, and of words inside a frame.

Expectations that broke, doubts and conditions, open questions answered plainly,
inability, refusal, obligation and relief: each case below is research talk that a
lexicon scorer reads wrongly (neutral, or the wrong sign).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.synthesis.polarity import PolarityScorer

SCORER = PolarityScorer()
OPEN_PROBLEM = "Is there anything that frustrates you about it?"
OPEN_PRAISE = "What did you like about it?"

# (participant words, the question they answer, expected reading); "not_negative" and
# "not_positive" allow neutral.
CASES: list[tuple[str, str, str]] = [
    # An expectation is not the experience; a plain "but" after it is a let-down.
    ("I assumed I could add people first, but it's the other way round.", "", "negative"),
    ("We expected the letter to explain it, but it just had a reference number.", "", "negative"),
    ("I thought it would be a nightmare, but it wasn't.", "", "positive"),
    # Praise before "but" concedes: a plain fact after it is the let-down, however warm
    # the praise ("a great idea, but" as much as "fine, but").
    (
        "The reminder service is a great idea, but the texts arrive an hour after the slot.",
        "",
        "negative",
    ),
    ("The staff were lovely, but it took three visits to get the form signed.", "", "negative"),
    ("The website looked perfect, but the sizes came up smaller than the chart.", "", "negative"),
    ("The staff were lovely, but the waiting room was freezing.", "", "negative"),
    # Praise on both sides of the "but" stays praise; a fact alone stays a fact.
    ("The old app was good, but the new one is even better.", "", "positive"),
    ("It took three visits to get the form signed.", "", "not_positive"),
    # Acceptance after the "but" is no let-down.
    ("It's a bit dear, but I can live with that.", "", "positive"),
    ("Only a fiver off, but we'll take it.", "", "not_negative"),
    # Two opposite words each denied is a middling verdict; two good things denied is not.
    ("Not great, not terrible.", "", "neutral"),
    ("The new portal? Not brilliant, not awful either.", "", "neutral"),
    ("The second visit: not marvellous, not a disaster either.", "", "neutral"),
    ("Not cheap, not quick either.", "", "negative"),
    # Words after "whether" or "if" are a possibility being weighed.
    ("I wondered whether the letters would end up in their spam folder.", "", "neutral"),
    ("If someone comes along cheaper I'd switch tomorrow.", "", "negative"),
    ("If the price goes up again we'll be looking elsewhere.", "", "negative"),
    # Inability is a problem; memory and talk verbs and praise idioms are not.
    ("I couldn't prove that I had already paid.", "", "negative"),
    ("The old system couldn't produce a history of changes.", "", "negative"),
    ("I can't remember what the second screen said.", "", "neutral"),
    ("I can't fault the people on the desk.", "", "positive"),
    ("Honestly it couldn't be easier.", "", "positive"),
    # Refusal, obligation, relief.
    ("My team would never have used them.", "", "negative"),
    ("I had to take a morning off work to let them in.", "", "negative"),
    ("All I had to do was scan the code.", "", "not_negative"),
    ("I have to say the staff on the desk were lovely.", "", "positive"),
    ("We have to send the readings in every quarter.", "", "neutral"),
    ("I don't have to chase anyone any more.", "", "positive"),
    ("It arrived on time and they set it up in minutes.", "", "positive"),
    # A negator before a new clause's subject does not reach into that clause.
    ("With no contract fees I'd switch to them tomorrow.", "", "negative"),
    # An open question asking for problems or praise lends its sign to a plain answer.
    ("The card reader sends it to the wrong account every other week.", OPEN_PROBLEM, "negative"),
    ("The driver carries it up to the flat for us.", OPEN_PRAISE, "positive"),
    # A yes/no leading question lends nothing: the participant's words decide.
    ("I rang them the next morning.", "Was that frustrating?", "neutral"),
    ("No, I just rang them the next morning.", OPEN_PROBLEM, "not_negative"),
    # The participant's own word wins over the one they turned down.
    (
        "Stressful's maybe not the word, I was more cross than anything.",
        "Was that stressful?",
        "negative",
    ),
    ("Frustrating? No, it was fine really.", "Was that frustrating?", "not_negative"),
    # A doubt answering an open question is a thought, not the problem asked for.
    ("I wondered whether it would work with our bank.", OPEN_PROBLEM, "neutral"),
    # Discourse markers carry no opinion.
    ("Funnily enough a customer told me about it.", "", "neutral"),
]


@pytest.mark.parametrize(("text", "context", "expected"), CASES)
def test_framed_and_implicit_polarity(text: str, context: str, expected: str) -> None:
    score = SCORER.score(text, context)
    label = SCORER.label(score)
    if expected.startswith("not_"):
        assert label != expected.removeprefix("not_"), score
    else:
        assert label == expected, score


PLAIN_WORDS = [
    "i",
    "we",
    "went",
    "to",
    "the",
    "shop",
    "on",
    "tuesday",
    "and",
    "rang",
    "them",
    "back",
    "later",
    "paper",
    "form",
    "it",
    "a",
    "printed",
    "office",
    "sent",
    "letter",
    "morning",
]


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(PLAIN_WORDS), min_size=7, max_size=20))
def test_an_open_question_lends_its_sign_only_to_plain_answers(words: list[str]) -> None:
    answer = " ".join(words) + "."
    assert SCORER.score(answer) == 0.0
    assert SCORER.score(answer, OPEN_PROBLEM) <= 0.0
    assert SCORER.score(answer, OPEN_PRAISE) >= 0.0
    # A denial first, or a yes/no question, and nothing is borrowed.
    assert SCORER.score("No, " + answer, OPEN_PROBLEM) >= 0.0
    assert SCORER.score(answer, "Was that frustrating?") == 0.0


@settings(max_examples=150, deadline=None)
@given(
    opinion=st.sampled_from(
        ["it was awful", "it was brilliant", "the staff were rude", "it saved me hours"]
    ),
    question=st.sampled_from([OPEN_PROBLEM, OPEN_PRAISE, "How was the setup?"]),
)
def test_a_question_never_overrides_the_answers_own_opinion(opinion: str, question: str) -> None:
    answer = f"Honestly, {opinion}, and we told everyone at the office."
    own = SCORER.label(SCORER.score(answer))
    assert own != "neutral"
    assert SCORER.label(SCORER.score(answer, question)) == own
