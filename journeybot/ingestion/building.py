"""From raw turns (what a reader found) to a ``Transcript`` with canonical text.

Every reader ends here, so the rules that make offsets trustworthy live once: text is
NFC-normalised and whitespace-collapsed, the canonical text is rebuilt from the turns,
and each utterance's offsets are taken while that text is written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeybot.core.errors import EmptyFileError, UnlabelledConversationError
from journeybot.core.models import (
    Role,
    SourceKind,
    SpeakerRole,
    Transcript,
    Utterance,
    content_hash,
)
from journeybot.core.text import collapse_whitespace, short_list, without_controls
from journeybot.ingestion.header import Header, name_keys, person_keys
from journeybot.ingestion.labels import (
    is_generic_participant,
    label_role,
    participant_code,
    participant_from_file_name,
    role_prefixed,
)
from journeybot.ingestion.roles import Decision, infer_decisions, speaker_stats, stated_decisions
from journeybot.ingestion.voices import introduced_names, several_voices

#: Speaker id of unlabelled text kept for the record but never cited (preambles).
NOTES_SPEAKER = "notes"


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
    header: Header | None = None

    def add(self, text: str) -> None:
        self.parts.append(text)

    def full_text(self) -> str:
        return " ".join([self.text, *self.parts])


def header_turn(header: Header, location: str) -> RawTurn:
    """The header block kept in the record as notes: nobody's words, never cited."""
    turn = RawTurn("", "", location, role=Role.OTHER, speaker=NOTES_SPEAKER, header=header)
    for line in header.lines:
        turn.add(line)
    return turn


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
    header = next((turn.header for turn in turns if turn.header), Header())
    if not kept:
        raise EmptyFileError(file_name, "no transcript text was found in the file")
    notes = list(warnings)
    refuse_unlabelled_conversation(kept, file_name, header)
    assign_speakers(kept, file_name, header)
    speakers, role_notes = assign_roles(kept, interviewers, header)
    notes.extend(role_notes)
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
        speakers=speaker_roles(placed, speakers),
    )


def refuse_unlabelled_conversation(
    turns: Sequence[RawTurn], file_name: str, header: Header
) -> None:
    """Raise when no turn is labelled and the text shows several people speaking
    (``voices``): stored under one name, a host's questions and thanks would be quoted
    as the participant's. A header naming the participant is the researcher saying
    whose words they are, and is followed."""
    spoken = [turn for turn in turns if turn.role is None and turn.speaker != NOTES_SPEAKER]
    if not spoken or any(turn.label for turn in spoken) or header.participants():
        return
    evidence = several_voices([normalise(turn.full_text()) for turn in spoken])
    if evidence is None:
        return
    raise UnlabelledConversationError(
        file_name,
        f"no speaker labels were found, but several people speak in it ({evidence}). "
        "Whose words are whose cannot be told, so nothing from it was stored. Put each "
        "speaker's name or role before their words ('Interviewer:', 'Sam:') and upload it "
        "again; if it is all one person's words, start it with a line 'Participant: NAME'.",
    )


def assign_speakers(turns: Sequence[RawTurn], file_name: str, header: Header) -> None:
    """Generic labels become the file's participant id; names stay names.

    With a header naming one participant, generic labels and labels keyed to the
    participant ('A' under 'A = participant') are that person; a label that is a header
    person's name or first name takes the id the header gives them.
    """
    listed = header.participants()
    stem_id = participant_from_file_name(file_name)
    if len(listed) == 1:
        stem_id = listed[0].code or listed[0].name
    for turn in turns:
        if turn.speaker:
            continue
        label = normalise(turn.label)
        keyed = header.label_roles.get(label.casefold())
        if not label or is_generic_participant(label) or keyed is Role.PARTICIPANT:
            turn.speaker = stem_id
        else:
            prefixed = role_prefixed(label)
            name = prefixed[1] if prefixed else label
            turn.speaker = _header_id(name, header) or participant_code(name) or name


def _header_id(label: str, header: Header) -> str | None:
    keys = name_keys(label)
    for person in header.people:
        if keys & person_keys(person):
            return person.code or person.name
    return None


def assign_roles(
    turns: Sequence[RawTurn], interviewers: Sequence[str], header: Header
) -> tuple[dict[str, Decision], list[str]]:
    """Set each turn's role from its speaker's decision; returns decisions and warnings."""
    spoken = [t for t in turns if t.role is None and t.speaker != NOTES_SPEAKER]
    stats = speaker_stats(
        [(t.speaker or "", normalise(t.label), normalise(t.full_text())) for t in spoken]
    )
    stated, warnings = stated_decisions(stats, header, [normalise(n) for n in interviewers])
    merged, merged_notes = _labels_of_several(spoken, stated)
    decisions, inferred_notes = infer_decisions(stats, {**merged, **stated})
    warnings.extend(merged_notes)
    named = [normalise(name) for name in interviewers if normalise(name)]
    if named and not any(d.decided_by == "named" for d in decisions.values()):
        names = ", ".join(sorted(name.casefold() for name in named))
        warnings.append(
            f"no speaker called {names} was found, so the interviewer was not set by name"
        )
    for turn in spoken:
        turn.role = decisions[turn.speaker or ""].role
    for turn in turns:
        if turn.role is None:
            turn.role = Role.PARTICIPANT
    return decisions, [*warnings, *inferred_notes]


def _labels_of_several(
    spoken: Sequence[RawTurn], stated: dict[str, Decision]
) -> tuple[dict[str, Decision], list[str]]:
    """Speakers whose label is no one person: under it, two people introduce themselves
    by different names ("Guest Introductions:" above two guests' hellos, "Panelist
    Introductions:" above a panel's). Their words stay in the record as context and are
    never cited. Role labels ("Participant:" for everyone in a group) are left as they
    are: the file says they are participants, and one quotable voice beats none."""
    texts: dict[str, list[str]] = {}
    for turn in spoken:
        label = normalise(turn.label)
        if label and (turn.speaker or "") not in stated and label_role(label) is None:
            texts.setdefault(turn.speaker or "", []).append(normalise(turn.full_text()))
    decisions: dict[str, Decision] = {}
    notes: list[str] = []
    for speaker, paragraphs in texts.items():
        names = introduced_names(paragraphs)
        if len(names) < 2:
            continue
        shown = short_list(names)
        decisions[speaker] = Decision(
            Role.OTHER,
            "conversation",
            f"no one person: {len(names)} people introduce themselves under it ({shown})",
        )
        notes.append(
            f"'{speaker}' is not one person: {len(names)} people introduce themselves under "
            f"that label ({shown}), so its words are kept but never quoted; label each "
            "speaker to use them"
        )
    return decisions, notes


def speaker_roles(
    utterances: Sequence[Utterance], decisions: dict[str, Decision]
) -> list[SpeakerRole]:
    """The per-speaker report of a transcript: role, how it was decided, share of words."""
    stats = speaker_stats(
        [(u.speaker, u.label, u.text) for u in utterances if u.speaker != NOTES_SPEAKER]
    )
    total = sum(s.words for s in stats) or 1
    roles = {u.speaker: u.role for u in utterances}
    report = []
    for entry in stats:
        decision = decisions.get(entry.speaker)
        report.append(
            SpeakerRole(
                speaker=entry.speaker,
                labels=entry.labels,
                role=roles[entry.speaker],
                decided_by=decision.decided_by if decision else "reader",
                reason=decision.reason if decision else "set by the file's format",
                words=entry.words,
                turns=entry.turns,
                share=round(entry.words / total, 3),
            )
        )
    return report
