"""From raw turns (what a reader found) to a ``Transcript`` with canonical text.

Every reader ends here, so the rules that make offsets trustworthy live once: text is
NFC-normalised and whitespace-collapsed, the canonical text is rebuilt from the turns,
and each utterance's offsets are taken while that text is written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeybot.core.errors import EmptyFileError
from journeybot.core.models import Role, SourceKind, Transcript, Utterance, content_hash
from journeybot.core.text import collapse_whitespace, without_controls
from journeybot.ingestion.labels import (
    is_generic_participant,
    label_role,
    participant_code,
    participant_from_file_name,
)

#: Speaker id of unlabelled text kept for the record but never cited (preambles).
NOTES_SPEAKER = "notes"
_QUESTION_SHARE_MIN = 0.25
_QUESTION_SHARE_LEAD = 2.0
_BACKCHANNEL_MAX_WORDS = 3
_QUESTIONS_MIN = 2


@dataclass
class RawTurn:
    """One turn as a reader found it, before normalisation and role assignment."""

    label: str
    text: str
    location: str
    date: str | None = None
    prompt: str | None = None
    role: Role | None = None
    speaker: str | None = None
    parts: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)

    def full_text(self) -> str:
        return " ".join([self.text, *self.parts])


def normalise(text: str) -> str:
    return collapse_whitespace(without_controls(unicodedata.normalize("NFC", text)))


def utterance_header(label: str, location: str) -> str:
    """What precedes an utterance's words in the canonical text."""
    prefix = f"[{location}] " if _is_clock(location) else ""
    return f"{prefix}{label}: " if label else prefix


def _is_clock(location: str) -> bool:
    return len(location) == 8 and location[2] == ":" and location[5] == ":"


def assemble(
    utterances: Sequence[Utterance],
) -> tuple[str, list[Utterance]]:
    """Canonical text from utterances, and the utterances with their offsets in it."""
    pieces: list[str] = []
    placed: list[Utterance] = []
    cursor = 0
    for index, utt in enumerate(utterances):
        header = utterance_header(utt.label, utt.location)
        start = cursor + len(header)
        end = start + len(utt.text)
        separator = "\n\n" if index < len(utterances) - 1 else "\n"
        pieces.extend((header, utt.text, separator))
        cursor = end + len(separator)
        placed.append(utt.model_copy(update={"start": start, "end": end}))
    return "".join(pieces), placed


def build_transcript(
    turns: Sequence[RawTurn],
    *,
    file_name: str,
    format: str,
    kind: SourceKind = SourceKind.INTERVIEW,
    interviewers: Sequence[str] = (),
    warnings: Sequence[str] = (),
) -> Transcript:
    kept = [turn for turn in turns if normalise(turn.full_text())]
    if not kept:
        raise EmptyFileError(file_name, "no transcript text was found in the file")
    notes = list(warnings)
    assign_speakers(kept, file_name)
    notes.extend(assign_roles(kept, interviewers))
    utterances = [
        Utterance(
            speaker=turn.speaker or turn.label,
            label=normalise(turn.label),
            role=turn.role or Role.PARTICIPANT,
            text=normalise(turn.full_text()),
            location=turn.location,
            start=0,
            end=0,
            date=turn.date,
            prompt=turn.prompt,
        )
        for turn in kept
    ]
    text, placed = assemble(utterances)
    return Transcript(
        file_name=file_name,
        format=format,
        kind=kind,
        text=text,
        utterances=placed,
        warnings=notes,
        content_hash=content_hash(text),
    )


def assign_speakers(turns: Sequence[RawTurn], file_name: str) -> None:
    """Generic labels become the file's participant id; names stay names."""
    stem_id = participant_from_file_name(file_name)
    for turn in turns:
        if turn.speaker:
            continue
        label = normalise(turn.label)
        if not label or is_generic_participant(label):
            turn.speaker = stem_id
        else:
            turn.speaker = participant_code(label) or label


def assign_roles(turns: Sequence[RawTurn], interviewers: Sequence[str]) -> list[str]:
    """Set each turn's role; returns warnings about guesses made."""
    named = {normalise(name).casefold() for name in interviewers if normalise(name)}
    for turn in turns:
        if turn.role is not None:
            continue
        label = normalise(turn.label)
        if label.casefold() in named or (turn.speaker or "").casefold() in named:
            turn.role = Role.INTERVIEWER
        else:
            turn.role = label_role(label) if label else None
    warnings: list[str] = []
    if not any(turn.role is Role.INTERVIEWER for turn in turns):
        warnings = _missing_interviewer_warning(named) + _apply_guess(turns)
    for turn in turns:
        if turn.role is None:
            turn.role = Role.PARTICIPANT
    return warnings


def _apply_guess(turns: Sequence[RawTurn]) -> list[str]:
    guessed = _guess_interviewer(turns)
    if guessed is None:
        return []
    for turn in turns:
        if turn.speaker == guessed and turn.role is None:
            turn.role = Role.INTERVIEWER
    return [
        f"took '{guessed}' as the interviewer because most of their turns are "
        "questions; if that is wrong, forget the file (`journeybot forget FILE --study S`) "
        "and ingest it again with `--interviewer NAME`"
    ]


def _missing_interviewer_warning(named: set[str]) -> list[str]:
    if not named:
        return []
    names = ", ".join(sorted(named))
    return [
        f"no speaker called {names} was found, so the interviewer was not set by name; "
        "check the name given to `--interviewer` against the file's speaker labels"
    ]


def _guess_interviewer(turns: Sequence[RawTurn]) -> str | None:
    """The speaker who mostly asks questions, in a conversation with no known interviewer."""
    asked: dict[str, list[bool]] = {}
    for turn in turns:
        if turn.role is not None or is_generic_participant(normalise(turn.label)):
            continue
        if turn.speaker is None or turn.speaker == NOTES_SPEAKER:
            continue
        asked.setdefault(turn.speaker, []).extend(_question_flags(turn))
    speakers = {t.speaker for t in turns if t.role is not Role.OTHER and t.speaker}
    if len(speakers) < 2 or not asked:
        return None
    shares = {speaker: sum(flags) / len(flags) for speaker, flags in asked.items() if flags}
    candidates = [s for s in shares if sum(asked[s]) >= _QUESTIONS_MIN]
    if not candidates:
        return None
    top = max(candidates, key=lambda speaker: shares[speaker])
    others = [share for speaker, share in shares.items() if speaker != top]
    runner_up = max([*others, _generic_share(turns)])
    if shares[top] >= _QUESTION_SHARE_MIN and shares[top] >= _QUESTION_SHARE_LEAD * runner_up:
        return top
    return None


def _generic_share(turns: Sequence[RawTurn]) -> float:
    flags = [
        flag
        for turn in turns
        if turn.role is Role.PARTICIPANT and turn.label
        for flag in _question_flags(turn)
    ]
    return sum(flags) / len(flags) if flags else 0.0


def _question_flags(turn: RawTurn) -> list[bool]:
    """[asked?] for a substantive turn; [] for back-channel like 'Okay.' or 'Mhm.'."""
    text = normalise(turn.full_text())
    asks = text.rstrip(" \"')”’").endswith("?")
    if asks or len(text.split()) > _BACKCHANNEL_MAX_WORDS:
        return [asks]
    return []
