"""WebVTT (Zoom, Teams) and SubRip: cues rebuilt into speaker turns."""

from __future__ import annotations

from collections.abc import Callable

from journeybot.core.models import Role, Transcript
from journeybot.ingestion import read_transcript


def _assert_offsets(transcript: Transcript) -> None:
    for utt in transcript.utterances:
        assert transcript.text[utt.start : utt.end] == utt.text


def test_zoom_vtt_joins_a_turn_split_across_cues(fixture: Callable[[str], bytes]) -> None:
    transcript = read_transcript(fixture("zoom_P2.vtt"), "zoom_P2.vtt")
    assert transcript.format == "vtt"
    assert [(u.speaker, u.location) for u in transcript.utterances] == [
        ("Sam Okafor", "00:00:01"),
        ("Priya Shah", "00:00:06"),
        ("Sam Okafor", "00:00:21"),
        ("Priya Shah", "00:01:02"),
    ]
    assert transcript.utterances[1].text == (
        "Honestly it took me three attempts, because the sort code field kept clearing "
        "itself every time I switched apps to copy the number. In the end I typed it out "
        "from a paper statement, which felt silly."
    )
    assert transcript.utterances[3].text.startswith("I checked the confirmation e-mail & then")
    assert "NOTE" not in transcript.text and "-->" not in transcript.text
    assert "WEBVTT" not in transcript.text
    _assert_offsets(transcript)


def test_teams_voice_tags_settings_and_inline_tags_are_stripped(
    fixture: Callable[[str], bytes],
) -> None:
    transcript = read_transcript(fixture("teams_meeting.vtt"), "teams_meeting.vtt")
    assert [(u.speaker, u.role) for u in transcript.utterances] == [
        ("Alex Moreno", Role.INTERVIEWER),
        ("Jordan Lee", Role.PARTICIPANT),
        ("Alex Moreno", Role.INTERVIEWER),
        ("Jordan Lee", Role.PARTICIPANT),
    ]
    assert transcript.utterances[1].text == (
        "I waited forty minutes on the chat and nobody answered, so I rang the helpline instead."
    )
    assert transcript.utterances[1].location == "00:00:08"
    for fragment in ("<", "align:", "position:", "3f1e2a9c", "::cue"):
        assert fragment not in transcript.text
    _assert_offsets(transcript)


def test_named_interviewer_wins_over_the_question_heuristic(
    fixture: Callable[[str], bytes],
) -> None:
    transcript = read_transcript(
        fixture("teams_meeting.vtt"), "teams_meeting.vtt", interviewers=["jordan lee"]
    )
    roles = {u.speaker: u.role for u in transcript.utterances}
    assert roles == {"Jordan Lee": Role.INTERVIEWER, "Alex Moreno": Role.PARTICIPANT}
    assert not any("took" in warning for warning in transcript.warnings)


def test_srt_name_on_the_first_cue_carries_to_later_cues(
    fixture: Callable[[str], bytes],
) -> None:
    name = "otter_participant-4.srt"
    transcript = read_transcript(fixture(name), name)
    assert transcript.format == "srt"
    assert [(u.speaker, u.label, u.role) for u in transcript.utterances] == [
        ("Interviewer", "Interviewer", Role.INTERVIEWER),
        ("P4", "Participant", Role.PARTICIPANT),
        ("Interviewer", "Interviewer", Role.INTERVIEWER),
        ("P4", "Participant", Role.PARTICIPANT),
    ]
    answer = transcript.utterances[1]
    assert answer.location == "00:00:04"
    assert answer.text.endswith("would have meant moving 30 or 40 invoices.")
    assert "price had gone up by about 15%" in answer.text
    _assert_offsets(transcript)


def test_captions_without_any_speaker_are_one_participant_with_a_warning() -> None:
    data = (
        b"WEBVTT\n\n00:01.000 --> 00:03.000\nthe export button was hidden\n\n"
        b"00:03.500 --> 00:06.000\nso I gave up and used a screenshot\n"
    )
    transcript = read_transcript(data, "session-12.vtt")
    assert len(transcript.utterances) == 1
    utt = transcript.utterances[0]
    assert utt.text == "the export button was hidden so I gave up and used a screenshot"
    assert (utt.speaker, utt.location, utt.role) == ("session-12", "00:00:01", Role.PARTICIPANT)
    assert any("no speaker names" in warning for warning in transcript.warnings)


def test_lowercase_display_names_count_when_they_recur() -> None:
    data = (
        b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\njane.doe: how often do you export?\n\n"
        b"2\n00:00:03.000 --> 00:00:05.000\nsam k: every friday, by hand\n\n"
        b"3\n00:00:06.000 --> 00:00:07.000\njane.doe: why by hand?\n\n"
        b"4\n00:00:08.000 --> 00:00:10.000\nsam k: the scheduler never worked\n"
        b"well: it did once\n"
    )
    transcript = read_transcript(data, "call.vtt")
    assert [(u.speaker, u.role) for u in transcript.utterances] == [
        ("jane.doe", Role.INTERVIEWER),
        ("sam k", Role.PARTICIPANT),
        ("jane.doe", Role.INTERVIEWER),
        ("sam k", Role.PARTICIPANT),
    ]
    assert transcript.utterances[3].text == "the scheduler never worked well: it did once"


def test_cues_with_unreadable_timestamps_keep_their_words_and_are_counted() -> None:
    vtt = (
        b"WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nInterviewer: How did the install go?\n\n"
        b"2\n00:0x:05.000 --> 00:00:09.000\nTom: The first date they had was six weeks away.\n\n"
        b"3\nbanana --> 00:00:12.000\nTom: Six weeks!\n"
    )
    transcript = read_transcript(vtt, "install.vtt")
    tom = [u for u in transcript.utterances if u.speaker == "Tom"]
    assert [u.text for u in tom] == ["The first date they had was six weeks away. Six weeks!"]
    assert tom[0].location == "cue 2"
    assert transcript.warnings == [
        "2 cues with unreadable timestamps kept without times (cited by cue number)"
    ]
