"""While an erasure rebuilds, memory the C library hands out holds no earlier bytes."""

from __future__ import annotations

import ctypes

from journeybot.retrieval.scrub import PERTURB_BYTE, scrubbed_allocations


def _fresh_block_after_freeing(secret: bytes) -> bytes:
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    size = 4096
    old = libc.malloc(size)
    ctypes.memmove(old, secret * (size // len(secret)), size - size % len(secret))
    libc.free(old)
    new = libc.malloc(size)
    try:
        return ctypes.string_at(new, size)
    finally:
        libc.free(new)


def test_a_block_allocated_while_scrubbing_carries_no_freed_text() -> None:
    secret = b"I cook on Sundays. "
    with scrubbed_allocations() as scrubbing:
        assert scrubbing
        block = _fresh_block_after_freeing(secret)
    assert secret not in block
    assert set(block[64:]) == {PERTURB_BYTE ^ 0xFF}
