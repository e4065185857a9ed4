"""Giving freed heap memory back to the operating system between polls (glibc only).

A poll's transient allocations (feed bodies, parsed entries, pages, records) are freed when
it ends, but glibc's allocator keeps the freed pages mapped: only a free stretch at the very top
of the main heap is returned by itself, never holes in the middle nor the heaps of the other
threads' arenas (the fetch pool's). Over a long run those holes add up to resident memory that
no object holds. ``malloc_trim(0)`` hands every whole free page back (``MADV_DONTNEED``) without
moving anything, so it is safe at any time; the watcher calls it once a poll is done, when the
process is about to sleep. Elsewhere (macOS, musl, Windows) :func:`trim` does nothing.
"""

from __future__ import annotations

import ctypes
import platform
import sys
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
_looked = False


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or ``None`` where there is none (looked up once)."""
    global _trim, _looked
    if not _looked:
        _looked = True
        if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
            try:
                fn = ctypes.CDLL(None).malloc_trim
                fn.argtypes = [ctypes.c_size_t]
                fn.restype = ctypes.c_int
                _trim = fn
            except (OSError, AttributeError):
                _trim = None
    return _trim


def trim() -> bool:
    """Return the heap's free pages to the operating system; whether any were returned."""
    fn = _malloc_trim()
    return bool(fn(0)) if fn is not None else False
