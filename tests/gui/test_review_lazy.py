"""Reviewing hundreds of suggestions in the real main window without reading every
annotation of the article: a suggesting run's result shown, next/previous with their
numbers, accept-all of a tag and its undo, the run undone — the text, the pane and the
status bar as before, and the controller never loads the article's annotations whole."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clipper.gui.annotations_pane import BULK_ROWS
from clipper.gui.main_window import MainWindow
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.model import Annotation
from clipper.operations import Changes as CoreChanges
from clipper.operations.review import ACCEPTED, PENDING, SuggestRun

TEXT = "Report\n\n" + "\n\n".join(
    f"Paragraph {n}: the minister said prices rose by {n} per cent in the city." for n in range(200)
)
TAGS = ("figure", "person", "quote")


def _run(window: MainWindow) -> tuple[int, list[Annotation], dict[int, float]]:
    """An article, then its suggesting run as the background job delivers it: suggestions
    stored on another connection, their scores by span."""
    store = window.controller.store
    article = import_article(store, read_pasted_text(TEXT))
    window.open_article(article.id)
    text = store.get_article(article.id).text
    words = [m.span() for m in re.finditer(r"\w+", text)]
    rows = [
        (words[i][0], words[i + 1][1], TAGS[i % 3], {}, None, None)
        for i in range(0, len(words) - 2, 4)
    ]
    ids = store.add_suggested_annotations(article.id, rows, coder=window.controller.coder)
    added = store.get_annotations(ids)
    scores = {(a.start, a.end, a.tag): 0.5 + (a.id % 40) / 100 for a in added}
    window.review._show_run(SuggestRun(article.id, scores, tuple(added)))
    by_id = {a.id: scores[(a.start, a.end, a.tag)] for a in added}
    return article.id, sorted(added, key=lambda a: (a.start, a.end, a.id)), by_id


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifiers)


def _message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_a_long_review_reads_only_what_it_shows(qtbot: QtBot, window: MainWindow) -> None:
    article_id, pending, scores = _run(window)
    controller, pane = window.controller, window.annotations
    total = len(pending)
    assert total > 3 * BULK_ROWS
    assert window.review.scores == scores
    assert pane.model.rowCount() == total and pane.model.pending == total

    ctrl = Qt.KeyboardModifier.ControlModifier
    _press(qtbot, window, Qt.Key.Key_BracketRight, ctrl)  # next: the first in text order
    first = window.review.current()
    assert first is not None and first.id == pending[0].id
    keys = "Enter accepts, Backspace rejects"
    assert _message(window).startswith(f"{keys} · Suggestion 1 of {total}:")
    assert f"score {scores[first.id]:.2f}" in _message(window)
    _press(qtbot, window, Qt.Key.Key_BracketLeft, ctrl)  # previous from the first: wraps
    last = window.review.current()
    assert last is not None and last.id == pending[-1].id
    assert f"Suggestion {total} of {total} (wrapped round):" in _message(window)

    # accept every suggestion of the current one's tag: one step; the next one of another tag
    tag = last.tag
    of_tag = [a.id for a in pending if a.tag == tag]
    assert len(of_tag) >= BULK_ROWS
    _press(qtbot, window, Qt.Key.Key_Return, ctrl | Qt.KeyboardModifier.ShiftModifier)
    stored = {a.id: a.status for a in controller.store.list_annotations(article_id)}
    assert {stored[i] for i in of_tag} == {ACCEPTED}
    assert {s for i, s in stored.items() if i not in of_tag} == {PENDING}
    assert f"Backspace rejects · Accepted {len(of_tag)} " in _message(window)
    after = window.review.current()
    wrapped_to = next(a for a in pending if a.tag != tag)  # from the last: round to the start
    assert after is not None and after.id == wrapped_to.id
    assert pane.model.pending == total - len(of_tag)
    assert window.view.annotation(of_tag[0]).status == ACCEPTED  # type: ignore[union-attr]
    assert controller.undo_label == f"Accept {len(of_tag)} annotations"

    window.undo()
    stored = {a.id: a.status for a in controller.store.list_annotations(article_id)}
    assert set(stored.values()) == {PENDING}
    assert pane.model.pending == total
    assert window.view.annotation(of_tag[0]).status == PENDING  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "current again" in _message(window), timeout=10_000)
    again = window.review.current()
    assert again is not None and again.id == last.id
    assert not controller.annotations.loaded()


def test_a_big_run_undone_leaves_the_text_and_the_list(qtbot: QtBot, window: MainWindow) -> None:
    """The same suggestions added through the operations (an undo step), then undone: the
    pane and the text drop them at once (one reread, not one recount per row)."""
    controller = window.controller
    article = import_article(controller.store, read_pasted_text(TEXT))
    window.open_article(article.id)
    controller.add_annotation(article.id, 0, 6, "person")
    suggestions = controller.session.suggestions_for(article.id)
    added = controller.run(lambda s: s.add_suggestions(article.id, suggestions))
    n = len(added.annotations_added)
    assert n >= BULK_ROWS
    assert window.annotations.model.rowCount() == n + 1
    some = added.annotations_added[n // 2]
    assert window.view.annotation(some.id) is not None
    window.undo()
    assert window.annotations.model.rowCount() == 1
    assert window.annotations.count_label.text() == "1"
    assert window.view.annotation(some.id) is None
    assert [a.tag for a in window.view.annotations()] == ["person"]
    assert not controller.annotations.loaded()
    assert isinstance(added, CoreChanges)
