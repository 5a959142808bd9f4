"""What an operation changed: a plain, Qt-free record front ends turn into redraws."""

from __future__ import annotations

from dataclasses import dataclass

from clipper.model import Annotation, Relation


@dataclass(frozen=True, slots=True)
class Changes:
    """What one operation (or one undo/redo step) changed.

    Annotations are given as they are now (``annotations_removed``: as they were);
    articles by id. A front end redraws what concerns it; ``everything`` means "reload
    all" (e.g. after a merge of an exported file).
    """

    annotations_added: tuple[Annotation, ...] = ()
    annotations_removed: tuple[Annotation, ...] = ()
    annotations_updated: tuple[Annotation, ...] = ()
    articles_added: tuple[int, ...] = ()
    articles_removed: tuple[int, ...] = ()
    articles_updated: tuple[int, ...] = ()
    #: Tag definitions (names, labels, colours, keys) changed.
    tags: bool = False
    relations: bool = False
    coders: bool = False
    everything: bool = False
    #: Relations made or removed explicitly (those that go with a deleted annotation are
    #: not listed: ``relations`` says that relations changed).
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()

    def __or__(self, other: Changes) -> Changes:
        """Both records in one (e.g. the steps of a bulk operation)."""
        return Changes(
            self.annotations_added + other.annotations_added,
            self.annotations_removed + other.annotations_removed,
            self.annotations_updated + other.annotations_updated,
            self.articles_added + other.articles_added,
            self.articles_removed + other.articles_removed,
            self.articles_updated + other.articles_updated,
            self.tags or other.tags,
            self.relations or other.relations,
            self.coders or other.coders,
            self.everything or other.everything,
            self.relations_added + other.relations_added,
            self.relations_removed + other.relations_removed,
        )

    @property
    def empty(self) -> bool:
        return self == NO_CHANGES

    def article_ids(self) -> frozenset[int]:
        """Every article this record touches (its annotations' articles too)."""
        annotations = self.annotations_added + self.annotations_removed + self.annotations_updated
        return frozenset(
            {a.article_id for a in annotations}
            | set(self.articles_added)
            | set(self.articles_removed)
            | set(self.articles_updated)
        )


NO_CHANGES = Changes()
