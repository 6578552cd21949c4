"""Zip-based uploads (.docx, .xlsx) checked before any library opens them.

A small upload that inflates to gigabytes (a zip bomb) must fail fast with a clear
message, not take the bot's memory; the declared sizes are enough, since ``zipfile``
never returns more than a member's declared size (a lying header fails its CRC check).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from journeybot.core.errors import CorruptFileError

#: What reading a broken zip raises; zipfile raises NotImplementedError for a compression
#: method it cannot read, which is a file we cannot open, not missing code of ours.
_BROKEN_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
)


@dataclass(frozen=True)
class ArchiveKind:
    """What a kind of archive must hold, and what to tell a user whose file is not one."""

    member: str
    what: str  # "the .docx"
    needs: str  # "transcript"
    not_valid: str  # the whole reason, for a file that is not this kind


def check_archive(data: bytes, file_name: str, kind: ArchiveKind, max_uncompressed: int) -> None:
    """Refuse non-zips, archives without ``kind.member``, and ones that inflate past
    ``max_uncompressed`` bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > max_uncompressed:
                raise CorruptFileError(
                    file_name,
                    f"{kind.what} unpacks to more than {max_uncompressed / 1_000_000:.0f} MB, "
                    f"far more than a {kind.needs} needs, so it was not opened; save it again "
                    "or export it as text",
                )
            if kind.member not in {member.filename for member in members}:
                raise CorruptFileError(file_name, kind.not_valid)
    except _BROKEN_ZIP as err:
        raise CorruptFileError(file_name, kind.not_valid) from err
