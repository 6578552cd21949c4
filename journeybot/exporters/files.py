"""Writing an export file the way a user's own save would: whole, and with their umask.

The file is written under a temporary name beside the target and renamed into place, so
a reader (or a crash) never sees half a file. The temporary file is created with mode
0666 masked by the process umask, as ``open()`` does, rather than ``tempfile``'s private
0600: an export is a document to share, and it should carry the permissions the user's
other files get.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from journeybot.core.errors import ExportError

_ATTEMPTS = 100


def write_atomically(out: Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary)`` then rename it to ``out``; an OSError becomes ExportError."""
    out = Path(out)
    temporary: Path | None = None
    try:
        temporary = _create_beside(out)
        write(temporary)
        os.replace(temporary, out)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise ExportError(
            f"Could not write {out}: {exc.strerror or exc}; check the folder exists and is "
            "writable."
        ) from exc
    return out


def write_text_file(out: Path, text: str) -> Path:
    return write_atomically(out, lambda path: path.write_text(text, encoding="utf-8"))


def _create_beside(out: Path) -> Path:
    """A new, empty file next to ``out`` (same file system, so the rename is atomic)."""
    for _ in range(_ATTEMPTS):
        candidate = out.parent / f".journeybot-{secrets.token_hex(6)}{out.suffix}"
        try:
            handle = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(handle)
        return candidate
    raise FileExistsError(f"no free temporary name beside {out}")
