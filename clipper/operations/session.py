"""The one object front ends hold: a store, the current coder and the undo log.

Every change is a method here: it validates (through the store's rules), runs in one
transaction, records an undo step and returns a :class:`Changes` record. Reads are plain
delegations, so that a front end never needs the :class:`~clipper.store.Store` itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from clipper.errors import NotFound
from clipper.layout import CharLayout
from clipper.model import (
    Annotation,
    Article,
    ArticleSummary,
    Coder,
    Relation,
    SourceFileInfo,
    Tag,
)
from clipper.operations.adjudication import AdjudicationOperations
from clipper.operations.base import EDITABLE_ARTICLE_FIELDS, _preview, choose_coder
from clipper.operations.changes import NO_CHANGES, Changes
from clipper.operations.corpus import CorpusReads
from clipper.operations.factcheck import FactCheckOperations
from clipper.operations.suggestions import SuggestionOperations
from clipper.operations.sync import SyncOperations
from clipper.operations.tags import TagOperations
from clipper.progress import CancelCheck, ProgressCallback

if TYPE_CHECKING:  # merging and agreement load when first used, not when the app starts
    from clipper.agreement import AgreementReport
    from clipper.operations.merge import MergeReport

__all__ = ["Session", "choose_coder"]


class Session(
    FactCheckOperations,
    TagOperations,
    AdjudicationOperations,
    SuggestionOperations,
    CorpusReads,
    SyncOperations,
):
    """Operations on one database, with undo/redo (see :mod:`clipper.operations`):
    ``Session(store, coder=None, undo_limit=200)``."""

    # -- reads --------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return self.store.path

    def close(self) -> None:
        """Close the database (the undo log goes with it)."""
        self.undo_log.clear()
        self.store.close()

    def data_version(self) -> int:
        return self.store.data_version()

    def get_article(self, article_id: int) -> Article:
        return self.store.get_article(article_id)

    def article_exists(self, article_id: int) -> bool:
        return self.store.article_exists(article_id)

    def count_articles(self) -> int:
        return self.store.count_articles()

    def has_articles(self) -> bool:
        return self.store.has_articles()

    def list_articles(
        self, *, search: str | None = None, tags: Sequence[str] | None = None
    ) -> list[ArticleSummary]:
        return self.store.list_articles(search=search, tags=tags)

    def get_layout(self, article_id: int) -> CharLayout | None:
        return self.store.get_layout(article_id)

    def source_file_info(self, article_id: int) -> SourceFileInfo | None:
        """The original file kept with an article (an imported PDF), if any."""
        return self.store.source_file_info(article_id)

    def copy_source_file(self, article_id: int, stream: BinaryIO) -> SourceFileInfo | None:
        """Write the article's kept source file to ``stream`` (``None``: it has none)."""
        return self.store.copy_source_file(article_id, stream)

    def get_annotation(self, annotation_id: int) -> Annotation:
        return self.store.get_annotation(annotation_id)

    def list_annotations(
        self,
        article_id: int | None = None,
        *,
        tags: Sequence[str] | None = None,
        coders: Sequence[str] | None = None,
        status: str | None = None,
    ) -> list[Annotation]:
        return self.store.list_annotations(article_id, tags=tags, coders=coders, status=status)

    def iter_annotations(
        self,
        article_id: int | None = None,
        *,
        tags: Sequence[str] | None = None,
        coders: Sequence[str] | None = None,
    ) -> Iterator[Annotation]:
        """:meth:`list_annotations` as the rows arrive (constant memory)."""
        return self.store.iter_annotations(article_id, tags=tags, coders=coders)

    def tag_counts(self, article_id: int | None = None) -> dict[str, int]:
        return self.store.tag_counts(article_id)

    def list_tags(self) -> list[Tag]:
        return self.store.list_tags()

    def list_relations(
        self, article_id: int | None = None, *, annotation_id: int | None = None
    ) -> list[Relation]:
        return self.store.list_relations(article_id, annotation_id=annotation_id)

    def list_coders(self) -> list[Coder]:
        return self.store.list_coders()

    def get_tag(self, name: str) -> Tag:
        return self.store.get_tag(name)

    # -- articles -------------------------------------------------------------------------

    def edit_article(self, article_id: int, **fields: str | None) -> Changes:
        """Edit an article's metadata (title, outlet, author, published, url, language)."""
        with self._atomic():
            before = self.store.get_article(article_id)
            after = self.store.update_article(article_id, **fields)
        if after == before:
            return NO_CHANGES
        names = [n for n in EDITABLE_ARTICLE_FIELDS if getattr(before, n) != getattr(after, n)]

        def put(values: Article) -> Callable[[], Changes]:
            def apply() -> Changes:
                current = self.store.get_article(article_id)
                if current.uuid != values.uuid:
                    raise NotFound(f"“{values.title}” was deleted by another program")
                self.store.update_article(article_id, **{n: getattr(values, n) for n in names})
                return Changes(articles_updated=(article_id,))

            return apply

        self._record(f"Edit the properties of {_preview(before.title)}", put(before), put(after))
        return Changes(articles_updated=(article_id,))

    def delete_article(self, article_id: int) -> Changes:
        """Delete an article with its annotations, relations and layout; undo puts it all
        back (same id and identities) from a snapshot."""
        with self._atomic():
            snapshot = self.store.snapshot_article(article_id)
            self.store.delete_article(article_id)
        current = [article_id]

        def undo() -> Changes:
            current[0] = self.store.restore_article(snapshot).id
            return Changes(articles_added=(current[0],))

        def redo() -> Changes:
            article = self.store.get_article(current[0])
            if article.uuid != snapshot.article.uuid:
                raise NotFound(f"“{snapshot.article.title}” was deleted by another program")
            self.store.delete_article(current[0])
            return Changes(articles_removed=(current[0],))

        self._record(f"Delete the article {_preview(snapshot.article.title)}", undo, redo)
        return Changes(articles_removed=(article_id,))

    # -- bulk -----------------------------------------------------------------------------

    def import_annotations(
        self,
        path: str | Path,
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> MergeReport:
        """Merge a Clipper JSON export (all or nothing; ``report.changes``: everything).
        Not undoable: earlier steps stay, each checks that its rows are still there."""
        from clipper.operations.merge import merge_export

        return merge_export(self.store, path, progress=progress, cancel=cancel)

    def merge_databases(
        self,
        paths: Sequence[str | Path],
        *,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> tuple[MergeReport, ...]:
        """Merge coders' databases and JSON exports (all or nothing; one report per source,
        conflicts listed, the output's values kept). Not undoable, like
        :meth:`import_annotations`."""
        from clipper.operations.merge import merge_files

        return merge_files(self.store, paths, progress=progress, cancel=cancel)

    def agreement(
        self,
        *,
        tags: Sequence[str] | None = None,
        coders: Sequence[str] | None = None,
        articles: Sequence[int] | None = None,
        cancel: CancelCheck | None = None,
    ) -> AgreementReport:
        """Inter-coder agreement (see :func:`clipper.operations.agreement.measure_agreement`)."""
        from clipper.operations.agreement import measure_agreement

        return measure_agreement(
            self.store, tags=tags, coders=coders, articles=articles, cancel=cancel
        )
