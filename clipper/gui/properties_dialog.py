"""Article properties: edit the metadata, see where the text came from.

The text itself never changes (annotations point into it); title, outlet, author,
published date, URL and language are saved on OK through the controller (an undoable
operation: :meth:`clipper.operations.Session.edit_article`).
Problems are shown next to the field, and OK stays disabled until they are fixed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
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
from clipper.fields import date_problem, normalise_url
from clipper.fields import url_problem as core_url_problem
from clipper.gui.controller import Controller
from clipper.model import Article

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
EDITABLE = ("title", "outlet", "author", "published", "url", "language")
#: The fields that can be refused: each keeps a line for its problem, so that the dialog
#: does not jump (change height, move the fields) when a problem appears.
CHECKED = ("title", "published", "url", "language")
SOURCE_KINDS = {
    "txt": "text file",
    "md": "Markdown file",
    "pdf": "PDF",
    "html": "web page",
    "clipboard": "pasted from the clipboard",
    "stdin": "standard input",
    "json": "Clipper JSON",
}


#: The value at the start of a core message ("'12/09/2015' is …", "2015-02-30 is …").
_VALUE_IS = re.compile(r"""^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\S+) is """)


def _beside_field(problem: str | None) -> str | None:
    """A core message as a sentence shown under its field: without the value the field
    shows already, so that it fits on the one line kept for it."""
    if problem is None:
        return None
    problem = _VALUE_IS.sub("", problem)
    return f"{problem[0].upper()}{problem[1:]}."


def published_problem(text: str) -> str | None:
    """Why ``text`` is not a publication date, or None: the one date rule of
    :func:`clipper.fields.date_problem` (YYYY-MM-DD, YYYY-MM or YYYY, a real date)."""
    return _beside_field(date_problem(text) if text else None)


def url_problem(text: str) -> str | None:
    """Why ``text`` is not an address, or None: :func:`clipper.fields.url_problem` after
    :func:`clipper.fields.normalise_url` (a bare ``bbc.co.uk/news/x`` gets ``https://``)."""
    return _beside_field(core_url_problem(normalise_url(text)) if text else None)


def language_problem(text: str) -> str | None:
    if not text or _LANGUAGE.match(text):
        return None
    return "Use a language code such as en, fr or pt-BR."


class ArticlePropertiesDialog(QDialog):
    """Edit an article's metadata; OK saves it to the store."""

    def __init__(
        self, controller: Controller, article_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("articlePropertiesDialog")
        self.setWindowTitle("Article properties")
        self.setAccessibleName("Article properties")
        self._controller = controller
        self.article: Article = controller.session.get_article(article_id)
        self.edits: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        self._build()
        self._validate()

    def _build(self) -> None:
        article = self.article
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(form)
        fields = (
            ("title", "&Title:", "Title", ""),
            ("outlet", "&Outlet:", "Outlet (newspaper, site, agency)", "e.g. The Guardian"),
            ("author", "&Author:", "Author", "optional"),
            ("published", "&Published:", "Published date", "YYYY-MM-DD (optional)"),
            ("url", "&URL:", "Address of the original", "https://… (optional)"),
            ("language", "&Language:", "Language code", "e.g. en, fr, pt-BR (optional)"),
        )
        for name, label, accessible, placeholder in fields:
            edit = QLineEdit(getattr(article, name) or "")
            edit.setObjectName(f"{name}Edit")
            edit.setAccessibleName(accessible)
            edit.setPlaceholderText(placeholder)
            edit.textChanged.connect(self._validate)
            problem = QLabel()
            problem.setObjectName(f"{name}Problem")
            problem.setAccessibleName(f"{accessible}: problem")
            problem.setStyleSheet("color: #b00020")
            problem.setWordWrap(True)
            problem.setMinimumHeight(problem.fontMetrics().lineSpacing())
            problem.setVisible(name in CHECKED)
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(problem)
            form.addRow(label, box)
            label_widget = form.labelForField(box)
            if isinstance(label_widget, QLabel):
                label_widget.setBuddy(edit)
            self.edits[name] = edit
            self.problems[name] = problem

        self.edits["url"].editingFinished.connect(self._show_full_url)

        kind = SOURCE_KINDS.get(article.source_kind, article.source_kind)
        source = f"{article.source_name} ({kind})" if article.source_name else kind
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        info = (
            ("Source:", source, "Source"),
            (
                "Imported:",
                article.imported_at.replace("T", " ").rstrip("Z") + " UTC",
                "Imported at",
            ),
            ("Length:", f"{len(article.text):,} characters", "Length"),
            ("Content hash:", article.content_hash, "Content hash (SHA-256)"),
        )
        for label, value, accessible in info:
            shown = QLabel(value)
            shown.setAccessibleName(accessible)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if accessible.startswith("Content hash"):
                shown.setFont(mono)
                shown.setToolTip("SHA-256 of the stored text (UTF-8): identifies this exact text.")
            form.addRow(label, shown)
        self.info_labels = form

        self.error_label = QLabel()
        self.error_label.setObjectName("saveError")
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def value(self, name: str) -> str:
        text = self.edits[name].text().strip()
        return normalise_url(text) if name == "url" and text else text

    @Slot()
    def _show_full_url(self) -> None:
        """Leaving the URL field shows the address as it will be saved (``https://`` added)."""
        edit = self.edits["url"]
        if edit.text().strip() and self.value("url") != edit.text():
            edit.setText(self.value("url"))

    def _problem(self, name: str) -> str | None:
        text = self.value(name)
        original = getattr(self.article, name) or ""
        if name == "title":
            return None if text else "An article needs a title."
        if text == original:
            return None  # never refuse a value that is stored already
        checks = {"published": published_problem, "url": url_problem, "language": language_problem}
        check = checks.get(name)
        return check(text) if check else None

    @Slot()
    def _validate(self) -> bool:
        ok = True
        for name in EDITABLE:
            problem = self._problem(name)
            label = self.problems[name]
            label.setText(problem or "")
            label.setToolTip(problem or "")
            label.setVisible(name in CHECKED or problem is not None)
            ok = ok and problem is None
        self.ok_button.setEnabled(ok)
        return ok

    def changes(self) -> dict[str, str | None]:
        """The fields the user changed (an emptied optional field becomes ``None``)."""
        changed: dict[str, str | None] = {}
        for name in EDITABLE:
            new: str | None = self.value(name) or None
            if new != (getattr(self.article, name) or None):
                changed[name] = new
        return changed

    def accept(self) -> None:
        """Save the changes; stay open with the reason if the store refuses them."""
        if not self._validate():
            return
        changes = self.changes()
        if changes:
            try:
                self.article = self._controller.update_article(self.article.id, **changes)
            except ClipperError as error:
                self.error_label.setText(f"Not saved: {error.message}")
                self.error_label.setVisible(True)
                return
        super().accept()
