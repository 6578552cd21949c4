"""A file nobody labelled, in which several people speak, is refused with what gave it
away; one person's unlabelled words are still read as theirs."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from journeybot.core.errors import UnlabelledConversationError
from journeybot.core.models import Role
from journeybot.ingestion import read_transcript
from journeybot.ingestion.voices import several_voices

ROOT = Path(__file__).resolve().parents[2]
OTEL = ROOT / "tests" / "corpus" / "otel"
SOURCE_SUFFIXES = {".txt", ".md", ".vtt", ".srt", ".docx", ".csv"}
#: The tuned planted studies' sources and the demo's (the held-out studies are not read).
SOURCES = sorted(
    path
    for path in [
        *(ROOT / "tests" / "synthesis").glob("planted*/*/*"),
        *(ROOT / "journeybot" / "data" / "demo").glob("*"),
    ]
    if path.suffix in SOURCE_SUFFIXES and "planted_lettings" not in path.parts
)


def _refusal(text: str, name: str = "session.txt") -> str:
    with pytest.raises(UnlabelledConversationError) as caught:
        read_transcript(text.encode(), name)
    assert caught.value.code == "unlabelled_conversation"
    return caught.value.reason


def test_two_people_introducing_themselves_are_two_voices() -> None:
    reason = _refusal(
        "Hi everyone, I'm Priya, and I run the accounts at a bakery.\n\n"
        "My name is Tom Hale and I look after payroll for a garage.\n\n"
        "The bank feed broke twice last month and I re-keyed everything by hand.\n"
    )
    assert "2 people introduce themselves: Priya and Tom" in reason
    assert "nothing from it was stored" in reason
    assert "'Participant: NAME'" in reason


def test_someone_addressed_by_the_name_another_introduced_is_a_second_voice() -> None:
    reason = _refusal(
        "Hello! I am Dan Whitlow, a staff engineer at a payments company.\n\n"
        "We moved off the old agent last spring and the alerts went quiet for a week.\n\n"
        "Thank you, Dan, for joining us on such short notice.\n"
    )
    assert "Dan introduces themselves, and someone else addresses Dan" in reason


def test_two_people_greeted_or_thanked_by_name_are_more_than_one_listener() -> None:
    reason = _refusal(
        "Go ahead, Cal. Tell us about the stack.\n\n"
        "We run about forty services, mostly on Windows.\n\n"
        "Oh thanks Johnny, that's a good question from the chat.\n"
    )
    assert "2 people are greeted or thanked by name: Cal and Johnny" in reason


def test_questions_put_to_someone_all_through_are_an_interviewer_s() -> None:
    paragraphs = []
    for topic in ("your role", "your stack", "your team", "the migration", "your costs"):
        paragraphs.append(f"Can you tell us a bit about {topic}?")
        paragraphs.append(f"Sure. On {topic}, it took longer than we hoped, mostly waiting.")
    reason = _refusal("\n\n".join(paragraphs) + "\n")
    assert "5 of its 10 paragraphs put a question to someone" in reason


def test_one_person_s_account_stays_theirs_whatever_it_mentions() -> None:
    """A monologue names itself once, says where it is from, thanks family and a doctor,
    greets a room, tells how someone else introduced themselves, and asks its listener a
    rhetorical question now and then: one voice."""
    paragraphs = [
        "Hi everyone. My name is Sarah and I keep the books for my husband's firm.",
        "I'm Scottish, so I was never going to pay for a second app.",
        "Thanks Mum for minding the kids while I sorted the VAT return.",
        "Do you know what I mean? It is always the same three invoices.",
        "The bank feed dropped again on Tuesday and I re-keyed a week of payments.",
        "Would you believe it took two hours? You would think it could match them.",
        "Have you ever tried phoning them? You wait forty minutes for a callback.",
        "Can you imagine doing that at month end? Your whole evening is gone.",
        "The engineer turned up and said, hi, I'm Kevin Dunn, I'm here for the boiler.",
        "Thanks, Dr Patel, for squeezing me in, and thanks Jo for the lift.",
    ] + ["I exported the report, fixed the dates and sent it to the accountant."] * 12
    text = "\n\n".join(paragraphs) + "\n"
    assert several_voices(paragraphs) is None
    transcript = read_transcript(text.encode(), "sarah_diary.txt")
    assert {u.speaker for u in transcript.utterances} == {"Sarah"}
    assert {u.role for u in transcript.utterances} == {Role.PARTICIPANT}
    assert any("no speaker labels were found" in w for w in transcript.warnings)


def test_a_labelled_conversation_is_read_by_its_labels_whoever_introduces_themselves() -> None:
    transcript = read_transcript(
        b"Host: Hi everyone, I'm Ree. Jerome, can you tell us about your role?\n\n"
        b"Jerome: My name is Jerome and I run the observability team.\n\n"
        b"Host: Thanks, Jerome. How did the migration go?\n\n"
        b"Jerome: Slowly. The collectors fell over twice in the first month.\n",
        "otel_me.txt",
    )
    roles = {u.speaker: u.role for u in transcript.utterances}
    assert roles == {"Host": Role.INTERVIEWER, "Jerome": Role.PARTICIPANT}


def test_captions_without_speaker_names_are_judged_the_same_way() -> None:
    reason = _refusal(
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:05.000\nhello everyone, I'm Reese Lee and I host this series\n\n"
        "00:00:06.000 --> 00:00:09.000\nhi, I'm Adriana and I work on the collector\n\n"
        "00:00:10.000 --> 00:00:14.000\nwe started with the operator and it was rough at first\n",
        "panel.vtt",
    )
    assert "2 people introduce themselves: Reese and Adriana" in reason


def test_recorded_sessions_written_out_without_labels_are_refused() -> None:
    """Real files: the raw captions of a vox-pop set and a tidied Q&A with one label."""
    vox_pop = OTEL / "20231220T044451Z-the-humans-of-otel-kubecon-na-2023.txt"
    question_time = OTEL / "20241104T210307Z-otel-q-a-with-dan-ravenstone.md"
    assert "people introduce themselves" in _refusal(vox_pop.read_text(), vox_pop.name)
    assert "Dan introduces themselves, and someone else addresses Dan" in _refusal(
        question_time.read_text(), question_time.name
    )


def test_a_header_naming_the_participant_is_followed() -> None:
    """The researcher saying whose words they are outranks the evidence."""
    file = OTEL / "20241104T210307Z-otel-q-a-with-dan-ravenstone.md"
    text = "Participant: Dan Ravenstone\n\n" + file.read_text()
    transcript = read_transcript(text.encode(), file.name)
    spoken = {u.speaker for u in transcript.utterances if u.role is Role.PARTICIPANT}
    assert spoken == {"Dan Ravenstone"}
    assert any("one participant (Dan Ravenstone)" in w for w in transcript.warnings)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_participant_s_own_words_read_as_several_voices(path: Path) -> None:
    """Every participant of the planted studies and the demo, their turns taken alone as
    if nobody had labelled them: each is still one voice."""
    transcript = read_transcript(path.read_bytes(), path.name)
    turns: dict[str, list[str]] = defaultdict(list)
    for utterance in transcript.utterances:
        if utterance.role is Role.PARTICIPANT:
            turns[utterance.speaker].append(utterance.text)
    assert turns
    for speaker, texts in turns.items():
        assert several_voices(texts) is None, speaker


def test_a_label_two_people_introduce_themselves_under_is_no_one_person() -> None:
    """A heading written like a label ("Guest Introductions:") above two guests' hellos:
    kept as context, never quoted, and said so."""
    transcript = read_transcript(
        b"**Host:** Hello everyone, welcome to the live stream. How did you two get here?\n\n"
        b"**Guest Introductions:**\nGood morning, everyone! I'm Hazel, and I have thoughts.\n"
        b"And I'm Adriana Vela, working on user experience.\n\n"
        b"**Hazel:** I got into observability because the vendor tools drove me mad.\n\n"
        b"**Host:** What changed when you moved to the collector?\n\n"
        b"**Hazel:** Our bill halved, but the first upgrade broke every exporter we had.\n",
        "live.md",
    )
    speakers = {s.speaker: s for s in transcript.speakers}
    heading = speakers["Guest Introductions"]
    assert heading.role is Role.OTHER
    assert (
        heading.reason
        == "no one person: 2 people introduce themselves under it (Hazel and Adriana)"
    )
    assert speakers["Hazel"].role is Role.PARTICIPANT
    assert any("'Guest Introductions' is not one person" in w for w in transcript.warnings)


def test_a_role_label_everyone_shares_keeps_its_words_quotable() -> None:
    """A group written up with one "Participant:" label for all: the file says they are
    participants, and their words stay quotable (as one voice) rather than lost."""
    transcript = read_transcript(
        b"Moderator: Could you each say who you are?\n\n"
        b"Participant: Hi, I'm Sarah Jones, I run a cafe in Leeds.\n\n"
        b"Participant: And I'm Tom Lee, I do the books for a garage.\n\n"
        b"Moderator: What did you make of the invoicing?\n\n"
        b"Participant: It kept sending reminders to customers who had already paid.\n",
        "group.txt",
    )
    roles = {u.speaker: u.role for u in transcript.utterances}
    assert roles == {"Moderator": Role.INTERVIEWER, "group": Role.PARTICIPANT}
