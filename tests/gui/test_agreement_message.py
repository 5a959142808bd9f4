"""Team › Inter-coder agreement… says why it cannot measure in a sentence (the core's
message began in lower case: "agreement needs at least two coders; …")."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow


def test_the_reason_is_a_sentence(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_by_name["agreement"].trigger()
    dialog = window._agreement[0]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "two coders" in dialog.summary.text(), timeout=60_000)
    assert dialog.summary.text().startswith("Agreement needs at least two coders")
    dialog.close()
