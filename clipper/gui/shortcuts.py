"""Every menu action declared once, as data: name, text, keys, menu, help text.

The main window builds its menus and QActions from :data:`ACTIONS`; Help > Keyboard
shortcuts is generated from the same data (plus the tag keys, which come from the store).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from clipper.gui.screen_fit import resize_to_fit
from clipper.model import Tag


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    text: str
    keys: tuple[str, ...]
    menu: str
    tip: str = ""
    checkable: bool = False
    #: Other menus that show the same action too (listed under ``menu`` in the shortcuts).
    also_in: tuple[str, ...] = ()


MENUS = ("File", "Edit", "View", "Article", "Annotate", "Corpus", "Team", "Help")

ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "import", "&Import files…", ("Ctrl+O",), "File", "Import text, PDF or web-page files"
    ),
    ActionSpec(
        "import_choosing_encoding",
        "Import text files choosing the &encoding…",
        ("Ctrl+Shift+I",),
        "File",
        "Preview each text file in the encodings it could be in, then import",
    ),
    ActionSpec(
        "paste_clipping",
        "New clipping from clip&board",
        ("Ctrl+Shift+V",),
        "File",
        "Make an article from the text on the clipboard",
    ),
    ActionSpec(
        "clip_url",
        "New clipping from &URL…",
        ("Ctrl+Shift+L",),
        "File",
        "Fetch a web page by its address and keep the page as fetched",
    ),
    ActionSpec("export", "&Export annotations…", ("Ctrl+E",), "File", "Write CSV or JSON"),
    ActionSpec("new_database", "&New database…", ("Ctrl+Shift+N",), "File"),
    ActionSpec("open_database", "&Open database…", ("Ctrl+Shift+O",), "File"),
    ActionSpec(
        "backup",
        "&Back up database…",
        ("Ctrl+Shift+B",),
        "File",
        "Save a copy of the database (safe while other programs write)",
    ),
    ActionSpec(
        "merge_databases",
        "&Merge databases…",
        (),
        "File",
        "Merge coders' databases or JSON exports into this database",
        also_in=("Team",),
    ),
    ActionSpec(
        "sync",
        "S&ync with team server…",
        ("Ctrl+Shift+Y",),
        "File",
        "Send your changes to the team's PostgreSQL server and receive the others'",
        also_in=("Team",),
    ),
    ActionSpec("quit", "&Quit", ("Ctrl+Q",), "File"),
    # Edit
    ActionSpec("undo", "&Undo", ("Ctrl+Z",), "Edit"),
    ActionSpec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Edit"),
    ActionSpec(
        "delete_annotation",
        "&Delete annotation",
        ("Del",),
        "Edit",
        "Remove the selected annotations",
    ),
    ActionSpec(
        "edit_note", "Edit &note", ("F2",), "Edit", "Write a note on the selected annotation"
    ),
    ActionSpec("find", "&Find in article…", ("Ctrl+F",), "Edit"),
    ActionSpec("find_next", "Find ne&xt", ("F3",), "Edit"),
    ActionSpec("find_previous", "Find pre&vious", ("Shift+F3",), "Edit"),
    ActionSpec(
        "snap_to_words",
        "&Snap selection to words",
        ("Ctrl+Shift+W",),
        "Edit",
        "Grow a selection to whole words before tagging it",
        checkable=True,
    ),
    ActionSpec(
        "manage_tags", "&Tags…", ("Ctrl+Shift+T",), "Edit", "Add tags, change colours and keys"
    ),
    ActionSpec(
        "coder", "&Coder…", ("Ctrl+Shift+U",), "Edit", "Who new annotations are tagged with"
    ),
    # View
    ActionSpec("zoom_in", "Zoom &in", ("Ctrl+=", "Ctrl++"), "View"),
    ActionSpec("zoom_out", "Zoom &out", ("Ctrl+-",), "View"),
    ActionSpec("reset_zoom", "&Reset zoom", ("Ctrl+0",), "View"),
    ActionSpec("focus_library", "Search the &library", ("Ctrl+L",), "View"),
    ActionSpec("focus_article", "Go to the &article", ("Ctrl+J",), "View"),
    ActionSpec("focus_annotations", "Go to the a&nnotations", ("Ctrl+K",), "View"),
    ActionSpec("refresh", "Re&fresh", ("F5",), "View", "Reload changes made by other programs"),
    ActionSpec(
        "page_view",
        "&Page view",
        ("F9",),
        "View",
        "Show a PDF article's pages beside its text",
        checkable=True,
    ),
    ActionSpec(
        "command_palette",
        "&Command palette…",
        ("Ctrl+Shift+P",),
        "View",
        "Type to find any article, tag or action",
    ),
    # Article
    ActionSpec("next_article", "&Next article", ("Ctrl+PgDown",), "Article"),
    ActionSpec("previous_article", "&Previous article", ("Ctrl+PgUp",), "Article"),
    ActionSpec("properties", "P&roperties…", ("Alt+Return",), "Article", "Title, outlet, date …"),
    ActionSpec("delete_article", "&Delete article…", ("Ctrl+Shift+Del",), "Article"),
    # Annotate
    ActionSpec(
        "rate_claim",
        "&Rate claim…",
        ("Ctrl+Shift+K",),
        "Annotate",
        "Give the chosen claim a verdict with evidence (fact-checking)",
    ),
    ActionSpec(
        "suggest_article",
        "&Suggest for this article",
        ("Ctrl+Shift+G",),
        "Annotate",
        "Find figures, quotes, people and claims in this article, to accept or reject",
    ),
    ActionSpec(
        "suggest_automatically",
        "Suggest when an article is &opened or imported",
        (),
        "Annotate",
        "Suggest in the background for each article opened or imported (this database)",
        checkable=True,
    ),
    ActionSpec(
        "next_suggestion",
        "Ne&xt suggestion",
        ("Ctrl+]",),
        "Annotate",
        "Go to the next suggestion waiting for review",
    ),
    ActionSpec(
        "previous_suggestion",
        "Pre&vious suggestion",
        ("Ctrl+[",),
        "Annotate",
        "Go to the previous suggestion waiting for review",
    ),
    ActionSpec(
        "accept_suggestion",
        "&Accept suggestion",
        ("Return", "Enter"),
        "Annotate",
        "Keep the current suggestion as an annotation (in the article text)",
    ),
    ActionSpec(
        "reject_suggestion",
        "Re&ject suggestion",
        ("Backspace",),
        "Annotate",
        "Turn the current suggestion down; it is not offered again (in the article text)",
    ),
    ActionSpec(
        "accept_all_suggestions_of_tag",
        "Accept all suggestions of this &tag",
        ("Ctrl+Shift+Return",),
        "Annotate",
        "Accept every suggestion of the current suggestion's tag in this article",
    ),
    # Corpus
    ActionSpec(
        "search_corpus",
        "&Search all articles…",
        ("Ctrl+Shift+F",),
        "Corpus",
        "Search every article's text; hits in context",
    ),
    ActionSpec(
        "annotation_browser",
        "&Annotations across articles…",
        ("Ctrl+Shift+A",),
        "Corpus",
        "Every annotation with its context, filtered and sorted",
    ),
    ActionSpec(
        "statistics",
        "S&tatistics and charts…",
        ("Ctrl+Shift+S",),
        "Corpus",
        "Counts per tag, outlet, coder, month, speaker and unit",
    ),
    # Team
    ActionSpec(
        "agreement",
        "Inter-coder &agreement…",
        ("Ctrl+Alt+A",),
        "Team",
        "Krippendorff's alpha, kappa and F1 per tag between coders",
    ),
    ActionSpec(
        "compare_coders",
        "&Compare coders…",
        ("Ctrl+Shift+M",),
        "Team",
        "Show two coders' annotations of this article side by side and settle their "
        "disagreements into the gold coder",
    ),
    ActionSpec(
        "my_assignments",
        "&My assignments",
        ("Ctrl+Alt+M",),
        "Team",
        "The articles the team lead assigned to you, with your progress",
    ),
    # Help
    ActionSpec("open_sample", "Open &sample clipping", ("Ctrl+Shift+H",), "Help"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", ("F1", "Ctrl+/"), "Help"),
    ActionSpec("about", "&About Clipper", (), "Help"),
)


@dataclass(frozen=True, slots=True)
class LocalKey:
    """A key that works inside one dialog only (listed in Help › Keyboard shortcuts)."""

    name: str
    text: str
    keys: tuple[str, ...]
    menu: str
    where: str


#: The keys of the Compare coders dialog (Team › Compare coders…).
COMPARE_KEYS: tuple[LocalKey, ...] = tuple(
    LocalKey(name, text, keys, "Team", "Compare coders")
    for name, text, keys in (
        ("adopt_a", "Adopt coder A's version", ("A",)),
        ("adopt_b", "Adopt coder B's version", ("B",)),
        ("adopt_both", "Adopt both versions", ("C",)),
        ("adopt_neither", "Adopt neither version", ("X",)),
        ("adopt_agreements", "Adopt all agreements", ("G",)),
        ("next_disagreement", "Next disagreement", ("J",)),
        ("previous_disagreement", "Previous disagreement", ("K",)),
    )
)

#: Keys that work inside one dialog only.
LOCAL_KEYS: tuple[LocalKey, ...] = COMPARE_KEYS


def local_key(name: str) -> LocalKey:
    for item in LOCAL_KEYS:
        if item.name == name:
            return item
    raise KeyError(name)


#: Where a separator goes in a menu: before these actions.
SEPARATOR_BEFORE = frozenset(
    {
        "export",
        "new_database",
        "quit",
        "delete_annotation",
        "find",
        "snap_to_words",
        "focus_library",
        "refresh",
        "properties",
        "about",
        "suggest_article",
    }
)


def spec(name: str) -> ActionSpec:
    for item in ACTIONS:
        if item.name == name:
            return item
    raise KeyError(name)


def create_actions(parent: QWidget) -> dict[str, QAction]:
    """One QAction per :data:`ACTIONS` entry, parented to (and active in) ``parent``."""
    actions: dict[str, QAction] = {}
    for item in ACTIONS:
        action = QAction(item.text, parent)
        action.setObjectName(f"action_{item.name}")
        action.setShortcuts([QKeySequence(k) for k in item.keys])
        if item.tip:
            action.setStatusTip(item.tip)
            action.setToolTip(item.tip)
        action.setCheckable(item.checkable)
        parent.addAction(action)
        actions[item.name] = action
    return actions


def key_text(keys: Iterable[str]) -> str:
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


def shortcut_rows(tags: Sequence[Tag]) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action with a key, then one row per tagging key."""
    rows = [
        (item.menu, item.text.replace("&", "").rstrip("…"), key_text(item.keys))
        for item in ACTIONS
        if item.keys
    ]
    rows.extend((k.menu, f"{k.where}: {k.text}", key_text(k.keys)) for k in LOCAL_KEYS)
    for tag in tags:
        if tag.shortcut:
            rows.append(("Annotate", f"Tag the selection as {tag.label}", tag.shortcut))
    return rows


def shortcuts_html(tags: Sequence[Tag]) -> str:
    parts = ["<table cellspacing='0' cellpadding='4'>"]
    menu = None
    for row_menu, text, keys in sorted(shortcut_rows(tags), key=lambda r: MENUS.index(r[0])):
        if row_menu != menu:
            menu = row_menu
            parts.append(f"<tr><th colspan='2' align='left'><br>{html.escape(menu)}</th></tr>")
        parts.append(f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>")
    parts.append("</table>")
    return "".join(parts)


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: a read-only table generated from :data:`ACTIONS`."""

    def __init__(self, tags: Sequence[Tag], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        resize_to_fit(self, 460, 620)
        browser = QTextBrowser(self)
        browser.setAccessibleName("Keyboard shortcuts")
        browser.setHtml(shortcuts_html(tags))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
