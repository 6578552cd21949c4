"""WebVTT and SubRip caption files as exported by Zoom, Teams and captioning tools.

Caption tools cut speech into cues of a few seconds, so a long answer arrives as many
cues. Turns are rebuilt by speaker: a cue continues the previous turn unless it names a
different speaker, which is also how SubRip files that name the speaker only on the
first cue of a turn read correctly.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from journeybot.core.models import Transcript
from journeybot.ingestion.building import RawTurn, build_transcript, header_turn
from journeybot.ingestion.header import take_header
from journeybot.ingestion.labels import (
    NOT_LABELS,
    is_role_word,
    looks_like_dialogue,
    looks_like_label,
    normalise_timestamp,
    role_key,
)

#: "00:01:02.500 --> 00:01:05.000" (WebVTT, SubRip), or "0:01:02.500,0:01:05.000"
#: (SubViewer, YouTube's .sbv).
_TIMING_RE = re.compile(
    r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)\s*(?:-->\s*|,)"
    r"(?P<end>(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)"
)
_VOICE_RE = re.compile(r"<v(?:\.[^\s>]+)*\s+(?P<name>[^>]+)>")
_TAG_RE = re.compile(r"</?[^>]+>")
_SSA_RE = re.compile(r"\{\\[^}]*\}")
#: "Sarah: ...", "- Sarah: ...", ">> Sarah: ..." (broadcast style) or "[Sarah] ...".
_SPEAKER_RE = re.compile(
    r"^\s*(?:(?:[-–]|>>)\s*)?"
    r"(?:(?P<label>[^:\[\]]{1,40}?)\s*:|\[(?P<tag>[^\[\]:]{1,40})\])\s+(?P<rest>\S.*)$"
)
_SKIPPED_BLOCKS = ("WEBVTT", "NOTE", "STYLE", "REGION")
_RECURRING = 2
_MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class Cue:
    start: str
    lines: tuple[str, ...]


def read_captions(
    text: str, file_name: str, *, format: str, interviewers: Sequence[str] = ()
) -> Transcript:
    cues, untimed = parse_cues_counting(text)
    turns, unlabelled = cue_turns(cues)
    header, _ = take_header(note_lines(text))
    if header:
        turns.insert(0, header_turn(header, cues[0].start if cues else "00:00:00"))
    warnings = []
    if untimed:
        warnings.append(
            f"{_cues(untimed)} with unreadable timestamps kept without times (cited by cue number)"
        )
    if unlabelled and not any(turn.label for turn in turns):
        warnings.append(
            "no speaker names were found in the captions, so all text was taken as "
            "one participant's words; export the captions with speaker names if others speak"
        )
    return build_transcript(
        turns, file_name=file_name, format=format, interviewers=interviewers, warnings=warnings
    )


def note_lines(text: str) -> list[str]:
    """The lines of the file's NOTE blocks, where a header block lives in WebVTT."""
    lines: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        first, *rest = block.split("\n")
        if first.strip().startswith("NOTE"):
            lines.extend([first.strip()[len("NOTE") :].strip(), *rest])
    return lines


def parse_cues(text: str) -> list[Cue]:
    return parse_cues_counting(text)[0]


def parse_cues_counting(text: str) -> tuple[list[Cue], int]:
    """Cues in file order, and how many were kept without a readable time.

    Header, NOTE/STYLE/REGION blocks and cue ids are dropped. A cue whose timing line
    cannot be read keeps its words, located by its cue number, so nothing said is lost.
    """
    cues: list[Cue] = []
    untimed = 0
    blocks = [block.split("\n") for block in re.split(r"\n\s*\n", text.strip())]
    kept = [lines for lines in blocks if not lines[0].strip().startswith(_SKIPPED_BLOCKS)]
    for number, lines in enumerate(kept, start=1):
        cue = _timed_cue(lines)
        if cue is None:
            cue = _untimed_cue(lines, number)
            untimed += cue is not None
        if cue is not None:
            cues.append(cue)
    return cues, untimed


def _timed_cue(lines: list[str]) -> Cue | None:
    for index, line in enumerate(lines):
        timing = _TIMING_RE.match(line)
        if timing is None:
            continue
        payload = tuple(rest for rest in lines[index + 1 :] if rest.strip())
        return Cue(normalise_timestamp(timing.group("start")), payload) if payload else None
    return None


def _untimed_cue(lines: list[str], number: int) -> Cue | None:
    """A block with an arrow we cannot read, or text with no timing line at all."""
    arrow = next((i for i, line in enumerate(lines) if "-->" in line), None)
    if arrow is None:
        lines = [line for line in lines if not line.strip().isdigit()]
        arrow = -1
    payload = tuple(rest for rest in lines[arrow + 1 :] if rest.strip())
    return Cue(f"cue {number}", payload) if payload else None


def _cues(count: int) -> str:
    return "1 cue" if count == 1 else f"{count} cues"


@dataclass(frozen=True)
class _CueLine:
    start: str
    voice: str | None
    words: str
    label: str | None = None
    rest: str = ""
    #: Written "[Sarah] ...": the form sound tags take too ("[Laughter] yeah"), so such a
    #: name counts only when it recurs and is no sound.
    bracketed: bool = False


def cue_turns(cues: Sequence[Cue]) -> tuple[list[RawTurn], bool]:
    """Turns rebuilt across cues; also says whether text without any speaker was seen."""
    names = _names_on_own_line(cues)
    lines = [line for cue in cues for line in _cue_lines(cue, names)]
    counts = Counter(line.label for line in lines if line.label)
    turns: list[RawTurn] = []
    unlabelled = False
    for line in lines:
        speaker, words = line.voice, line.words
        if speaker is None and line.label and _caption_label(line, counts[line.label]):
            speaker, words = line.label, line.rest
        if not words:
            continue
        if speaker and (not turns or turns[-1].label != speaker):
            turns.append(RawTurn(speaker, words, line.start))
        elif turns:
            turns[-1].add(words)
        else:
            unlabelled = True
            turns.append(RawTurn("", words, line.start))
    return turns, unlabelled


def _names_on_own_line(cues: Sequence[Cue]) -> frozenset[str]:
    """Names some tools print as a cue's first line, the words below ('Sarah Jones' /
    'How did it go?'): kept when two or more recur that way, as in a dialogue."""
    firsts = Counter(
        cue.lines[0].strip()
        for cue in cues
        if len(cue.lines) > 1 and _VOICE_RE.search(cue.lines[0]) is None
    )
    names = frozenset(
        name
        for name, count in firsts.items()
        if (count >= _RECURRING or is_role_word(name))
        and looks_like_label(name)
        and not name.endswith(".")
    )
    blocks = [
        (cue.lines[0].strip(), " ".join(cue.lines[1:]))
        for cue in cues
        if cue.lines[0].strip() in names and len(cue.lines) > 1
    ]
    if len(names) < _RECURRING or not looks_like_dialogue(blocks):
        return frozenset()
    return names


def _cue_lines(cue: Cue, names: frozenset[str]) -> list[_CueLine]:
    first = cue.lines[0].strip()
    if first in names and len(cue.lines) > 1:
        return [_cue_line(cue.start, raw, speaker=first) for raw in cue.lines[1:]]
    return [_cue_line(cue.start, raw) for raw in cue.lines]


def _cue_line(start: str, line: str, speaker: str | None = None) -> _CueLine:
    voice = _VOICE_RE.search(line)
    speaker = html.unescape(voice.group("name")).strip() if voice else speaker
    words = html.unescape(_SSA_RE.sub("", _TAG_RE.sub("", line))).strip()
    named = _SPEAKER_RE.match(words) if speaker is None else None
    if named is None:
        return _CueLine(start, speaker, words)
    label = (named.group("label") or named.group("tag")).strip()
    bracketed = named.group("tag") is not None
    return _CueLine(start, None, words, label, named.group("rest").strip(), bracketed)


def _caption_label(line: _CueLine, count: int) -> bool:
    """Meeting tools print display names as typed ('jane.doe', 'sam k'); recurring is enough."""
    label = line.label or ""
    if line.bracketed and (count < _RECURRING or role_key(label) in NOT_LABELS):
        return False
    if looks_like_label(label) or is_role_word(label):
        return True
    words = label.split()
    return (
        count >= _RECURRING
        and len(words) <= _MAX_NAME_WORDS
        and role_key(label) not in NOT_LABELS
        and not any(mark in label for mark in '?!,;"')
    )
