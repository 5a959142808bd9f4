"""Opening a long article with thousands of annotations in the real window (issue 11):
nothing but what is on screen is read at first, and the pane, the highlights, selection
sync, filtering and tagging still show the stored truth anywhere in the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from clipper.importers import read_pasted_text
from clipper.model import BUILTIN_TAGS, Annotation
from clipper.store import Store, now

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
COUNT = 3000
TAGS = [t.name for t in BUILTIN_TAGS]


@pytest.fixture
def big_article(db_path: Path) -> int:
    """One ~400,000-character article with 3,000 annotations (every tag, some notes),
    stored in the test's database file the way a bulk import does."""
    body = "\n\n".join(p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt")))
    text = "Long read\n\n" + "\n\n".join([body] * (1 + 400_000 // len(body)))
    stamp = now()
    with Store(db_path) as store, store.transaction():
        article = store.add_article(read_pasted_text(text))
        words = [m.span() for m in re.finditer(r"\w+", article.text)]
        step = (len(words) - 4) // COUNT
        rows = []
        for n in range(COUNT):
            s, e = words[n * step][0], words[n * step + 1][1]
            note = f"note {n}" if n % 10 == 0 else ""
            rows.append(
                (article.id, s, e, TAGS[n % 4], article.text[s:e], note, stamp, stamp, None)
            )
        assert store.insert_annotations_ignoring_duplicates(rows) == COUNT
        return article.id


def expected(window: MainWindow, tag: str | None = None) -> list[Annotation]:
    listed = window.controller.store.list_annotations(
        window.controller.article_id, tags=[tag] if tag else None
    )
    return sorted(listed, key=lambda a: (a.start, a.end, a.id))


def shown_ids(window: MainWindow, rows: list[int]) -> list[int]:
    model = window.annotations.model
    return [int(model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)) for r in rows]


def test_opening_reads_only_the_first_screen(
    qtbot: QtBot, window: MainWindow, big_article: int
) -> None:
    window.open_article(big_article)
    QApplication.processEvents()
    controller = window.controller
    assert not controller.annotations.loaded()  # no full read of 3,000 annotations
    # the view holds the spans near the lines painted, not all of them
    assert 0 < len(window.view._index) < COUNT // 2
    assert window.annotations.model.rowCount() == COUNT
    assert window.annotations.count_label.text() == str(COUNT)
    assert window.counts_label.text().startswith(f"{COUNT} annotations")
    assert len(controller.annotations) == COUNT


def test_pane_rows_match_the_store_when_scrolled_and_filtered(
    qtbot: QtBot, window: MainWindow, big_article: int
) -> None:
    window.open_article(big_article)
    pane = window.annotations
    everything = expected(window)
    rows = [0, 1, 63, 64, 1500, COUNT - 2, COUNT - 1]
    pane.table.scrollToBottom()
    QApplication.processEvents()
    assert shown_ids(window, rows) == [everything[r].id for r in rows]
    last = pane.model.index(COUNT - 1, 1).data()
    assert last == everything[-1].text

    pane.tag_filter.setCurrentIndex(pane.tag_filter.findData("person"))
    people = expected(window, "person")
    assert pane.model.rowCount() == len(people) == COUNT // 4
    assert pane.count_label.text() == f"{len(people)} of {COUNT}"
    sample = [0, 100, len(people) - 1]
    assert shown_ids(window, sample) == [people[r].id for r in sample]
    assert {pane.model.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in sample} == {"person"}
    pane.tag_filter.setCurrentIndex(0)
    assert pane.model.rowCount() == COUNT


def test_highlights_appear_far_down_the_text(
    qtbot: QtBot, window: MainWindow, big_article: int
) -> None:
    window.open_article(big_article)
    view = window.view
    last = expected(window)[-1]
    view.viewport().repaint()
    assert last.id not in view._index  # far away: not read on opening
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.viewport().repaint()
    assert last.id in view._index
    assert view.highlight_style(last.id) == "filled"
    # the tooltip reads the annotation in full (its note, if any)
    noted = next(a for a in reversed(expected(window)) if a.note)
    view.scroll_to_annotation(noted.id)
    view.viewport().repaint()
    cursor = view.textCursor()
    cursor.setPosition(view.position_map().to_qt(noted.start) + 1)
    tip = view.tooltip_at(view.cursorRect(cursor).center())
    assert tip is not None and noted.note in tip


def test_selection_sync_both_ways_far_down(
    qtbot: QtBot, window: MainWindow, big_article: int
) -> None:
    window.open_article(big_article)
    everything = expected(window)
    pane, view = window.annotations, window.view
    # pane -> text: activating row 2,500 puts the cursor on that annotation
    target = everything[2500]
    index = pane.proxy.index(2500, 1)
    pane.table.scrollTo(index)
    pane.table.setCurrentIndex(index)
    pane.table.activated.emit(index)
    assert view.position_map().from_qt(view.textCursor().position()) == target.start
    assert pane.current_annotation() == target
    # text -> pane: clicking another highlight selects its row
    other = everything[2700]
    view.scroll_to_annotation(other.id)
    view.viewport().repaint()
    cursor = view.textCursor()
    cursor.setPosition(view.position_map().to_qt(other.start) + 1)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center()
    )
    qtbot.waitUntil(lambda: pane.current_annotation() == other, timeout=10_000)
    assert pane.table.currentIndex().row() == 2700


def test_tagging_and_undo_in_the_middle_of_a_long_article(
    qtbot: QtBot, window: MainWindow, big_article: int
) -> None:
    window.open_article(big_article)
    pane, view = window.annotations, window.view
    text = window.controller.article.text  # type: ignore[union-attr]
    taken = {(a.start, a.end) for a in expected(window)}
    spans = [m.span() for m in re.finditer(r"\w+", text)]
    start, end = next(
        (s, e) for s, e in spans[len(spans) // 2 :] if (s, e) not in taken and e - s > 3
    )
    view.select_span(start, end)
    qtbot.keyClick(view, "2")  # Quote
    added = next(a for a in expected(window) if (a.start, a.end) == (start, end))
    row = [a.id for a in expected(window)].index(added.id)
    assert pane.model.rowCount() == COUNT + 1
    assert shown_ids(window, [row - 1, row, row + 1]) == [
        a.id for a in expected(window)[row - 1 : row + 2]
    ]
    assert pane.current_annotation() == added
    assert view.highlight_style(added.id) == "filled"
    assert pane.count_label.text() == str(COUNT + 1)

    window.undo()
    assert pane.model.rowCount() == COUNT
    assert view.highlight_style(added.id) is None
    assert shown_ids(window, [row - 1, row]) == [a.id for a in expected(window)[row - 1 : row + 1]]


def test_changes_to_rows_off_screen_keep_the_selection(
    qtbot: QtBot, window: MainWindow, big_article: int
) -> None:
    window.open_article(big_article)
    pane, controller = window.annotations, window.controller
    everything = expected(window)
    pane.select_annotation(everything[5].id)
    far = everything[2900]
    assert pane.model._cached(far.id) is None  # never shown: not read
    controller.update_annotation(far.id, note="seen far away")
    assert pane.model.rowCount() == COUNT
    assert pane.current_annotation() == controller.annotations[everything[5].id]
    assert pane.table.currentIndex().row() == 5
    assert pane.model.index(2900, 2).data() == "seen far away"

    pane.tag_filter.setCurrentIndex(pane.tag_filter.findData(far.tag))
    shown = pane.model.rowCount()
    other = next(t for t in TAGS if t != far.tag)
    assert pane.model._cached(far.id) is None
    controller.update_annotation(far.id, tag=other)  # leaves the filtered list
    assert pane.model.rowCount() == shown - 1
    assert far.id not in shown_ids(window, list(range(pane.model.rowCount())))
    assert pane.count_label.text() == f"{shown - 1} of {COUNT}"
    window.undo()
    assert pane.model.rowCount() == shown
    assert window.counts_label.text().startswith(f"{COUNT} annotations")
