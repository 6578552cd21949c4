"""Who said it: header blocks, roles from the conversation, and the report of each decision."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.core.models import Role, roles_summary
from journeybot.ingestion import read_transcript

FIXTURES = Path(__file__).parents[1] / "fixtures" / "speakers"


def _read(name: str) -> dict[str, Role]:
    transcript = read_transcript((FIXTURES / name).read_bytes(), name)
    return {entry.speaker: entry.role for entry in transcript.speakers}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "zoom_two_interviewers.vtt",
            {
                "Hannah Okafor": Role.INTERVIEWER,
                "Luis Ferreira": Role.INTERVIEWER,
                "Tom Bradley": Role.PARTICIPANT,
            },
        ),
        (
            "teams_header.docx",
            {"Amira Shah": Role.INTERVIEWER, "Gareth Pryce": Role.PARTICIPANT},
        ),
        (
            "household_header.txt",
            {"Sam Reed": Role.INTERVIEWER, "P1": Role.PARTICIPANT, "Ray": Role.OTHER},
        ),
        (
            "household_member.txt",
            {"Researcher": Role.INTERVIEWER, "Marek": Role.PARTICIPANT, "Agnieszka": Role.OTHER},
        ),
        ("qa_header.txt", {"Q": Role.INTERVIEWER, "Kwame": Role.PARTICIPANT}),
        (
            "focus_group.txt",
            {
                "Priya": Role.INTERVIEWER,
                "Alex": Role.PARTICIPANT,
                "Beth": Role.PARTICIPANT,
                "Chidi": Role.PARTICIPANT,
                "Dana": Role.PARTICIPANT,
            },
        ),
        (
            "note_taker.txt",
            {"Interviewer": Role.INTERVIEWER, "Olu": Role.PARTICIPANT, "Jo": Role.OTHER},
        ),
    ],
)
def test_every_fixture_speaker_gets_the_right_role(name: str, expected: dict[str, Role]) -> None:
    assert _read(name) == expected


def test_header_lines_are_never_turns_and_are_kept_as_notes() -> None:
    data = (FIXTURES / "household_header.txt").read_bytes()
    transcript = read_transcript(data, "P1.txt")
    spoken = [u for u in transcript.utterances if u.role is not Role.OTHER]
    assert all("Interviewed by" not in u.text for u in spoken)
    assert "Interviewed by: Sam Reed" in transcript.text
    assert transcript.participants == ["P1"]
    ray = next(u for u in transcript.utterances if u.label == "Ray")
    assert ray.role is Role.OTHER


def test_header_names_the_participant_of_a_q_and_a_file() -> None:
    transcript = read_transcript((FIXTURES / "qa_header.txt").read_bytes(), "qa_header.txt")
    assert transcript.participants == ["Kwame"]


def test_header_wins_over_a_label_and_says_so() -> None:
    data = (
        b"Participant: Sam\nInterviewer: Lee\n\n"
        b"Lee: What do you pay each month?\nSam (Interviewer): About sixty pounds, I think.\n"
        b"Lee: And is that fair?\nSam (Interviewer): Not for a flat this size.\n"
    )
    transcript = read_transcript(data, "sam.txt")
    roles = {entry.speaker: entry for entry in transcript.speakers}
    assert roles["Sam"].role is Role.PARTICIPANT and roles["Sam"].decided_by == "header"
    assert any("header was followed" in warning for warning in transcript.warnings)


def test_a_lone_role_line_that_recurs_as_a_label_is_a_turn_not_a_header() -> None:
    data = b"Interviewer: Great\nParticipant: Yes it was fine.\nInterviewer: Why?\n"
    transcript = read_transcript(data, "P4.txt")
    assert [u.role for u in transcript.utterances] == [
        Role.INTERVIEWER,
        Role.PARTICIPANT,
        Role.INTERVIEWER,
    ]


def test_vtt_note_block_is_read_as_a_header() -> None:
    data = (
        b"WEBVTT\n\nNOTE\nParticipant: Ines\nInterviewer: Bo\n\n"
        b"00:00:01.000 --> 00:00:03.000\nBo: Hi?\n\n"
        b"00:00:04.000 --> 00:00:09.000\nInes: Hello. I pay by card every month.\n"
    )
    transcript = read_transcript(data, "call.vtt")
    assert {s.speaker: s.role for s in transcript.speakers} == {
        "Bo": Role.INTERVIEWER,
        "Ines": Role.PARTICIPANT,
    }


def test_two_turn_file_takes_the_asker_as_interviewer() -> None:
    data = (
        b"Kit: Hi?\n\nRoz: Hi, yes. I moved supplier in May because the old one doubled my rate.\n"
    )
    transcript = read_transcript(data, "roz.txt")
    assert {s.speaker: s.role for s in transcript.speakers} == {
        "Kit": Role.INTERVIEWER,
        "Roz": Role.PARTICIPANT,
    }


def test_the_ingest_summary_names_every_role_with_its_share() -> None:
    transcript = read_transcript(
        (FIXTURES / "zoom_two_interviewers.vtt").read_bytes(), "zoom_two_interviewers.vtt"
    )
    summary = roles_summary(transcript.speakers)
    assert summary.startswith("participant: Tom Bradley (")
    assert "% of words); interviewers: Hannah Okafor, Luis Ferreira; other: none" in summary
    assert all(entry.reason for entry in transcript.speakers)


_NAMES = ["Ana", "Bea", "Cal", "Dov", "Eli", "Fen", "Gus", "Hal", "Ida", "Jon"]
_LINES = [
    "How did that go for you?",
    "What happened next?",
    "I paid the bill late because the app logged me out twice.",
    "Thanks.",
    "We switched supplier after the second price rise in a year.",
    "Okay.",
    "Why was that?",
    "It was fine most of the time, but the estimates were always high.",
]


@settings(max_examples=60, deadline=None)
@given(
    turns=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(_LINES)), min_size=2, max_size=14),
    renaming=st.permutations(_NAMES),
)
def test_renaming_every_speaker_consistently_never_changes_roles(
    turns: list[tuple[int, str]], renaming: list[str]
) -> None:
    def roles_with(names: list[str]) -> list[Role]:
        text = "\n".join(f"{names[who]}: {line}" for who, line in turns) + "\n"
        transcript = read_transcript(text.encode(), "session.txt")
        return [u.role for u in transcript.utterances]

    assert roles_with(_NAMES[:4]) == roles_with(renaming[:4])


def test_an_interviewer_transcribed_without_question_marks_is_still_found() -> None:
    data = (
        b"Speaker 1: so what made you switch supplier last year\n\n"
        b"Speaker 2: The price went up twice in six months and nobody could tell me why, so I "
        b"compared a few online and moved.\n\n"
        b"Speaker 1: and how did the move itself go\n\n"
        b"Speaker 2: Slowly. The old supplier kept billing me for three weeks after the "
        b"switch date.\n\n"
        b"Speaker 1: tell me about getting that money back\n\n"
        b"Speaker 2: Two calls and a complaint form. It came back as a credit, not cash.\n"
    )
    transcript = read_transcript(data, "call.txt")
    assert {s.speaker: s.role for s in transcript.speakers} == {
        "Speaker 1": Role.INTERVIEWER,
        "Speaker 2": Role.PARTICIPANT,
    }


def test_a_couple_interviewed_together_are_both_participants() -> None:
    data = (
        b"Interviewer: How do you share the bills?\n\n"
        b"Nia: I pay the energy and the water from my account, and we settle up at the end "
        b"of the month with a spreadsheet.\n\n"
        b"Owen: And I do the rent and the broadband, which works out roughly even, though "
        b"winter throws it off because the heating bill doubles.\n\n"
        b"Interviewer: What happens in winter?\n\n"
        b"Nia: We argue about the thermostat, honestly. I keep it at eighteen and he turns it "
        b"up when I'm out.\n\n"
        b"Owen: Only when it's actually cold. I've started checking the app to show her what "
        b"an hour of heating costs.\n"
    )
    transcript = read_transcript(data, "couple.txt")
    roles = {s.speaker: s.role for s in transcript.speakers}
    assert roles == {
        "Interviewer": Role.INTERVIEWER,
        "Nia": Role.PARTICIPANT,
        "Owen": Role.PARTICIPANT,
    }


def test_a_think_aloud_participant_who_asks_is_not_taken_for_the_facilitator() -> None:
    name = "usability_think_aloud.txt"
    transcript = read_transcript((FIXTURES / name).read_bytes(), name)
    assert {s.speaker: s.role for s in transcript.speakers} == {
        "Kim": Role.INTERVIEWER,
        "Rob": Role.PARTICIPANT,
    }
    assert transcript.participants == ["Rob"]


def test_attendees_in_a_header_carry_their_role_in_a_note() -> None:
    data = (
        b"Attendees: Sam Reed (researcher), Denise Clarke (customer), Ray Clarke (observer)\n\n"
        b"Sam: How do you pay your bills?\n\n"
        b"Denise: By direct debit, every month, from the joint account we set up.\n\n"
        b"Ray: Mostly.\n\n"
        b"Sam: And who checks them?\n\n"
        b"Denise: Me. Ray never opens the letters, he just asks me if we are okay.\n"
    )
    transcript = read_transcript(data, "visit.txt")
    assert {s.speaker: (s.role, s.decided_by) for s in transcript.speakers} == {
        "Sam Reed": (Role.INTERVIEWER, "header"),
        "Denise Clarke": (Role.PARTICIPANT, "header"),
        "Ray Clarke": (Role.OTHER, "header"),
    }


def test_a_quiet_focus_group_member_is_a_participant_not_a_bystander() -> None:
    name = "focus_group_quiet.txt"
    transcript = read_transcript((FIXTURES / name).read_bytes(), name)
    roles = {s.speaker: s.role for s in transcript.speakers}
    assert roles["Erin"] is Role.PARTICIPANT
    assert roles["Moderator"] is Role.INTERVIEWER
    assert sorted(transcript.participants) == ["Alex", "Beth", "Chidi", "Erin"]


def test_question_and_response_labels_are_roles_not_names() -> None:
    """Write-ups labelled "Question:" and "Response:" are Q and A by other names: the
    responder is the file's participant, not someone called Response."""
    transcript = read_transcript(
        b"Question: How do you help teams in languages you don't know?\n\n"
        b"Response: I lead by example in Go and pair with whoever owns the service.\n\n"
        b"Question: How long did people take to get up to speed?\n\n"
        b"Response: It depended on the person, weeks for some and months for others.\n",
        "discussion_P4.txt",
    )
    roles = {u.speaker: u.role for u in transcript.utterances}
    assert roles == {"Question": Role.INTERVIEWER, "P4": Role.PARTICIPANT}
