"""Fresh memory that holds no old bytes while an erasure rebuilds a collection.

Chroma's HNSW index files are written from buffers that the C++ library takes from
``malloc`` and does not clear: the unused link slots of each element go to disk as
whatever the process's heap held there before. During an erasure that heap has just
held the forgotten text (read to decide what to keep), and a byte search of the home
found forgotten sentences inside ``data_level0.bin`` and ``length.bin`` in about one
run in ten. glibc's ``M_PERTURB`` makes every block ``malloc`` hands out arrive filled
with one fixed byte and every freed block overwritten, so for the length of the
rebuild no buffer can carry earlier contents to disk. Elsewhere (not glibc) this is a
no-op, and ``doctor``'s documentation says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Iterator

#: ``mallopt``'s parameter number for the perturb byte (glibc's malloc.h).
M_PERTURB = -6
PERTURB_BYTE = 0xA5


def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018  (only glibc has it)
    except (OSError, AttributeError):
        return None
    return libc


@contextlib.contextmanager
def scrubbed_allocations() -> Iterator[bool]:
    """Within the block, new and freed heap memory is overwritten; yields whether it is."""
    libc = _glibc()
    if libc is None or libc.mallopt(M_PERTURB, PERTURB_BYTE) != 1:
        yield False
        return
    try:
        yield True
    finally:
        libc.mallopt(M_PERTURB, 0)
