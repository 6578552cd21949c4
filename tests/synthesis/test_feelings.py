"""The feelings row: the speaker's own feeling words, each claim of one sign, and feelings
shared by several people shown as one claim even when they were about different things."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeybot.core.models import Stage
from journeybot.retrieval.embeddings import MiniLMEmbedder
from journeybot.synthesis.emotions import family_of, only_felt, without_address, without_names
from journeybot.synthesis.extractive.drafter import ExtractiveDrafter
from journeybot.synthesis.extractive.feelings import feeling_words
from journeybot.synthesis.polarity import PolarityScorer
from journeybot.synthesis.rows import Row, classify
from tests.synthesis.planted_corpus import one_answer_study


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I was more annoyed by that than anything.", ["annoyed"]),
        ("Embarrassing. She was asking where her money was.", ["embarrassing"]),
        ("That was painful, honestly.", ["painful"]),
        ("It made me so angry.", ["angry"]),
        ("My partner was furious but I was relieved.", ["relieved"]),
        ("The farmer was not impressed, put it that way.", []),
        ("Customers love that they get a receipt.", []),
        ("You're welcome, love, come in out of the rain.", []),
        ("I'm in the van, parked up, don't worry.", []),
        ("I've done this for years, love, don't you worry about that.", []),
        ("Don't you panic, she said, and I was in a panic all the same.", ["panic"]),
        ("Said he'd love to see that.", []),
        ("I lost maybe three hundred pounds that week.", []),
        ("I felt a bit lost with all the menus.", ["lost"]),
        ("Stressful's not the word, I was cross.", ["cross"]),
        ("I was more worried than cross, I think.", ["worried"]),
        ("But I was worried for a day that I'd upset a good customer.", ["worried"]),
        ("But I was more cross than anything.", ["cross"]),
    ],
)
def test_only_the_speakers_own_feelings_count(text: str, words: list[str]) -> None:
    assert [word for word, _ in feeling_words(text)] == words


def test_a_word_of_address_is_no_feeling_and_no_praise() -> None:
    scorer = PolarityScorer()
    assert scorer.score("You're welcome, love.") == scorer.score("You're welcome.")
    assert Row.FEELING not in classify("That's all right, love.", 0.64)
    assert scorer.score("I love it, honestly.") > 0
    assert without_address("thanks, love. i love it") == "thanks,     . i love it"
    assert "worry" not in only_felt("don't worry, it's fine")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Reminder on app, bloods due. Booked Weds 8.40 with Precious.", True),
        ("Precious was dusting the cabinet and the fruit bowl went.", True),
        ("Rob said it was fine.", True),
        ("Will came at nine.", True),
        ("I hope it works, Grace.", True),
        ("I felt real joy when it came.", False),
        ("Joy! It worked.", False),
        ("Will it work?", False),
        ("Hope so.", False),
    ],
)
def test_a_person_named_by_a_feeling_word_is_no_feeling(text: str, named: bool) -> None:
    blanked = without_names(text)
    assert len(blanked) == len(text)
    assert (blanked != text) is named
    scorer = PolarityScorer()
    if named:
        assert scorer.score(text) == scorer.score(blanked)


def test_a_name_carries_no_polarity() -> None:
    scorer = PolarityScorer()
    assert scorer.score("Booked Weds 8.40 with Precious.") == 0.0
    assert scorer.score("Rob rang me back on the Tuesday.") >= 0.0
    assert Row.FEELING not in classify("Joy came on the Tuesday.", 0.0)


@pytest.mark.parametrize(
    ("text", "device"),
    [
        ("My mum posted me her old phone. The alarm worked, that's all I needed.", True),
        ("I set an alarm for six and it went off at seven.", True),
        ("The alarm clock on it is useless.", True),
        ("Now it pings like a fire alarm when something's coming.", True),
        ("I was alarmed by the second bill.", False),
        ("The alarm bells were ringing after that call.", False),
    ],
)
def test_a_device_named_by_a_feeling_word_is_no_feeling(text: str, device: bool) -> None:
    blanked = without_names(text)
    assert len(blanked) == len(text)
    assert (blanked != text) is device
    assert ("alarm" in blanked.lower()) is not device


@pytest.mark.parametrize(
    ("text", "word", "thing"),
    [
        ("The sick note came as a PDF on the app.", "sick", True),
        ("She was on sick leave for most of March.", "sick", True),
        ("I pressed the panic button by the bed and they rang straight away.", "panic", True),
        ("They do a happy hour on Fridays.", "happy", True),
        ("I was off sick for a week with it.", "sick", False),
        ("I'm sick of ringing them every morning.", "sick", False),
        ("I panic when the bill comes.", "panic", False),
        ("I was happy with the hours they gave me.", "happy", False),
        ("It's got all the old war films, which my dad loves.", "war", True),
        ("We watched a horror film on the Friday.", "horror", True),
        ("The war put the price of everything up.", "war", False),
        ("It was a horror from start to finish.", "horror", False),
    ],
)
def test_a_feeling_word_that_qualifies_a_thing_is_no_feeling(
    text: str, word: str, thing: bool
) -> None:
    blanked = without_names(text)
    assert len(blanked) == len(text)
    assert (word in blanked.lower()) is not thing


def test_a_sick_note_is_no_complaint_and_a_lost_one_still_is() -> None:
    scorer = PolarityScorer()
    assert scorer.score("I sent the sick note to my manager from my phone.") == 0.0
    assert scorer.score("I pressed the panic alarm and the warden came.") >= 0.0
    assert scorer.score("They lost my sick note and docked my pay.") < 0.0
    assert scorer.score("I felt sick when I saw the bill.") < 0.0


def test_a_genre_is_no_complaint_and_a_horror_still_is() -> None:
    scorer = PolarityScorer()
    assert scorer.score("My son put it on for me, it's got all the old war films.") >= 0.0
    assert scorer.score("The booking was a horror from start to finish.") < 0.0


def test_an_alarm_that_worked_is_no_complaint() -> None:
    scorer = PolarityScorer()
    assert scorer.score("The alarm worked, that's all I needed.") >= 0.0
    assert scorer.score("The alarm clock on it is useless.") < 0.0
    assert scorer.score("I was alarmed by the second bill.") < 0.0


def test_feeling_words_fall_into_families() -> None:
    assert family_of("cross") == family_of("fuming") == "angry"
    assert family_of("panicked") == family_of("nervous") == "worried"
    assert family_of("not happy") == "pleased"
    assert family_of("bewildered") == "bewildered"


#: Six people at one stage, each with a feeling about a different thing: two angry, two
#: worried, one embarrassed, one let down; a seventh only calls the interviewer "love".
#: Grouped by topic alone these are six single voices.
HELP_DESK = {
    "01_ana.txt": (
        "Ana",
        "I was cross about the export for the rest of the evening, to be honest.",
    ),
    "02_ben.txt": (
        "Ben",
        "Honestly I was fuming about the chat, I told my husband all about it.",
    ),
    "03_cai.txt": (
        "Cai",
        "I was really worried about my card details the whole weekend.",
    ),
    "04_dee.txt": (
        "Dee",
        "I panicked a bit when I saw the new invoice screen after the update.",
    ),
    "05_eve.txt": ("Eve", "That's all right, love. The kettle's just boiled, sit down."),
    "06_fay.txt": (
        "Fay",
        "I was so embarrassed when my client rang to ask about her receipt.",
    ),
    "07_gus.txt": (
        "Gus",
        "I was disappointed, to be honest, with the refund letter they sent me.",
    ),
}
HELP = Stage(id="help", name="Getting help", description="Asking the company for help")


@pytest.fixture(scope="module")
def help_desk_map(tmp_path_factory: pytest.TempPathFactory, minilm: MiniLMEmbedder) -> object:
    folder: Path = tmp_path_factory.mktemp("help_desk")
    evidence = one_answer_study(folder, HELP_DESK, "How did getting help go?", minilm, "help-desk")
    return ExtractiveDrafter().draft_map(evidence, [HELP])


def test_people_feeling_alike_about_different_things_make_one_claim(
    help_desk_map: object,
) -> None:
    stage = help_desk_map.stages[0]  # type: ignore[attr-defined]
    people = [{c.participant for c in f.citations} for f in stage.feelings]
    assert {"Ana", "Ben"} in people, stage.feelings  # cross, fuming: angry
    assert {"Cai", "Dee"} in people  # worried, panicked
    assert {"Fay", "Gus"} in people  # the rest of one sign, still two people
    assert all(f.polarity < 0 and f.participants == 2 for f in stage.feelings)
    assert all(f.text.startswith("Negative feeling") for f in stage.feelings)
    mixed = next(
        f for f in stage.feelings if {c.participant for c in f.citations} == {"Fay", "Gus"}
    )
    assert mixed.text == "Negative feelings: disappointed and embarrassed"


def test_a_word_of_address_never_shows_as_a_feeling(help_desk_map: object) -> None:
    stage = help_desk_map.stages[0]  # type: ignore[attr-defined]
    cited = [c for f in stage.feelings for c in f.citations]
    assert cited
    assert all(c.participant != "Eve" for c in cited)
    assert all("love" not in f.text.lower() for f in stage.feelings)
