"""Edit › Tags… shows every built-in tag without scrolling (the list was squeezed to three
rows, so Claim was hidden below a scroll bar)."""

from __future__ import annotations

from typing import Any

from clipper.store import Store
from tests.gui.test_dialogs import tags_dialog


def test_the_four_built_in_tags_and_two_more_fit_without_scrolling(
    qtbot: Any, store: Store
) -> None:
    dialog = tags_dialog(qtbot, store)
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.rowCount() == 4
    assert table.verticalScrollBar().maximum() == 0  # nothing hidden below
    assert table.viewport().height() >= 6 * table.verticalHeader().defaultSectionSize()
    screen = dialog.screen()
    assert screen is not None
    assert dialog.height() <= screen.availableGeometry().height()
    note = dialog.note_label  # "Built-in tags can be relabelled …": two lines, not cut
    assert note.text()
    assert note.height() >= note.heightForWidth(note.width())
