"""Lookups for the interchange formats (:mod:`clipper.importers.annotation_formats`):
article texts by content hash or address, for readers that anchor annotations."""

from __future__ import annotations

from clipper.store.base import StoreBase


class InteropStore(StoreBase):
    """The database's article texts, as :class:`ArticleTexts` readers ask for them."""

    def article_text_by_hash(self, digest: str) -> str | None:
        """The text of the (first) article whose content hash is ``digest``."""
        row = self.db.execute(
            "SELECT text FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1", [digest]
        ).fetchone()
        return None if row is None else str(row[0])

    def article_texts_by_url(self, url: str) -> list[str]:
        """The texts of the articles stored with the address ``url``, oldest first."""
        rows = self.db.execute("SELECT text FROM articles WHERE url = ? ORDER BY id", [url])
        return [str(r[0]) for r in rows]
