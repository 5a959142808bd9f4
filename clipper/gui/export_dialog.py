"""The Export dialog: choose format, articles, tags, statuses and a file; export in the
background. The statuses start at the format's default (accepted annotations; Clipper
JSON, the round trip: every status), each with the count it would write.

The export itself is :func:`clipper.exporters.export_to_path` (the same call as
``clipper export``), run by a :class:`~clipper.gui.workers.Job` with its own store. It
writes a temporary file and renames it at the end, so Cancel leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from clipper.errors import Cancelled, ClipperError
from clipper.exporters import EXPORT_FORMATS, ExportSelection, export_to_path
from clipper.exporters.registry import by_suffix
from clipper.gui import file_dialogs
from clipper.gui.advice import explain
from clipper.gui.default_button import make_only_default
from clipper.gui.passing_note import show_passing_note
from clipper.gui.workers import Job, JobContext
from clipper.model import STATUSES, Tag
from clipper.store import Store
from clipper.store.export_queries import count_by_tag_and_status

SCOPE_CURRENT = "current"
SCOPE_CHOSEN = "chosen"
SCOPE_ALL = "all"
DEFAULT_STEM = "clipper-annotations"
_KEY_FOLDER = "export/last_folder"
_KEY_FORMAT = "export/last_format"
_KEY_ESCAPE = "export/escape_formulas"
#: The status boxes' captions (their counts follow in brackets).
STATUS_CAPTIONS = {
    "accepted": "Accep&ted annotations",
    "pending": "Pen&ding suggestions, not reviewed",
    "rejected": "Re&jected suggestions",
}


def default_settings() -> QSettings:
    """Clipper's settings (the same location as :class:`clipper.gui.settings.Settings`)."""
    return QSettings("Clipper", "Clipper")


def suffix_of(fmt: str) -> str:
    return EXPORT_FORMATS[fmt].suffix


def with_format_suffix(path: Path, fmt: str) -> Path:
    """``path`` named for ``fmt``: a known format's ending (the longest, e.g.
    ``.claimreview.json``) or a missing one replaced by ``fmt``'s."""
    known = by_suffix(path.name)
    stem = path.name[: -len(known.suffix)] if known is not None else path.stem
    if known is None and path.suffix:
        return path
    return path.with_name(stem + suffix_of(fmt))


def colour_icon(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class ExportDialog(QDialog):
    """Export annotations of the current, the chosen or all articles to CSV or JSON."""

    #: The export finished: the file written and the number of annotations in it.
    exported = Signal(str, int)

    def __init__(
        self,
        db_path: str,
        current_article_id: int | None,
        selected_article_ids: list[int],
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export annotations")
        self.setAccessibleName("Export annotations")
        self._db_path = str(db_path)
        self._current_id = current_article_id
        self._chosen_ids = list(dict.fromkeys(selected_article_ids))
        self._settings = settings if settings is not None else default_settings()
        self._job: Job | None = None
        self._close_when_done = False
        #: The message box shown after a successful export (non-modal).
        self.success_box: QMessageBox | None = None
        #: What the last export wrote: (path, annotation count).
        self.last_export: tuple[str, int] | None = None

        with Store(self._db_path) as store:
            tags = store.list_tags()
            article_count = store.count_articles()
            current_title = (
                store.get_article(current_article_id).title
                if current_article_id is not None and store.article_exists(current_article_id)
                else None
            )
            if current_title is None:
                self._current_id = None
            #: Scope -> (tag, status) -> annotations: the status boxes' counts, summed for
            #: the ticked tags without asking the database again.
            self._counts = {
                scope: count_by_tag_and_status(store, ExportSelection(article_ids=ids))
                for scope, ids in (
                    (SCOPE_CURRENT, [self._current_id] if self._current_id is not None else []),
                    (SCOPE_CHOSEN, self._chosen_ids),
                    (SCOPE_ALL, None),
                )
            }
        #: The statuses the format last chose (the user's own choice differs from them).
        self._format_statuses: tuple[str, ...] = ()
        self._build(tags, article_count, current_title)
        self._restore_settings()
        self._update_state()

    # -- layout -------------------------------------------------------------------------

    def _build(self, tags: list[Tag], article_count: int, current_title: str | None) -> None:
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Export format")
        for name, export_format in EXPORT_FORMATS.items():
            self.format_combo.addItem(export_format.label, name)
        form.addRow("&Format:", self.format_combo)

        scope_box = QGroupBox("Articles")
        scope_box.setAccessibleName("Which articles")
        scope_layout = QVBoxLayout(scope_box)
        short = (current_title or "")[:60] + ("…" if len(current_title or "") > 60 else "")
        self.scope_current = QRadioButton(
            f"C&urrent article: {short}" if current_title else "C&urrent article (none open)"
        )
        n = len(self._chosen_ids)
        self.scope_chosen = QRadioButton(
            f"&Chosen in the library ({n} article{'s' if n != 1 else ''})"
            if n
            else "&Chosen in the library (none chosen)"
        )
        self.scope_all = QRadioButton(f"&All articles ({article_count})")
        self.scope_group = QButtonGroup(self)
        for button, name, accessible in (
            (self.scope_current, SCOPE_CURRENT, "Current article"),
            (self.scope_chosen, SCOPE_CHOSEN, "Articles chosen in the library"),
            (self.scope_all, SCOPE_ALL, "All articles"),
        ):
            button.setObjectName(f"scope_{name}")
            button.setAccessibleName(accessible)
            self.scope_group.addButton(button)
            scope_layout.addWidget(button)
        self.scope_current.setEnabled(self._current_id is not None)
        self.scope_chosen.setEnabled(bool(self._chosen_ids))
        if len(self._chosen_ids) > 1:
            self.scope_chosen.setChecked(True)
        elif self._current_id is not None:
            self.scope_current.setChecked(True)
        elif self._chosen_ids:
            self.scope_chosen.setChecked(True)
        else:
            self.scope_all.setChecked(True)
        layout.addWidget(scope_box)

        tags_box = QGroupBox("Tags")
        tags_layout = QVBoxLayout(tags_box)
        self.tag_list = QListWidget()
        self.tag_list.setAccessibleName("Tags to export")
        self.tag_list.setMaximumHeight(140)
        for tag in tags:
            item = QListWidgetItem(colour_icon(tag.colour), tag.caption)
            item.setData(Qt.ItemDataRole.UserRole, tag.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.tag_list.addItem(item)
        tags_layout.addWidget(self.tag_list)
        tag_buttons = QHBoxLayout()
        self.all_tags_button = QPushButton("Select a&ll")
        self.no_tags_button = QPushButton("Select &none")
        self.all_tags_button.setAccessibleName("Select all tags")
        self.no_tags_button.setAccessibleName("Select no tags")
        tag_buttons.addWidget(self.all_tags_button)
        tag_buttons.addWidget(self.no_tags_button)
        tag_buttons.addStretch()
        tags_layout.addLayout(tag_buttons)
        layout.addWidget(tags_box)

        status_box = QGroupBox("Status")
        status_box.setAccessibleName("Which statuses")
        status_layout = QVBoxLayout(status_box)
        self.status_checks: dict[str, QCheckBox] = {}
        for status in sorted(STATUSES, key=list(STATUS_CAPTIONS).index):
            check = QCheckBox(STATUS_CAPTIONS[status])
            check.setObjectName(f"status_{status}")
            check.setAccessibleName(STATUS_CAPTIONS[status].replace("&", ""))
            self.status_checks[status] = check
            status_layout.addWidget(check)
        self.status_note = QLabel()
        self.status_note.setObjectName("statusNote")
        self.status_note.setWordWrap(True)
        status_layout.addWidget(self.status_note)
        layout.addWidget(status_box)

        self.escape_check = QCheckBox("&Protect spreadsheet formulas (CSV)")
        self.escape_check.setAccessibleName("Protect spreadsheet formulas")
        self.escape_check.setToolTip(
            "Cells that start with =, +, - or @ (or a fullwidth lookalike, a tab or a "
            "line break) get a leading apostrophe so that a spreadsheet shows them as text "
            "instead of running them as formulas."
        )
        self.escape_check.setChecked(True)
        layout.addWidget(self.escape_check)

        dest_row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Export file")
        self.path_edit.setPlaceholderText("File to write")
        self.browse_button = QPushButton("&Browse…")
        self.browse_button.setAccessibleName("Choose the export file")
        dest_row.addWidget(self.path_edit, 1)
        dest_row.addWidget(self.browse_button)
        dest_label = QLabel("&Save to:")
        dest_label.setBuddy(self.path_edit)
        layout.addWidget(dest_label)
        layout.addLayout(dest_row)

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Export progress")
        self.progress_bar.setVisible(False)
        layout.addWidget(self.progress_bar)
        self.message_label = QLabel()
        self.message_label.setObjectName("exportMessage")
        self.message_label.setAccessibleName("Export message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            "&Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setAccessibleName("Export")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        layout.addWidget(self.buttons)
        make_only_default(self, self.export_button)

        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.all_tags_button.clicked.connect(lambda: self._check_all_tags(True))
        self.no_tags_button.clicked.connect(lambda: self._check_all_tags(False))
        self.tag_list.itemChanged.connect(self._update_state)
        self.scope_group.buttonToggled.connect(self._update_state)
        for check in self.status_checks.values():
            check.toggled.connect(self._update_state)
        self.path_edit.textChanged.connect(self._update_state)
        self.browse_button.clicked.connect(self.browse)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.resize(520, self.sizeHint().height())

    # -- state --------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        fmt = str(self._settings.value(_KEY_FORMAT, "csv"))
        index = self.format_combo.findData(fmt)
        self.format_combo.setCurrentIndex(max(index, 0))
        escape = self._settings.value(_KEY_ESCAPE, True)
        self.escape_check.setChecked(str(escape).lower() not in ("false", "0"))
        self._format_statuses = self.default_statuses()
        self.set_statuses(self._format_statuses)
        folder = str(self._settings.value(_KEY_FOLDER, "") or "")
        if not folder or not Path(folder).is_dir():
            folder = str(Path.home())
        self.path_edit.setText(str(Path(folder) / (DEFAULT_STEM + suffix_of(self.format()))))

    def _save_settings(self, path: Path) -> None:
        self._settings.setValue(_KEY_FOLDER, str(path.parent))
        self._settings.setValue(_KEY_FORMAT, self.format())
        self._settings.setValue(_KEY_ESCAPE, self.escape_check.isChecked())
        self._settings.sync()

    def format(self) -> str:
        return str(self.format_combo.currentData())

    def scope(self) -> str:
        if self.scope_current.isChecked():
            return SCOPE_CURRENT
        if self.scope_chosen.isChecked():
            return SCOPE_CHOSEN
        return SCOPE_ALL

    def set_scope(self, scope: str) -> None:
        {
            SCOPE_CURRENT: self.scope_current,
            SCOPE_CHOSEN: self.scope_chosen,
            SCOPE_ALL: self.scope_all,
        }[scope].setChecked(True)

    def checked_tags(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in map(self.tag_list.item, range(self.tag_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked_tags(self, names: list[str]) -> None:
        for item in map(self.tag_list.item, range(self.tag_list.count())):
            checked = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _check_all_tags(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in map(self.tag_list.item, range(self.tag_list.count())):
            item.setCheckState(state)

    def default_statuses(self) -> tuple[str, ...]:
        """The chosen format's default statuses, spelled out (accepted; Clipper JSON: all)."""
        return EXPORT_FORMATS[self.format()].statuses or STATUSES

    def checked_statuses(self) -> tuple[str, ...]:
        return tuple(s for s in STATUSES if self.status_checks[s].isChecked())

    def set_statuses(self, statuses: tuple[str, ...]) -> None:
        for status, check in self.status_checks.items():
            check.setChecked(status in statuses)

    def choose_statuses(self, statuses: tuple[str, ...]) -> None:
        """Tick ``statuses`` (``()``: every status), as a user would; a format without
        statuses keeps accepted only."""
        if EXPORT_FORMATS[self.format()].keeps_status:
            self.set_statuses(statuses or STATUSES)

    def status_count(self, status: str) -> int:
        """Annotations with ``status`` in the chosen articles and tags."""
        tags = set(self.checked_tags())
        counts = self._counts[self.scope()]
        return sum(k for (tag, s), k in counts.items() if s == status and tag in tags)

    def selection(self) -> ExportSelection:
        """What the export covers, as the exporter wants it (``None`` = no restriction)."""
        scope = self.scope()
        article_ids: list[int] | None = None
        if scope == SCOPE_CURRENT and self._current_id is not None:
            article_ids = [self._current_id]
        elif scope == SCOPE_CHOSEN:
            article_ids = list(self._chosen_ids)
        tags = self.checked_tags()
        all_tags = len(tags) == self.tag_list.count()
        statuses = self.checked_statuses()
        return ExportSelection(
            article_ids=article_ids,
            tags=None if all_tags else tags,
            statuses=() if len(statuses) == len(STATUSES) else statuses,
        )

    def is_running(self) -> bool:
        return self._job is not None

    @Slot()
    def _update_state(self) -> None:
        running = self.is_running()
        for widget in (
            self.format_combo,
            self.scope_all,
            self.tag_list,
            self.all_tags_button,
            self.no_tags_button,
            self.path_edit,
            self.browse_button,
        ):
            widget.setEnabled(not running)
        self.scope_current.setEnabled(not running and self._current_id is not None)
        self.scope_chosen.setEnabled(not running and bool(self._chosen_ids))
        self.escape_check.setEnabled(not running and self.format() == "csv")
        self._update_statuses(running)
        problem = self._problem()
        self.export_button.setEnabled(not running and problem is None)
        kind = self.message_label.property("kind")
        if not running and problem and kind != "error":
            self._show_message(problem, "hint")
        elif not problem and kind == "hint":
            self._show_message("")

    def _update_statuses(self, running: bool) -> None:
        """Counts on the status boxes; a format without statuses allows accepted only."""
        export_format = EXPORT_FORMATS[self.format()]
        for status, check in self.status_checks.items():
            check.setText(f"{STATUS_CAPTIONS[status]} ({self.status_count(status)})")
            check.setEnabled(not running and export_format.keeps_status)
        if not export_format.statuses:
            note = (
                "Clipper JSON is the round trip: it writes every status by default and "
                "keeps each one, so importing or merging the file loses nothing."
            )
        elif not export_format.keeps_status:
            note = (
                "This format has no status, so it writes accepted annotations only "
                "(a suggestion would read as a coding)."
            )
        else:
            note = "Accepted annotations only by default, as the library counts them."
        self.status_note.setText(note)

    def _problem(self) -> str | None:
        """Why Export cannot run yet (shown inline), or ``None``."""
        if not self.checked_tags():
            return "Choose at least one tag to export."
        if not self.checked_statuses():
            return "Choose at least one status to export."
        if not self.path_edit.text().strip():
            return "Choose the file to write."
        return None

    def _show_message(self, text: str, kind: str = "info") -> None:
        colours = {"error": "#b00020", "hint": "#555555", "info": "", "result": ""}
        self.message_label.setProperty("kind", kind)
        self.message_label.setStyleSheet(f"color: {colours[kind]}" if colours[kind] else "")
        self.message_label.setText(text)

    @Slot()
    def _on_format_changed(self) -> None:
        """Keep the file name's extension and the statuses in step with the format (a
        status choice the user changed stays, unless the format cannot write it)."""
        new = self.default_statuses()
        if not EXPORT_FORMATS[self.format()].keeps_status or (
            self.checked_statuses() == self._format_statuses
        ):
            self.set_statuses(new)
        self._format_statuses = new
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            renamed = with_format_suffix(path, self.format())
            if renamed != path:
                self.path_edit.setText(str(renamed))
        self._update_state()

    # -- actions ------------------------------------------------------------------------

    @Slot()
    def browse(self) -> None:
        fmt = self.format()
        suffix = suffix_of(fmt)
        name_filter = f"{fmt.upper()} files (*{suffix});;All files (*)"
        path = file_dialogs.save_file_name(
            self, "Export annotations to", self.path_edit.text(), name_filter
        )
        if path:
            if not Path(path).suffix:
                path += suffix
            self.path_edit.setText(path)

    def destination(self) -> Path:
        """The file to write (the format's extension added if the name has none)."""
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.suffix:
            path = path.with_suffix(suffix_of(self.format()))
        return path

    @Slot()
    def start_export(self) -> None:
        """Validate, then run the export in a worker thread."""
        if self.is_running():
            return
        problem = self._problem()
        if problem:
            self._show_message(problem, "hint")
            return
        path = self.destination()
        if path.is_dir():
            self._show_message(f"{path} is a folder: add a file name.", "error")
            return
        if not path.parent.is_dir():
            self._show_message(
                f"The folder {path.parent} does not exist. Choose another with Browse….",
                "error",
            )
            return
        if path.exists() and not self.confirm_overwrite(path):
            return
        fmt = self.format()
        selection = self.selection()
        escape = self.escape_check.isChecked()

        def work(context: JobContext) -> int:
            return export_to_path(
                context.store,
                path,
                fmt,
                selection,
                escape_formulas=escape,
                progress=context.progress,
                cancel=context.cancelled,
            )

        self._job = Job(self._db_path, work, self)
        self._job.progress.connect(self._on_progress)
        self._job.finished.connect(lambda count: self._on_finished(path, count))
        self._job.failed.connect(self._on_failed)
        self.progress_bar.setRange(0, 0)  # busy until the first count arrives
        self.progress_bar.setVisible(True)
        self._show_message(f"Exporting to {path.name}…")
        self._update_state()
        self._job.start()

    def confirm_overwrite(self, path: Path) -> bool:
        """Ask before replacing an existing file (Browse… has asked already)."""
        answer = QMessageBox.question(
            self,
            "Replace file?",
            f"{path.name} exists already in {path.parent}. Replace it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def _end_job(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
        self._job = None
        self.progress_bar.setVisible(False)
        self._update_state()
        if self._close_when_done:
            super().reject()

    def _on_finished(self, path: Path, count: int) -> None:
        self._save_settings(path)
        self.last_export = (str(path), count)
        noun = "annotation" if count == 1 else "annotations"
        self._show_message(f"{count} {noun} written to {path}.", "result")
        self._end_job()
        self.exported.emit(str(path), count)
        if not self._close_when_done:
            self.success_box = self._show_success(path, count)
            self.accept()

    def _show_success(self, path: Path, count: int) -> QMessageBox:
        """A non-blocking note with "Show in folder" (outlives this dialog; goes away by
        itself, see :mod:`~clipper.gui.passing_note`)."""
        noun = "annotation" if count == 1 else "annotations"
        extra = "" if count else "\n\nThe selection has no annotations: the file has only a header."
        box = show_passing_note(
            self.parentWidget(),
            "Export finished",
            f"{count} {noun} written to {path.name}.{extra}",
            detail=str(path),
            actions=[("Show in folder", lambda: show_in_folder(path))],
        )
        box.setObjectName("exportDoneBox")
        return box

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self._show_message("Export cancelled; no file was written.", "info")
        elif isinstance(error, ClipperError):
            self._show_message(f"Export failed: {explain(error)}", "error")
        elif isinstance(error, OSError):
            self._show_message(
                f"Export failed: the file cannot be written ({error.strerror or error}). "
                "Choose another folder or name.",
                "error",
            )
        else:
            self._show_message(
                f"Export failed because of an unexpected error ({type(error).__name__}: "
                f"{error}). Nothing was written; please report this.",
                "error",
            )
        self._end_job()

    @Slot()
    def cancel_export(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._show_message("Cancelling…")

    @Slot()
    def _on_cancel_clicked(self) -> None:
        """Cancel stops a running export (the dialog stays); otherwise it closes."""
        if self._job is not None:
            self.cancel_export()
        else:
            self.reject()

    def reject(self) -> None:
        """Esc or closing the window: stop a running export first (nothing is written),
        then close."""
        if self._job is not None:
            self._close_when_done = True
            self.cancel_export()
            return
        super().reject()


def show_in_folder(path: Path) -> None:
    """Open the file manager on the folder holding ``path``."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
