"""The line above the article text: what is known about the article (outlet, author,
published date, address), and its title when the text does not start with it.

Shown only when there is something to show (no empty band above a pasted clipping); the
address is a link that opens in the browser.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from clipper.model import Article

_SEPARATOR = " &nbsp;·&nbsp; "


def header_html(article: Article | None) -> str:
    """The header's rich text ('' when there is nothing to show)."""
    if article is None:
        return ""
    # An author who is the outlet (a press release: "Wikimedia Foundation") is said once.
    same = (article.author or "").strip().casefold() == (article.outlet or "").strip().casefold()
    author = None if same else article.author
    parts = [html.escape(value) for value in (article.outlet, author, article.published) if value]
    if article.url:  # the host as the link's text (one short line); the address as tooltip
        host = urlsplit(article.url).hostname or article.url
        parts.append(f'<a href="{html.escape(article.url)}">{html.escape(host)}</a>')
    first_line = article.text.lstrip().split("\n", 1)[0].strip()
    title = article.title if article.title and first_line != article.title.strip() else ""
    lines = []
    if title:
        lines.append(f"<b>{html.escape(title)}</b>")
    if parts:
        lines.append(_SEPARATOR.join(parts))
    return "<br>".join(lines)


class ArticleHeader(QLabel):
    """Title (when the text lacks it) and metadata of the open article."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleHeader")
        self.setAccessibleName("About this article")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(True)
        self.setWordWrap(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setContentsMargins(16, 6, 16, 6)
        self.setVisible(False)

    def show_article(self, article: Article | None) -> None:
        text = header_html(article)
        self.setText(text)
        self.setToolTip(article.url or "" if article is not None else "")
        self.setVisible(bool(text))
