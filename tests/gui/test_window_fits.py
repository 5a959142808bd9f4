"""A new window on a small screen leaves room for the window manager's title bar, so the
status bar is on the screen (at 1280×800 it started below the screen's edge)."""

from __future__ import annotations

from clipper.gui.main_window import MainWindow
from clipper.gui.screen_fit import FRAME_ALLOWANCE


def test_a_new_window_leaves_room_for_its_title_bar(window: MainWindow) -> None:
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert room.height() < 860 + FRAME_ALLOWANCE.height()  # offscreen: an 800×800 screen
    assert window.height() + FRAME_ALLOWANCE.height() <= room.height()
    assert window.width() + FRAME_ALLOWANCE.width() <= room.width()
    assert window.height() >= room.height() - 2 * FRAME_ALLOWANCE.height()  # not needlessly small
