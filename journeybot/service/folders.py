"""Which files of a folder given to ``ingest`` are read, and why the others are not.

A folder of transcripts often carries a README, a licence or a stage file beside them. A
README.md is Markdown, a format we read, so it used to be ingested as one more
participant's words. Files inside a folder whose name marks them as the folder's own
papers are skipped, as are files in formats we do not read, hidden files and folders
within the folder; each one is
named in the report with its reason, so nothing is dropped unseen. A file named on the
command line itself is always read: that is what was asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from journeybot.core.models import SkippedFile
from journeybot.core.text import clean_name
from journeybot.ingestion import SUPPORTED_EXTENSIONS

#: Names (case and extension aside) of files that describe a folder or its licence.
FOLDER_PAPERS = frozenset(
    {
        "readme",
        "license",
        "licence",
        "copying",
        "notice",
        "authors",
        "contributors",
        "contributing",
        "changelog",
        "changes",
        "history",
        "code_of_conduct",
        "security",
    }
)


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read as a transcript (``None``: it is)."""
    if path.name.startswith("."):
        return "a hidden file"
    stem = path.name.split(".", 1)[0].lower().replace("-", "_")
    if stem in FOLDER_PAPERS:
        return "a folder's README, licence or similar, not a transcript"
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        kinds = ", ".join(SUPPORTED_EXTENSIONS)
        return f"not a format Journeybot reads ({kinds})"
    return None


def expand_paths(paths: Sequence[Path]) -> tuple[list[Path], list[SkippedFile]]:
    """Files as given, folders expanded to the transcripts directly inside them, and
    every other file of those folders with the reason it was left out."""
    files: list[Path] = []
    skipped: list[SkippedFile] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        for found in sorted(path.iterdir()):
            reason: str | None = "a folder inside it (only files directly inside are read)"
            if found.is_file():
                reason = skip_reason(found)
            if reason is None:
                files.append(found)
            else:
                skipped.append(SkippedFile(file=clean_name(found.name), reason=reason))
    return files, skipped
