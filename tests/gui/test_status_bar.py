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
