"""New clipping from clipboard: one small dialog for the address, outlet, date and title.

Prefilled with the address of the page the text was copied from when the clipboard says
it (a link, a browser's source address, or a line of the text that is only an address).
Enter imports with what is filled in (all optional); Escape imports nothing. The fields
are checked with the same rules as the article's Properties (:mod:`clipper.fields`), and
saved on the new article with :meth:`Store.update_article`, as Properties saves them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clipper.errors import ClipperError
from clipper.fields import normalise_url, text_problem
from clipper.fields import url_problem as core_url_problem
from clipper.gui.controller import Changes
from clipper.gui.default_button import make_only_default
from clipper.gui.properties_dialog import published_problem, url_problem

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

#: The fields asked, in order: (name, label, accessible name, placeholder).
FIELDS = (
    ("url", "&URL:", "Address of the original", "https://… (optional)"),
    ("outlet", "&Outlet:", "Outlet (newspaper, site, agency)", "e.g. The Guardian (optional)"),
    ("published", "&Date:", "Published date", "YYYY-MM-DD (optional)"),
    ("title", "&Title:", "Title", "optional: the first line if it looks like a headline"),
)
#: Where browsers put the address of the page a selection was copied from.
_SOURCE_FORMATS = ("text/x-moz-url-priv", "text/x-moz-url")


def _web_address(candidate: str) -> str | None:
    candidate = candidate.strip()
    if not candidate.lower().startswith(("https://", "http://")):
        return None
    return candidate if core_url_problem(candidate) is None else None


def clipboard_url(mime: QMimeData | None, text: str) -> str:
    """The address of the copied page, if the clipboard says it; else ''."""
    if mime is not None:
        for url in mime.urls():
            if (found := _web_address(url.toString())) is not None:
                return found
        for form in _SOURCE_FORMATS:
            if mime.hasFormat(form):
                raw = bytes(mime.data(form).data())
                codec = "utf-16" if raw[1:2] == b"\0" else "utf-8"
                line = raw.decode(codec, "replace").split("\n", 1)[0]
                if (found := _web_address(line)) is not None:
                    return found
    lines = [line for line in text.strip().splitlines() if line.strip()]
    for line in (lines[0], lines[-1]) if lines else ():
        if (found := _web_address(line)) is not None:
            return found
    return ""


class ClipboardDetailsDialog(QDialog):
    """Ask URL, outlet, date and title for a clipping; all optional, Enter accepts."""

    def __init__(self, url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clipboardDetailsDialog")
        self.setWindowTitle("New clipping")
        self.setAccessibleName("New clipping from clipboard")
        self.edits: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        intro = QLabel("About the copied text (all optional; Enter to import):", self)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(form)
        for name, label, accessible, placeholder in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"{name}Edit")
            edit.setAccessibleName(accessible)
            edit.setPlaceholderText(placeholder)
            problem = QLabel(self)
            problem.setObjectName(f"{name}Problem")
            problem.setStyleSheet("color: #b00020")
            # one line kept for a problem, so the dialog does not jump when one appears
            problem.setMinimumHeight(problem.fontMetrics().lineSpacing())
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(problem)
            form.addRow(label, box)
            if isinstance(label_widget := form.labelForField(box), QLabel):
                label_widget.setBuddy(edit)
            self.edits[name] = edit
            self.problems[name] = problem
        self.edits["url"].setText(url)
        for edit in self.edits.values():
            edit.textChanged.connect(self._validate)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        make_only_default(self, self.ok_button)
        self.resize(480, self.sizeHint().height())
        self.edits["outlet" if url else "url"].setFocus()
        self._validate()

    def _problem(self, name: str) -> str | None:
        text = self.edits[name].text().strip()
        if not text:
            return None
        if name == "url":
            return url_problem(text)
        if name == "published":
            return published_problem(text)
        problem = text_problem(text)
        return f"The {name} {problem}." if problem else None

    @Slot()
    def _validate(self) -> bool:
        ok = True
        for name, label in self.problems.items():
            problem = self._problem(name)
            label.setText(problem or "")
            label.setToolTip(problem or "")
            ok = ok and problem is None
        self.ok_button.setEnabled(ok)
        return ok

    def accept(self) -> None:
        if self._validate():
            super().accept()

    def details(self) -> dict[str, str]:
        """The filled-in fields (the address with ``https://`` added when it had none)."""
        found = {}
        for name, edit in self.edits.items():
            text = edit.text().strip()
            if text:
                found[name] = normalise_url(text) if name == "url" else text
        return found


def paste_clipping(window: MainWindow) -> None:
    """File › New clipping from clipboard: ask the details, then import the text."""
    clipboard = QGuiApplication.clipboard()
    text = clipboard.text()
    importer = window.importer()
    if not text.strip() or importer.is_busy():  # type: ignore[attr-defined]
        importer.import_text(text)  # type: ignore[attr-defined]  # says what is wrong
        return
    dialog = ClipboardDetailsDialog(clipboard_url(clipboard.mimeData(), text), window)
    dialog.finished.connect(dialog.deleteLater)
    dialog.accepted.connect(lambda: _import(window, text, dialog.details()))
    dialog.open()


def _import(window: MainWindow, text: str, details: dict[str, str]) -> None:
    importer = window.importer()

    def imported(article_ids: list[int]) -> None:
        for article_id in article_ids:
            _save_details(window, article_id, details)

    def done() -> None:
        importer.articlesImported.disconnect(imported)  # type: ignore[attr-defined]
        importer.finished.disconnect(done)  # type: ignore[attr-defined]

    if details:
        importer.articlesImported.connect(imported)  # type: ignore[attr-defined]
        importer.finished.connect(done)  # type: ignore[attr-defined]
    importer.import_text(text)  # type: ignore[attr-defined]


def _save_details(window: MainWindow, article_id: int, details: dict[str, str]) -> None:
    controller = window.controller
    try:
        article = controller.store.update_article(article_id, **details)
    except ClipperError as error:
        window.show_message(
            f"The clipping was imported, but its details were not saved: {error.message}"
        )
        return
    if controller.article_id == article_id:
        controller.article = article
    controller.changed.emit(Changes(library=True))
