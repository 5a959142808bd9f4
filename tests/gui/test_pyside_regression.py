"""PySide6-Essentials 6.12.0 on CPython 3.11 aborted the process (``Fatal Python error:
none_dealloc``) after ~5,000 calls of Qt methods returning ``None`` (GUIDE §4). This test makes
20,000 such calls on a real widget; on a broken build the whole pytest process dies here."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from clipper.gui.article_view import ArticleView


def test_twenty_thousand_none_returning_qt_calls_survive(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article("Some text to repaint.", [], [])
    viewport = view.viewport()
    refs_before = sys.getrefcount(None)
    for i in range(20_000):
        viewport.update()  # returns None
        view.setToolTip("" if i % 2 else "x")  # returns None too
    assert view.toolTip() == ""  # the last call (i = 19,999) set ""
    # each call must hand back the reference to None it took (6.12.0 did not)
    assert sys.getrefcount(None) >= refs_before - 100
