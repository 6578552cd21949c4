"""Polarity of service talk without opinion words, irony, concessions and scopes.

Sentences are written for these tests in the way customers of any service talk (bikes,
parcels, bills, forms), not copied from a planted study, with a near twin that must read
otherwise: each rule is checked on both sides.
"""

from __future__ import annotations

import pytest

from journeybot.synthesis.polarity import PolarityScorer

SCORER = PolarityScorer()


def label(text: str, context: str = "") -> str:
    return PolarityScorer.label(SCORER.score(text, context))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Irony: praise tacked on after "which" and a pause, clashing with what came before.
        ("The page crashed, so I did the form again, which was, you know, brilliant.", "negative"),
        ("It was set up in ten minutes, which was, honestly, brilliant.", "positive"),
        ("The parcel never arrived. Love that for me.", "negative"),
        ("The parcel came a day early. Love that.", "positive"),
        # Thanks after a trace of a negative word is no irony: an apology is not a complaint.
        ("She said sorry twice. I appreciated that.", "positive"),
        # A message's own words are not the speaker's verdict.
        ("I got an email saying my claim was important to them.", "neutral"),
        ("That said, the app is slow.", "negative"),
        # Discourse markers carry no opinion.
        ("To be honest, my sister told me about it.", "neutral"),
        ("In fairness, I found it on a comparison site.", "neutral"),
        # An alternative not taken says nothing bad about what was chosen.
        ("I liked that it lists everything on one page rather than hiding it.", "positive"),
        # Faint praise conceded before a "but" with no opinion words: a reservation.
        ("It's fine, I suppose, but it was built for people with one car.", "negative"),
        ("It's fine.", "positive"),
    ],
)
def test_irony_scopes_and_concessions(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bill wasn't as high as I'd feared.", "positive"),
        ("It took me like five minutes on the train.", "positive"),
        ("She sorted it in about ten minutes.", "positive"),
        ("I'll be right back in a second.", "neutral"),
        ("It was the only one that covered my bike.", "positive"),
        ("The only one that I can think of is the export.", "neutral"),
        ("The workaround was fine.", "positive"),
        ("I use a workaround every week.", "negative"),
        ("The repaired screen works like new.", "positive"),
        ("I'll give them that.", "positive"),
        ("I'd say that it's mostly used on Fridays.", "neutral"),
    ],
)
def test_praise_without_opinion_words(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They asked me to resend the photos I'd already uploaded.", "negative"),
        ("I watched a presentation about it at work.", "neutral"),
        ("I had to fill it in from scratch.", "negative"),
        ("That was a whole Saturday gone.", "negative"),
        ("I must have tried five times before it went through.", "negative"),
        ("It makes you upload every page separately.", "negative"),
        ("The app wanted a photo of both sides of the card.", "negative"),
        ("I was told I'd need two quotes from a garage.", "negative"),
        ("I'll probably shop around next year.", "negative"),
        ("I didn't bother shopping around.", "positive"),
        ("They put it up by thirty percent.", "negative"),
        ("It only went up by a couple of pounds.", "positive"),
        ("Who keeps the receipt for a kettle?", "negative"),
        ("Who has access to the reports?", "neutral"),
        ("I hadn't realised it would renew automatically.", "negative"),
        ("I waited twenty minutes for someone to pick up.", "negative"),
        ("Nothing happened for about two weeks.", "negative"),
        ("I wish somebody had told me that at the start.", "negative"),
        ("The fee felt a bit steep.", "negative"),
        ("It looked a bit different.", "neutral"),
        ("The website said it would come on Tuesday, but it came on Friday.", "negative"),
        ("The report that shows the totals is confusing.", "negative"),
    ],
)
def test_complaints_without_opinion_words(text: str, expected: str) -> None:
    assert label(text) == expected


def test_a_reply_that_opens_by_denying_the_problem_is_the_answer_however_long() -> None:
    asked = "Was the app confusing to set up?"
    assert label("No, not really, it pulled my details in from the link.", asked) == "positive"
    assert label("It pulled my details in from the link.", asked) == "neutral"
    assert label("No, I only opened it once.", "Was the app useful?") == "negative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A booster with a valence of its own only strengthens the next opinion word.
        ("It was super annoying.", "negative"),
        ("It was super.", "positive"),
        # Better was possible; quantities with "good" in them are no praise.
        ("It could have been better.", "negative"),
        ("It left a lot to be desired.", "negative"),
        ("I walked a good ten minutes to the next dock.", "neutral"),
        # Graded forms read as their base: "smoothest" as "smooth".
        ("It was not the smoothest start.", "negative"),
        ("The new version is clunkier.", "negative"),
        ("I pressed the number and waited.", "neutral"),
        # Expectations met, relief, a plain verdict that something works.
        ("It was exactly as advertised.", "positive"),
        ("It wasn't as advertised.", "negative"),
        ("No more queueing at the ticket machine.", "positive"),
        ("What I do now is book the night before, which works.", "positive"),
        # A held breath let go is relief; a sigh alone is not.
        (
            "It said Data copied, three hundred gigabytes, which was the moment I actually "
            "breathed out.",
            "positive",
        ),
        ("When the text came I breathed a sigh of relief.", "positive"),
        ("She let out a sigh when the courier rang.", "neutral"),
        # A setback and damage the lexicon lacks; the slang of success is no damage.
        ("Then I'm back to square one with a smashed phone. Brilliant.", "negative"),
        ("The screen cracked when I dropped it.", "negative"),
        ("I smashed it in my driving test.", "neutral"),
        ("We cracked on with the rest of the kitchen.", "neutral"),
    ],
)
def test_boosters_graded_words_and_met_expectations(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I really like the app.", "positive"),
        ("It pings like a bell when a parcel is coming, which I quite like actually.", "positive"),
        ("I don't like the new layout.", "negative"),
        ("Which I didn't like.", "negative"),
        # A habit, a want and a comparison are no liking.
        ("I like to check it on a Sunday.", "neutral"),
        ("I'd like the option to pause it.", "neutral"),
        ("It's like a bus timetable.", "neutral"),
    ],
)
def test_like_as_the_verb_of_liking(text: str, expected: str) -> None:
    assert label(text) == expected


def test_the_question_word_said_back_is_no_verdict() -> None:
    assert label("Frustrating? No, it was fine really.", "Was that frustrating?") == "positive"
    assert label("Frustrating. It was really frustrating.") == "negative"


def test_the_stronger_opinion_leads_a_span_of_sentences() -> None:
    easy = "Setup was easy."
    assert label(f"{easy} But the card reader kept dropping out and the manual was wrong.") == (
        "negative"
    )
    assert label("Delivery was slow. But the driver was lovely and it was all there.") == (
        "positive"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They never once rang me back.", "negative"),
        ("Not once did anyone call to say it was delayed.", "negative"),
        ("Not once.", "negative"),
        # "never once" before a problem denies the problem: no complaint
        ("In five months she's never once gone over.", "not negative"),
        ("The boiler has never once broken down since they fitted it.", "not negative"),
    ],
)
def test_never_once_is_a_complaint_only_about_someone_who_should_have_acted(
    text: str, expected: str
) -> None:
    read = label(text)
    assert read == expected if expected != "not negative" else read != "negative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # praise set off at the start, before a complaint or "another": irony
        ("Lovely, another price rise this year.", "negative"),
        ("Oh great, it crashed again.", "negative"),
        ("Brilliant, another email, that's four now and none of them says which kid.", "negative"),
        # however short the repeat: two words after the opener are enough
        ("Brilliant, another upload.", "negative"),
        ("Fantastic, yet more forms.", "negative"),
        ("It's a one-page statement. Lovely, another phone call.", "negative"),
        # a closing tag of a few words after a complaint: irony
        (
            "The bot kept sending me the page about how to cancel, which, cheers, very helpful.",
            "negative",
        ),
        # sincere: the rest praises or just reports, or the opener is no strong praise
        ("Great, the app works again and I got my money back.", "positive"),
        ("Brilliant, they sorted it the same day.", "positive"),
        ("Perfect, it was all there when I got home.", "positive"),
        ("We moved to the annual plan, which, honestly, was great.", "positive"),
        ("Yes, the app crashed twice.", "negative"),
        ("Brilliant, thank you.", "positive"),
        ("Brilliant, another win for the kids.", "positive"),
    ],
)
def test_praise_set_off_around_a_complaint_is_irony(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Giving again what was already given is wasted effort...
        ("They asked me to resend the lease that I'd already uploaded twice.", "negative"),
        ("Half of the form asked for things we'd already told him on the phone.", "negative"),
        # ...but having already told or sent someone something is no repeat.
        ("I've already told two of the mums at the gate about it.", "neutral"),
        ("I'd already told my manager I might need till June.", "neutral"),
    ],
)
def test_effort_repeated_is_what_was_given_being_asked_for_again(text: str, expected: str) -> None:
    assert label(text) == expected
