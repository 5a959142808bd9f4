"""Article properties: edit the metadata, see where the text came from.

The text itself never changes (annotations point into it); title, outlet, author,
published date, URL and language are saved on OK through the controller (an undoable
operation: :meth:`clipper.operations.Session.edit_article`).
Problems are shown next to the field, and OK stays disabled until they are fixed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from clipper.errors import ClipperError
from clipper.fields import ARTICLE_FIELDS, article_field_problem, normalise_article_field
from clipper.gui.controller import Controller
from clipper.gui.field_messages import beside_field
from clipper.gui.provenance_rows import provenance_rows
from clipper.model import Article

EDITABLE = ARTICLE_FIELDS
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


def field_problem(name: str, text: str) -> str | None:
    """The store's message for the article field ``name`` holding ``text`` (``""``: not
    given), from :func:`clipper.fields.article_field_problem`, or None."""
    value = normalise_article_field(name, text) if text else None
    return article_field_problem(name, value)


def published_problem(text: str) -> str | None:
    """Why ``text`` is not a publication date, as shown under the field, or None."""
    return beside_field(field_problem("published", text))


def url_problem(text: str) -> str | None:
    """Why ``text`` is not an address, as shown under the field, or None (a bare
    ``bbc.co.uk/news/x`` gets ``https://``)."""
    return beside_field(field_problem("url", text))


def language_problem(text: str) -> str | None:
    """Why ``text`` is not a language code, as shown under the field, or None."""
    return beside_field(field_problem("language", text))


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
        fetched = self._controller.session.fetched_page_info(article.id)
        for label, value in provenance_rows(fetched) if fetched else ():
            shown = QLabel(value)
            shown.setAccessibleName(label.rstrip(":"))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
        self.info_labels = form

        # "Not saved: …" shares the buttons' row: no space while hidden, and the dialog does
        # not grow when it appears (at most two lines shown; the whole text in its tooltip)
        self.error_label = QLabel()
        self.error_label.setObjectName("saveError")
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        self.error_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName("Save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(520, self.sizeHint().height())

    def value(self, name: str) -> str:
        text = self.edits[name].text().strip()
        return normalise_article_field(name, text) if text else text

    @Slot()
    def _show_full_url(self) -> None:
        """Leaving the URL field shows the address as it will be saved (``https://`` added)."""
        edit = self.edits["url"]
        if edit.text().strip() and self.value("url") != edit.text():
            edit.setText(self.value("url"))

    def problem(self, name: str) -> str | None:
        """The store's message for the field ``name`` as it is in the dialog, or None."""
        text = self.value(name)
        if name != "title" and text == (getattr(self.article, name) or ""):
            return None  # never refuse a value that is stored already
        return field_problem(name, text)

    @Slot()
    def _validate(self) -> bool:
        ok = True
        for name in EDITABLE:
            problem = self.problem(name)
            label = self.problems[name]
            # The line under the field leaves out the value the field shows (so that it
            # fits on the one line kept for it); the tooltip has the whole message.
            label.setText(beside_field(problem) or "")
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
                self.error_label.setToolTip(self.error_label.text())
                self.error_label.setVisible(True)
                return
        super().accept()
