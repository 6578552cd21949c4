"""Word (three export layouts) and PDF (text layer, page furniture, scans, passwords)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from pypdf import PdfWriter

from journeybot.core.errors import UnreadableFileError
from journeybot.core.models import Role, Transcript
from journeybot.ingestion import read_transcript


def _assert_offsets(transcript: Transcript) -> None:
    for utt in transcript.utterances:
        assert transcript.text[utt.start : utt.end] == utt.text


def test_docx_speaker_and_time_paragraph_then_text(make_docx: Callable[..., bytes]) -> None:
    data = make_docx(
        [
            "Meeting transcript",
            "Jane Doe   0:03",
            "How do you pay for the service today?",
            "Tom Baker   0:09",
            "By card, every month.",
            "It renews on the first.",
            "Jane Doe  00:01:23",
            "And has that ever gone wrong?",
            "Tom Baker  00:01:30",
            "Once, when my card expired.",
        ]
    )
    transcript = read_transcript(data, "teams-export.docx")
    assert transcript.format == "docx"
    assert [(u.speaker, u.role, u.location) for u in transcript.utterances] == [
        ("Jane Doe", Role.INTERVIEWER, "00:00:03"),
        ("Tom Baker", Role.PARTICIPANT, "00:00:09"),
        ("Jane Doe", Role.INTERVIEWER, "00:01:23"),
        ("Tom Baker", Role.PARTICIPANT, "00:01:30"),
    ]
    assert transcript.utterances[1].text == "By card, every month. It renews on the first."
    assert "Meeting transcript" not in transcript.text
    _assert_offsets(transcript)


def test_docx_name_colon_paragraphs(make_docx: Callable[..., bytes]) -> None:
    data = make_docx(
        [
            "Interviewer: What made you switch banks?",
            "Participant: The old app logged me out constantly.",
            "",
            "Interviewer: Anything else?",
            "Participant: Fees. Mostly fees.",
        ]
    )
    transcript = read_transcript(data, "P12 interview.docx")
    assert [(u.speaker, u.location) for u in transcript.utterances] == [
        ("Interviewer", "paragraph 1"),
        ("P12", "paragraph 2"),
        ("Interviewer", "paragraph 4"),
        ("P12", "paragraph 5"),
    ]
    _assert_offsets(transcript)


def test_docx_table_with_speaker_time_text_columns(make_docx: Callable[..., bytes]) -> None:
    rows = [
        ["Speaker", "Time", "Text"],
        ["Moderator", "00:00:05", "Where do you keep your receipts?"],
        ["Participant", "00:00:11", "In a shoebox, honestly."],
        ["", "", "And some in my e-mail."],
        ["Moderator", "00:00:30", "Do you ever need them again?"],
        ["Participant", "0:41", "Only at tax time."],
    ]
    transcript = read_transcript(make_docx(["Otter.ai"], [rows]), "participant_08.docx")
    assert [(u.speaker, u.role, u.location) for u in transcript.utterances] == [
        ("Moderator", Role.INTERVIEWER, "00:00:05"),
        ("P8", Role.PARTICIPANT, "00:00:11"),
        ("Moderator", Role.INTERVIEWER, "00:00:30"),
        ("P8", Role.PARTICIPANT, "00:00:41"),
    ]
    assert transcript.utterances[1].text == "In a shoebox, honestly. And some in my e-mail."
    _assert_offsets(transcript)


def test_docx_table_without_header_is_recognised_by_its_content(
    make_docx: Callable[..., bytes],
) -> None:
    rows = [
        ["0:05", "Ana", "What do you use the budget view for?"],
        ["0:12", "Ben", "Checking whether I can afford the weekend, mostly."],
        ["0:20", "Ana", "How often?"],
        ["0:24", "Ben", "Every Friday without fail, it has become a ritual."],
    ]
    transcript = read_transcript(make_docx([], [rows]), "call.docx", interviewers=["Ana"])
    assert [(u.speaker, u.role) for u in transcript.utterances] == [
        ("Ana", Role.INTERVIEWER),
        ("Ben", Role.PARTICIPANT),
        ("Ana", Role.INTERVIEWER),
        ("Ben", Role.PARTICIPANT),
    ]
    assert transcript.utterances[3].location == "00:00:24"


def test_pdf_text_layer_is_read_without_page_counters(
    make_pdf: Callable[[list[list[str]]], bytes],
) -> None:
    data = make_pdf(
        [
            ["Interview", "Dan: How do you (usually) start?", "Participant: With the docs.", "1/2"],
            ["Page 2 of 2", "Dan: Then what?", "Participant: I copy an example and adapt it."],
        ]
    )
    transcript = read_transcript(data, "P6.pdf", interviewers=["Dan"])
    assert transcript.format == "pdf"
    assert [(u.speaker, u.role, u.location) for u in transcript.utterances] == [
        ("Dan", Role.INTERVIEWER, "page 1"),
        ("P6", Role.PARTICIPANT, "page 1"),
        ("Dan", Role.INTERVIEWER, "page 2"),
        ("P6", Role.PARTICIPANT, "page 2"),
    ]
    assert transcript.utterances[0].text == "How do you (usually) start?"
    assert transcript.utterances[1].text == "With the docs."
    assert "1/2" not in transcript.text and "Page 2" not in transcript.text
    _assert_offsets(transcript)


def test_running_heads_and_feet_are_no_ones_words_and_are_named(
    make_pdf: Callable[[list[list[str]]], bytes],
) -> None:
    """A head and foot on every page ran into whoever spoke across each page break."""
    head, foot = "Pedalo interviews - Confidential", "Transcribed by Northwind Ltd, page 1"
    pages = [
        [head, "Interviewer: What happened in week one?", "Sarah: The app crashed when", foot],
        [head, "I paid, so I rang the helpline.", "Interviewer: And week two?", foot],
        [head, "Sarah: It worked, and I rode in every day.", foot.replace("1", "3")],
    ]

    transcript = read_transcript(make_pdf(pages), "sarah.pdf")

    said = [u.text for u in transcript.utterances if u.role is Role.PARTICIPANT]
    assert said == [
        "The app crashed when I paid, so I rang the helpline.",
        "It worked, and I rode in every day.",
    ]
    assert "Confidential" not in transcript.text and "Northwind" not in transcript.text
    assert transcript.warnings == [
        "left out the page headers and footers repeated on its pages: "
        "'Pedalo interviews - Confidential' and 'Transcribed by Northwind Ltd, page 1'"
    ]


def test_a_line_on_two_pages_that_is_no_running_head_stays(
    make_pdf: Callable[[list[list[str]]], bytes],
) -> None:
    pages = [
        ["Interviewer: Ready?", "Sarah: Yes.", "Interviewer: Did it crash?"],
        ["Sarah: Yes.", "Interviewer: Twice?", "Sarah: Twice, both on the card screen."],
    ]

    transcript = read_transcript(make_pdf(pages), "sarah.pdf")

    assert [u.text for u in transcript.utterances if u.role is Role.PARTICIPANT] == [
        "Yes.",
        "Yes.",
        "Twice, both on the card screen.",
    ]


def test_pdf_without_text_layer_says_to_export_text(
    make_pdf: Callable[[list[list[str]]], bytes],
) -> None:
    with pytest.raises(UnreadableFileError) as caught:
        read_transcript(make_pdf([[], []]), "scan.pdf")
    message = str(caught.value)
    assert message.startswith("scan.pdf: ")
    assert "has no text layer" in message and "export the transcript as text or .docx" in message


def test_password_protected_pdf_is_refused_clearly() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableFileError) as caught:
        read_transcript(buffer.getvalue(), "locked.pdf")
    assert str(caught.value).startswith("locked.pdf: ")
    assert "password-protected" in str(caught.value)
