"""Every error a user can cause or meet, each with a message fit to show them.

Interfaces (the CLI, the Slack error handler) turn these into replies in one place
each; nothing below them formats errors for people. A message is one sentence that
names the thing (file, study, setting) and says what to do where something can be done.
"""

from __future__ import annotations

from collections.abc import Sequence

from journeybot.core.suggest import closest, did_you_mean


class JourneybotError(Exception):
    """Base of all expected failures; ``str(err)`` is the user-facing sentence."""

    #: Short machine-readable kind, used in JSON output and logs.
    code: str = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def user_message(self) -> str:
        return self.message


# --- input files -----------------------------------------------------------------


class InputFileError(JourneybotError):
    """A file could not be ingested; carries the file name so reports can name it."""

    code = "bad_file"

    def __init__(self, file_name: str, reason: str) -> None:
        super().__init__(f"{file_name}: {reason}")
        self.file_name = file_name
        self.reason = reason


class EmptyFileError(InputFileError):
    code = "empty_file"

    def __init__(self, file_name: str, detail: str = "the file is empty") -> None:
        super().__init__(file_name, detail)


class FileTooLargeError(InputFileError):
    code = "file_too_large"

    def __init__(self, file_name: str, size: int, limit: int) -> None:
        super().__init__(
            file_name,
            f"the file is {_mb(size)}, over the {_mb(limit)} limit "
            "(raise JOURNEYBOT_MAX_FILE_MB to allow larger files)",
        )
        self.size = size
        self.limit = limit


class UnsupportedFormatError(InputFileError):
    code = "unsupported_format"


class CorruptFileError(InputFileError):
    code = "corrupt_file"


class EncodingError(InputFileError):
    code = "encoding"


class MissingColumnsError(InputFileError):
    code = "missing_columns"


class NoParticipantTextError(InputFileError):
    code = "no_participant_text"


class UnlabelledConversationError(InputFileError):
    """Several people speak in a file and none of them is labelled: whose words are
    whose cannot be told, so nothing of it is stored under one name."""

    code = "unlabelled_conversation"


class SegmentLimitError(InputFileError):
    """A file would pass a configured cap on segments per source or per study."""

    code = "too_many_segments"


class UnreadableFileError(InputFileError):
    """A well-formed file whose text cannot be reached (password, scanned PDF)."""

    code = "unreadable_file"


# --- configuration and infrastructure --------------------------------------------


class ConfigError(JourneybotError):
    code = "config"


class ModelFileError(ConfigError):
    code = "model_file"


class StoreUnavailableError(JourneybotError):
    code = "store_unavailable"


class StoreBusyError(StoreUnavailableError):
    """Another process held the store (or the writer lock) for longer than we wait."""

    code = "store_busy"


# --- lookups and usage -----------------------------------------------------------


class UsageError(JourneybotError):
    """The request itself is wrong (bad option, bad stages file); exit code 2."""

    code = "usage"


class NotFoundError(JourneybotError):
    code = "not_found"


class StudyNotFoundError(NotFoundError):
    code = "study_not_found"

    def __init__(self, study: str, known: Sequence[str] = ()) -> None:
        hint = did_you_mean(study, known) or "; ingest a transcript into it first."
        super().__init__(f"There is no study '{study}'{hint}")
        self.study = study
        self.suggestion = closest(study, known)


class SourceNotFoundError(NotFoundError):
    code = "source_not_found"

    def __init__(self, study: str, name: str, known: Sequence[str] = ()) -> None:
        hint = did_you_mean(name, known) or "."
        super().__init__(f"Study '{study}' has no source called '{name}'{hint}")
        self.study = study
        self.name = name
        self.suggestion = closest(name, known)


class PersonaNotFoundError(NotFoundError):
    code = "persona_not_found"

    def __init__(self, study: str, persona: str, known: list[str]) -> None:
        choices = ", ".join(known) if known else "none yet: run personas first"
        hint = did_you_mean(persona, known)
        super().__init__(
            f"Study '{study}' has no persona '{persona}' (known personas: {choices}){hint}"
            + ("" if hint else ".")
        )
        self.suggestion = closest(persona, known)


class SpeakerNotFoundError(NotFoundError):
    code = "speaker_not_found"

    def __init__(self, file_name: str, name: str, known: list[str]) -> None:
        choices = ", ".join(f"'{k}'" for k in known) if known else "none"
        super().__init__(
            f"{file_name} has no speaker called '{name}' (its speakers: {choices}); "
            "nothing was changed."
        )


class ParticipantNotFoundError(NotFoundError):
    code = "participant_not_found"

    def __init__(self, study: str, unknown: list[str], known: list[str]) -> None:
        names = ", ".join(f"'{u}'" for u in unknown)
        choices = ", ".join(known) if known else "none"
        super().__init__(
            f"Study '{study}' has no participant {names} (known participants: {choices}); "
            "nothing was changed."
        )


class NoEvidenceError(JourneybotError):
    code = "no_evidence"


class AccessDeniedError(JourneybotError):
    code = "access_denied"


# --- drafting and review ---------------------------------------------------------


class DraftingError(JourneybotError):
    """The drafting engine could not produce a valid draft; nothing was saved."""

    code = "drafting"


class PersonaGroupingError(DraftingError):
    """The model never grouped participants into personas usably; the llm engine then
    drafts personas with the extractive engine and says so in the coverage."""


class ReviewFileError(JourneybotError):
    """A reviewed Word file cannot be applied; nothing was changed."""

    code = "review_file"


class ExportError(JourneybotError):
    """An export file could not be written; no partial file is left behind."""

    code = "export"


class NotADraftError(ReviewFileError):
    """The Word file carries no Journeybot draft marker: it is input, not a review.

    The Slack bot ingests such a file as a transcript instead of applying it.
    """

    code = "not_a_draft"


# --- Slack -----------------------------------------------------------------------


class SlackFileError(JourneybotError):
    code = "slack_file"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


class ModelOutputError(DraftingError):
    """The language model's replies stayed unusable after the allowed retries."""

    code = "model_output"


class ContextOverflowError(DraftingError):
    """A prompt was larger than the language model's context window."""

    code = "context_overflow"


class ModelUnavailableError(DraftingError):
    """The language model could not be reached or refused the credentials."""

    code = "model_unavailable"
