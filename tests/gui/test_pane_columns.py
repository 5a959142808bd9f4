"""The annotations pane shows its optional columns only when they hold something, so the
Text column keeps the room in a narrow pane."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, add_article, tag_critics, tag_span

from clipper.gui.annotations_pane import NOTE_COLUMN
from clipper.gui.main_window import MainWindow


def test_the_note_column_shows_only_while_a_note_exists(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1400, 860)  # room for the Note column beside the Text (test_pane_note_room)
    tag_critics(qtbot, window)
    pane = window.annotations
    assert pane.table.isColumnHidden(NOTE_COLUMN)  # no note yet: the text has the room
    pane.note.setFocus()
    qtbot.keyClicks(pane.note, "check the source")
    window.view.setFocus()
    pane.save_note()
    qtbot.waitUntil(lambda: not pane.table.isColumnHidden(NOTE_COLUMN), timeout=3000)
    window.undo()  # the note goes, and with it the column
    qtbot.waitUntil(lambda: pane.table.isColumnHidden(NOTE_COLUMN), timeout=3000)


def test_an_unrated_claim_leaves_the_rating_column_out(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, PLAIN_TEXT)
    start = article.text.index("Critics")
    tag_span(qtbot, window, start, start + 7, "4")  # a claim, not rated
    assert not window.annotations.rating_column_shown()
