"""Provenance of URL clippings (the ``fetched_pages`` table): the page as it was fetched.

The HTML is kept zlib-compressed with its size and SHA-256, so that the article can be
checked against the page it came from long after the page has changed.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

from clipper.provenance import FetchedPage, Redirect
from clipper.store.base import StoreBase

_COLUMNS = "requested_url, final_url, status, redirects, fetched_at, content_type, charset, html"


class FetchedPageStore(StoreBase):
    """Writing and reading the fetched page of an article."""

    def add_fetched_page(self, article_id: int, page: FetchedPage) -> None:
        """Keep ``page`` as the provenance of ``article_id`` (call inside the transaction
        that stores the article, so that both or neither are stored)."""
        redirects = json.dumps([{"url": r.url, "status": r.status} for r in page.redirects])
        with self._write(single_statement=True):
            self.db.execute(
                f"INSERT INTO fetched_pages ({_COLUMNS}, html_bytes, html_sha256, article_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    page.requested_url,
                    page.final_url,
                    page.status,
                    redirects,
                    page.fetched_at,
                    page.content_type,
                    page.charset,
                    zlib.compress(page.html, 6),
                    len(page.html),
                    hashlib.sha256(page.html).hexdigest(),
                    article_id,
                ],
            )

    def get_fetched_page(self, article_id: int) -> FetchedPage | None:
        """The page ``article_id`` was clipped from (``None``: not a URL clipping)."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM fetched_pages WHERE article_id = ?", [article_id]
        ).fetchone()
        return None if row is None else _page(row)

    def fetched_page_info(self, article_id: int) -> dict[str, Any] | None:
        """The provenance without the HTML: what exports and the Properties dialog show
        (``html_bytes``, ``html_sha256`` identify the stored page)."""
        row = self.db.execute(
            "SELECT requested_url, final_url, status, redirects, fetched_at, content_type, "
            "charset, html_bytes, html_sha256 FROM fetched_pages WHERE article_id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        keys = ("requested_url", "final_url", "status", "redirects", "fetched_at")
        info = dict(zip(keys, row[:5], strict=True))
        info["redirects"] = json.loads(row[3])
        info.update(content_type=row[5], charset=row[6], html_bytes=row[7], html_sha256=row[8])
        return info


def _page(row: Any) -> FetchedPage:
    requested, final, status, redirects, fetched_at, content_type, charset, html = row
    return FetchedPage(
        requested_url=requested,
        final_url=final,
        status=status,
        fetched_at=fetched_at,
        html=zlib.decompress(html),
        content_type=content_type,
        charset=charset,
        redirects=tuple(Redirect(r["url"], r["status"]) for r in json.loads(redirects)),
    )
