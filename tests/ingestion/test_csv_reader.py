"""Diary-study CSV exports: header synonyms, quoting, blank lines, empty entries, dates."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from journeybot.core.errors import MissingColumnsError
from journeybot.core.models import Role, SourceKind
from journeybot.ingestion import read_transcript


def test_diary_export_with_unusual_headers(fixture: Callable[[str], bytes]) -> None:
    transcript = read_transcript(fixture("diary_export.csv"), "diary_export.csv")
    assert (transcript.format, transcript.kind) == ("csv", SourceKind.DIARY)
    rows = [(u.speaker, u.label, u.location, u.date, u.prompt) for u in transcript.utterances]
    assert rows == [
        ("P1", "P01", "row 4", "2024-03-04", "Paying a bill"),
        ("P2", "P02", "row 5", "2024-03-05", "Paying a bill"),
        ("P3", "P03", "row 8", "2024-03-13", "Checking balance"),
    ]
    assert transcript.utterances[0].text == "Paid the water bill, finally, after two reminders."
    assert transcript.utterances[1].text == "Tried to pay by card. The page timed out, twice."
    assert {u.role for u in transcript.utterances} == {Role.PARTICIPANT}
    assert transcript.warnings == ["skipped 2 entries with no text (3 of 5 rows read)"]
    for utt in transcript.utterances:
        assert transcript.text[utt.start : utt.end] == utt.text


def test_iso_timestamps_and_unreadable_dates() -> None:
    data = (
        b"respondent,timestamp,response\n"
        b"r1,2024-03-06 18:30:00,Fine today.\n"
        b"r2,sometime in March,Paid late again.\n"
    )
    transcript = read_transcript(data, "week1.csv")
    assert [u.date for u in transcript.utterances] == ["2024-03-06T18:30:00", None]
    assert [u.prompt for u in transcript.utterances] == [None, None]


def test_semicolon_delimited_export() -> None:
    data = b"Participant;Date;Answer\nP5;2024-01-02;Works, mostly.\n"
    transcript = read_transcript(data, "export.csv")
    assert [(u.speaker, u.text) for u in transcript.utterances] == [("P5", "Works, mostly.")]


def test_tab_separated_export_reads_as_a_csv_does() -> None:
    data = b"participant\tday\tprompt\tanswer\nAna\t1\tHow did it go?\tCouldn't log in, again.\n"
    transcript = read_transcript(data, "week2.tsv")
    assert [(u.speaker, u.prompt, u.text) for u in transcript.utterances] == [
        ("Ana", "How did it go?", "Couldn't log in, again.")
    ]


def test_missing_entry_column_names_what_is_needed_and_what_was_found() -> None:
    data = b"\nparticipant,date,mood score\nP1,2024-03-01,3\n"
    with pytest.raises(MissingColumnsError) as caught:
        read_transcript(data, "moods.csv")
    message = str(caught.value)
    assert message.startswith("moods.csv: ")
    assert "participant column" in message and "entry column" in message
    assert "'participant', 'date', 'mood score'" in message


def test_missing_participant_column_is_refused() -> None:
    with pytest.raises(MissingColumnsError) as caught:
        read_transcript(b"date,entry\n2024-03-01,Hello\n", "anon.csv")
    assert "'date', 'entry'" in str(caught.value)


SURVEY = (
    "Respondent ID,Submitted,How often do you send invoices?,"
    "What is the hardest part of getting paid?,Which tools do you use?,"
    "Is there a page we should look at?\n"
    "R-101,03/04/2024,Weekly,Chasing people who say the payment is on its way when it is "
    'not.,"Sheets, Fernbill",https://example.org/help\n'
    "R-102,03/05/2024,Monthly,,Fernbill,\n"
    'R-103,03/06/2024,Weekly,"Card fees eat into small jobs, so I ask for bank transfers '
    'and then wait.","Sheets, Paper",\n'
    "R-104,03/07/2024,Daily,Matching a payment to the right invoice when clients pay two "
    "at once.,Fernbill,\n"
)


def test_a_wide_survey_export_yields_the_written_answers_under_their_question() -> None:
    transcript = read_transcript(SURVEY.encode(), "survey.csv")
    assert transcript.kind is SourceKind.DIARY
    answers = [(u.speaker, u.prompt, u.location, u.date) for u in transcript.utterances]
    question = "What is the hardest part of getting paid?"
    place = "'What is the hardest part of getting paid?'"
    assert answers == [
        ("R-101", question, f"row 2, {place}", "2024-03-04"),
        ("R-103", question, f"row 4, {place}", "2024-03-06"),
        ("R-104", question, f"row 5, {place}", "2024-03-07"),
    ]  # no choice columns, no bare link, no empty answer
    assert all(u.role is Role.PARTICIPANT for u in transcript.utterances)
    assert transcript.utterances[1].text.startswith("Card fees eat into small jobs")
    warnings = " ".join(transcript.warnings)
    assert "survey export" in warnings and "left out 3 question column(s)" in warnings


def test_a_survey_without_respondent_ids_names_respondents_by_row() -> None:
    data = "\n".join(line.split(",", 1)[1] for line in SURVEY.splitlines()).encode()
    transcript = read_transcript(data, "anonymous-survey.csv")
    assert [u.speaker for u in transcript.utterances] == [
        "Respondent 2",
        "Respondent 4",
        "Respondent 5",
    ]
    assert any("named by their row" in warning for warning in transcript.warnings)


def test_a_survey_of_choices_only_is_refused_with_what_is_needed() -> None:
    data = b"Respondent,How often do you send invoices?\nR1,Weekly\nR2,Monthly\n"
    with pytest.raises(MissingColumnsError) as caught:
        read_transcript(data, "choices.csv")
    assert "question columns with written answers" in str(caught.value)


def test_skipped_rows_are_counted_in_plain_english() -> None:
    data = b"participant,entry\nP1,Paid on time.\nP2,\n,Nobody wrote this.\n"
    transcript = read_transcript(data, "diary.csv")
    assert transcript.warnings == [
        "skipped 1 entry with no text and 1 entry with no participant (1 of 3 rows read)"
    ]


def test_an_unclosed_quote_loses_no_row_and_is_named() -> None:
    """The csv module alone merged the next entries into the broken cell."""
    data = (
        b"participant,date,entry\n"
        b'P1,2024-01-01,"I liked it, mostly\n'
        b"P2,2024-01-02,It broke when I paid\n"
        b'P3,2024-01-03,"Fine, but\nslow on Mondays"\n'
    )
    transcript = read_transcript(data, "diary.csv")
    entries = [(u.speaker, u.text) for u in transcript.utterances]
    assert entries == [
        ("P1", "I liked it, mostly"),
        ("P2", "It broke when I paid"),
        ("P3", "Fine, but slow on Mondays"),
    ]
    assert transcript.warnings == ["line 2 has an unclosed quote: read to the end of that line"]


_SESSION_LOG = (
    "Code Name,Subtask #,Notes: where they got confused\n"
    "Crimple,1,User made a folder before the notebook.\n"
    "Crimple,2,Double clicked the tab to rename it; nothing happened.\n"
    "Harry,1,Was confused by the two Run Cell menus.\n"
    "Harry,2,Said there should be a rename option on right click.\n"
    "Popeye,1,He tried command s to rename and ended up in Save As.\n"
)


def test_an_observer_s_session_log_is_read_as_notes_on_each_participant() -> None:
    """The note-taker's words about a participant are not the participant's: the source
    is notes, and the file says why."""
    transcript = read_transcript(_SESSION_LOG.encode(), "session-log.csv")
    assert transcript.kind is SourceKind.NOTES
    assert {u.speaker for u in transcript.utterances} == {"Crimple", "Harry", "Popeye"}
    assert transcript.warnings[0] == (
        "the 'Notes: where they got confused' column reads as someone's notes on each "
        "participant, not their own words (only 0% of its 5 entries speak in the first "
        "person), so each entry is cited as a note on the participant"
    )


@pytest.mark.parametrize(
    ("header", "entries"),
    [
        # a diary app's "Notes" column written by the diarists themselves
        ("Notes", ["I forgot to log lunch again.", "My card was declined twice.", "Fine."]),
        # a diary written without "I", under a header that says entry
        ("Entry", ["Valuer came today.", "Tracker still says with lender.", "No news."]),
    ],
)
def test_people_s_own_entries_stay_a_diary(header: str, entries: list[str]) -> None:
    rows = "".join(f"P{n},{entry}\n" for n, entry in enumerate(entries, start=1))
    transcript = read_transcript(f"Participant,{header}\n{rows}".encode(), "diary.csv")
    assert transcript.kind is SourceKind.DIARY
    assert not any("notes on each participant" in w for w in transcript.warnings)


WRITTEN = [
    "Our Java agent doubled start-up time and nobody could tell us which flag to turn off.",
    "We lost a week to a typo in the endpoint because the collector never logged a refusal.",
    "The semantic conventions changed under us twice, so every dashboard broke on upgrade.",
    "Auto-instrumentation for Django missed our Celery tasks until we wired it by hand.",
    "Metrics from the SDK and from Prometheus never lined up, by about ten per cent.",
    "Nobody on the team knew who owned the collector config, so changes sat for weeks.",
]


def test_ticked_options_and_resent_answers_in_a_written_column_are_not_voices() -> None:
    """A tick-box question with an "Other" box exports the options beside what people
    wrote; a submission sent twice repeats a long answer word for word. Neither is
    quoted as another person's words, and both are counted."""
    resent = "The exporter kept dropping spans whenever the collector restarted under load."
    answers = [
        "Debugging instrumentation",
        "- Debugging instrumentation\n- Configuring instrumentation",
        "Configuring instrumentation, Debugging instrumentation",
        "Configuring instrumentation",
        "N/A",
        "n/a",
        "N/A.",
        resent,
        resent,
        "Debugging instrumentation, and honestly the docs for context propagation are thin.",
        "Sampling rules live in three places and none of them agree with the others.",
        resent,
        resent,
        "Too hard to adopt it for all signals (tracing, metrics, logs)",
        "Too hard to adopt it for all signals (tracing, metrics, logs)",
        "Debugging instrumentation - Too hard to adopt it for all signals (tracing, metrics, logs)",
        *WRITTEN,
    ]
    rows = "".join(
        f'R{n},"What was hardest when you set it up?","{a}"\n' for n, a in enumerate(answers)
    )
    data = "Respondent,Topic,What was hardest when you set it up?\n" + rows
    transcript = read_transcript(data.encode(), "survey.csv")
    kept = [(u.speaker, u.text) for u in transcript.utterances]
    assert kept == [
        ("R7", resent),
        ("R9", answers[9]),
        ("R10", answers[10]),
        *((f"R{n}", text) for n, text in enumerate(WRITTEN, start=16)),
    ]
    warnings = " ".join(transcript.warnings)
    assert "left out 3 answer(s) that repeat an earlier respondent's answer" in warnings
    assert (
        "left out 10 answer(s) made only of options (phrases the question lists, or that 3"
        in warnings
    )


def test_an_answer_that_copies_the_question_s_examples_is_not_a_voice() -> None:
    question = (
        '"What could be better? For example:\n- Installing the SDK\n- Debugging the exporter'
        '\n- Reading the docs"'
    )
    answers = [
        "Installing the SDK - Debugging the exporter - Reading the docs",
        "Debugging the exporter, mostly because the collector swallows every error it sees.",
        *WRITTEN,
    ]
    rows = "".join(f'R{n},"{a}"\n' for n, a in enumerate(answers))
    transcript = read_transcript(f"Respondent,{question}\n{rows}".encode(), "survey.csv")
    assert [u.speaker for u in transcript.utterances] == [f"R{n}" for n in range(1, 8)]
    assert any("left out 1 answer(s) made only of options" in w for w in transcript.warnings)


DIARY_WITH_FEELINGS = [
    ("Sarah", "The app crashed when I paid for the monthly plan.", "Really fed up.", "Sad"),
    (
        "Ravi",
        "Delivery got booked for Thursday morning, nine to twelve.",
        "Fine, a bit annoyed.",
        "Happy",
    ),
    (
        "Mei",
        "Rode to the station in twelve minutes, no traffic at all.",
        "Great, honestly.",
        "Happy",
    ),
    (
        "Owen",
        "The lock would not open until I restarted the app twice.",
        "Stressed, I was late.",
        "Sad",
    ),
    ("Sarah", "Rain all day so I left the bike at home and took the bus.", "Meh.", "Neutral"),
    ("Ravi", "Got a text saying my payment had failed, no idea why.", "Worried about it.", "Sad"),
]


def test_short_answers_about_feelings_are_kept_and_a_mood_scale_is_not() -> None:
    """A diary's "How did you feel?" answers are short, but they are the person's own
    words and the map's feelings row needs them; a mood picked from a list is not."""
    header = "Name,What happened today?,How did you feel?,Pick your mood for the day (feel)"
    lines = [header, *(",".join(f'"{cell}"' for cell in row) for row in DIARY_WITH_FEELINGS)]

    transcript = read_transcript("\n".join(lines).encode(), "diary.csv")

    said = {u.text for u in transcript.utterances if u.role is Role.PARTICIPANT}
    assert {"Really fed up.", "Meh.", "Worried about it."} <= said
    assert not {"Happy", "Sad", "Neutral"} & said
    assert "left out 1 question column(s)" in " ".join(transcript.warnings)
