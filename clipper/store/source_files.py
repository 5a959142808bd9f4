"""The original file of an article (an imported PDF), kept for the page view.

Written and read in chunks through SQLite's incremental blob I/O: a large PDF never sits
in memory whole, neither when it is stored nor when it is copied out for rendering.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from clipper.fields import MAX_SOURCE_FILE_BYTES
from clipper.model import SourceFileInfo
from clipper.store.base import StoreBase

#: Bytes copied at a time between a file and the database.
CHUNK = 1 << 20


class SourceFileStore(StoreBase):
    """Storing, describing and copying out an article's source file."""

    def _keep_source_file(
        self,
        article_id: int,
        path: str | Path,
        name: str,
        sha256: str | None,
        warnings: Sequence[str] = (),
    ) -> bool:
        """Store the file at ``path`` as ``article_id``'s source (inside the caller's write).

        Skipped (``False``) when the file is gone, too large or no longer the one that was
        read (its SHA-256 differs): the article is stored all the same, without pages.
        """
        try:
            size = os.stat(path).st_size
        except OSError:
            return False
        if size > MAX_SOURCE_FILE_BYTES:
            return False
        self.db.execute(
            "INSERT OR REPLACE INTO source_files (article_id, name, size, sha256, warnings, "
            "data) VALUES (?, ?, ?, '', ?, zeroblob(?))",
            [article_id, name, size, "\n".join(warnings), size],
        )
        digest = hashlib.sha256()
        written = 0
        try:
            with (
                open(path, "rb") as handle,
                self.db.conn.blobopen("source_files", "data", article_id) as blob,
            ):
                while written < size and (chunk := handle.read(min(CHUNK, size - written))):
                    blob.write(chunk)
                    digest.update(chunk)
                    written += len(chunk)
        except OSError:
            written = -1
        if written != size or (sha256 is not None and digest.hexdigest() != sha256):
            self.db.execute("DELETE FROM source_files WHERE article_id = ?", [article_id])
            return False
        self.db.execute(
            "UPDATE source_files SET sha256 = ? WHERE article_id = ?",
            [digest.hexdigest(), article_id],
        )
        return True

    def source_file_info(self, article_id: int) -> SourceFileInfo | None:
        """What source file the article keeps (``None``: none, e.g. imported before)."""
        row = self.db.execute(
            "SELECT name, size, sha256, warnings FROM source_files WHERE article_id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        warnings = tuple(line for line in str(row[3]).split("\n") if line)
        return SourceFileInfo(article_id, row[0], int(row[1]), row[2], warnings)

    def copy_source_file(self, article_id: int, stream: BinaryIO) -> SourceFileInfo | None:
        """Write the article's source file to ``stream`` in chunks (``None``: it has none)."""
        info = self.source_file_info(article_id)
        if info is None:
            return None
        with self.db.conn.blobopen("source_files", "data", article_id, readonly=True) as blob:
            while chunk := blob.read(CHUNK):
                stream.write(chunk)
        return info

    def _source_file_bytes(self, article_id: int) -> tuple[str, bytes, str] | None:
        """The source file's name, bytes and warnings (for an undo snapshot)."""
        row = self.db.execute(
            "SELECT name, data, warnings FROM source_files WHERE article_id = ?", [article_id]
        ).fetchone()
        return None if row is None else (str(row[0]), bytes(row[1]), str(row[2]))

    def _restore_source_file(self, article_id: int, source: tuple[str, bytes, str]) -> None:
        name, data, warnings = source
        self.db.execute(
            "INSERT OR REPLACE INTO source_files (article_id, name, size, sha256, warnings, "
            "data) VALUES (?, ?, ?, ?, ?, ?)",
            [article_id, name, len(data), hashlib.sha256(data).hexdigest(), warnings, data],
        )
