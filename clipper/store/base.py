"""What the parts of :class:`~clipper.store.Store` share: the connection and its writes.

The store is one class made of small parts, one per table (coders, attributes,
relations, tag edits, snapshots); each part is a mixin on :class:`StoreBase`, which names
what the parts may use from the others (defined in :mod:`clipper.store.database`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from sqlite_utils import Database

from clipper.layout import CharLayout
from clipper.model import Annotation, Article, Tag

#: The ``articles`` columns an :class:`~clipper.model.Article` is built from, by name.
ARTICLE_FIELDS = (
    "id",
    "title",
    "text",
    "outlet",
    "author",
    "published",
    "url",
    "source_name",
    "source_kind",
    "language",
    "imported_at",
    "content_hash",
    "uuid",
)


class StoreBase:
    """The connection and the methods the store's parts call on each other."""

    db: Database
    path: str
    _layout_cache: dict[int, CharLayout | None]
    #: Coder ids by name (coders are never renamed or deleted; cleared by a restore).
    _coder_ids: dict[str, int]

    if TYPE_CHECKING:

        def _write(
            self, *, patient: bool = False, single_statement: bool = False
        ) -> AbstractContextManager[None]: ...

        def get_annotation(self, annotation_id: int) -> Annotation: ...

        def get_article(self, article_id: int) -> Article: ...

        def get_tag(self, name: str) -> Tag: ...

        def _tag_names(self) -> str: ...

        def article_exists(self, article_id: int) -> bool: ...

        def release_cache(self) -> None: ...

        def get_layout(self, article_id: int) -> CharLayout | None: ...
