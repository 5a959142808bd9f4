"""A note that goes away by itself: a non-modal message box (e.g. "5 annotations written
to out.csv" with "Show in folder") that closes after :data:`NOTE_MS` unless the pointer
rests on it, and at once when the person goes back to the window under it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

#: How long a passing note stays (it waits while the pointer is over it).
NOTE_MS = 10_000

#: Notes shown without a parent window: only a Python reference keeps them alive.
_open_notes: list[QMessageBox] = []


class _GoesAway(QObject):
    """Closes ``box`` when it is deactivated (another window of the app became active:
    the person went back to work) or when its time is up and the pointer is elsewhere."""

    def __init__(self, box: QMessageBox, ms: int) -> None:
        super().__init__(box)
        self._box = box
        self._was_active = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(ms)
        self.timer.timeout.connect(self._time_up)
        box.installEventFilter(self)

    def _time_up(self) -> None:
        if self._box.underMouse():
            self.timer.start()  # being read: wait
        else:
            self._box.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.WindowActivate:
            self._was_active = True
        elif kind == QEvent.Type.WindowDeactivate and self._was_active:
            QTimer.singleShot(0, self._box.close)
        return False


def show_passing_note(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    detail: str = "",
    actions: Sequence[tuple[str, Callable[[], object]]] = (),
    ms: int | None = None,
) -> QMessageBox:
    """Show a non-modal information note with ``actions`` (button text, what it does)
    and Close; it closes itself as described in the module docstring."""
    box = QMessageBox(parent)
    box.setObjectName("passingNote")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    for caption, action in actions:
        box.addButton(caption, QMessageBox.ButtonRole.ActionRole).clicked.connect(action)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setModal(False)
    goes_away = _GoesAway(box, NOTE_MS if ms is None else ms)
    _open_notes.append(box)
    box.finished.connect(lambda _result, b=box: _open_notes.remove(b))
    box.show()
    goes_away.timer.start()
    return box
