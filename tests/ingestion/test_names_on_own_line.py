"""Speaker names on a line of their own, the words below: the layout meeting tools,
Markdown notes and typists use when they write no 'Name:' labels.

Read as an unlabelled file, every interviewer question in it would be cited as the
participant's words; read wrongly the other way, a diary's 'Monday' headings would
become people.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeybot.core.models import Role, Transcript, content_hash
from journeybot.ingestion import read_transcript

QUESTION_1 = "How did you first hear about the app?"
ANSWER_1 = "A friend told me about it. I was paying a fortune to send money home."
QUESTION_2 = "What was setting it up like?"
ANSWER_2 = "Slow. The verification took four days and nobody told me why."
TURNS = [QUESTION_1, ANSWER_1, QUESTION_2, ANSWER_2]


def _dialogue(name_line: Callable[[str, int], str], names: tuple[str, str]) -> bytes:
    blocks = [f"{name_line(names[i % 2], i)}\n{text}" for i, text in enumerate(TURNS)]
    return ("\n\n".join(blocks) + "\n").encode()


def _assert_read_as_dialogue(
    transcript: Transcript, names: tuple[str, str], locations: list[str]
) -> None:
    assert [(u.speaker, u.role, u.location, u.text) for u in transcript.utterances] == [
        (names[0], Role.INTERVIEWER, locations[0], QUESTION_1),
        (names[1], Role.PARTICIPANT, locations[1], ANSWER_1),
        (names[0], Role.INTERVIEWER, locations[2], QUESTION_2),
        (names[1], Role.PARTICIPANT, locations[3], ANSWER_2),
    ]
    assert not any("no speaker labels" in warning for warning in transcript.warnings)
    for utt in transcript.utterances:
        assert transcript.text[utt.start : utt.end] == utt.text
    assert transcript.content_hash == content_hash(transcript.text)


STAMPS = ["00:00:03", "00:00:09", "00:00:20", "00:00:25"]
LINES = ["line 1", "line 4", "line 7", "line 10"]


@pytest.mark.parametrize(
    ("file_name", "name_line", "locations"),
    [
        ("plain.txt", lambda name, i: name, LINES),
        ("shouted.txt", lambda name, i: name.upper(), LINES),
        ("notes.md", lambda name, i: f"**{name}**", LINES),
        ("zoom.txt", lambda name, i: f"[{name}] {STAMPS[i]}", STAMPS),
        ("dashed.txt", lambda name, i: f"{name} - {STAMPS[i]}", STAMPS),
        ("bold_timed.md", lambda name, i: f"**{name}** [{STAMPS[i]}]", STAMPS),
    ],
)
def test_a_name_alone_on_its_line_opens_that_persons_turn(
    file_name: str, name_line: Callable[[str, int], str], locations: list[str]
) -> None:
    names = ("Sarah Jones", "Amir Khan")
    transcript = read_transcript(_dialogue(name_line, names), file_name)
    expected = (names[0].upper(), names[1].upper()) if file_name == "shouted.txt" else names
    _assert_read_as_dialogue(transcript, expected, locations)


def test_caption_timings_pasted_into_a_text_file_are_times_not_words() -> None:
    timings = ["0:0:3.0 --> 0:0:9.120", "0:0:9.120 --> 0:0:20.0", "0:0:20.0 --> 0:0:25.4"]
    timings.append("0:0:25.4 --> 0:0:31.0")
    data = _dialogue(lambda name, i: f"{timings[i]}\n{name}", ("Sarah Jones", "Amir Khan"))
    transcript = read_transcript(data, "teams export.txt")
    _assert_read_as_dialogue(transcript, ("Sarah Jones", "Amir Khan"), STAMPS)
    assert "-->" not in transcript.text


def test_a_word_document_with_a_name_paragraph_before_each_turn(
    make_docx: Callable[..., bytes],
) -> None:
    paragraphs = ["Money app study - interview transcript"]
    for i, text in enumerate(TURNS):
        paragraphs += [("Sarah Jones", "Amir Khan")[i % 2], text]
    transcript = read_transcript(make_docx(paragraphs), "interview 3.docx")
    locations = [f"paragraph {n}" for n in (2, 4, 6, 8)]
    _assert_read_as_dialogue(transcript, ("Sarah Jones", "Amir Khan"), locations)


def test_a_pdf_whose_lines_run_on_without_blank_lines(
    make_pdf: Callable[[list[list[str]]], bytes],
) -> None:
    """Text taken from a PDF has no blank lines: a name alone after a finished sentence,
    or after the title, still opens a turn."""
    lines = ["Money app study - interview transcript"]
    for i, text in enumerate(TURNS):
        lines += [("Sarah Jones", "Amir Khan")[i % 2], text]
    transcript = read_transcript(make_pdf([lines]), "interview 4.pdf")
    _assert_read_as_dialogue(transcript, ("Sarah Jones", "Amir Khan"), ["page 1"] * 4)


def test_a_capitalised_line_inside_a_sentence_is_not_a_name() -> None:
    """A hard-wrapped answer whose line happens to be a capitalised name ("Dev Patel")
    continues the sentence above it, which has not finished."""
    data = (
        b"Sarah Jones\nWhat happened next?\n\nAmir Khan\nI rang and spoke to\nDev Patel\n"
        b"who sorted it in a day.\n\nSarah Jones\nAnd then?\n\nAmir Khan\nNothing since.\n"
    )
    transcript = read_transcript(data, "wrapped.txt")
    assert [u.speaker for u in transcript.utterances] == ["Sarah Jones", "Amir Khan"] * 2
    assert transcript.utterances[1].text == "I rang and spoke to Dev Patel who sorted it in a day."


def test_captions_with_the_name_as_each_cues_first_line() -> None:
    cues = [
        f"00:00:{STAMPS[i][-2:]}.000 --> 00:00:{int(STAMPS[i][-2:]) + 5:02d}.000\n"
        f"{('Sarah Jones', 'Amir Khan')[i % 2]}\n{text}"
        for i, text in enumerate(TURNS)
    ]
    data = ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode()
    transcript = read_transcript(data, "recording.vtt")
    _assert_read_as_dialogue(transcript, ("Sarah Jones", "Amir Khan"), STAMPS)


@pytest.mark.parametrize(
    ("file_name", "data", "opening"),
    [
        pytest.param(
            "diary.txt",
            b"Monday\nTried to split the bill and the app froze. Annoying.\n\n"
            b"Tuesday\nWorked fine, paid the window cleaner in seconds.\n\n"
            b"Monday\nForgot my PIN again, had to reset it, took ages.\n\n"
            b"Tuesday\nNothing to report really.\n",
            "Monday Tried to split",
            id="diary headings recur, nobody asks",
        ),
        pytest.param(
            "session-4.vtt",
            b"WEBVTT\n\n00:01.000 --> 00:03.000\nRight\nthe export button was hidden\n\n"
            b"00:03.500 --> 00:06.000\nOkay\nso I gave up and used a screenshot\n\n"
            b"00:06.500 --> 00:08.000\nRight\nand sent that instead\n\n"
            b"00:08.500 --> 00:09.000\nOkay\nwhich worked\n",
            "Right the export button",
            id="caption first lines recur, nobody asks",
        ),
        pytest.param(
            "home visit.txt",
            b"Kitchen\nWhere do you keep the meter card? Under the sink, always.\n\n"
            b"Kitchen\nDid the app find it? It did, second go.\n",
            "Kitchen Where do you keep",
            id="one recurring heading is no dialogue",
        ),
    ],
)
def test_recurring_lines_that_are_not_a_dialogue_stay_one_speakers_words(
    file_name: str, data: bytes, opening: str
) -> None:
    """Diaries and notes head their entries with a word alone on a line; only a
    conversation (two or more names, one of whom asks) is read as speakers."""
    transcript = read_transcript(data, file_name)
    assert {u.speaker for u in transcript.utterances} == {file_name.rsplit(".", 1)[0]}
    assert transcript.utterances[0].text.startswith(opening)
    assert transcript.warnings


_NAMES = st.sampled_from(["Sarah Jones", "Amir Khan", "Ola", "Dev Patel", "Mei Lin", "Jo"])
_WORDS = st.lists(
    st.sampled_from(["the", "app", "froze", "twice", "and", "I", "paid", "late", "fees"]),
    min_size=2,
    max_size=9,
)


@given(
    st.tuples(_NAMES, _NAMES).filter(lambda pair: pair[0] != pair[1]),
    st.lists(_WORDS, min_size=4, max_size=8),
)
def test_every_turn_keeps_its_speaker_and_its_exact_words(
    names: tuple[str, str], turns: list[list[str]]
) -> None:
    """Whoever speaks and whatever they say, the name lines are never words and the
    words are never lost: the asker's turns end with a question."""
    texts = [
        " ".join(words).capitalize() + ("?" if i % 2 == 0 else ".") for i, words in enumerate(turns)
    ]
    data = "\n\n".join(f"{names[i % 2]}\n{text}" for i, text in enumerate(texts)).encode()
    transcript = read_transcript(data, "session.txt")
    assert [(u.speaker, u.text) for u in transcript.utterances] == [
        (names[i % 2], text) for i, text in enumerate(texts)
    ]
    assert transcript.utterances[0].role is Role.INTERVIEWER
