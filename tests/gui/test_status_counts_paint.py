"""The status bar's counts repaint only the runs of text that changed (the total and one
tag's count after a key press), and what they show is what a full repaint shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont, QPaintEvent, QRegion
from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from clipper.gui.status_counts import StatusCounts
from tests.gui.test_add_highlight_path import settle, shown

TAGS = [("#cc0000", "Quote"), ("#00aa00", "Figure"), ("#0000cc", "Claim")]


def show(counts: StatusCounts, numbers: list[int]) -> None:
    items = [(colour, label, n) for (colour, label), n in zip(TAGS, numbers, strict=True)]
    counts.set_counts(items, sum(numbers))


class Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.region = QRegion()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.region |= event.region()
        return False


def test_changed_runs_repaint_and_look_as_a_full_repaint(qtbot: QtBot) -> None:
    box = QWidget()
    layout = QHBoxLayout(box)
    counts = StatusCounts(box)
    layout.addWidget(counts)
    layout.addStretch(1)
    qtbot.addWidget(box)
    box.resize(700, 40)
    box.show()
    qtbot.waitExposed(box)
    numbers = [3, 1, 0]
    show(counts, numbers)
    settle()
    painted = Painted()
    counts.installEventFilter(painted)
    for tag, n in ((0, 4), (2, 1), (0, 5), (1, 2), (0, 6), (2, 0)):
        numbers[tag] = n
        painted.region = QRegion()
        show(counts, numbers)
        settle()
        assert counts.counts()[TAGS[tag][1]] == n
        partly = shown(counts)
        assert not painted.region.isEmpty()
        widths = sum(r.width() for r in painted.region)  # the changed runs, not all
        assert widths < counts.width() / 2
        counts.repaint()
        assert shown(counts) == partly
    # 6 -> 10: a run is wider, the ones after it move: all repainted, still right
    numbers[0] = 10
    show(counts, numbers)
    settle()
    partly = shown(counts)
    counts.repaint()
    assert shown(counts) == partly
    assert counts.text() == "12 annotations: Quote 10, Figure 2, Claim 0"


def test_a_new_font_measures_again(qtbot: QtBot) -> None:
    counts = StatusCounts()
    qtbot.addWidget(counts)
    counts.set_counts([("#cc0000", "Quote", 3)], 3)
    narrow = counts.sizeHint().width()
    font = QFont(counts.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    counts.setFont(font)
    QApplication.processEvents()
    assert counts.sizeHint().width() > narrow * 1.5
