"""A long status-bar message ends in "…" before the counters, its full text the tooltip."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow


def test_a_long_message_is_elided_before_the_counters(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    bar = window.statusBar()
    message = (
        "Suggested 1,234 annotations in 57 articles: 812 figures, 301 people, 121 quotes; "
        "review them with Annotations › Review suggestions (F4) or accept them all at once."
    )
    window.show_message(message)
    qtbot.waitUntil(lambda: bar.currentMessage() == message)
    counters = min(window.counts_label.x(), window.coder_label.x())
    shown = bar.shown_message()  # type: ignore[attr-defined]
    assert shown != message and shown.endswith("…")
    assert bar.fontMetrics().horizontalAdvance(shown) <= counters
    assert bar.toolTip() == message  # the whole message, on hover

    window.show_message("Saved.")  # a short one: whole, no tooltip
    assert bar.shown_message() == "Saved." and bar.toolTip() == ""  # type: ignore[attr-defined]
    bar.clearMessage()
    assert bar.toolTip() == ""


def test_the_elided_message_follows_width_and_font(qtbot: QtBot, window: MainWindow) -> None:
    """The message is elided once per message (a key press's paint reuses it), and again
    when the room or the font changes."""
    from PySide6.QtGui import QFont

    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    bar = window.statusBar()
    message = "Tagged “" + "a long quotation " * 12 + "” as Quote."
    window.show_message(message)
    narrow = bar.shown_message()  # type: ignore[attr-defined]
    assert narrow.endswith("…")
    assert bar.shown_message() == narrow  # type: ignore[attr-defined]
    window.resize(1400, 600)
    qtbot.waitUntil(lambda: window.width() == 1400)
    wider = bar.shown_message()  # type: ignore[attr-defined]
    assert len(wider) > len(narrow)
    big = QFont(bar.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    bar.setFont(big)
    assert len(bar.shown_message()) < len(wider)  # type: ignore[attr-defined]
    assert bar.fontMetrics().horizontalAdvance(bar.shown_message()) <= bar.message_rect().width()  # type: ignore[attr-defined]
