"""The first-run page shown in the centre while the database has no articles."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """ "Open sample clipping" / "Import…" / "New clipping from clipboard"."""

    openSampleRequested = Signal()
    importRequested = Signal()
    pasteRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel("Welcome to Clipper", self)
        title.setObjectName("welcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        intro = QLabel(
            "Tag the figures, quotes, people and claims in news articles, then export them "
            "with exact offsets.<br><br>"
            "Start with the sample clipping to see how it works, or bring in your own "
            "articles: text, PDF or web-page (HTML) files (you can also drop them onto this "
            "window), or text copied from a web page.",
            self,
        )
        intro.setObjectName("welcomeText")
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.sample_button = QPushButton("Open sample clipping", self)
        self.sample_button.setObjectName("welcomePrimary")
        self.sample_button.setDefault(True)
        self.sample_button.setAccessibleName("Open the sample clipping")
        self.import_button = QPushButton("Import files…   Ctrl+O", self)
        self.import_button.setAccessibleName("Import text, PDF or web-page files")
        self.paste_button = QPushButton("New clipping from clipboard   Ctrl+Shift+V", self)
        self.paste_button.setAccessibleName("New clipping from the clipboard")
        for button in (self.sample_button, self.import_button, self.paste_button):
            button.setMinimumHeight(36)
        self.sample_button.clicked.connect(self.openSampleRequested)
        self.import_button.clicked.connect(self.importRequested)
        self.paste_button.clicked.connect(self.pasteRequested)

        hint = QLabel(
            "Then select a passage and press <b>1</b> figure, <b>2</b> quote, "
            "<b>3</b> person or <b>4</b> claim. <b>F1</b> lists every shortcut.",
            self,
        )
        hint.setObjectName("welcomeHint")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        column = QWidget(self)
        column.setObjectName("welcomeColumn")
        column.setMaximumWidth(500)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(18)
        for button in (self.sample_button, self.import_button, self.paste_button):
            inner.addWidget(button)
        inner.addSpacing(18)
        inner.addWidget(hint)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 20)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
