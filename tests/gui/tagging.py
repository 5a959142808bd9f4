"""Shared GUI-test steps: store an article as an import does, tag a span with its key,
read back what was stored; and the set-up many tests share: "Critics" tagged (as a
Person by default) and selected in the annotations pane (:func:`tag_critics`, or the
``critics`` fixture in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

from pytestqt.qtbot import QtBot

from clipper.gui.controller import Changes
from clipper.gui.main_window import MainWindow
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.model import Article

PLAIN_TEXT = (
    "Budget talks\n\nThe finance minister said the deficit would fall to 2.1% next year. "
    "Critics called the claim unrealistic.\n"
)


def add_article(window: MainWindow, text: str, open_it: bool = True) -> Article:
    """Store an article the way an import does, then show it."""
    article = import_article(window.controller.store, read_pasted_text(text))
    window.controller.changed.emit(Changes(library=True))
    if open_it:
        window.open_article(article.id)
    return article


def tag_span(qtbot: QtBot, window: MainWindow, start: int, end: int, key: str) -> None:
    window.view.select_span(start, end)
    qtbot.keyClick(window.view, key)


def stored(window: MainWindow, article_id: int | None = None) -> list[tuple[int, int, str, str]]:
    return [
        (a.start, a.end, a.tag, a.text)
        for a in window.controller.store.list_annotations(article_id)
    ]


def stored_ids(window: MainWindow) -> list[int]:
    return [a.id for a in window.controller.store.list_annotations()]


@dataclass(frozen=True)
class Tagged:
    """The article, the span and the annotation :func:`tag_critics` made."""

    article: Article
    start: int
    end: int
    annotation_id: int


def tag_critics(qtbot: QtBot, window: MainWindow, key: str = "3", *, select: bool = True) -> Tagged:
    """Open :data:`PLAIN_TEXT`, tag "Critics" with ``key`` (3: Person) and, if
    ``select``, select the new annotation in the pane (its editor enabled)."""
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, key)
    (annotation_id,) = stored_ids(window)
    if select:
        window.annotations.select_annotation(annotation_id)
    return Tagged(article, start, start + 7, annotation_id)
