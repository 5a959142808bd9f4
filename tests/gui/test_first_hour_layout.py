"""Issue 10, layout items: library dates and titles, the 1024×640 layout, short titles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clipper.gui.app import create_main_window
from clipper.gui.controller import Changes
from clipper.gui.import_flow import ImportController
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.model import Article

LONG_TITLE = "Scientology defector arrested after attempting to leave organization, police say"


def add(window: MainWindow, title: str, published: str | None = None, body: str = "") -> Article:
    body = body or f"Body text of the article about {title}."
    imported = read_pasted_text(f"{title}\n\n{body}\n")
    imported.published = published
    article = import_article(window.controller.store, imported)
    window.controller.changed.emit(Changes(library=True))
    return article


def cell(window: MainWindow, article_id: int, column: int, role: int) -> object:
    pane = window.library
    row = pane.model.row_of(article_id)
    assert row is not None
    return pane.model.index(row, column).data(role)


def test_undated_article_shows_no_date_but_says_when_imported(window: MainWindow) -> None:
    undated = add(window, "Undated story")
    dated = add(window, "Dated story", "2005-03-04")
    display = Qt.ItemDataRole.DisplayRole
    assert cell(window, undated.id, 2, display) == ""
    assert cell(window, dated.id, 2, display) == "2005-03-04"
    tooltip = str(cell(window, undated.id, 2, Qt.ItemDataRole.ToolTipRole))
    imported_on = window.controller.store.get_article(undated.id).imported_at[:10]
    assert f"imported {imported_on}" in tooltip
    # Sorting by date keeps undated articles together and dated ones in date order.
    older = add(window, "Older story", "2004-01-02")
    window.library.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert window.library.visible_article_ids() == [undated.id, older.id, dated.id]


def test_long_titles_are_elided_in_the_middle_with_the_full_title_in_a_tooltip(
    window: MainWindow,
) -> None:
    article = add(window, LONG_TITLE)
    assert window.library.table.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert LONG_TITLE in str(cell(window, article.id, 0, Qt.ItemDataRole.ToolTipRole))


def test_library_column_widths_are_the_users_and_remembered(
    qtbot: QtBot, db_path: Path, settings: Settings, window: MainWindow
) -> None:
    add(window, LONG_TITLE, "2016-09-09")
    header = window.library.table.horizontalHeader()
    for column in range(3):
        assert header.sectionResizeMode(column) == header.ResizeMode.Interactive
    header.resizeSection(0, 333)
    header.resizeSection(1, 71)
    add(window, "Another story")  # a library reload keeps the user's widths
    assert window.library.column_widths()[:2] == [333, 71]
    widths = window.library.column_widths()
    window.close()
    again = create_main_window(db_path, settings=settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.library.column_widths() == widths
    again.close()
    again.controller.close()


def test_at_1024x640_the_article_gets_the_space(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, LONG_TITLE, "2016-09-09")
    window.open_article(article.id)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() <= 1024)
    QApplication.processEvents()
    library, centre, annotations = window.splitter.sizes()
    assert centre > library and centre > annotations, (library, centre, annotations)
    assert centre >= window.width() * 0.4
    assert library >= 250 and annotations >= 220  # both panes stay usable


def test_the_annotations_tag_column_fits_the_longest_tag_label(
    qtbot: QtBot, window: MainWindow
) -> None:
    words = " ".join(f"w{i:02d}" for i in range(60))
    article = add(window, "Person story", body=words)
    store = window.controller.store
    body = store.get_article(article.id).text.index("w00")
    for i in range(59):  # many Figure rows first; the Person row is out of view
        store.add_annotation(article.id, body + 4 * i, body + 4 * i + 3, "figure")
    store.add_annotation(article.id, 0, 6, "person")
    window.open_article(article.id)
    window.resize(1024, 640)
    table = window.annotations.table
    qtbot.waitUntil(lambda: window.annotations.model.rowCount() == 60)
    QApplication.processEvents()

    def fits() -> bool:
        labels = [t.label for t in store.list_tags()]
        longest = max(table.fontMetrics().horizontalAdvance(label) for label in labels)
        return table.horizontalHeader().sectionSize(0) >= longest + 16

    assert fits()
    store.update_tag("person", label="Person named")  # a longer label, e.g. in Tags…
    window.controller.reload_tags()
    QApplication.processEvents()
    assert fits()


def _title_as_shown(title: str) -> str:
    """The title as Qt hands it to the window manager (it appends the display name)."""
    name = "Clipper"  # the display name clipper.gui.app.configure_application sets
    return title if title.endswith(name) else f"{title} — {name}"


def test_the_progress_window_title_fits(window: MainWindow) -> None:
    controller = ImportController(str(window.controller.db_path), window)
    dialog = controller._make_progress_dialog(3)
    shown = _title_as_shown(dialog.windowTitle())
    # The window manager showed "Import…lipper" for "Importing — Clipper": 13 characters fit.
    metrics = dialog.fontMetrics()
    assert metrics.horizontalAdvance(shown) <= metrics.horizontalAdvance("Import…lipper")
    dialog.deleteLater()


def test_a_new_window_fits_a_small_screen(qtbot: QtBot, window: MainWindow) -> None:
    """No saved size: the window starts at 1400×860 or the screen's free space if less
    (offscreen, the screen is 800×800)."""
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert room.width() < 1400  # this test needs a screen smaller than the default size
    assert window.width() <= room.width() and window.height() <= room.height()
