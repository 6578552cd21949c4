"""Real interviews (PDPilot study): Dan interviews P1..P7; only participant words are segments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeybot.core.models import Role, Segment, Transcript
from journeybot.core.text import is_verbatim
from journeybot.ingestion import read_transcript, redact_transcript, segment_transcript

PDPILOT = Path(__file__).resolve().parent.parent / "corpus" / "pdpilot"
PARTICIPANTS = [f"P{n}" for n in range(1, 8)]


def _read(participant: str, interviewers: tuple[str, ...] = ("Dan",)) -> Transcript:
    path = PDPILOT / "transcripts" / f"{participant}.txt"
    return read_transcript(path.read_bytes(), path.name, interviewers=interviewers)


def _segments(transcript: Transcript) -> list[Segment]:
    return segment_transcript(transcript, study="pdpilot", source_id=transcript.content_hash)


@pytest.mark.parametrize("participant", PARTICIPANTS)
def test_each_interview_has_dan_and_one_participant(participant: str) -> None:
    transcript = _read(participant)
    assert transcript.participants == [participant]
    speakers = {(u.speaker, u.role) for u in transcript.utterances}
    assert speakers == {("Dan", Role.INTERVIEWER), (participant, Role.PARTICIPANT)}
    assert transcript.warnings == []
    assert "Interview\n" not in transcript.text
    for utt in transcript.utterances:
        assert transcript.text[utt.start : utt.end] == utt.text


@pytest.mark.parametrize("participant", PARTICIPANTS)
def test_no_interviewer_words_reach_a_segment(participant: str) -> None:
    transcript = _read(participant)
    segments = _segments(redact_transcript(transcript))
    dan_spans = [(u.start, u.end) for u in transcript.utterances if u.role is Role.INTERVIEWER]
    assert segments
    for seg in segments:
        assert seg.participant == participant
        assert "Dan:" not in seg.text
        assert not any(seg.start < end and start < seg.end for start, end in dan_spans)


def test_misspelt_participant_label_in_p5_is_the_participant() -> None:
    transcript = _read("P5")
    misspelt = [u for u in transcript.utterances if u.label == "Particpant"]
    assert len(misspelt) == 1
    assert (misspelt[0].speaker, misspelt[0].role) == ("P5", Role.PARTICIPANT)


def test_dan_is_found_as_interviewer_without_being_named() -> None:
    for participant in PARTICIPANTS:
        transcript = _read(participant, interviewers=())
        interviewers = {u.speaker for u in transcript.utterances if u.role is Role.INTERVIEWER}
        assert interviewers == {"Dan"}
        assert any("'Dan'" in warning for warning in transcript.warnings)


def test_researchers_coded_quotes_are_found_in_participant_segments() -> None:
    """The study's own coded quotes are participant evidence, so they must be citable."""
    joined = {p: " ".join(s.text for s in _segments(_read(p))) for p in PARTICIPANTS}
    entries = re.split(r"\n(?=P\d )", (PDPILOT / "coded_segments.txt").read_text())
    checked = found = 0
    for entry in entries[1:]:
        words = entry.split()
        if "Dan:" in entry or "Participant:" in entry or len(words) < 14:
            continue
        checked += 1
        found += is_verbatim(" ".join(words[-8:]), joined[entry[:2]])
    assert checked > 100
    assert found / checked >= 0.95
