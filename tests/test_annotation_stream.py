"""``Store.iter_annotations`` (behind ``clipper annotations``) streams the same rows that
``list_annotations`` returns."""

from __future__ import annotations

import types

import pytest

from clipper.errors import NotFound
from clipper.importers import read_pasted_text
from clipper.store import Store


def test_stream_matches_the_list(store: Store) -> None:
    first = store.add_article(read_pasted_text("One two three four five six.\n"))
    second = store.add_article(read_pasted_text("Seven eight nine ten.\n"))
    for article, spans in ((second, [(6, 11), (0, 5)]), (first, [(8, 13), (0, 3), (4, 7)])):
        for start, end in spans:
            store.add_annotation(article.id, start, end, "quote" if start else "person")
    stream = store.iter_annotations()
    assert isinstance(stream, types.GeneratorType)  # rows arrive one at a time
    assert list(stream) == store.list_annotations()
    assert list(store.iter_annotations(first.id)) == store.list_annotations(first.id)
    assert list(store.iter_annotations(tags=["person"])) == store.list_annotations(tags=["person"])


def test_stream_of_a_missing_article_fails_at_once(store: Store) -> None:
    with pytest.raises(NotFound):
        store.iter_annotations(999)
