""" "Who is coding?": the name new annotations are tagged with (asked once, Edit › Coder…)."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clipper.fields import coder_name_problem, normalise_coder_name


def login_name() -> str:
    """The OS login name if it is a valid coder name, else ""."""
    try:
        name = normalise_coder_name(getpass.getuser())
    except (OSError, KeyError, ImportError):  # no login name (e.g. a container's uid)
        return ""
    return name if coder_name_problem(name) is None else ""


class CoderDialog(QDialog):
    """Ask for a coder name; Enter accepts a valid name, Escape cancels."""

    def __init__(self, current: str, parent: QWidget | None = None, *, first: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("coderDialog")
        self.setWindowTitle("Who is coding?")
        intro = (
            "Your annotations are tagged with your name, so that several people's work "
            "can be told apart and merged. Escape keeps the name “default”."
            if first
            else "New annotations are tagged with this name."
        )
        text = QLabel(intro, self)
        text.setWordWrap(True)
        label = QLabel("&Name", self)
        self.name = QLineEdit(current, self)
        self.name.setObjectName("coderName")
        self.name.setAccessibleName("Coder name")
        self.name.selectAll()
        label.setBuddy(self.name)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda _t: self.problem.hide())
        layout = QVBoxLayout(self)
        for widget in (text, label, self.name, self.problem, self.buttons):
            layout.addWidget(widget)
        # Wide enough for the window title ("Who is coding? — Clipper") beside a title bar's
        # buttons: the wrapped intro alone made the dialog ~250 px, and the title "Who is co…".
        self.resize(420, self.sizeHint().height())

    def chosen(self) -> str:
        """The name as it will be stored."""
        return normalise_coder_name(self.name.text())

    def accept(self) -> None:
        problem = coder_name_problem(self.chosen())
        if problem is not None:
            self.problem.setText(problem[0].upper() + problem[1:] + ".")
            self.problem.show()
            self.name.setFocus()
            return
        super().accept()
