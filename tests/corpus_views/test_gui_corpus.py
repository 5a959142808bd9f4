"""The corpus views in the real main window, driven by key presses (pytest-qt)."""

from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from clipper.corpus_query import KWIC_WIDTH
from clipper.gui.command_palette import fuzzy_score
from clipper.gui.corpus_browser import COLUMNS, LEFT, SPAN
from clipper.gui.corpus_menu import CorpusViews
from clipper.gui.kwic_view import cell

TIMEOUT = 20_000  # a loaded 2-core machine
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def views_of(window: Any) -> CorpusViews:
    found = window.findChild(CorpusViews, "corpusViews")
    assert found is not None
    return found


def press_shortcut(qtbot: QtBot, window: Any, key: Qt.Key) -> None:
    window.activateWindow()
    window.view.setFocus()
    qtbot.keyClick(window.view, key, CTRL_SHIFT)


def test_search_as_you_type_then_enter_opens_the_hit(qtbot: QtBot, corpus_window: Any) -> None:
    window, ids, texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_F)
    dialog = views_of(window).search
    assert dialog is not None and dialog.isVisible()
    dialog.query.insert("€")  # QTest types ASCII only
    qtbot.keyClicks(dialog.query, "5.8bn")
    qtbot.waitUntil(lambda: len(dialog.model.hits) == 1 and not dialog.busy(), timeout=TIMEOUT)
    hit = dialog.model.hits[0]
    assert hit.article_id == ids["Pound and euro"] and hit.text == "€5.8bn"
    span_index = dialog.model.index(0, 2)
    assert span_index.data() == "€5.8bn"
    assert span_index.data(Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignCenter.value
    )
    left = dialog.model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)
    assert left & int(Qt.AlignmentFlag.AlignRight.value)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.article_id == ids["Pound and euro"], timeout=TIMEOUT)
    assert window.view.selected_span() == (hit.start, hit.end)
    assert texts[hit.article_id][hit.start : hit.end] == "€5.8bn"


def test_search_for_a_word_lists_hits_in_several_articles(qtbot: QtBot, corpus_window: Any) -> None:
    window, _ids, _texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_F)
    dialog = views_of(window).search
    assert dialog is not None
    qtbot.keyClicks(dialog.query, "said")
    qtbot.waitUntil(lambda: bool(dialog.model.hits) and not dialog.busy(), timeout=TIMEOUT)
    assert len({h.article_id for h in dialog.model.hits}) >= 2
    assert all(h.text.lower() == "said" for h in dialog.model.hits)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)  # the second hit, then open it
    assert dialog.table.currentIndex().row() == 1
    second = dialog.model.hits[1]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.article_id == second.article_id, timeout=TIMEOUT)
    assert window.view.selected_span() == (second.start, second.end)


def test_annotation_browser_filters_sorts_and_opens_a_span(
    qtbot: QtBot, corpus_window: Any
) -> None:
    window, ids, texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_A)
    browser = views_of(window).browser
    assert browser is not None and browser.isVisible()
    qtbot.waitUntil(lambda: browser.model.rowCount() == 11 and not browser.busy(), timeout=TIMEOUT)
    qtbot.keyClicks(browser.speaker_edit, "maeena")
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1 and not browser.busy(), timeout=TIMEOUT)
    row = browser.model.row(0)
    assert row is not None and row.text == '"Had it happened an hour later'
    assert row.speaker == "Khaled Al-Maeena"
    left = browser.model.index(0, LEFT)
    assert left.data().removeprefix("…") == row.left.replace("\n", " ")
    assert texts[row.article_id][row.start - len(row.left) : row.start] == row.left
    browser.table.setFocus()
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.controller.article_id == ids["wikinews_news_crane.txt"], timeout=TIMEOUT
    )
    assert window.view.selected_span() == (row.start, row.end)

    browser.speaker_edit.clear()
    tag_column = next(c for c, (header, *_rest) in enumerate(COLUMNS) if header == "Tag")
    assert browser.model.index(0, tag_column).data() == "Quote"  # the label, as in the charts
    figure = browser.tag_combo.findData("figure")
    assert browser.tag_combo.itemText(figure) == "Figure"
    browser.tag_combo.setCurrentIndex(figure)
    qtbot.waitUntil(lambda: browser.model.rowCount() == 4 and not browser.busy(), timeout=TIMEOUT)
    browser.table.sortByColumn(SPAN, Qt.SortOrder.DescendingOrder)  # the span column
    qtbot.waitUntil(lambda: not browser.busy(), timeout=TIMEOUT)
    qtbot.waitUntil(
        lambda: browser.model.row(0) is not None and browser.model.row(0).text == "€5.8bn",
        timeout=TIMEOUT,
    )
    texts_shown = [browser.model.row(r).text for r in range(4)]  # type: ignore[union-attr]
    assert texts_shown == sorted(texts_shown, key=str.lower, reverse=True)

    # More rows after the ones shown (any status): the rows read before are read again.
    browser.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    browser.tag_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: browser.model.rowCount() == 11 and not browser.busy(), timeout=TIMEOUT)
    assert all(browser.model.row(r) is not None for r in range(11))
    browser.status_combo.setCurrentIndex(browser.status_combo.findText("Any"))
    qtbot.waitUntil(lambda: browser.model.rowCount() == 13 and not browser.busy(), timeout=TIMEOUT)
    assert [browser.model.row(r).status for r in (11, 12)] == ["pending", "rejected"]  # type: ignore[union-attr]


def test_command_palette_opens_an_article_by_typing(qtbot: QtBot, corpus_window: Any) -> None:
    window, ids, _texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_P)
    palette = views_of(window).palette
    assert palette is not None
    qtbot.waitUntil(lambda: palette.isVisible() and not palette.busy(), timeout=TIMEOUT)
    qtbot.keyClicks(palette.query, "mecca crane")
    entries = [
        palette.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(palette.list.count())
    ]
    assert [e.kind for e in entries] == ["article"]
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: window.controller.article_id == ids["wikinews_news_crane.txt"], timeout=TIMEOUT
    )


def test_command_palette_reaches_a_tag_s_annotations(qtbot: QtBot, corpus_window: Any) -> None:
    window, _ids, _texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_P)
    palette = views_of(window).palette
    assert palette is not None
    qtbot.keyClicks(palette.query, "annotations tagged quote")
    first = palette.list.item(0).data(Qt.ItemDataRole.UserRole)
    assert (first.kind, first.key) == ("browse", "quote")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    browser = views_of(window).browser
    assert browser is not None
    qtbot.waitUntil(lambda: browser.model.rowCount() == 3 and not browser.busy(), timeout=TIMEOUT)


def test_fuzzy_scores() -> None:
    assert fuzzy_score("expo", "Export annotations") == 0
    assert fuzzy_score("xpt", "Export annotations") is not None
    assert fuzzy_score("zz", "Export annotations") is None
    assert fuzzy_score("ann", "Export annotations") == 7


def test_statistics_dialog_charts_and_files(
    qtbot: QtBot, corpus_window: Any, tmp_path: Path
) -> None:
    window, _ids, _texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_S)
    dialog = views_of(window).stats
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.table_data is not None and not dialog.busy(), timeout=TIMEOUT)
    assert dialog.table_data.rows == (("figure", 4), ("person", 3), ("quote", 3), ("claim", 1))
    # The chart and the table show the tags' labels (the CSV keeps their names).
    assert dialog.chart.bars == [("Figure", 4.0), ("Person", 3.0), ("Quote", 3.0), ("Claim", 1.0)]
    shown = [dialog.grid.item(r, 0).text() for r in range(dialog.grid.rowCount())]
    assert shown == ["Figure", "Person", "Quote", "Claim"]
    headers = [dialog.grid.horizontalHeaderItem(c).text() for c in range(2)]
    assert headers == ["Tag", "Annotations"]  # not the CSV's "tag", "annotations"
    dialog.save(tmp_path / "tags.png")
    dialog.save(tmp_path / "tags.svg")
    dialog.save(tmp_path / "tags.csv")
    assert (tmp_path / "tags.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    root = ET.parse(tmp_path / "tags.svg").getroot()
    assert root.tag.endswith("svg")
    svg_text = (tmp_path / "tags.svg").read_text(encoding="utf-8")
    assert "Figure" in svg_text and "Claim" in svg_text
    with (tmp_path / "tags.csv").open(encoding="utf-8") as stream:
        assert list(csv.reader(stream))[1] == ["figure", "4"]
    [item] = dialog.choices.findItems("Most quoted people", Qt.MatchFlag.MatchExactly)
    dialog.choices.setFocus()
    dialog.choices.setCurrentItem(item)

    def counted() -> bool:
        return dialog.table_data is not None and dialog.table_data.name == "speaker"

    qtbot.waitUntil(lambda: counted() and not dialog.busy(), timeout=TIMEOUT)
    assert len(dialog.table_data.rows) == 3


def test_charts_are_not_loaded_at_start_up(db_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from PySide6.QtWidgets import QApplication; "
        "app = QApplication([]); from clipper.gui.app import create_main_window; "
        f"w = create_main_window(Path({str(db_path)!r})); w.show(); app.processEvents(); "
        "print(sorted(m for m in ('clipper.gui.stats_dialog', 'clipper.gui.charts', "
        "'PySide6.QtSvg', 'matplotlib', 'pyqtgraph') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_annotation_browser_fits_its_span_and_labels_at_1200_px(
    qtbot: QtBot, corpus_window: Any
) -> None:
    window, _ids, _texts = corpus_window
    press_shortcut(qtbot, window, Qt.Key.Key_A)
    browser = views_of(window).browser
    assert browser is not None
    browser.resize(1200, 640)
    qtbot.waitUntil(lambda: browser.width() == 1200 and not browser.busy(), timeout=TIMEOUT)
    table = browser.table
    span_right = table.columnViewportPosition(SPAN) + table.columnWidth(SPAN)
    assert table.columnViewportPosition(SPAN) >= 0 and span_right <= table.viewport().width()
    for label in browser.findChildren(QLabel):
        if label.buddy() is not None:  # the filters' names are never cut ("To")
            assert label.width() >= label.sizeHint().width(), label.text()


def test_context_cut_mid_word_shows_an_ellipsis() -> None:
    """The left context of a hit read "er 12, 2015  A storm…" (cut at its width): a cut
    context starts (left) or ends (right) with "…"; a whole one is shown as it is."""
    display = Qt.ItemDataRole.DisplayRole
    cut = "September 12, 2015\n\nA storm yesterday caused a"[-KWIC_WIDTH:].rjust(KWIC_WIDTH, "x")
    assert cell("left", cut, display) == "…" + cut.replace("\n", " ")
    assert cell("right", cut, display) == cut.replace("\n", " ") + "…"
    assert cell("left", "A storm caused a", display) == "A storm caused a"
    assert cell("span", "x" * KWIC_WIDTH, display) == "x" * KWIC_WIDTH
