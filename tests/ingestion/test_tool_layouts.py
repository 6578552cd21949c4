"""Transcripts as transcription tools and researchers lay them out, each read by speaker.

Every layout below was read before as one voice, or with one speaker's words filed under
another's: a Teams "Jones, Sarah  0:07" heading ran Sarah's answers into the
interviewer's turn; "SARAH (P4):" was no label, so her words became Tom's; a bold name
without a colon, a Markdown heading or bullet, "Q." / "A.", "[Interviewer]" captions,
"Interviewer - ..." and a tool's CSV export were all taken as the participant's words,
questions included. The negative cases are the prose and outlines those layouts look
like, which must stay text.
"""

from __future__ import annotations

import io

import docx
import pytest

from journeybot.core.models import Role, Transcript
from journeybot.ingestion import read_transcript

QUESTION_1 = "Thanks for joining. Can you tell me how you first heard about Pedalo?"
ANSWER_1 = "A friend at work used it, and I was fed up with the bus being late every morning."
QUESTION_2 = "What happened when you signed up?"
ANSWER_2 = "The app kept crashing on the payment screen, so I gave up for a week."
TURNS = [("I", QUESTION_1), ("P", ANSWER_1), ("I", QUESTION_2), ("P", ANSWER_2)]


def _layout(template: str, interviewer: str, participant: str, *, gap: str = "\n") -> str:
    names = {"I": interviewer, "P": participant}
    return gap.join(
        template.format(name=names[who], text=text, n=n + 1, s=n * 7)
        for n, (who, text) in enumerate(TURNS)
    )


TEXT_LAYOUTS = {
    "teams.txt": _layout("{name}   0:{s:02d}\n{text}\n", "Smith, Tom", "Jones, Sarah"),
    "teams-apostrophe.txt": _layout("{name}   0:{s:02d}\n{text}\n", "O'Brien, Siobhan", "Ng, Ana"),
    "caps-code.txt": _layout("{name}: {text}", "TOM (Interviewer)", "SARAH (P4)"),
    "square-note.txt": _layout("{name}: {text}", "Interviewer [Tom]", "Participant [Sarah]"),
    "dash.txt": _layout("{name} - 00:{s:02d}\n{text}\n", "Interviewer", "Sarah Jones"),
    "em-dash.txt": _layout("{name} — {text}", "Interviewer", "Sarah"),
    "q-and-a.txt": _layout("{name}. {text}", "Q", "A"),
    "moderator.txt": _layout("{name}: {text}", "Mod", "P3"),
    "no-break-space.txt": _layout("{name}: {text}", "Interviewer", "Sarah\u00a0Jones"),
    "full-width-colon.txt": _layout("{name}\uff1a {text}", "Interviewer", "Sarah"),
    "bold-no-colon.md": _layout("**{name}** {text}\n", "Interviewer", "Sarah"),
    "headings.md": _layout("### {name}\n{text}\n", "Interviewer", "Sarah"),
    "bullets.md": _layout("- **{name}:** {text}", "Interviewer", "Sarah"),
    "bracket.srt": _layout(
        "{n}\n00:00:{s:02d},000 --> 00:00:{s:02d},900\n[{name}] {text}\n", "Interviewer", "Sarah"
    ),
    "chevrons.vtt": "WEBVTT\n\n"
    + _layout(
        "00:00:{s:02d}.000 --> 00:00:{s:02d}.900\n>> {name}: {text}\n", "Interviewer", "Sarah"
    ),
    "tool-export.csv": "Speaker,Start Time,End Time,Text\n"
    + _layout('{name},00:00:{s:02d},00:00:{s:02d},"{text}"', "Interviewer", "Sarah Jones"),
    "time-above.txt": _layout("0:{s:02d}\n{name}: {text}\n", "Tom Smith", "Sarah Jones"),
    "time-above-name.txt": _layout("[00:00:{s:02d}]\n{name}\n{text}\n", "Interviewer", "Sarah"),
    "time-below-name.txt": _layout("{name}\n0:{s:02d}\n{text}\n", "Interviewer", "Sarah"),
    "italic.md": _layout("*{name}:* {text}", "Interviewer", "Sarah"),
    "italic-colon-outside.md": _layout("_{name}_: {text}", "Interviewer", "Sarah"),
    "tabs.txt": _layout("{name}\t{text}", "Interviewer", "Sarah"),
}


def _said(transcript: Transcript, role: Role) -> list[str]:
    return [u.text for u in transcript.utterances if u.role is role]


def _read_as_interview(transcript: Transcript) -> None:
    assert _said(transcript, Role.INTERVIEWER) == [QUESTION_1, QUESTION_2]
    assert _said(transcript, Role.PARTICIPANT) == [ANSWER_1, ANSWER_2]


@pytest.mark.parametrize("file_name", sorted(TEXT_LAYOUTS))
def test_each_layout_is_read_by_speaker(file_name: str) -> None:
    transcript = read_transcript(TEXT_LAYOUTS[file_name].encode(), file_name)

    _read_as_interview(transcript)


def test_the_participant_keeps_the_name_the_file_gives() -> None:
    teams = read_transcript(TEXT_LAYOUTS["teams.txt"].encode(), "teams.txt")
    coded = read_transcript(TEXT_LAYOUTS["caps-code.txt"].encode(), "caps-code.txt")

    assert teams.participants == ["Jones, Sarah"]
    assert coded.participants == ["SARAH (P4)"]


def _docx(paragraphs: list[list[tuple[str, bool]]]) -> bytes:
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text, bold in runs:
            paragraph.add_run(text).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_bold_name_opening_a_word_paragraph_is_its_speaker() -> None:
    names = {"I": "Interviewer", "P": "Sarah"}
    data = _docx([[(names[who], True), (f" {text}", False)] for who, text in TURNS])

    _read_as_interview(read_transcript(data, "bold-names.docx"))


def test_a_teams_word_export_with_directory_names_is_read_by_speaker() -> None:
    names = {"I": "Smith, Tom", "P": "Jones, Sarah"}
    paragraphs: list[list[tuple[str, bool]]] = []
    for n, (who, text) in enumerate(TURNS):
        paragraphs += [[(f"{names[who]}   0:{n * 7:02d}", False)], [(text, False)]]

    _read_as_interview(read_transcript(_docx(paragraphs), "teams.docx"))


def test_a_bold_name_before_its_timestamp_keeps_the_timestamp_out_of_the_words() -> None:
    paragraphs: list[list[tuple[str, bool]]] = []
    for n, (who, text) in enumerate(TURNS):
        name = "Sam Reid" if who == "I" else "Priya Shah"
        paragraphs += [[(name, True), (f"   0:{n * 7:02d}", False)], [(text, False)]]

    transcript = read_transcript(_docx(paragraphs), "bold-timed.docx")

    _read_as_interview(transcript)
    assert transcript.utterances[1].location == "00:00:07"


@pytest.mark.parametrize(
    "file_name", ["time-above.txt", "time-above-name.txt", "time-below-name.txt"]
)
def test_a_time_on_its_own_line_is_the_turns_time_not_the_last_turns_words(file_name: str) -> None:
    """Meeting tools write the time on a line of its own by the speaker's name; it ran on
    as the end of the turn before ('... heard about Pedalo? 0:07')."""
    transcript = read_transcript(TEXT_LAYOUTS[file_name].encode(), file_name)

    assert [u.location for u in transcript.utterances] == [
        "00:00:00",
        "00:00:07",
        "00:00:14",
        "00:00:21",
    ]


def test_a_tools_csv_export_with_blank_lines_cites_the_files_own_rows() -> None:
    lines = ["Speaker,Text"] + [f'{"Interviewer" if w == "I" else "Sarah"},"{t}"' for w, t in TURNS]
    lines.insert(3, "")

    transcript = read_transcript("\n".join(lines).encode(), "export.csv")

    _read_as_interview(transcript)
    assert [u.location for u in transcript.utterances] == ["row 2", "row 3", "row 5", "row 6"]


def test_a_word_file_with_a_time_paragraph_above_each_turn_is_read_by_speaker() -> None:
    names = {"I": "Tom Smith", "P": "Sarah Jones"}
    paragraphs: list[list[tuple[str, bool]]] = []
    for n, (who, text) in enumerate(TURNS):
        paragraphs += [[(f"00:00:{n * 7:02d}", False)], [(f"{names[who]}: {text}", False)]]

    transcript = read_transcript(_docx(paragraphs), "meeting-notes.docx")

    _read_as_interview(transcript)
    assert transcript.utterances[3].location == "00:00:21"


def test_captions_saved_as_text_are_read_as_captions() -> None:
    """A Teams or Zoom download saved as .txt: its voice tags name the speakers."""
    cues = _layout(
        "00:00:{s:02d}.000 --> 00:00:{s:02d}.900\n<v {name}>{text}</v>\n", "Tom", "Sarah"
    )

    transcript = read_transcript(f"WEBVTT\n\n{cues}".encode(), "teams-call.txt")

    _read_as_interview(transcript)
    assert transcript.format == "vtt"


def test_youtube_subviewer_captions_are_read_by_speaker() -> None:
    cues = _layout("0:00:{s:02d}.000,0:00:{s:02d}.900\n>> {name}: {text}\n", "Interviewer", "Sarah")

    transcript = read_transcript(cues.encode(), "session.sbv")

    _read_as_interview(transcript)
    assert [u.location for u in transcript.utterances][1] == "00:00:07"


def test_a_note_that_opens_with_the_word_webvtt_stays_a_note() -> None:
    text = "WEBVTT is the caption format, I told her, and the export worked after that."

    transcript = read_transcript(text.encode(), "sam-notes.txt")

    assert [u.text for u in transcript.utterances] == [text]


def test_times_on_their_own_lines_stay_in_a_file_nobody_is_labelled_in() -> None:
    diary = "10:30\nThe card machine was down again.\n\n14:00\nTried the app, it crashed twice.\n"

    transcript = read_transcript(diary.encode(), "sam-diary.txt")

    assert [u.text for u in transcript.utterances] == [
        "10:30 The card machine was down again.",
        "14:00 Tried the app, it crashed twice.",
    ]


def test_an_unlabelled_word_file_names_its_participant_in_the_warning() -> None:
    data = _docx([[("I went to the shop on Monday and the app would not load.", False)]])

    transcript = read_transcript(data, "priya-diary.docx")

    assert any("(Priya)" in warning for warning in transcript.warnings)


def test_someone_speaking_once_in_a_turn_per_line_file_is_not_the_participant() -> None:
    answer = "I signed up that night, and it crashed twice before the payment went through. "
    lines = []
    for number in range(6):
        lines += [f"Interviewer: And what happened next, part {number}?", f"Sarah: {answer * 3}"]
    lines.insert(5, "Dave: Sorry, is this room booked? I need it at three.")

    transcript = read_transcript("\n".join(lines).encode(), "one-off.txt")

    assert not any(
        "Dave" in text or "room booked" in text for text in transcript_participant(transcript)
    )
    dave = [u for u in transcript.utterances if u.speaker == "Dave"]
    assert [u.role for u in dave] == [Role.OTHER]


def transcript_participant(transcript: Transcript) -> list[str]:
    return _said(transcript, Role.PARTICIPANT)


NOT_CONVERSATIONS = {
    "definitions.md": (
        "The servers are responsible for two tasks:\n\n"
        "- **Servers:** Typically three to five machines keep the state.\n"
        "- **Clients:** These run your workloads.\n\n"
        "1. **State Management:** They store the state of the cluster.\n"
        "2. **Scheduling:** The scheduler decides where a job runs.\n"
    ),
    "outline.txt": (
        "I. Introduction\nA. Background to the study, which ran for six weeks.\n"
        "B. Who took part, and how they were found.\nII. Findings\n"
        "A. Sign-up was slow for almost everyone.\nB. Payments failed on older phones.\n"
    ),
    "italic-words.md": (
        "*Really* good week with the app, the booking took a minute.\n\n"
        "*Really* bad week after that: it crashed twice on Tuesday.\n\n"
        "_Sunday_ the refund came through, and I booked again.\n\n"
        "_Sunday_ evening I told my sister about it.\n"
    ),
    "terms.txt": (
        "Servers\tThe machines that keep the state of the cluster.\n"
        "Clients\tThe machines that run your workloads.\n"
        "Servers\tThree to five of them, so a vote can be won.\n"
        "Clients\tAs many as you need, added at any time.\n"
    ),
    "dashes.txt": (
        "Honestly - it was the worst week of the whole year for me.\n"
        "Yeah - the app crashed twice and I lost my booking both times.\n"
        "Honestly - I nearly gave up on it after that.\n"
        "Yeah - but the refund came through on Friday, so that helped.\n"
    ),
}


@pytest.mark.parametrize("file_name", sorted(NOT_CONVERSATIONS))
def test_lists_outlines_and_dashes_stay_one_persons_words(file_name: str) -> None:
    text = NOT_CONVERSATIONS[file_name]

    transcript = read_transcript(text.encode(), file_name)

    speakers = {u.speaker for u in transcript.utterances if u.role is Role.PARTICIPANT}
    assert speakers == {file_name.rsplit(".", 1)[0]}


def test_guests_hellos_listed_under_a_heading_do_not_run_on_as_the_first_guests_words() -> None:
    text = (
        "**Introduction**\n\n"
        "- **Elli**: My name is Elli, and I lead product at Embrace.\n\n"
        "- **Austin Emmans**: I'm Austin Emmans, a developer on the iOS team.\n\n"
        "Elli: Can you describe the architecture you use?\n\n"
        "Austin Emmans: We use Swift on iOS and Kotlin on Android, mostly.\n\n"
        "Elli: And how did you find OpenTelemetry?\n\n"
        "Austin Emmans: Through a colleague who had used it on the backend.\n"
    )

    transcript = read_transcript(text.encode(), "qa.md")

    elli = " ".join(u.text for u in transcript.utterances if u.speaker == "Elli")
    assert "Austin" not in elli


def test_sounds_in_brackets_are_not_speakers() -> None:
    cues = [
        "[Interviewer] How did the first week go?",
        "[Sarah] It went badly, honestly.",
        "[Laughter] Yeah, the app crashed twice.",
        "[Interviewer] What did you do then?",
        "[Sarah] I rang the helpline.",
        "[Laughter] They were lovely, to be fair.",
    ]
    text = "\n\n".join(
        f"{n + 1}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{cue}" for n, cue in enumerate(cues)
    )

    transcript = read_transcript(text.encode(), "sounds.srt")

    assert "Laughter" not in {u.speaker for u in transcript.utterances}
    assert any("crashed twice" in said for said in _said(transcript, Role.PARTICIPANT))


@pytest.mark.parametrize(
    ("file_name", "participant"),
    [
        ("05_sam.txt", "Sam"),
        ("sarah-diary.txt", "Sarah"),
        ("Priya_interview_final.txt", "Priya"),
        ("P03_transcript.txt", "P3"),
        ("sarah.txt", "sarah"),
        ("code_system.txt", "code_system"),
        ("2023-end-user-discussions-01.txt", "2023-end-user-discussions-01"),
    ],
)
def test_a_file_without_labels_is_named_after_the_person_its_name_names(
    file_name: str, participant: str
) -> None:
    text = "I went to the shop on Monday and the app would not load, so I paid cash."

    transcript = read_transcript(text.encode(), file_name)

    assert transcript.participants == [participant]


@pytest.mark.parametrize(
    "credit",
    ["Transcribed by https://otter.ai", "Transcript generated by Zoom", "Powered by Fireflies.ai"],
)
def test_a_tools_credit_line_is_no_ones_words_and_is_named(credit: str) -> None:
    text = TEXT_LAYOUTS["teams.txt"] + f"\n{credit}\n"

    transcript = read_transcript(text.encode(), "teams.txt")

    _read_as_interview(transcript)
    expected = f"left out the transcription tool's credit line(s): '{credit}'"
    assert expected in transcript.warnings


def test_a_participant_telling_who_transcribed_something_is_kept() -> None:
    told = "Transcribed by my sister, who was lovely about it."
    text = (
        f"Interviewer: Who wrote it up?\n\nSarah: {told}\n\n"
        "Interviewer: And then?\n\nSarah: I sent it.\n"
    )

    transcript = read_transcript(text.encode(), "sarah.txt")

    assert told in [u.text for u in transcript.utterances]
