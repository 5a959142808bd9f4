"""The Corpus menu (search all articles, annotations across articles, statistics) and the
command palette, wired into the main window by :func:`install`.

Each view is made on first use (the statistics dialog, with its charting library, only
then: never at start-up) and kept for the session; opening a hit or a span opens its
article and selects it in the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog

from clipper.gui.controller import Changes
from clipper.gui.shortcuts import ACTIONS, key_text

if TYPE_CHECKING:
    from clipper.corpus import CorpusAnnotation
    from clipper.gui.command_palette import CommandPalette, Entry
    from clipper.gui.corpus_browser import AnnotationBrowser
    from clipper.gui.corpus_search import CorpusSearchDialog
    from clipper.gui.main_window import MainWindow


class CorpusViews(QObject):
    """The corpus dialogs of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("corpusViews")
        self.window = window
        self.search: CorpusSearchDialog | None = None
        self.browser: AnnotationBrowser | None = None
        self.stats: QDialog | None = None
        self.palette: CommandPalette | None = None
        window.controller.changed.connect(self._changed)

    # -- opening a span ---------------------------------------------------------------------

    def open_span(self, article_id: int, start: int, end: int) -> None:
        """Open an article and select ``start..end`` (code points) in its text."""
        window = self.window
        if window.controller.article_id != article_id:
            window.open_article(article_id)
        if window.controller.article_id != article_id:
            return  # it was deleted meanwhile (the status bar says so)
        window.view.select_span(start, end)
        window.view.centerCursor()
        window.activateWindow()
        window.raise_()
        window.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- the views ---------------------------------------------------------------------------

    def show_search(self) -> None:
        from clipper.gui.corpus_search import CorpusSearchDialog

        if self.search is None:
            self.search = CorpusSearchDialog(self.window.controller.db_path, self.window)
            self.search.hitActivated.connect(self.open_span)
        self._raise(self.search)
        self.search.query.setFocus()
        self.search.query.selectAll()

    def show_browser(self, tag: str | None = None) -> None:
        from clipper.gui.corpus_browser import AnnotationBrowser

        if self.browser is None:
            self.browser = AnnotationBrowser(
                self.window.controller.db_path, self._page_loader(), self.window
            )
            self.browser.spanActivated.connect(self.open_span)
            self.browser.exportRequested.connect(self.export_rows)
        if tag is not None:
            self.browser.set_tag(tag)
        self._raise(self.browser)
        self.browser.table.setFocus()

    def show_statistics(self) -> None:
        from clipper.gui.stats_dialog import StatisticsDialog  # charts load only now

        if self.stats is None:
            self.stats = StatisticsDialog(self.window.controller.db_path, self.window)
        self._raise(self.stats)

    def show_palette(self) -> None:
        from clipper.gui.command_palette import CommandPalette  # loads on first use

        self.palette = CommandPalette(
            self.window.controller.db_path, self.palette_entries(), self.window
        )
        self.palette.chosen.connect(self.run_entry)
        self.palette.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.palette.open()
        self.palette.query.setFocus()

    def palette_entries(self) -> list[Entry]:
        from clipper.gui.command_palette import Entry

        actions = self.window.actions_by_name
        entries = [
            Entry("action", item.name, item.text.replace("&", "").rstrip("…"), key_text(item.keys))
            for item in ACTIONS
            if item.name != "command_palette" and actions[item.name].isEnabled()
        ]
        for tag in self.window.controller.tags:
            label = f"Tag the selection as {tag.label}"
            entries.append(Entry("tag", tag.name, label, tag.shortcut or ""))
            entries.append(Entry("browse", tag.name, f"Annotations tagged {tag.label}", "Corpus"))
        return entries

    def run_entry(self, entry: Entry) -> None:
        if entry.kind == "action":
            self.window.actions_by_name[str(entry.key)].trigger()
        elif entry.kind == "tag":
            self.window.tag_selection(str(entry.key))
        elif entry.kind == "browse":
            self.show_browser(str(entry.key))
        elif entry.kind == "article":
            self.window.open_article(int(entry.key))
            self.window.focus_article()

    def export_rows(
        self, article_ids: Sequence[int], tags: Sequence[str], statuses: Sequence[str] = ()
    ) -> None:
        """The Export dialog, set to the browser's rows: their articles, tags and statuses
        (empty: any; a format without statuses keeps writing accepted ones only)."""
        from clipper.gui.export_dialog import ExportDialog

        window = self.window
        window.annotations.save_note()
        dialog = ExportDialog(
            window.controller.db_path, window.controller.article_id, list(article_ids), window
        )
        dialog.scope_chosen.setChecked(True)
        if tags:
            for row in range(dialog.tag_list.count()):
                item = dialog.tag_list.item(row)
                wanted = item.data(Qt.ItemDataRole.UserRole) in tags
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        dialog.choose_statuses(tuple(statuses))
        dialog.exec()

    # -- plumbing ---------------------------------------------------------------------------

    def _page_loader(self) -> Callable[[Sequence[int]], list[CorpusAnnotation]]:
        """Reads a page of rows on the UI thread through the window's session (a page is
        200 rows: a few milliseconds)."""

        def load(ids: Sequence[int]) -> list[CorpusAnnotation]:
            return self.window.controller.session.corpus_annotation_page(ids)

        return load

    @staticmethod
    def _raise(dialog: QDialog) -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _changed(self, changes: Changes) -> None:
        if not changes.database:
            return
        path = self.window.controller.db_path
        if self.search is not None:
            self.search.set_database(path)
        if self.browser is not None:
            self.browser.set_database(path, self._page_loader())
        if self.stats is not None:
            self.stats.close()
            self.stats.deleteLater()
            self.stats = None


def install(window: MainWindow) -> CorpusViews:
    """Connect the Corpus menu's actions and the command palette to ``window``."""
    views = CorpusViews(window)
    actions = window.actions_by_name
    actions["search_corpus"].triggered.connect(lambda _c=False: views.show_search())
    actions["annotation_browser"].triggered.connect(lambda _c=False: views.show_browser())
    actions["statistics"].triggered.connect(lambda _c=False: views.show_statistics())
    actions["command_palette"].triggered.connect(lambda _c=False: views.show_palette())
    return views
