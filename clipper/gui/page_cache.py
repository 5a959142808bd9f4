"""Rendered pages kept for quick page changes: least recently used first out, bounded in bytes."""

from __future__ import annotations

from collections import OrderedDict

from clipper.gui.page_render import RenderedPage

#: Bytes of page images kept (about 24 A4 pages fitted to a 650-pixel pane, 4 on a 2x
#: screen at 150 %): page changes nearby stay instant, memory stays bounded.
CACHE_BYTES = 32 * 1024 * 1024


class PageCache:
    """Page images by 0-based page index (one scale per page: the latest wins)."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self._pages: OrderedDict[int, RenderedPage] = OrderedDict()
        self.size = 0

    @staticmethod
    def _bytes(page: RenderedPage) -> int:
        return int(page.image.sizeInBytes())

    def get(self, index: int) -> RenderedPage | None:
        page = self._pages.get(index)
        if page is not None:
            self._pages.move_to_end(index)
        return page

    def put(self, page: RenderedPage) -> None:
        old = self._pages.pop(page.index, None)
        if old is not None:
            self.size -= self._bytes(old)
        self._pages[page.index] = page
        self.size += self._bytes(page)
        while self.size > self.limit and len(self._pages) > 1:
            _, dropped = self._pages.popitem(last=False)
            self.size -= self._bytes(dropped)

    def clear(self) -> None:
        self._pages.clear()
        self.size = 0

    def __len__(self) -> int:
        return len(self._pages)
