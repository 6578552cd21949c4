"""Segments: participant words only, each exactly once, cut on sentence boundaries."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeybot.core.errors import ConfigError
from journeybot.core.models import Role, Segment, Transcript, segment_id
from journeybot.ingestion import read_transcript, segment_transcript
from journeybot.ingestion.evidence import citable_spans
from journeybot.ingestion.segmentation import interviewer_context

SOURCE = "f" * 64


def _read(lines: list[str], name: str = "P1.txt") -> Transcript:
    return read_transcript("\n".join(lines).encode(), name)


def _segments(transcript: Transcript, max_chars: int = 800) -> list[Segment]:
    return segment_transcript(transcript, study="s", source_id=SOURCE, max_chars=max_chars)


_WORD = st.text(alphabet=string.ascii_letters + "'", min_size=1, max_size=12)
_LONG_WORD = st.text(alphabet=string.ascii_lowercase, min_size=40, max_size=130)
_TOKEN = st.one_of(
    _WORD,
    _WORD.map(lambda w: w + "."),
    _WORD.map(lambda w: w + "?"),
    _WORD.map(lambda w: w + '!"'),
    _LONG_WORD,
)
_TURN = st.tuples(
    st.sampled_from(["Interviewer", "Participant", "Observer"]),
    st.lists(_TOKEN, min_size=1, max_size=60).map(" ".join),
)


def _citable_offsets(transcript: Transcript, turn: int) -> set[int]:
    """Offsets of a turn that may be cited: not read-backs, number runs or logistics."""
    utt = transcript.utterances[turn]
    question = interviewer_context(transcript.utterances, turn)
    spans = citable_spans(utt.text, question)
    return {utt.start + i for start, end in spans for i in range(start, end)}


@settings(max_examples=120, deadline=None)
@given(st.lists(_TURN, min_size=1, max_size=8), st.integers(min_value=20, max_value=300))
def test_segments_cover_participant_text_exactly_once(
    turns: list[tuple[str, str]], max_chars: int
) -> None:
    transcript = _read([f"{label}: {words}" for label, words in turns])
    segments = _segments(transcript, max_chars)
    covered = [0] * len(transcript.text)
    for seg in segments:
        assert seg.text == transcript.text[seg.start : seg.end]
        assert seg.text and seg.text == seg.text.strip()
        assert len(seg.text) <= max_chars
        assert seg.id == segment_id(SOURCE, seg.start, seg.end)
        utt = transcript.utterances[seg.turn]
        assert utt.role is Role.PARTICIPANT
        assert utt.start <= seg.start and seg.end <= utt.end
        assert (seg.participant, seg.location) == (utt.speaker, utt.location)
        assert 0.0 <= seg.position <= 1.0
        for index in range(seg.start, seg.end):
            covered[index] += 1
    for turn, utt in enumerate(transcript.utterances):
        citable = _citable_offsets(transcript, turn)
        for index in range(utt.start, utt.end):
            if transcript.text[index].isspace():
                continue
            expected = 1 if utt.role is Role.PARTICIPANT and index in citable else 0
            assert covered[index] == expected
    ids = [seg.id for seg in segments]
    assert len(ids) == len(set(ids))
    again = _segments(_read([f"{label}: {words}" for label, words in turns]), max_chars)
    assert [seg.id for seg in again] == ids


def test_long_turn_is_split_on_sentence_boundaries() -> None:
    answer = (
        "The first month was fine. Then the price went up without warning. "
        "I called support twice. Nobody could explain it."
    )
    transcript = _read(["Interviewer: How was renewal?", f"Participant: {answer}"])
    segments = _segments(transcript, max_chars=70)
    assert [seg.text for seg in segments] == [
        "The first month was fine. Then the price went up without warning.",
        "I called support twice. Nobody could explain it.",
    ]
    assert " ".join(seg.text for seg in segments) == answer


def test_an_over_long_sentence_is_split_at_a_word_boundary() -> None:
    sentence = "and then " * 20 + "it finally worked"
    transcript = _read([f"Participant: {sentence}", "Participant: ok"])
    windows = [seg for seg in _segments(transcript, max_chars=50) if seg.turn == 0]
    assert len(windows) > 2
    for seg in windows[:-1]:
        assert len(seg.text) <= 50
        assert transcript.text[seg.end] == " "
    assert " ".join(seg.text for seg in windows) == sentence


def test_context_is_the_interviewer_question_within_three_turns() -> None:
    transcript = _read(
        [
            "Interviewer: What happened when the payment failed?",
            "Participant: I got an e-mail.",
            "Observer: (notes the time)",
            "Participant: Then a letter.",
            "Participant: Then a call.",
            "Participant: Then nothing for weeks.",
        ]
    )
    contexts = [seg.context for seg in _segments(transcript)]
    question = "What happened when the payment failed?"
    assert contexts == [question, question, "", ""]


def test_long_context_keeps_the_question_end_on_a_word_boundary() -> None:
    preamble = " ".join(["We talked about many things before this point."] * 12)
    question = f"{preamble} So, what made you cancel?"
    transcript = _read([f"Interviewer: {question}", "Participant: The price."])
    (segment,) = _segments(transcript)
    assert segment.context.endswith("So, what made you cancel?")
    assert len(segment.context) <= 301
    assert segment.context.startswith("…")
    assert question.endswith(segment.context[1:])
    assert question[-len(segment.context[1:]) - 1] == " "


def test_turn_and_position_follow_the_conversation() -> None:
    transcript = _read(
        [
            "Interviewer: Hi?",
            "Participant: Mostly online.",
            "Interviewer: Why?",
            "Participant: Because.",
        ]
    )
    segments = _segments(transcript)
    assert [(seg.turn, seg.position) for seg in segments] == [(1, 1 / 3), (3, 1.0)]
    single = _segments(_read(["Participant: Just me."]))
    assert [(seg.turn, seg.position) for seg in single] == [(0, 0.0)]


def test_interviewer_and_other_turns_never_become_segments() -> None:
    transcript = _read(["Interviewer: Anything?", "Observer: Nothing.", "Interviewer: Ok?"])
    assert _segments(transcript) == []


def test_diary_fields_are_carried_to_segments() -> None:
    data = b"participant,date,prompt,entry\nP1,2024-03-04,Paying,Paid late.\n"
    transcript = read_transcript(data, "diary.csv")
    (segment,) = _segments(transcript)
    assert (segment.date, segment.prompt, segment.kind.value) == ("2024-03-04", "Paying", "diary")
    assert (segment.file_name, segment.study, segment.source_id) == ("diary.csv", "s", SOURCE)


def test_segment_size_must_be_positive() -> None:
    with pytest.raises(ConfigError):
        _segments(_read(["Participant: hi"]), max_chars=0)
