"""In a narrow annotations pane the Note column gives way, so that the Text column (what
identifies a row) stays readable: at 1024 px with a Score column it had shrunk to "…"."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, add_article, tag_critics, tag_span

from clipper.gui.annotations_pane import CODER_COLUMN, MIN_TEXT_WIDTH, NOTE_COLUMN
from clipper.gui.main_window import MainWindow


def _pane_width(window: MainWindow, width: int) -> None:
    """Give the annotations pane ``width`` pixels, the article the rest."""
    left, centre, right = window.splitter.sizes()
    window.splitter.setSizes([left, centre + right - width, width])


def test_the_note_column_shows_only_where_the_text_keeps_its_room(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1400, 860)
    annotation_id = tag_critics(qtbot, window, select=False).annotation_id
    window.edit_note(annotation_id, "check the source", session=1)
    table = window.annotations.table
    header = table.horizontalHeader()

    _pane_width(window, 260)  # Tag, Text and Note side by side would leave Text ~50 px
    qtbot.waitUntil(lambda: table.viewport().width() < 260, timeout=5000)
    assert table.isColumnHidden(NOTE_COLUMN)
    assert header.sectionSize(1) >= MIN_TEXT_WIDTH

    _pane_width(window, 460)  # room for both: the note column comes back
    qtbot.waitUntil(lambda: not table.isColumnHidden(NOTE_COLUMN), timeout=5000)
    assert header.sectionSize(1) >= MIN_TEXT_WIDTH

    _pane_width(window, 260)
    qtbot.waitUntil(lambda: table.isColumnHidden(NOTE_COLUMN), timeout=5000)
    window.undo()  # the note goes: no Note column however wide
    _pane_width(window, 460)
    qtbot.waitUntil(lambda: table.viewport().width() > 400, timeout=5000)
    assert table.isColumnHidden(NOTE_COLUMN)


def test_the_coder_column_gives_the_text_its_room_at_1024_px(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 640)
    add_article(window, PLAIN_TEXT)
    tag_span(qtbot, window, 14, 33, "2")
    window.controller.set_coder("alice")  # now the first annotation is someone else's
    table = window.annotations.table
    header = table.horizontalHeader()
    qtbot.waitUntil(lambda: window.width() == 1024, timeout=5000)
    qtbot.waitUntil(lambda: header.sectionSize(1) >= MIN_TEXT_WIDTH, timeout=5000)
    assert table.isColumnHidden(CODER_COLUMN)  # the coder is in the row's tooltip

    _pane_width(window, 460)  # room for both: the Coder column shows
    qtbot.waitUntil(lambda: not table.isColumnHidden(CODER_COLUMN), timeout=5000)
    assert header.sectionSize(1) >= MIN_TEXT_WIDTH
