"""Giving freed heap memory back to the system after a big load (glibc only)."""

from __future__ import annotations

import sys

from clipper.gui.memory import release_free_memory


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def test_release_free_memory_returns_freed_heap_pages() -> None:
    if not sys.platform.startswith("linux"):
        assert release_free_memory() is False
        return
    keep = []
    junk = []
    for i in range(40_000):  # interleave, so freeing the junk leaves holes in the heap
        junk.append(bytearray(2000))
        keep.append(bytearray(16) if i % 50 == 0 else None)
    del junk
    before = _rss_kb()
    assert release_free_memory() is True
    assert _rss_kb() < before - 20_000  # most of the ~80 MB of freed pages went back
    assert len(keep) == 40_000
