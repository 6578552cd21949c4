"""Who spoke: participant ids from file names, roles from labels, names or questions."""

from __future__ import annotations

import pytest

from journeybot.core.models import Role
from journeybot.ingestion import diary_transcript, read_transcript


@pytest.mark.parametrize(
    ("file_name", "expected"),
    [
        ("P1.txt", "P1"),
        ("p07.txt", "P7"),
        ("participant-3.txt", "P3"),
        ("Participant_12 interview.md", "P12"),
        ("2024-03-01 P4 notes.txt", "P4"),
        ("acme-onboarding.txt", "acme-onboarding"),
        ("pp3.txt", "pp3"),
    ],
)
def test_generic_participant_label_takes_its_id_from_the_file_name(
    file_name: str, expected: str
) -> None:
    data = b"Interviewer: Hello?\nParticipant: Hello.\n"
    transcript = read_transcript(data, file_name)
    assert transcript.participants == [expected]
    assert transcript.utterances[1].label == "Participant"


@pytest.mark.parametrize(
    "label", ["Participant", "Particpant", "Respondent", "Interviewee", "Customer", "User", "P"]
)
def test_every_generic_label_resolves_to_the_file_participant(label: str) -> None:
    data = f"Interviewer: Why?\n{label}: Because.\n".encode()
    transcript = read_transcript(data, "P5.txt")
    answer = transcript.utterances[1]
    assert (answer.speaker, answer.label, answer.role) == ("P5", label, Role.PARTICIPANT)


@pytest.mark.parametrize(
    "label",
    [
        "Interviewer",
        "Moderator",
        "Researcher",
        "Facilitator",
        "Host",
        "Int",
        "Q",
        "Sam (Researcher)",
    ],
)
def test_interviewer_role_words(label: str) -> None:
    data = f"{label}: Tell me more.\nMaya: It was slow.\nMaya: Very slow.\n".encode()
    transcript = read_transcript(data, "maya.txt")
    assert [u.role for u in transcript.utterances] == [
        Role.INTERVIEWER,
        Role.PARTICIPANT,
        Role.PARTICIPANT,
    ]


@pytest.mark.parametrize(
    "label", ["Observer", "Note taker", "Interpreter", "Partner", "Spouse", "Wife", "Sam (partner)"]
)
def test_observers_and_household_members_are_other(label: str) -> None:
    data = f"Interviewer: Who pays?\nMaya: I do.\n{label}: Mostly she does.\nMaya: True.\n"
    transcript = read_transcript(data.encode(), "maya.txt")
    assert [u.role for u in transcript.utterances] == [
        Role.INTERVIEWER,
        Role.PARTICIPANT,
        Role.OTHER,
        Role.PARTICIPANT,
    ]
    assert transcript.participants == ["Maya"]


def test_named_interviewers_match_without_case() -> None:
    data = b"Dan: What do you use?\nAsha: Mostly notebooks.\nDan: Why?\nAsha: Habit.\n"
    transcript = read_transcript(data, "asha.txt", interviewers=["DAN"])
    assert [u.role for u in transcript.utterances] == [
        Role.INTERVIEWER,
        Role.PARTICIPANT,
        Role.INTERVIEWER,
        Role.PARTICIPANT,
    ]
    assert transcript.warnings == []


def test_question_heuristic_names_who_it_chose() -> None:
    data = (
        b"Kim: How did you find the app?\nLeo: Through a friend at work.\n"
        b"Kim: What did you expect from it?\nLeo: Something simpler than my bank's app.\n"
        b"Kim: Okay.\nLeo: It was simpler, in the end.\n"
    )
    transcript = read_transcript(data, "leo.txt")
    roles = {u.speaker: u.role for u in transcript.utterances}
    assert roles == {"Kim": Role.INTERVIEWER, "Leo": Role.PARTICIPANT}
    assert len(transcript.warnings) == 1
    assert "'Kim'" in transcript.warnings[0] and "interviewer" in transcript.warnings[0]


def test_no_interviewer_is_guessed_when_nobody_mostly_asks() -> None:
    data = (
        b"Kim: I use it daily.\nLeo: I use it weekly, is that odd?\n"
        b"Kim: Not really.\nLeo: Good to know.\n"
    )
    transcript = read_transcript(data, "pair.txt")
    assert {u.role for u in transcript.utterances} == {Role.PARTICIPANT}
    assert transcript.warnings == []


def test_unknown_named_interviewer_is_reported() -> None:
    data = b"Interviewer: Why?\nParticipant: Because.\nInterviewer: Ok.\n"
    transcript = read_transcript(data, "P2.txt", interviewers=["Zed"])
    assert [u.role for u in transcript.utterances][:2] == [Role.INTERVIEWER, Role.PARTICIPANT]
    transcript = read_transcript(
        b"Ana: Hi.\nBo: Hi.\nAna: Bye.\nBo: Bye.\n", "x.txt", interviewers=["Zed"]
    )
    assert any("zed" in warning for warning in transcript.warnings)


def test_participant_code_labels_are_normalised() -> None:
    data = b"Moderator: Ready?\nP01: Yes.\nModerator: Go on.\nP02: Me too.\n"
    transcript = read_transcript(data, "group.txt")
    assert transcript.participants == ["P1", "P2"]


def test_diary_post_is_one_participant_utterance() -> None:
    transcript = diary_transcript(
        "U123", "  Paid rent\nlate again.  ", date="2024-03-04", file_name="diary-U123.txt"
    )
    (utt,) = transcript.utterances
    assert (utt.speaker, utt.role, utt.text) == ("U123", Role.PARTICIPANT, "Paid rent late again.")
    assert (utt.date, utt.location, utt.prompt) == ("2024-03-04", "2024-03-04", None)
    assert transcript.text[utt.start : utt.end] == utt.text
    assert transcript.kind.value == "diary"
    with_prompt = diary_transcript(
        "U123", "Fine.", date="2024-03-05", file_name="d.txt", prompt="How was paying today?"
    )
    assert with_prompt.utterances[0].prompt == "How was paying today?"
