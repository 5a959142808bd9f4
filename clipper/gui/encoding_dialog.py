"""The "which encoding?" dialog: a preview of the text in each candidate encoding.

Shown by the import flow for a text file whose encoding Clipper is not sure of (or when the
user asks to choose). The options and their previews come from the core
(:func:`clipper.importers.encoding.encoding_options`); this module only shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clipper.importers.encoding import EncodingOption


class EncodingDialog(QDialog):
    """Choose the encoding of ``name``; ``options[0]`` is the one Clipper would use.

    ``others``: how many more files wait with an uncertain encoding; then a check box offers
    to import those as Clipper reads them (each keeps a warning).
    """

    def __init__(
        self,
        name: str,
        options: Sequence[EncodingOption],
        others: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not options:
            raise ValueError("no encoding to choose from")
        self._options = list(options)
        self.setObjectName("encodingDialog")
        self.setWindowTitle("Choose the text encoding")
        self.setAccessibleName("Choose the text encoding")
        layout = QVBoxLayout(self)

        intro = QLabel(
            f"Which encoding was <b>{_escape(name)}</b> saved in? Clipper reads it best as "
            f"{_escape(options[0].label)}.<br>Choose the encoding whose preview shows the text "
            "correctly — look at accented letters, currency signs and quotes — then Import. "
            "The text cannot be re-decoded after the import.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.combo = QComboBox(self)
        self.combo.setObjectName("encodingCombo")
        self.combo.setAccessibleName("Encoding")
        for option in self._options:
            self.combo.addItem(option.label, option.encoding)
        label = QLabel("&Encoding:", self)
        label.setBuddy(self.combo)
        layout.addWidget(label)
        layout.addWidget(self.combo)

        self.preview = QPlainTextEdit(self)
        self.preview.setObjectName("encodingPreview")
        self.preview.setAccessibleName("Preview of the text in this encoding")
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.preview.setFont(QFont(fixed))
        self.preview.setMinimumSize(520, 220)
        layout.addWidget(QLabel("Preview (the lines with accented letters or symbols):", self))
        layout.addWidget(self.preview)

        self.others_box: QCheckBox | None = None
        if others:
            s = "s" if others != 1 else ""
            self.others_box = QCheckBox(
                f"Import the {others} other file{s} with an uncertain encoding as Clipper reads "
                "them (each gets a warning)",
                self,
            )
            layout.addWidget(self.others_box)

        buttons = QDialogButtonBox(self)
        self.import_button: QPushButton = buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.skip_button: QPushButton = buttons.addButton(
            "Skip file", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.combo.currentIndexChanged.connect(self._show_preview)
        self._show_preview(0)

    def _show_preview(self, index: int) -> None:
        if 0 <= index < len(self._options):
            self.preview.setPlainText(self._options[index].preview)

    def chosen_encoding(self) -> str:
        """The encoding selected now (as ``--encoding`` takes it)."""
        return self._options[max(0, self.combo.currentIndex())].encoding

    def select(self, encoding: str) -> None:
        """Select ``encoding`` (must be one of the options)."""
        self.combo.setCurrentIndex([o.encoding for o in self._options].index(encoding))

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    def apply_to_others(self) -> bool:
        """Whether the other uncertain files go in as Clipper reads them."""
        return self.others_box is not None and self.others_box.isChecked()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
