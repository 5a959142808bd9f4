"""The library's search words, marked in the opened article.

The library search (SQLite FTS5, ``unicode61``) finds articles holding every word or
"quoted phrase" of the query as whole words, case-insensitively; the same words and
phrases are marked here, as whole words, with a translucent yellow under the text (tag
highlights stay visible through it). The last word, unless quoted, is searched as typed
(a prefix: "Scien" finds "Scientology"), and is marked so: the words it begins. Marks
are Qt extra selections (a handful of cursors), so the view's own painting is unchanged.
Limit: FTS5 also ignores accents ("geneve" finds "Genève"); such hits are not marked.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

#: Translucent, so a tag's band under a search hit still shows.
MARK_COLOUR = QColor(255, 214, 0, 120)
#: At most this many hits are marked (a common word in a 5 MB text).
MAX_MARKS = 2000
_TERM = re.compile(r'"([^"]+)"|(\S+)')


def search_terms(query: str) -> list[str]:
    """The words and quoted phrases of a library query, in order, without repeats."""
    terms: list[str] = []
    for phrase, word in _TERM.findall(query):
        term = " ".join((phrase or word).strip('"').split())
        if term and term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    return terms


def mark(view: QPlainTextEdit, query: str, *, scroll: bool) -> int:
    """Mark ``query``'s terms in ``view`` (none for an empty query); with ``scroll``, put
    the cursor at the first hit and bring it into view. Returns the number of marks."""
    doc = view.document()
    style = QTextCharFormat()
    style.setBackground(MARK_COLOUR)
    selections: list[QTextEdit.ExtraSelection] = []
    terms = search_terms(query)
    typed = terms[-1] if terms and not query.rstrip().endswith('"') else None
    for term in terms:
        prefix = QRegularExpression(
            r"\b" + QRegularExpression.escape(term) + r"\w*",
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.UseUnicodePropertiesOption,
        )
        cursor = QTextCursor(doc)
        while len(selections) < MAX_MARKS:
            if term == typed:
                cursor = doc.find(prefix, cursor)
            else:
                cursor = doc.find(term, cursor, QTextDocument.FindFlag.FindWholeWords)
            if cursor.isNull():
                break
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = style
            selections.append(selection)
    view.setExtraSelections(selections)
    if scroll and selections:
        first = min(s.cursor.selectionStart() for s in selections)
        cursor = QTextCursor(doc)
        cursor.setPosition(first)
        view.setTextCursor(cursor)
        view.centerCursor()
    return len(selections)
