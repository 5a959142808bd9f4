"""A scroll area's viewport, found without PySide's first type search.

The first time a process asks PySide for a widget that Qt made itself (a scroll area's
viewport is a plain ``QWidget`` made by Qt), PySide looks for its Python type by creating
the type of every ``QWidget`` subclass: 4-9 ms of CPU before the window's first paint.
Found as a child of the asked type, by the name Qt gives it, the viewport is wrapped as a
``QWidget`` at once; while that wrapper is kept, ``viewport()`` returns it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

#: The object name Qt gives the viewport it makes for a scroll area.
_NAME = "qt_scrollarea_viewport"


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    """``area.viewport()``; keep the result for as long as ``area`` lives (the wrapper
    PySide returns for the viewport from then on)."""
    found = area.findChild(QWidget, _NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    if found is not None and found is area.viewport():
        return found
    return area.viewport()
