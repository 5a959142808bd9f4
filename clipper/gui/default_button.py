"""Make one push button the only one that Enter presses in a dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton


def make_only_default(dialog: QDialog, button: QPushButton) -> None:
    """Enter anywhere in ``dialog`` presses ``button`` and no other button.

    Qt makes every push button in a dialog "auto default", so whichever button came first
    in the focus chain (e.g. "Select all", a colour chooser) took Enter; and ``setDefault``
    only registers with the dialog once the button is inside it: call this at the end of
    building the dialog.
    """
    for other in dialog.findChildren(QPushButton):
        other.setAutoDefault(other is button)
        other.setDefault(False)
    button.setDefault(True)
