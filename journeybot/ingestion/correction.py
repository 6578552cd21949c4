"""A researcher's correction of who a speaker is, applied to a stored source.

The stored text and its turns (offsets into that text) are enough: the file is not read
again, so a correction works the same on an upload from months ago, and the text the
segments are cut from is exactly the text already stored.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeybot.core.errors import SpeakerNotFoundError
from journeybot.core.models import Role, SpeakerRole, Transcript, Utterance
from journeybot.ingestion.building import NOTES_SPEAKER, speaker_roles
from journeybot.ingestion.header import name_keys
from journeybot.ingestion.redaction import initial_surnames, known_surnames
from journeybot.ingestion.roles import Decision


def find_speaker(file_name: str, speakers: Sequence[SpeakerRole], name: str) -> SpeakerRole:
    """The speaker ``name`` means: by id or by any label, ignoring case and '(Guest)'."""
    typed = " ".join(name.split())
    # A full name matches the label redaction left ("Tom Bradley" -> "Tom B.").
    wanted = name_keys(typed) | name_keys(initial_surnames(typed, known_surnames([typed])))
    for entry in speakers:
        if wanted & _keys(entry):
            return entry
    by_first = [e for e in speakers if wanted & {key.split()[0] for key in _keys(e) if key}]
    if len(by_first) == 1:
        return by_first[0]
    raise SpeakerNotFoundError(file_name, name, [entry.speaker for entry in speakers])


def _keys(entry: SpeakerRole) -> set[str]:
    return name_keys(entry.speaker).union(*(name_keys(label) for label in entry.labels))


def corrected_transcript(
    transcript: Transcript,
    speakers: Sequence[SpeakerRole],
    name: str,
    role: Role,
    as_id: str | None = None,
) -> Transcript:
    """The transcript with one speaker's role (and maybe id) set by the researcher."""
    target = find_speaker(transcript.file_name, speakers, name)
    new_id = " ".join(as_id.split()) if as_id and as_id.strip() else target.speaker
    utterances = [
        utt.model_copy(update={"role": role, "speaker": new_id})
        if utt.speaker == target.speaker
        else utt
        for utt in transcript.utterances
    ]
    decisions = {
        entry.speaker: Decision(entry.role, entry.decided_by, entry.reason) for entry in speakers
    }
    renamed = f" as '{new_id}'" if new_id != target.speaker else ""
    decisions[new_id] = Decision(
        role, "researcher", f"set to {role.value}{renamed} by a researcher"
    )
    return transcript.model_copy(
        update={"utterances": utterances, "speakers": speaker_roles(utterances, decisions)}
    )


def stored_transcript(
    text: str, turns: Sequence[Utterance], *, file_name: str, format: str, kind: str
) -> Transcript:
    """A transcript rebuilt from a source's stored text and its text-free turns."""
    utterances = [turn.model_copy(update={"text": text[turn.start : turn.end]}) for turn in turns]
    return Transcript.model_validate(
        {
            "file_name": file_name,
            "format": format,
            "kind": kind,
            "text": text,
            "utterances": [u.model_dump() for u in utterances],
        }
    )


__all__ = ["NOTES_SPEAKER", "corrected_transcript", "find_speaker", "stored_transcript"]
