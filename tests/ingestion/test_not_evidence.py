"""Words in a participant's turn that are never quoted: they stay stored, out of segments."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeybot.ingestion import read_transcript, segment_transcript
from journeybot.ingestion.evidence import citable_spans

PDPILOT = Path(__file__).parents[1] / "corpus" / "pdpilot" / "transcripts"


def _cited(text: str, question: str = "") -> list[str]:
    return [text[start:end].strip() for start, end in citable_spans(text, question)]


@pytest.mark.parametrize(
    ("turn", "question", "kept"),
    [
        ("Yeah. 87 88 89 90 91 92", "", []),
        (
            "Comparing the predicted versus the actual 1 2 3 4 5 6",
            "",
            ["Comparing the predicted versus the actual"],
        ),
        ("[inaudible]", "", []),
        ("(crosstalk) [laughs]", "", []),
        ("Can you hear me? Yes, loud and clear.", "", []),
        ("Sorry, you're on mute. The bill was wrong twice.", "", ["The bill was wrong twice."]),
        (
            "Do I use both PDP and ICE plots? Honestly, we rarely use ICE plots.",
            "Do you use both PDP and ICE plots?",
            ["Honestly, we rarely use ICE plots."],
        ),
        ("Hi Sam. Good morning! Mostly by card.", "", ["Mostly by card."]),
        ("Hey, the app crashed twice.", "", ["Hey, the app crashed twice."]),
        ("I can see it being useful for my team.", "", ["I can see it being useful for my team."]),
        ("It was fine, but slow. So, yeah.", "", ["It was fine, but slow. So, yeah."]),
        (
            "I use both PDP and ICE plots.",
            "Do you use both PDP and ICE plots?",
            ["I use both PDP and ICE plots."],
        ),
    ],
)
def test_citable_spans(turn: str, question: str, kept: list[str]) -> None:
    assert _cited(turn, question) == kept


def test_not_evidence_stays_in_the_stored_text_but_in_no_segment() -> None:
    data = (
        b"Interviewer: Can you hear me?\n\nMina: Yes, I can hear you. 12 13 14 15\n\n"
        b"Interviewer: Do you check your balance every day?\n\n"
        b"Mina: Do I check my balance every day? Only on payday, because it scares me.\n"
    )
    transcript = read_transcript(data, "mina.txt")
    segments = segment_transcript(transcript, study="s", source_id="a" * 64)
    assert [s.text for s in segments] == ["Only on payday, because it scares me."]
    assert "Do I check my balance every day?" in transcript.text
    assert "12 13 14 15" in transcript.text


def test_pdpilot_readbacks_and_line_numbers_are_never_segments() -> None:
    path = PDPILOT / "P2.txt"
    transcript = read_transcript(path.read_bytes(), "P2.txt", interviewers=["Dan"])
    segments = segment_transcript(transcript, study="s", source_id="b" * 64)
    texts = [s.text for s in segments]
    assert not any("Do I use both PDP and ICE plots?" in t for t in texts)
    assert not any(re.search(r"\b\d+ \d+ \d+ \d+\b", t) for t in texts)
    assert any("ICE plots" in t for t in texts)
