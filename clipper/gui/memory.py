"""Give freed heap memory back to the operating system (glibc), after big one-off loads.

Loading a large article frees big temporaries (the UTF-16 copy handed to Qt, sort keys).
glibc raises its mmap threshold after freeing a large block, so later temporaries come from
the heap and, once freed, stay in the process as free heap pages: ~4 MB after opening a
5 MB article. ``malloc_trim(0)`` returns them. Elsewhere (macOS, Windows, musl) this is a
no-op.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import cache

__all__ = ["release_free_memory"]


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None)  # the C library the process already uses
        trim: Callable[[int], int] | None = getattr(libc, "malloc_trim", None)
    except (ImportError, OSError):
        return None
    return trim


def release_free_memory() -> bool:
    """Return free heap pages to the system; ``False`` where that is not possible."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
