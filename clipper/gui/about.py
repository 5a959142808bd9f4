"""Help > About: version, licence and the attributions of bundled material."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clipper import __version__
from clipper.gui.icons import app_icon
from clipper.resources import resources_dir

LICENCE_NAME = "MIT"
COPYRIGHT = "© 2026 The Clipper developers"
ATTRIBUTION_FILE = "samples/ATTRIBUTION.md"
THIRD_PARTY = """\
## Libraries

- Qt {qt} and PySide6 {pyside} — © The Qt Company Ltd., LGPL-3.0
  (<https://www.qt.io/licensing/>). The standalone build ships Qt's shared libraries
  unmodified; you may replace them with your own build.
- pdfplumber and pdfminer.six (MIT), pypdfium2 and PDFium (Apache-2.0 / BSD-3-Clause),
  Pillow (MIT-CMU), cryptography (Apache-2.0 / BSD-3-Clause), sqlite-utils (Apache-2.0),
  click (BSD-3-Clause), charset-normalizer (MIT), platformdirs (MIT), ijson (BSD-3-Clause),
  and their dependencies; each package's own licence file ships with it.
"""


def attributions_markdown() -> str:
    """The attributions shown in the dialog, as Markdown.

    Bundled material comes first, read from ``resources/samples/ATTRIBUTION.md`` so the
    dialog never drifts from the file that ships with the sample.
    """
    path = resources_dir() / ATTRIBUTION_FILE
    try:
        bundled = path.read_text(encoding="utf-8").strip()
    except OSError as exc:  # a damaged install should still show an About box
        bundled = f"# Bundled sample clipping\n\n(attribution file unreadable: {exc})"
    bundled = bundled.replace("# Bundled sample clipping", "## Bundled sample clipping", 1)
    third_party = THIRD_PARTY.format(qt=qVersion(), pyside=pyside_version)
    return f"{bundled}\n\n{third_party}"


def about_header_html() -> str:
    """Name, version, licence and runtime versions as rich text."""
    return (
        f"<h2>Clipper {__version__}</h2>"
        "<p>Annotate press clippings: tag figures, quotes, people and claims, and export "
        "them with exact offsets.</p>"
        f"<p>{COPYRIGHT}<br>Released under the {LICENCE_NAME} licence.</p>"
        f"<p><small>Python {platform.python_version()} · Qt {qVersion()} · "
        f"PySide6 {pyside_version}</small></p>"
    )


def build_about_dialog(parent: QWidget | None = None) -> QDialog:
    """The About dialog, ready to show (not yet shown)."""
    dialog = QDialog(parent)
    dialog.setObjectName("aboutDialog")
    dialog.setWindowTitle("About Clipper")
    dialog.setWindowIcon(app_icon())

    icon = QLabel()
    icon.setPixmap(app_icon().pixmap(96, 96))
    icon.setAlignment(Qt.AlignmentFlag.AlignTop)
    header = QLabel(about_header_html())
    header.setObjectName("aboutHeader")
    header.setWordWrap(True)
    header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    top = QHBoxLayout()
    top.addWidget(icon)
    top.addWidget(header, 1)

    credits = QTextBrowser()
    credits.setObjectName("aboutAttributions")
    credits.setOpenExternalLinks(True)
    credits.setMarkdown(attributions_markdown())
    credits.setMinimumSize(480, 220)

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)

    layout = QVBoxLayout(dialog)
    layout.addLayout(top)
    layout.addWidget(credits, 1)
    layout.addWidget(buttons)
    return dialog


def show_about(parent: QWidget | None) -> None:
    """Show the About dialog, window-modal over ``parent``; it deletes itself when closed."""
    dialog = build_about_dialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
