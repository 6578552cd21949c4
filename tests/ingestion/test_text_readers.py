"""Plain text and Markdown: the label forms researchers' tools write, headings, encodings."""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable

import pytest

from journeybot.core.models import Role, Transcript, content_hash
from journeybot.ingestion import read_transcript


def _assert_offsets(transcript: Transcript) -> None:
    for utt in transcript.utterances:
        assert transcript.text[utt.start : utt.end] == utt.text
        assert utt.text == " ".join(utt.text.split())
    assert transcript.content_hash == content_hash(transcript.text)


def _turns(transcript: Transcript) -> list[tuple[str, Role, str]]:
    return [(u.speaker, u.role, u.location) for u in transcript.utterances]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "timestamped_P07.txt",
            [
                ("Interviewer", Role.INTERVIEWER, "00:00:05"),
                ("P7", Role.PARTICIPANT, "00:00:09"),
                ("Interviewer", Role.INTERVIEWER, "00:00:12"),
                ("P7", Role.PARTICIPANT, "00:01:30"),
            ],
        ),
        (
            "name_timestamp.txt",
            [
                ("Jane Doe", Role.INTERVIEWER, "00:00:04"),
                ("Tom Baker", Role.PARTICIPANT, "00:00:09"),
                ("Jane Doe", Role.INTERVIEWER, "00:01:15"),
                ("Tom Baker", Role.PARTICIPANT, "00:01:20"),
            ],
        ),
        (
            "otter_export.txt",
            [
                ("Jane Doe", Role.INTERVIEWER, "00:00:03"),
                ("Tom Baker", Role.PARTICIPANT, "00:00:09"),
                ("Jane Doe", Role.INTERVIEWER, "00:01:15"),
                ("Tom Baker", Role.PARTICIPANT, "01:01:20"),
            ],
        ),
        (
            "leading_timestamps.txt",
            [
                ("Jane Doe", Role.INTERVIEWER, "00:00:02"),
                ("Tom Baker", Role.PARTICIPANT, "00:00:07"),
                ("Jane Doe", Role.INTERVIEWER, "00:00:15"),
                ("Tom Baker", Role.PARTICIPANT, "00:00:19"),
            ],
        ),
        (
            "qa_P3.txt",
            [
                ("Q", Role.INTERVIEWER, "line 1"),
                ("P3", Role.PARTICIPANT, "line 2"),
                ("Q", Role.INTERVIEWER, "line 3"),
                ("P3", Role.PARTICIPANT, "line 4"),
            ],
        ),
    ],
)
def test_label_forms_give_speakers_roles_and_locations(
    fixture: Callable[[str], bytes], name: str, expected: list[tuple[str, Role, str]]
) -> None:
    transcript = read_transcript(fixture(name), name)
    assert _turns(transcript) == expected
    assert transcript.format == "txt"
    _assert_offsets(transcript)


def test_text_on_the_line_after_a_timestamp_label_joins_its_turn(
    fixture: Callable[[str], bytes],
) -> None:
    transcript = read_transcript(fixture("otter_export.txt"), "otter_export.txt")
    assert transcript.utterances[1].text == (
        "I pay most of them by direct debit now. It saves me remembering."
    )
    assert transcript.utterances[1].label == "Tom Baker"


def test_prose_colons_and_urls_stay_inside_the_turn(fixture: Callable[[str], bytes]) -> None:
    transcript = read_transcript(fixture("labelled_forms.txt"), "labelled_forms.txt")
    speakers = [u.speaker for u in transcript.utterances]
    assert speakers == [
        "Moderator",
        "Maria Lopez",
        "Moderator",
        "Maria Lopez",
        "Observer",
        "Maria Lopez",
    ]
    assert "Note: it was shared with my accountant. We kept it going" in (
        transcript.utterances[1].text
    )
    assert "See https://example.org/help for the guide" in transcript.utterances[3].text
    assert transcript.utterances[4].role is Role.OTHER


def test_headings_are_not_speech(fixture: Callable[[str], bytes]) -> None:
    plain = read_transcript(fixture("labelled_forms.txt"), "labelled_forms.txt")
    timed = read_transcript(fixture("timestamped_P07.txt"), "timestamped_P07.txt")
    assert "Interview\n" not in plain.text and plain.text.startswith("Moderator: ")
    assert "Session 3" not in timed.text
    assert plain.warnings == [] and timed.warnings == []


def test_canonical_text_layout(fixture: Callable[[str], bytes], snapshot: object) -> None:
    timed = read_transcript(fixture("timestamped_P07.txt"), "timestamped_P07.txt")
    plain = read_transcript(fixture("labelled_forms.txt"), "labelled_forms.txt")
    assert timed.text == snapshot
    assert plain.text == snapshot


def test_text_without_labels_is_one_participant_with_a_warning(
    fixture: Callable[[str], bytes],
) -> None:
    transcript = read_transcript(fixture("no_labels.txt"), "no_labels.txt")
    assert {u.speaker for u in transcript.utterances} == {"no_labels"}
    assert {u.role for u in transcript.utterances} == {Role.PARTICIPANT}
    assert [u.location for u in transcript.utterances] == ["line 3", "line 5"]
    assert "Diary week 2" not in transcript.text
    assert len(transcript.warnings) == 1 and "no speaker labels" in transcript.warnings[0]
    _assert_offsets(transcript)


def test_markdown_bold_labels_front_matter_links_and_trailing_sections(
    fixture: Callable[[str], bytes],
) -> None:
    transcript = read_transcript(fixture("humans.md"), "humans.md")
    assert transcript.format == "md"
    cited = [u for u in transcript.utterances if u.role is Role.PARTICIPANT]
    assert {u.speaker for u in cited} == {"KAI NAKAMURA", "ALEX RIVERS"}
    assert cited[0].text == "A teammate set it up for a hackathon, and I kept using it."
    notes = [u for u in transcript.utterances if u.role is Role.OTHER]
    assert [u.text for u in notes] == [
        "A short introduction to the people we talked to, with a link.",
        "If you have a story to share, get in touch!",
    ]
    assert "title:" not in transcript.text and "https://" not in transcript.text
    interviewer = {u.speaker for u in transcript.utterances if u.role is Role.INTERVIEWER}
    assert interviewer == {"RIVER STONE"}
    assert any("RIVER STONE" in w and "interviewer" in w for w in transcript.warnings)
    _assert_offsets(transcript)


def test_markdown_italics_and_entities_are_plain_text() -> None:
    data = (
        b"*Home visit, notes-style.*\n\n---\n\n"
        b"**Leila (Researcher):** Was it *really* that bad?\n\n"
        b"**Carys:** Worse &amp; slower. 2*3*4 is maths.\n\n**Carys:** Anyway.\n"
    )
    transcript = read_transcript(data, "visit.md")
    assert [(u.speaker, u.role) for u in transcript.utterances] == [
        ("notes", Role.OTHER),
        ("Leila (Researcher)", Role.INTERVIEWER),
        ("Carys", Role.PARTICIPANT),
        ("Carys", Role.PARTICIPANT),
    ]
    texts = [u.text for u in transcript.utterances]
    assert texts[:3] == [
        "Home visit, notes-style.",
        "Was it really that bad?",
        "Worse & slower. 2*3*4 is maths.",
    ]


def test_markdown_extension_alias_reads_as_markdown(fixture: Callable[[str], bytes]) -> None:
    transcript = read_transcript(fixture("humans.md"), "humans.markdown")
    assert transcript.format == "md"
    assert "**" not in transcript.text


SAMPLE = "Interviewer: Was it “easy”?\nParticipant: Not at first — it cost £12 and felt naïve.\n"


@pytest.mark.parametrize(
    "encoded",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),
        SAMPLE.encode("utf-16-be"),
        SAMPLE.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16-bom",
        "utf16be-bom",
        "utf16le-nobom",
        "utf16be-nobom",
        "cp1252",
    ],
)
def test_encodings_read_to_the_same_words(encoded: bytes) -> None:
    transcript = read_transcript(encoded, "P9.txt")
    assert [u.text for u in transcript.utterances] == [
        "Was it “easy”?",
        "Not at first — it cost £12 and felt naïve.",
    ]
    assert transcript.utterances[1].speaker == "P9"
    _assert_offsets(transcript)


def test_text_is_nfc_and_whitespace_collapsed() -> None:
    decomposed = unicodedata.normalize("NFD", "café")
    data = f"Interviewer:\tAnd   then?\nParticipant:  The {decomposed}\t was  shut.\n".encode()
    transcript = read_transcript(data, "p2.txt")
    assert transcript.utterances[1].text == "The café was shut."
    assert unicodedata.is_normalized("NFC", transcript.text)
    _assert_offsets(transcript)
