"""The main window: library | article | annotations, tag toolbar, menus, status bar.

The window wires widgets to the :class:`~clipper.gui.controller.Controller`: user actions
become controller calls (core operations, each recorded in the session's undo log), and
the controller's one ``changed`` notification is dispatched to each pane, which redraws
only what changed. Edit › Undo/Redo drive that core log.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from clipper import __version__
from clipper.errors import ClipperError
from clipper.gui import (
    corpus_menu,
    review,
    search_marks,
    team_menu,
    team_sync,
    text_menu,
    url_clip,
)
from clipper.gui.annotations_pane import AnnotationsPane
from clipper.gui.article_header import ArticleHeader
from clipper.gui.article_view import ArticleView
from clipper.gui.controller import Changes, Controller
from clipper.gui.errors import report_failed_change, show_error
from clipper.gui.find_bar import FindBar
from clipper.gui.library_pane import LibraryPane
from clipper.gui.screen_fit import FRAME_ALLOWANCE as FRAME_ALLOWANCE  # re-exported
from clipper.gui.screen_fit import resize_to_fit
from clipper.gui.settings import Settings
from clipper.gui.shortcuts import ACTIONS, MENUS, SEPARATOR_BEFORE, ShortcutsDialog, create_actions
from clipper.gui.status_bar import ElidingStatusBar
from clipper.gui.status_counts import StatusCounts
from clipper.gui.tag_bar import TagBar
from clipper.gui.welcome import WelcomePage
from clipper.model import DEFAULT_CODER
from clipper.operations.base import CODER_VARIABLE
from clipper.operations.review import TagCounts, pending_count, tag_counts
from clipper.quoting import quote

if TYPE_CHECKING:
    from clipper.gui.coder_dialog import CoderDialog

log = logging.getLogger("clipper.gui")

DB_FILTER = "Clipper databases (*.db *.sqlite *.clipper);;All files (*)"
#: Added to a new database's or backup's name typed without an extension (else the file
#: is not listed by File › Open database, whose filter is DB_FILTER).
DB_SUFFIX = "db"
STATUS_MS = 6000


#: How often the window looks for other programs' changes (``PRAGMA data_version``).
POLL_MS = 1000
#: Polls skipped in a row while a mouse button is down (a selection being dragged). A
#: button "held" longer is a release that never arrived: refresh anyway.
MAX_DRAG_SKIPS = 5
#: Default shares of the window's width: library, article, annotations (the article most).
SPLIT_SHARES = (0.33, 0.42, 0.25)
#: Qt platforms without a user in front of them: the app never asks questions there.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})
FOREIGN_CHANGE_MESSAGE = "Reloaded: the database was changed by another program."


def _preview(text: str) -> str:
    return quote(text, 40)


class MainWindow(QMainWindow):
    """Clipper's main window over one :class:`Controller` (one database at a time)."""

    def __init__(self, controller: Controller, settings: Settings) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.controller = controller
        #: Annotations an undo or redo under way brought back (see :meth:`_step`).
        self._restored: list[int] | None = None
        self.settings = settings
        self._importer: QObject | None = None
        self._shown_article_id: int | None = None
        self._closing = False
        self._drag_skips = 0

        self.actions_by_name = create_actions(self)
        self.tag_bar = TagBar(self)
        self.tag_bar.tagTriggered.connect(self.tag_selection)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.tag_bar)

        # Each pane is made in the place it stays (splitter, centre stack, article page):
        # moving a built pane there later restyles its whole subtree (~5% of the start).
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.centre = QStackedWidget(self.splitter)
        self.centre.setObjectName("centre")
        article_page = QWidget(self.centre)

        self.library = LibraryPane(self.splitter)
        self.library.articleActivated.connect(self.open_article)
        self.library.deleteRequested.connect(self.delete_article)
        self.library.queryChanged.connect(self.reload_library)
        self.library.table.activated.connect(lambda _i: self.focus_article())

        self.view = ArticleView(article_page)
        self.view.setObjectName("articleView")
        self.view.setAccessibleName("Article text")
        self.view.snap_to_words = settings.snap_to_words()
        self.view.annotationClicked.connect(self._annotation_clicked)
        self.view.spanSelected.connect(self._span_selected)
        self.view.zoomChanged.connect(self._zoom_changed)
        self.view.installEventFilter(self)
        text_menu.install(self)
        team_menu.install(self)
        self.actions_by_name["compare_coders"].triggered.connect(self._open_compare)
        team_sync.install(self)
        url_clip.install(self)
        # Annotate › Rate claim…: the dialog's module loads when first used.
        self.actions_by_name["rate_claim"].triggered.connect(self._rate_selected_claim)
        corpus_menu.install(self)
        self.library.queryChanged.connect(
            lambda: search_marks.mark(self.view, self.library.search_text(), scroll=False)
        )
        if settings.zoom():
            self.view.set_zoom(settings.zoom())
        self.find_bar = FindBar(article_page)
        self.find_bar.findRequested.connect(self._find)
        self.find_bar.closed.connect(lambda: self.view.setFocus())

        self.welcome = WelcomePage(self.centre)
        self.welcome.openSampleRequested.connect(self.open_sample)
        self.welcome.importRequested.connect(self.import_dialog)
        self.welcome.pasteRequested.connect(self.paste_clipping)
        self.no_article = QLabel("Choose an article in the library.", self.centre)
        self.no_article.setObjectName("noArticle")
        self.no_article.setAlignment(Qt.AlignmentFlag.AlignCenter)
        article_layout = QVBoxLayout(article_page)
        article_layout.setContentsMargins(0, 0, 0, 0)
        article_layout.setSpacing(0)
        self.article_header = ArticleHeader(article_page)
        article_layout.addWidget(self.article_header)
        article_layout.addWidget(self.find_bar)
        article_layout.addWidget(self.view, 1)
        self.article_page = article_page
        for page in (self.welcome, self.no_article, article_page):
            self.centre.addWidget(page)

        self.annotations = AnnotationsPane(self.splitter)
        self.annotations.annotationActivated.connect(self._annotation_activated)
        self.annotations.deleteRequested.connect(self.delete_annotations)
        self.annotations.tagChangeRequested.connect(self.change_tag)
        self.annotations.noteEdited.connect(self.edit_note)
        self.annotations.rateRequested.connect(self._rate_claim)
        self.annotations.note.textChanged.connect(self._update_undo_enabled)
        controller.add_pending_saver(self.annotations.save_note)

        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.annotations)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([440, 620, 340])
        self._user_splitter = False  # until restored or dragged, panes keep SPLIT_SHARES
        #: Width the centre needs (the page view beside the text); the side panes give it up.
        self.centre_min_width = 0
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.setCentralWidget(self.splitter)

        self.counts_label = StatusCounts(self)
        self.counts_label.setObjectName("statusCounts")
        self.counts_label.setAccessibleName("Annotations per tag")
        self.coder_label = QLabel(self)
        self.coder_label.setObjectName("statusCoder")
        self.coder_label.setAccessibleName("Who is coding")
        self.setStatusBar(ElidingStatusBar(self))
        self.statusBar().addPermanentWidget(self.coder_label)
        self.statusBar().addPermanentWidget(self.counts_label)
        #: The coder came from ``--coder`` (then the app never asks who is coding).
        self.coder_given = False
        self.coder_dialog: CoderDialog | None = None

        self._build_menus()
        self._connect_actions()
        # View › Page view (F9): its pane and PDF modules load on the first toggle.
        self.actions_by_name["page_view"].toggled.connect(self._install_page_view)
        self.review = review.install(self)
        self.setAcceptDrops(True)
        controller.changed.connect(self.on_changed)
        controller.message.connect(self.show_message)

        self._poll_timer = QTimer(self)
        self._poll_timer.setObjectName("databasePollTimer")
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self.check_for_changes)
        self._poll_timer.start()

        self._initial_size()
        self._restore_layout()
        self.on_changed(Changes(database=True, tags=True, library=True, article=True))

    # -- construction -------------------------------------------------------------------

    def _install_page_view(self, _on: bool) -> None:
        """The first toggle of View › Page view installs the page pane, which shows it."""
        from clipper.gui import page_view

        self.actions_by_name["page_view"].toggled.disconnect(self._install_page_view)
        page_view.install(self)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}
        for title in MENUS:
            menu = bar.addMenu(f"&{title}")
            menu.setObjectName(f"menu_{title.lower()}")
            self.menus[title] = menu
        for item in ACTIONS:
            menu = self.menus[item.menu]
            if item.name in SEPARATOR_BEFORE and not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(self.actions_by_name[item.name])
            if item.name == "open_database":
                self.recent_menu = menu.addMenu("Open &recent")
                self.recent_menu.setObjectName("menu_recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        seconds: set[str] = set()  # menus whose group of second places has begun
        for item in ACTIONS:  # the same action in a second menu (e.g. Team › Sync)
            for title in item.also_in:
                if title not in seconds:
                    self.menus[title].addSeparator()
                    seconds.add(title)
                self.menus[title].addAction(self.actions_by_name[item.name])
        annotate = self.menus["Annotate"]
        self._tag_menu_anchor = annotate.addSeparator()
        hint = annotate.addAction("Select text, then press a tag's key")
        hint.setEnabled(False)
        annotate.insertAction(self._tag_menu_anchor, hint)

    def _connect_actions(self) -> None:
        a = self.actions_by_name
        handlers: dict[str, Callable[[], object]] = {
            "import": self.import_dialog,
            "import_choosing_encoding": lambda: self.import_dialog(choose_encoding=True),
            "paste_clipping": self.paste_clipping,
            "export": self.export_dialog,
            "new_database": self.new_database,
            "open_database": self.open_database_dialog,
            "backup": self.backup_database,
            "quit": self.close,
            "undo": self.undo,
            "redo": self.redo,
            "delete_annotation": self.delete_selected_annotations,
            "edit_note": self.annotations.edit_note,
            "find": self.find_bar.open_bar,
            "find_next": lambda: self.find_bar.find_text(True),
            "find_previous": lambda: self.find_bar.find_text(False),
            "manage_tags": self.manage_tags,
            "coder": self.change_coder,
            "zoom_in": self.view.zoom_in,
            "zoom_out": self.view.zoom_out,
            "reset_zoom": self.view.reset_zoom,
            "focus_library": self.library.focus_search,
            "focus_article": self.focus_article,
            "focus_annotations": lambda: self.annotations.table.setFocus(),
            "refresh": self.refresh,
            "next_article": lambda: self.step_article(1),
            "previous_article": lambda: self.step_article(-1),
            "properties": self.article_properties,
            "delete_article": self.delete_article,
            "open_sample": self.open_sample,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        }
        for name, handler in handlers.items():
            a[name].triggered.connect(lambda _checked=False, h=handler: h())
        snap = a["snap_to_words"]
        snap.setChecked(self.view.snap_to_words)
        snap.toggled.connect(self.set_snap_to_words)
        self.controller.undoChanged.connect(self._update_undo_actions)
        self._update_undo_actions()

    def _initial_size(self) -> None:
        """1400×860, or less on a smaller screen (a saved size wins: _restore_layout).

        The size is the window's inside; the title bar and borders the window manager adds
        are not known before the window is shown, so room is left for them (else, on a
        1280×800 screen, the status bar started below the screen's edge)."""
        resize_to_fit(self, 1400, 860)

    def _restore_layout(self) -> None:
        if (geometry := self.settings.geometry()) is not None:
            self.restoreGeometry(geometry)
        if (state := self.settings.window_state()) is not None:
            self.restoreState(state)
        if (splitter := self.settings.splitter_state()) is not None:
            self._user_splitter = self.splitter.restoreState(splitter)
        if widths := self.settings.library_columns():
            self.library.set_column_widths(widths)

    def _splitter_moved(self, _pos: int, _index: int) -> None:
        self._user_splitter = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Share the width out as SPLIT_SHARES (the article most) until the user drags."""
        super().resizeEvent(event)
        if not self._user_splitter:
            self.share_width()

    def share_width(self) -> None:
        """Give the panes SPLIT_SHARES of the width (or the user's sizes), the centre at least
        centre_min_width (taken from the library first, then the annotations, down to their
        minimum)."""
        handles = self.splitter.handleWidth() * (self.splitter.count() - 1)
        width = self.splitter.width() - handles
        if self._user_splitter:  # the user's sizes, the centre widened if it must be
            sizes = self.splitter.sizes()
        else:
            sizes = [round(width * share) for share in SPLIT_SHARES]
        short = self.centre_min_width - sizes[1]
        for index, pane in ((0, self.library), (2, self.annotations)):
            if short <= 0:
                break
            spare = max(sizes[index] - pane.minimumSizeHint().width(), 0)
            taken = min(spare, short)
            sizes[index] -= taken
            sizes[1] += taken
            short -= taken
        self.splitter.blockSignals(True)
        self.splitter.setSizes(sizes)
        self.splitter.blockSignals(False)

    def save_layout(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_splitter_state(self.splitter.saveState())
        self.settings.set_library_columns(self.library.column_widths())
        self.settings.set_last_article(self.controller.db_path, self.controller.article_id)
        self.settings.sync()

    # -- the one place that redraws ------------------------------------------------------

    def on_changed(self, changes: Changes) -> None:
        """Dispatch a :class:`Changes` record to the panes."""
        controller = self.controller
        if changes.database:
            self._importer = None
            self.library.set_store(controller.store)
            self.settings.add_recent_database(controller.db_path)
        if changes.database or changes.coder:
            self.coder_label.setText(f"Coding as {controller.coder}")
            self.annotations.set_coder(controller.coder)
        if changes.tags:
            self._set_tags()
        if changes.library:
            self.reload_library()
        if changes.article:
            self._show_article()
        if changes.added and self._restored is not None:
            self._restored.extend(a.id for a in changes.added)
        if changes.added or changes.removed or changes.updated:
            self.view.remove_annotations([a.id for a in changes.removed])
            self.annotations.remove_many(changes.removed)
            self.view.add_annotations(changes.added)
            self.annotations.add_many(changes.added)
            self.view.update_annotations(changes.updated)
            self.annotations.update_many(changes.updated)
        counts = None
        if changes.counts_of is not None:
            counts = self._counts_read_with_library(changes)
            if counts is None:
                counts = tag_counts(controller.session, changes.counts_of)
                self.library.model.update_counts(changes.counts_of, counts.coded)
        if changes.counts_of is not None or changes.article or changes.tags:
            same = changes.counts_of is not None and changes.counts_of == controller.article_id
            self._update_status_counts(counts if same else None)
        if changes.database or changes.library or changes.article:
            self._update_centre()
            self._update_title()
            self.article_header.show_article(self.controller.article)
            self._update_action_states()

    def _counts_read_with_library(self, changes: Changes) -> TagCounts | None:
        """Opening an article (nothing else changed): its library row, read with its
        counts and updated by every change since, has them (no query; the suggestions to
        review from an index count). ``None``: ask."""
        opened = changes.article and changes.counts_of is not None
        others = changes.database or changes.library or changes.tags
        edits = changes.added or changes.removed or changes.updated
        if not opened or others or edits or self.library.is_loading():
            return None
        assert changes.counts_of is not None
        coded = self.library.model.known_counts(changes.counts_of)
        if coded is None:
            return None
        pending = pending_count(self.controller.session, changes.counts_of)
        return TagCounts(coded, pending, {})

    def _set_tags(self) -> None:
        tags = self.controller.tags
        annotate = self.menus["Annotate"]
        for action in self.tag_bar.tag_actions.values():
            annotate.removeAction(action)
        for action in self.tag_bar.set_tags(tags):
            self.addAction(action)
            annotate.insertAction(self._tag_menu_anchor, action)
        self.library.set_tags(tags)
        self.annotations.set_tags(tags)
        self.view.set_tags(tags)

    def reload_library(self) -> None:
        self.library.set_library_tags(self.controller.tags)
        self.library.reload(current=self.controller.article_id)

    def _show_article(self) -> None:
        controller = self.controller
        article = controller.article
        self.annotations.save_note()
        if article is None:
            self.view.set_article("", [], controller.tags)
            self.annotations.set_annotations([])
            self._shown_article_id = None
            self.library.select_article(None)
            return
        same = article.id == self._shown_article_id
        scroll = self.view.verticalScrollBar().value()
        anchor = self.view.textCursor().anchor()
        position = self.view.textCursor().position()
        # Nothing read yet: the view reads the spans of the lines it paints, the pane its
        # row count and the rows on screen (from the store, through the controller's map).
        annotations = controller.annotations
        self.view.set_article(article.text, annotations, controller.tags)
        search_marks.mark(self.view, self.library.search_text(), scroll=not same)
        self.annotations.set_source(annotations, keep_selection=same)
        self.library.select_article(article.id)
        self._shown_article_id = article.id
        self.settings.set_last_article(controller.db_path, article.id)
        if same:  # a refresh: stay where the reader was, keep the selection
            last = self.view.document().characterCount() - 1
            cursor = self.view.textCursor()
            cursor.setPosition(min(anchor, last))
            cursor.setPosition(min(position, last), QTextCursor.MoveMode.KeepAnchor)
            self.view.setTextCursor(cursor)
            self.view.verticalScrollBar().setValue(scroll)
        elif not self.library.table.hasFocus():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_centre(self) -> None:
        if self.controller.article is not None:
            self.centre.setCurrentWidget(self.article_page)
        elif not self.controller.session.has_articles():
            self.centre.setCurrentWidget(self.welcome)
            self.welcome.sample_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.centre.setCurrentWidget(self.no_article)

    def _update_title(self) -> None:
        db = Path(self.controller.db_path).name
        article = self.controller.article
        title = f"{article.title} — {db}" if article else db
        self.setWindowTitle(f"{title} — Clipper")

    def _update_action_states(self) -> None:
        has_article = self.controller.article is not None
        for name in ("properties", "delete_article", "find", "find_next", "find_previous"):
            self.actions_by_name[name].setEnabled(has_article)

    def _update_status_counts(self, counts: TagCounts | None = None) -> None:
        """The shown article's counts per tag (``counts``: read already): accepted
        annotations only (hand-made or accepted suggestions), and the suggestions waiting
        for review apart."""
        article_id = self.controller.article_id
        if article_id is None:
            self.counts_label.clear()
            return
        if counts is None:
            counts = tag_counts(self.controller.session, article_id)
        items = [(t.colour, t.label, counts.coded.get(t.name, 0)) for t in self.controller.tags]
        pending = counts.pending
        review = f"{pending} suggestion{'s' if pending != 1 else ''} to review" if pending else ""
        self.counts_label.set_counts(items, sum(counts.coded.values()), note=review)

    # -- coder ------------------------------------------------------------------------------

    def should_ask_coder(self, *, offscreen_too: bool = False) -> bool:
        """The first start: no coder setting, no $CLIPPER_CODER, no ``--coder``, and a
        real screen (offscreen/minimal platforms — tests, automation — are never asked
        unless ``offscreen_too``)."""
        if self.coder_given or os.environ.get(CODER_VARIABLE, "").strip():
            return False
        if self.settings.coder() is not None:
            return False
        platform = QGuiApplication.platformName()
        return offscreen_too or platform not in HEADLESS_PLATFORMS

    def ask_coder_once(self, *, offscreen_too: bool = False) -> bool:
        """Ask "Who is coding?" if :meth:`should_ask_coder`; the answer (or ``default``
        on Escape) is saved, so the question comes once. Returns whether it asked."""
        if not self.should_ask_coder(offscreen_too=offscreen_too):
            return False
        from clipper.gui.coder_dialog import login_name

        self._open_coder_dialog(login_name() or self.controller.coder, first=True)
        return True

    def change_coder(self) -> None:
        """Edit › Coder…: tag new annotations with another name."""
        self._open_coder_dialog(self.controller.coder, first=False)

    def _rate_selected_claim(self) -> None:
        from clipper.gui import rate_dialog

        rate_dialog.open_for_selection(self)

    def _rate_claim(self, annotation_id: int) -> None:
        from clipper.gui import rate_dialog

        rate_dialog.open_for(self, annotation_id)

    def _open_coder_dialog(self, current: str, *, first: bool) -> None:
        from clipper.gui.coder_dialog import CoderDialog

        dialog = CoderDialog(current, self, first=first)
        self.coder_dialog = dialog

        def finished(result: int) -> None:
            self.coder_dialog = None
            if result == QDialog.DialogCode.Accepted:
                name = dialog.chosen()
            elif first:
                name = DEFAULT_CODER  # Escape: keep "default", and do not ask again
            else:
                return
            self.settings.set_coder(name)
            self.settings.sync()
            self.controller.set_coder(name)

        dialog.finished.connect(finished)
        dialog.open()

    def _open_compare(self) -> None:
        """Team › Compare coders… (the dialog's module loads on first use, not at start-up)."""
        from clipper.gui.compare_dialog import open_compare

        open_compare(self)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    # -- articles -----------------------------------------------------------------------

    def open_initial_article(self, article_id: int | None = None) -> None:
        """At start: the requested article, else the last one read, else the newest."""
        session = self.controller.session
        if article_id is not None:
            if session.article_exists(article_id):
                self.open_article(article_id)
                return
            self.show_message(f"There is no article {article_id} in this database.")
        last = self.settings.last_article(self.controller.db_path)
        if last is not None and session.article_exists(last):
            self.open_article(last)
            return
        first = self.library.first_article_id()
        if first is not None:
            self.open_article(first)

    def open_article(self, article_id: int | None) -> None:
        try:
            self.controller.open_article(article_id)
        except ClipperError as exc:
            self.show_message(exc.message)

    def focus_article(self) -> None:
        if self.controller.article is not None:
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_article(self, step: int) -> None:
        model = self.library.model
        if not model.ids:
            return
        current = self.controller.article_id
        row = None if current is None else model.row_of(current)
        index = 0 if row is None else row + step
        if 0 <= index < len(model.ids):
            self.open_article(model.ids[index])

    def open_sample(self) -> None:
        try:
            self.controller.open_sample()
        except ClipperError as exc:
            self.show_message(exc.message)
        self.view.setFocus()

    def article_properties(self) -> None:
        article_id = self.controller.article_id
        if article_id is None:
            return
        from clipper.gui.properties_dialog import ArticlePropertiesDialog

        ArticlePropertiesDialog(self.controller, article_id, self).exec()

    def delete_article(self) -> None:
        article = self.controller.article
        if article is None:
            return
        n = len(self.controller.annotations)
        its = f" and its {n} annotation{'s' if n != 1 else ''}" if n else ""  # not "its 0"
        answer = QMessageBox.question(
            self,
            "Delete article",
            f"Delete “{article.title}”{its}?\n\nEdit › Undo brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = self.library.visible_article_ids()
        following = [i for i in ids if i != article.id]
        index = ids.index(article.id) if article.id in ids else 0
        try:
            self.controller.delete_article(article.id)
        except ClipperError as exc:
            report_failed_change(exc, self.show_message)
            return
        self.show_message(f"Deleted “{article.title}”.")
        if following:
            self.open_article(following[min(index, len(following) - 1)])

    # -- annotating ---------------------------------------------------------------------

    def tag_selection(self, tag_name: str) -> None:
        """Tag the article view's selection (keys 1–4 …, the tag toolbar, the menu)."""
        controller = self.controller
        article = controller.article
        tag = controller.tag(tag_name)
        if article is None or tag is None:
            self.show_message("Open an article first, then select some text to tag.")
            return
        span = self.view.selected_span()
        if span is None:
            self.show_message(f"Select some text first, then press {tag.shortcut or tag.label}.")
            return
        try:
            annotation = controller.add_annotation(article.id, span[0], span[1], tag.name)
        except ClipperError as exc:
            report_failed_change(exc, self.show_message)
            return
        cursor = self.view.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        self.view.setTextCursor(cursor)
        self.annotations.select_annotation(annotation.id)
        if annotation.origin == "suggested":  # the suggestion waiting there was accepted
            self.show_message(f"Accepted the suggestion {_preview(annotation.text)} ({tag.label}).")
        else:
            self.show_message(f"Tagged {_preview(annotation.text)} as {tag.label}.")

    def undo(self) -> None:
        """Undo the last change; a note being typed is saved first (and is that change).
        A step that no longer applies is dropped, and the status bar says why."""
        label = self._step(self.controller.undo)
        if label:
            self.show_message(f"Undid: {label}")

    def redo(self) -> None:
        label = self._step(self.controller.redo)
        if label:
            self.show_message(f"Redid: {label}")

    def _step(self, step: Callable[[], str | None]) -> str | None:
        """Undo or redo; annotations it brings back to this article (a redone tag, an
        undone delete) are selected, as after tagging: their note can be typed at once."""
        self._restored = []
        try:
            label = step()
        finally:
            restored, self._restored = self._restored, None
        shown = [i for i in restored if i in self.controller.annotations]
        if label and shown:
            self.annotations.select_annotation(shown[-1])
        return label

    def _update_undo_actions(self) -> None:
        """Edit › Undo/Redo name the step they would undo or redo ("Undo Tag “…” as Quote")."""
        a = self.actions_by_name
        undo, redo = self.controller.undo_label, self.controller.redo_label
        a["undo"].setText(f"&Undo {undo}" if undo else "&Undo")
        a["redo"].setText(f"&Redo {redo}" if redo else "&Redo")
        a["redo"].setEnabled(bool(redo))
        self._update_undo_enabled()

    def _update_undo_enabled(self) -> None:
        can = bool(self.controller.undo_label) or self.annotations.has_pending_note()
        self.actions_by_name["undo"].setEnabled(can)

    def delete_selected_annotations(self) -> None:
        selected = self.annotations.selected_annotations()
        if not selected:
            self.show_message("Select an annotation in the list (or click it in the text) first.")
            return
        self.delete_annotations([a.id for a in selected])

    def delete_annotations(self, annotation_ids: Sequence[int]) -> None:
        chosen = [
            self.controller.annotations[i]
            for i in annotation_ids
            if i in self.controller.annotations
        ]
        if not chosen:
            return
        self.annotations.save_note()
        try:
            self.controller.delete_annotations([a.id for a in chosen])
        except ClipperError as exc:
            report_failed_change(exc, self.show_message)
            return
        self.show_message(
            f"Deleted {_preview(chosen[0].text)}."
            if len(chosen) == 1
            else f"Deleted {len(chosen)} annotations."
        )

    def change_tag(self, annotation_id: int, tag_name: str) -> None:
        annotation = self.controller.annotations.get(annotation_id)
        tag = self.controller.tag(tag_name)
        if annotation is None or tag is None or annotation.tag == tag_name:
            return
        try:
            self.controller.update_annotation(annotation_id, tag=tag_name)
        except ClipperError as exc:
            report_failed_change(exc, self.show_message)

    def edit_note(self, annotation_id: int, note: str, session: int) -> None:
        annotation = self.controller.annotations.get(annotation_id)
        if annotation is None or annotation.note == note:
            return
        try:
            self.controller.update_annotation(annotation_id, note=note, merge_key=session)
        except ClipperError as exc:
            report_failed_change(exc, self.show_message)
            return
        self.show_message("Note saved.")

    def set_snap_to_words(self, value: bool) -> None:
        self.view.snap_to_words = value
        self.settings.set_snap_to_words(value)
        self.show_message("Selections snap to whole words." if value else "Selections are exact.")

    def _annotation_clicked(self, annotation_id: int) -> None:
        self.annotations.select_annotation(annotation_id)

    def _annotation_activated(self, annotation_id: int) -> None:
        self.view.scroll_to_annotation(annotation_id)
        self.view.flash_annotation(annotation_id)

    def _span_selected(self, start: int, end: int) -> None:
        keys = ", ".join(t.shortcut for t in self.controller.tags if t.shortcut)
        if self.find_bar.edit.hasFocus():  # a digit would be typed into the search
            how = f"press Esc to go back to the text, then {keys} to tag it"
        else:
            how = f"press {keys} or click a tag"
        self.statusBar().showMessage(f"Selected {end - start} characters — {how}.", STATUS_MS)

    def _zoom_changed(self, percent: int) -> None:
        self.settings.set_zoom(percent)
        self.show_message(f"Zoom {percent}%")

    def _find(self, query: str, forward: bool, incremental: bool) -> None:
        if incremental:
            cursor = self.view.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.view.setTextCursor(cursor)
        found = self.view.find_text(query, forward) if query else False
        self.find_bar.show_result(found, *self.view.match_number(query))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tag keys typed in the article view when no window shortcut caught them
        # (e.g. the window is not active); the shortcut path is the usual one.
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if modifiers == Qt.KeyboardModifier.NoModifier and event.text():
                tag = self.controller.tag_for_key(event.text())
                if tag is not None:
                    self.tag_selection(tag.name)
                    return True
            if event.matches(QKeySequence.StandardKey.Delete):
                self.delete_selected_annotations()
                return True
        return super().eventFilter(watched, event)

    # -- getting articles in ------------------------------------------------------------

    def importer(self) -> QObject:
        """The import controller for the open database (created on first use)."""
        if self._importer is None:
            from clipper.gui.import_flow import ImportController

            importer = ImportController(self.controller.db_path, self)
            importer.ocr_language = self.settings.ocr_language()
            importer.ocrLanguageChosen.connect(self.settings.set_ocr_language)
            importer.articlesImported.connect(self._articles_imported)
            importer.openArticleRequested.connect(self.open_article)
            self._importer = importer
        return self._importer

    def _articles_imported(self, article_ids: list[int]) -> None:
        self.controller.articles_imported(list(article_ids))
        n = len(article_ids)
        self.show_message(f"Imported {n} article{'s' if n != 1 else ''}.")
        self.view.setFocus()

    def import_dialog(self, *, choose_encoding: bool = False) -> None:
        """File › Import (``choose_encoding``: ask the encoding of every text file)."""
        from clipper.gui import annotation_import
        from clipper.importers import SUPPORTED_PATTERNS  # charset detection: not at start-up
        from clipper.importers.annotation_formats import suffix_patterns

        patterns = " ".join(SUPPORTED_PATTERNS)
        every = " ".join((*SUPPORTED_PATTERNS, *suffix_patterns()))
        merged = annotation_import.name_filter()
        name_filter = (
            f"Articles and annotation files ({every});;Articles ({patterns});;{merged};;"
            "All files (*)"
        )
        from clipper.gui import file_dialogs

        paths = file_dialogs.open_file_names(
            self, "Import articles", os.path.expanduser("~"), name_filter
        )
        if paths:
            self.import_files(paths, choose_encoding=choose_encoding)

    def import_files(self, paths: Sequence[str], *, choose_encoding: bool = False) -> None:
        from clipper.gui import annotation_import  # annotation files are merged

        annotation_files, paths = annotation_import.split(paths)
        if annotation_files:
            annotation_import.merge_files(self, annotation_files)
        if not paths:
            return
        self.importer().import_files(  # type: ignore[attr-defined]
            list(paths), choose_encoding=choose_encoding
        )

    def paste_clipping(self) -> None:
        from clipper.gui.clipboard_dialog import paste_clipping

        paste_clipping(self)

    @staticmethod
    def _local_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_paths(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._local_paths(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        # Import after the drop returns, so the drag source is not kept waiting.
        QTimer.singleShot(0, lambda: self.import_files(paths))

    # -- other dialogs ------------------------------------------------------------------

    def export_dialog(self) -> None:
        from clipper.gui.export_dialog import ExportDialog

        self.annotations.save_note()
        selected = self.library.selected_article_ids()
        dialog = ExportDialog(self.controller.db_path, self.controller.article_id, selected, self)
        dialog.exported.connect(self._exported)
        dialog.exec()

    def _exported(self, path: str, count: int) -> None:
        noun = "annotation" if count == 1 else "annotations"
        self.show_message(f"{count:,} {noun} written to {path}.")

    def manage_tags(self) -> None:
        from clipper.gui.tags_dialog import TagsDialog

        TagsDialog(self.controller, self).exec()
        self.controller.reload_tags()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.controller.tags, self).exec()

    def show_about(self) -> None:
        try:
            from clipper.gui.about import show_about
        except ImportError:
            from clipper.resources import SAMPLE_ATTRIBUTION

            QMessageBox.about(
                self,
                "About Clipper",
                f"<b>Clipper {__version__}</b><br>Annotate press clippings.<br><br>"
                f"Sample clipping: {html.escape(SAMPLE_ATTRIBUTION)}",
            )
            return
        show_about(self)

    # -- databases ----------------------------------------------------------------------

    def new_database(self) -> None:
        from clipper.gui import file_dialogs

        path = file_dialogs.save_file_name(
            self,
            "New database",
            os.path.expanduser("~/clippings.db"),
            DB_FILTER,
            confirm_overwrite=False,
            default_suffix=DB_SUFFIX,
        )
        if path:
            if os.path.exists(path):
                self.show_message(f"{path} exists already: opened it (nothing was overwritten).")
            self.open_database(path)

    def open_database_dialog(self) -> None:
        from clipper.gui import file_dialogs

        path = file_dialogs.open_file_name(
            self, "Open database", os.path.dirname(self.controller.db_path), DB_FILTER
        )
        if path:
            self.open_database(path)

    def backup_database(self) -> None:
        """File › Back up: SQLite's online backup to a file the user picks, off the UI
        thread (the app keeps working; other programs may write meanwhile)."""
        from clipper.gui import file_dialogs
        from clipper.gui.workers import Job
        from clipper.store.backups import backup_path

        path = file_dialogs.save_file_name(
            self,
            "Back up the database",
            str(backup_path(self.controller.db_path)),
            DB_FILTER,
            default_suffix=DB_SUFFIX,
        )
        if not path:
            return
        job = Job(self.controller.db_path, lambda ctx: ctx.store.backup(path), self)
        job.finished.connect(lambda target: self.show_message(f"Backed up to {target}"))
        job.failed.connect(
            lambda exc: show_error(self, "The backup failed", getattr(exc, "message", str(exc)))
        )
        self.show_message(f"Backing up to {path}…")
        self._backup_job = job
        job.start()

    def open_database(self, path: str) -> None:
        if os.path.abspath(path) == os.path.abspath(self.controller.db_path):
            return
        self.annotations.save_note()
        self.settings.set_last_article(self.controller.db_path, self.controller.article_id)
        try:
            self.controller.open_database(path)
        except ClipperError as exc:
            from clipper.gui.advice import explain

            show_error(self, "Cannot open the database", explain(exc))
            return
        last = self.settings.last_article(path)
        if last is not None and self.controller.session.article_exists(last):
            self.open_article(last)
        self.show_message(f"Opened {path}")

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = [
            p
            for p in self.settings.recent_databases()
            if p != os.path.abspath(self.controller.db_path)
        ]
        if not recent:
            self.recent_menu.addAction("No other recent databases").setEnabled(False)
            return
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path}")
            action.setEnabled(os.path.exists(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_database(p))

    # -- refresh ------------------------------------------------------------------------

    def refresh(self) -> None:
        self.controller.refresh()
        self.show_message("Reloaded from the database.")

    def check_for_changes(self) -> None:
        """Show what other programs wrote (every second, and when the window becomes
        active): no F5 needed."""
        if self._closing:
            return
        if (
            QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton
            and self._drag_skips < MAX_DRAG_SKIPS
        ):
            self._drag_skips += 1
            return  # mid-drag (a selection being made): look again on the next tick
        self._drag_skips = 0
        try:
            if self.controller.refresh_if_changed_elsewhere():
                self.show_message(FOREIGN_CHANGE_MESSAGE)
        except Exception:  # a locked or vanished file must not break the timer
            log.exception("auto-refresh failed")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self.check_for_changes()
        return super().event(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.commit_pending_edits()
        importer = self._importer
        if importer is not None and importer.is_busy():  # type: ignore[attr-defined]
            importer.cancel()  # type: ignore[attr-defined]
        self.save_layout()
        self._closing = True
        self._poll_timer.stop()
        super().closeEvent(event)
