"""Team › Compare coders…: two coders' annotations of the current article side by side,
their disagreements listed, and keys to settle each one into the gold coder.

The text shows each coder's annotations as an underline lane in the coder's colour
(:class:`~clipper.gui.compare_view.CompareView`); the list holds every unit in text order
(disagreements and agreements, see :mod:`clipper.adjudication`). Keys (also in Help ›
Keyboard shortcuts, from :data:`clipper.gui.shortcuts.COMPARE_KEYS`): **A** / **B** adopt
coder A's or B's version, **C** both, **X** neither, **G** every agreement, **J** / **K**
next / previous disagreement; Ctrl+Z / Ctrl+Shift+Z undo and redo through the main
window's log; Ctrl+PgDown / Ctrl+PgUp go to the next / previous article. Each decision is
one undoable step (:meth:`~clipper.operations.Session.adjudicate`).

Reading and aligning the annotations (a second at 50,000) runs in a background
:class:`~clipper.gui.workers.Job` on its own connection, with "Comparing… N of M" and a
Stop button; the last result stays listed meanwhile, and the window can be closed. A
result read while another connection wrote is not shown: it compares again.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from clipper.adjudication import Unit
from clipper.errors import Cancelled, ClipperError
from clipper.gui.compare_units import (
    COLUMNS,
    KIND_LABELS,
    UnitsModel,
    decision_text,
    version_html,
)
from clipper.gui.compare_view import GOLD_COLOUR, CompareView, annotation_unit, coder_colour
from clipper.gui.errors import report_failed_change
from clipper.gui.shortcuts import COMPARE_KEYS, key_text, local_key
from clipper.gui.workers import Job, JobContext
from clipper.model import GOLD_CODER, Annotation
from clipper.operations import Session
from clipper.operations.adjudication import Comparison

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow


def _keys(name: str) -> str:
    return key_text(local_key(name).keys)


#: What a comparing job returns: the comparison and the gold coder's annotations.
_Result = tuple[Comparison, list[Annotation]]


def _comparing(
    article_id: int, coders: tuple[str, str], gold: str
) -> Callable[[JobContext], _Result]:
    """The job's function: compare on the job's own store (its own connection)."""

    def run(ctx: JobContext) -> _Result:
        session = Session(ctx.store)
        comparison = session.compare(
            article_id, coders, gold=gold, progress=ctx.progress, cancel=ctx.cancelled
        )
        return comparison, session.list_annotations(article_id, coders=[comparison.gold])

    return run


class CompareDialog(QDialog):
    """Compare two coders on the main window's current article and adjudicate."""

    #: A comparison's result (or a problem) is shown.
    compared = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window, Qt.WindowType.Window)
        self.setObjectName("compareDialog")
        self.setWindowTitle("Compare coders")
        self.setAccessibleName("Compare coders")
        self._window = window
        self._controller = window.controller
        self.comparison: Comparison | None = None
        self.units: list[Unit] = []
        self._article_shown: int | None = None
        self._filling = False
        #: The comparing job running, and the UI connection's data version when it started.
        self.job: Job | None = None
        self._job_version = 0

        self.article_label = QLabel(self)
        self.article_label.setObjectName("compareArticle")
        font = self.article_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.article_label.setFont(font)
        self.coder_a = QComboBox(self)
        self.coder_a.setObjectName("coderA")
        self.coder_a.setAccessibleName("Coder A")
        self.coder_b = QComboBox(self)
        self.coder_b.setObjectName("coderB")
        self.coder_b.setAccessibleName("Coder B")
        self.gold = QComboBox(self)
        self.gold.setObjectName("goldCoder")
        self.gold.setAccessibleName("Gold coder")
        self.gold.setToolTip("The coder the adopted versions are written as")
        for combo in (self.coder_a, self.coder_b, self.gold):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self._coders_changed())
        self.swatch_a = QLabel(self)
        self.swatch_b = QLabel(self)
        self.swatch_gold = QLabel(f'<span style="color:{GOLD_COLOUR}">▬</span>', self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("adjudicationProgress")
        self.progress.setAccessibleName("Units decided")
        self.progress.setTextVisible(True)
        self.progress.setMaximumWidth(260)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("adjudicationProgressText")
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("comparingText")
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setObjectName("comparingProgress")
        self.busy_bar.setAccessibleName("Comparing")
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(160)
        self.stop_button = QPushButton("Stop", self)
        self.stop_button.setObjectName("stopComparing")
        self.stop_button.setAutoDefault(False)
        self.stop_button.setToolTip("Stop comparing (the list keeps the last result)")
        self.stop_button.clicked.connect(self.stop_comparing)
        for widget in (self.busy_label, self.busy_bar, self.stop_button):
            widget.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.article_label, 1)
        top.addWidget(self.progress_label)
        top.addWidget(self.progress)
        choose = QHBoxLayout()
        for text, swatch, combo in (
            ("Coder &A", self.swatch_a, self.coder_a),
            ("Coder &B", self.swatch_b, self.coder_b),
            ("&Gold coder", self.swatch_gold, self.gold),
        ):
            label = QLabel(text, self)
            label.setBuddy(combo)
            choose.addWidget(label)
            if swatch is not None:
                choose.addWidget(swatch)
            choose.addWidget(combo)
            choose.addSpacing(16)
        choose.addStretch(1)
        choose.addWidget(self.busy_label)
        choose.addWidget(self.busy_bar)
        choose.addWidget(self.stop_button)

        self.view = CompareView(self)
        self.view.annotationClicked.connect(self._annotation_clicked)
        # A model whose rows are made when shown (thousands of units), in a view whose
        # narrow columns get widths from the font, not from measuring every row.
        self.model = UnitsModel(self)
        self.model.grey = QBrush(self.palette().color(self.palette().ColorRole.PlaceholderText))
        # (a table view: a tree view asks a Python model about children row by row)
        self.list = QTableView(self)
        self.list.setObjectName("unitList")
        self.list.setAccessibleName("Disagreements and agreements")
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.setTabKeyNavigation(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setModel(self.model)
        header = self.list.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            mode = QHeaderView.ResizeMode.Interactive
            if COLUMNS[column] in ("A", "B"):
                mode = QHeaderView.ResizeMode.Stretch
            header.setSectionResizeMode(column, mode)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._current_changed())
        self.detail = QLabel(self)
        self.detail.setObjectName("unitDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setMinimumHeight(90)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for i, (name, text) in enumerate(
            (
                ("adopt_a", "A's version"),
                ("adopt_b", "B's version"),
                ("adopt_both", "Both"),
                ("adopt_neither", "Neither"),
                ("previous_disagreement", "Previous"),
                ("next_disagreement", "Next"),
                ("adopt_agreements", "Adopt all agreements"),
            )
        ):
            button = QPushButton(f"{text}  ({_keys(name)})", self)
            button.setObjectName(f"button_{name}")
            button.setAutoDefault(False)
            button.setToolTip(local_key(name).text)
            self.buttons[name] = button
            grid.addWidget(button, i // 4, i % 4)
        close = QPushButton("Close", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        grid.addWidget(close, 1, 3)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.list, 1)
        right_layout.addWidget(self.detail)
        right_layout.addLayout(grid)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.status = QLabel(self)
        self.status.setObjectName("compareStatus")
        self.status.setWordWrap(True)
        self.keys_help = QLabel(self)
        self.keys_help.setObjectName("compareKeys")
        self.keys_help.setWordWrap(True)
        self.keys_help.setText(
            " · ".join(
                f"<b>{html.escape(key_text(k.keys))}</b> {html.escape(k.text)}"
                for k in COMPARE_KEYS
            )
            + " · <b>Ctrl+Z</b> undo · <b>Ctrl+PgDown</b> next article"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(choose)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.keys_help)

        handlers: dict[str, Callable[[], object]] = {
            "adopt_a": lambda: self.adopt("a"),
            "adopt_b": lambda: self.adopt("b"),
            "adopt_both": lambda: self.adopt("both"),
            "adopt_neither": lambda: self.adopt("neither"),
            "adopt_agreements": self.adopt_agreements,
            "next_disagreement": lambda: self.step(1),
            "previous_disagreement": lambda: self.step(-1),
        }
        for key in COMPARE_KEYS:
            handler = handlers[key.name]
            self.buttons[key.name].clicked.connect(lambda _c=False, h=handler: h())
            for sequence in key.keys:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.activated.connect(lambda h=handler: h())
        for sequence, action in (
            ("Ctrl+Z", window.undo),
            ("Ctrl+Shift+Z", window.redo),
            ("Ctrl+Y", window.redo),
            ("Ctrl+PgDown", lambda: window.step_article(1)),
            ("Ctrl+PgUp", lambda: window.step_article(-1)),
        ):
            QShortcut(QKeySequence(sequence), self).activated.connect(lambda a=action: a())

        self._listening = False
        screen = window.screen().availableGeometry()
        self.resize(min(1280, screen.width() - 40), min(780, screen.height() - 60))
        self.splitter.setSizes([self.width() * 11 // 20, self.width() * 9 // 20])
        self.refresh()

    # -- state ----------------------------------------------------------------------------

    @property
    def coders(self) -> tuple[str, str]:
        return (self.coder_a.currentText(), self.coder_b.currentText())

    @property
    def gold_coder(self) -> str:
        return self.gold.currentText() or GOLD_CODER

    def current_index(self) -> int | None:
        index = self.list.currentIndex()
        return index.row() if index.isValid() and index.row() < len(self.units) else None

    def current_unit(self) -> Unit | None:
        index = self.current_index()
        return None if index is None else self.units[index]

    # -- filling ----------------------------------------------------------------------------

    def _on_changed(self, changes: object) -> None:
        if getattr(changes, "article", False) or getattr(changes, "database", False):
            self.refresh()

    def _coders_changed(self) -> None:
        if not self._filling:
            self.refresh()

    def _fill_coders(self) -> None:
        """Offer the database's coders; keep the choice, else the first two who coded here."""
        session = self._controller.session
        names = [c.name for c in session.list_coders()]
        article_id = self._controller.article_id
        here: Counter[str] = (
            Counter() if article_id is None else session.store.coder_counts(article_id, "accepted")
        )
        here.pop(self.gold_coder, None)
        # the coders of this article first, in the order they joined the database
        ranked = [n for n in names if n in here] + [n for n in names if n not in here]
        keep_a, keep_b, keep_gold = (
            self.coder_a.currentText(),
            self.coder_b.currentText(),
            (self.gold.currentText() or GOLD_CODER),
        )
        self._filling = True
        try:
            gold_names = [GOLD_CODER] + [n for n in names if n != GOLD_CODER]
            self.gold.clear()
            self.gold.addItems(gold_names)
            self.gold.setCurrentText(keep_gold if keep_gold in gold_names else GOLD_CODER)
            candidates = [n for n in ranked if n != self.gold_coder]
            for combo, keep, fallback in (
                (self.coder_a, keep_a, 0),
                (self.coder_b, keep_b, 1),
            ):
                combo.clear()
                combo.addItems(candidates)
                if keep in candidates:
                    combo.setCurrentText(keep)
                elif len(candidates) > fallback:
                    combo.setCurrentIndex(fallback)
            if self.coder_a.currentText() == self.coder_b.currentText() and len(candidates) > 1:
                other = next(n for n in candidates if n != self.coder_a.currentText())
                self.coder_b.setCurrentText(other)
        finally:
            self._filling = False
        for i, swatch in enumerate((self.swatch_a, self.swatch_b)):
            swatch.setText(f'<span style="color:{coder_colour(i)}">▬</span>')

    def refresh(self) -> None:
        """Compare again (after a decision, an undo, another article or other coders):
        in a background job; the current list stays until its result is shown."""
        article = self._controller.article
        self._fill_coders()
        if article is None:
            self.stop_comparing(quiet=True)
            self._show_problem("Open an article in the main window to compare its coders.")
            return
        self.article_label.setText(html.escape(article.title))
        self.setWindowTitle(f"Compare coders — {article.title}")
        a, b = self.coders
        if not a or not b or a == b:
            self.stop_comparing(quiet=True)
            self._show_problem(
                "This database has fewer than two coders. Merge the coders' databases "
                "first (clipper merge), then compare them here."
            )
            return
        if self.comparison is not None and self.comparison.article_id != article.id:
            # another article: the last result's units are not this article's to adopt
            self.comparison, self.units = None, []
            self.model.set_units((), None)
            self.detail.clear()
            self._enable(False)
        self._start(article.id, (a, b), self.gold_coder)

    def busy(self) -> bool:
        """Is a comparison running?"""
        return self.job is not None

    def _start(self, article_id: int, coders: tuple[str, str], gold: str) -> None:
        self.stop_comparing(quiet=True)
        job = Job(self._controller.db_path, _comparing(article_id, coders, gold), self)
        job.progress.connect(self._job_progress)
        job.finished.connect(lambda result: self._job_done(job, article_id, result))
        job.failed.connect(lambda exc: self._job_failed(job, exc))
        self.job = job
        # another connection's commit from now on changes this (our own do not)
        self._job_version = self._controller.session.data_version()
        self._job_progress(0, 0)
        for widget in (self.busy_label, self.busy_bar, self.stop_button):
            widget.setVisible(True)
        job.start()

    def stop_comparing(self, *, quiet: bool = False) -> None:
        """Stop the running comparison, if any (its result is not shown)."""
        job, self.job = self.job, None
        for widget in (self.busy_label, self.busy_bar, self.stop_button):
            widget.setVisible(False)
        if job is None:
            return
        job.finished.disconnect()
        job.failed.disconnect()
        job.progress.disconnect()
        job.cancel()
        if not quiet:
            self.status.setText(
                "Comparing stopped. The list shows the last result, if any; choose the "
                "coders again to compare."
            )

    def _job_progress(self, done: int, total: int) -> None:
        if total <= 0:  # reading: how much is not known yet
            self.busy_bar.setRange(0, 0)
            self.busy_label.setText("Comparing…")
            return
        self.busy_bar.setRange(0, total)
        self.busy_bar.setValue(done)
        self.busy_label.setText(f"Comparing… {done:,} of {total:,} annotations")

    def _job_ended(self, job: Job) -> bool:
        """Forget ``job``; ``False`` if it is not the one running (a stopped one)."""
        job.deleteLater()
        if job is not self.job:
            return False
        self.job = None
        for widget in (self.busy_label, self.busy_bar, self.stop_button):
            widget.setVisible(False)
        return True

    def _job_failed(self, job: Job, exc: BaseException) -> None:
        if not self._job_ended(job) or isinstance(exc, Cancelled):
            return
        text = exc.message if isinstance(exc, ClipperError) else f"Comparing failed: {exc}"
        self._show_problem(text)
        self.compared.emit()

    def _job_done(self, job: Job, article_id: int, result: _Result) -> None:
        if not self._job_ended(job):
            return
        if self._controller.session.data_version() != self._job_version:
            # another connection wrote while the job read: its result may be stale
            self.status.setText("The database changed while comparing; comparing again…")
            self._controller.refresh_if_changed_elsewhere()  # may compare again itself
            if self.job is None:
                self.refresh()
            return
        article = self._controller.article
        if article is None or article.id != article_id:
            self.refresh()
            return
        self._show(article.id, article.text, *result)
        self.compared.emit()

    def _show(
        self, article_id: int, text: str, comparison: Comparison, gold: list[Annotation]
    ) -> None:
        """Show a comparison's result (the current unit kept, if it is still there)."""
        keep = self.current_unit()
        same_article = self._article_shown == article_id
        self.comparison = comparison
        self.units = list(comparison.units)
        decisions = comparison.decisions
        decided = [u for u in self.units if u.key in decisions] if decisions else []
        self.view.show_units(
            text,
            self.units,
            comparison.coders,
            self._controller.tags,
            decided,
            gold,
            keep_scroll=same_article,
        )
        self._article_shown = article_id
        self._fill_list(comparison)
        self._show_progress(comparison)
        index = self._index_like(keep) if same_article else None
        if index is None:
            index = self._next_open(-1, 1)
        if index is None and self.units:
            index = 0
        self.select(index, scroll=not same_article)
        self._enable(True)
        if not self.units:
            a, b = comparison.coders[:2]
            self.status.setText(f"Neither {a} nor {b} has accepted annotations here.")

    def _show_problem(self, text: str) -> None:
        self.comparison = None
        self.units = []
        self.model.set_units((), None)
        self.detail.clear()
        self.status.setText(text)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_label.clear()
        self._enable(False)
        article = self._controller.article
        if article is None:
            self.view.show_units("", [], (), self._controller.tags)
            self.article_label.setText("No article")
            self._article_shown = None
        else:
            self.article_label.setText(html.escape(article.title))
            self.view.show_units(article.text, [], (), self._controller.tags)
            self._article_shown = article.id

    def _enable(self, on: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(on)

    def _fill_list(self, comparison: Comparison) -> None:
        """The units in the list (each row made when shown), narrow columns sized to
        what they can hold."""
        self.list.selectionModel().blockSignals(True)
        try:
            self.model.set_units(self.units, comparison)
        finally:
            self.list.selectionModel().blockSignals(False)
        metrics = self.list.fontMetrics()
        article = self._controller.article
        longest = len(article.text) if article is not None else 0
        a, b = comparison.coders[:2]
        widest = {
            0: [f"{longest}–{longest}", COLUMNS[0]],
            1: [*KIND_LABELS.values(), COLUMNS[1]],
            4: ["—", "neither", "both", f"{a}'s", f"{b}'s", COLUMNS[4]],
        }
        for column, texts in widest.items():
            width = max(metrics.horizontalAdvance(t) for t in texts)
            self.list.setColumnWidth(column, width + 24)

    def _show_progress(self, comparison: Comparison) -> None:
        progress = comparison.progress
        self.progress.setRange(0, max(1, progress.total))
        self.progress.setValue(progress.decided)
        self.progress.setFormat(f"{progress.decided} / {progress.total}")
        if progress.total == 0:
            text = "Nothing to adjudicate"
        elif progress.done:
            text = "Adjudicated ✓"
        else:
            left = progress.disagreements_left
            agreements = progress.total - progress.decided - left
            parts = [f"{left} disagreement{'s' if left != 1 else ''} to do"]
            if agreements:
                parts.append(f"{agreements} agreement{'s' if agreements != 1 else ''} to adopt")
            text = ", ".join(parts)
        self.progress_label.setText(text)

    def _index_like(self, unit: Unit | None) -> int | None:
        """The index of ``unit`` (same key), else of a unit at its place."""
        if unit is None:
            return None
        for i, other in enumerate(self.units):
            if other.key == unit.key:
                return i
        for i, other in enumerate(self.units):
            if (other.start, other.end) >= (unit.start, unit.end):
                return i
        return len(self.units) - 1 if self.units else None

    def _next_open(self, start: int, direction: int) -> int | None:
        """The next undecided disagreement from ``start`` in ``direction``."""
        decisions = self.comparison.decisions if self.comparison else {}
        i = start + direction
        while 0 <= i < len(self.units):
            unit = self.units[i]
            if unit.is_disagreement and (not decisions or unit.key not in decisions):
                return i
            i += direction
        return None

    # -- moving ---------------------------------------------------------------------------

    def select(self, index: int | None, *, scroll: bool = True) -> None:
        if index is None or not 0 <= index < len(self.units):
            self.list.clearSelection()
            self.list.setCurrentIndex(QModelIndex())
            self.view.set_current(None)
            self.detail.clear()
            return
        row = self.model.index(index, 0)
        self.list.setCurrentIndex(row)
        self.list.scrollTo(row)
        self._current_changed(scroll=scroll)

    def _current_changed(self, *, scroll: bool = True) -> None:
        unit = self.current_unit()
        self.view.set_current(unit, scroll=scroll)
        if unit is None or self.comparison is None:
            self.detail.clear()
            return
        rows = [f"<b>{KIND_LABELS[unit.kind]}</b> at {unit.start}–{unit.end}"]
        for i, coder in enumerate(self.comparison.coders):
            version = unit.versions[coder]
            swatch = f'<span style="color:{coder_colour(i)}">▬</span>'
            body = "<i>nothing here</i>" if version is None else version_html(version)
            rows.append(f"{swatch} <b>{html.escape(coder)}</b>: {body}")
        decision = self.comparison.decision(unit)
        if decision is not None:
            rows.append(
                "Decided: "
                + html.escape(decision_text(decision.adopted, self.comparison.coders[:2]))
            )
        self.detail.setText("<br/>".join(rows))

    def step(self, direction: int) -> None:
        """Go to the next (``1``) or previous (``-1``) disagreement."""
        current = self.current_index()
        start = -1 if current is None and direction > 0 else current
        if start is None:
            start = len(self.units)
        i = start + direction
        while 0 <= i < len(self.units) and not self.units[i].is_disagreement:
            i += direction
        if 0 <= i < len(self.units):
            self.select(i)
        else:
            where = "after" if direction > 0 else "before"
            self.status.setText(f"No more disagreements {where} this one.")

    def _annotation_clicked(self, annotation_id: int) -> None:
        index = annotation_unit(self.units, annotation_id)
        if index is not None:
            self.select(index, scroll=False)

    # -- deciding -------------------------------------------------------------------------

    def adopt(self, which: str) -> None:
        """Adopt coder A's (``"a"``), B's (``"b"``), ``"both"`` or ``"neither"`` version
        of the current unit, then go to the next undecided disagreement."""
        unit = self.current_unit()
        article = self._controller.article
        if unit is None or article is None or self.comparison is None:
            self.status.setText("Choose a disagreement in the list first.")
            return
        a, b = self.comparison.coders[:2]
        chosen: Sequence[str] = {"a": [a], "b": [b], "both": [a, b], "neither": []}[which]
        if which == "both":
            chosen = [c for c in chosen if unit.versions[c] is not None]
        coders, gold = self.comparison.coders, self.comparison.gold
        index = self.current_index()
        try:
            self._controller.run(
                lambda s: s.adjudicate(article.id, unit, chosen, coders=coders, gold=gold)
            )
        except ClipperError as exc:
            self.status.setText(f"Not adopted: {exc.message}")
            report_failed_change(exc, self._window.show_message)
            return
        self.status.setText(self._controller.undo_label and f"Done: {self._controller.undo_label}")
        following = self._next_open(index if index is not None else -1, 1)
        if following is None:
            following = self._next_open(-1, 1)
        if following is not None:
            self.select(following)

    def adopt_agreements(self) -> None:
        article = self._controller.article
        if article is None or self.comparison is None:
            return
        coders, gold = self.comparison.coders, self.comparison.gold
        try:
            changes = self._controller.run(
                lambda s: s.adopt_agreements(article.id, coders, gold=gold)
            )
        except ClipperError as exc:
            self.status.setText(f"Not adopted: {exc.message}")
            report_failed_change(exc, self._window.show_message)
            return
        count = len(changes.annotations_added)
        self.status.setText(
            f"Adopted {count} agreement{'s' if count != 1 else ''} into {gold}."
            if count
            else "Every agreement is adopted already."
        )

    def showEvent(self, event: QShowEvent) -> None:
        if not self._listening:  # follow decisions, undos and the current article
            self._controller.undoChanged.connect(self.refresh)
            self._controller.changed.connect(self._on_changed)
            self._listening = True
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_comparing(quiet=True)  # compared again when shown again
        if self._listening:  # a hidden window does not compare again at every change
            self._controller.undoChanged.disconnect(self.refresh)
            self._controller.changed.disconnect(self._on_changed)
            self._listening = False
        super().hideEvent(event)


def open_compare(window: MainWindow) -> CompareDialog:
    """Show the Compare coders window (one per main window), on the current article."""
    dialog = window.findChild(CompareDialog, "compareDialog")
    if not isinstance(dialog, CompareDialog):
        dialog = CompareDialog(window)
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    dialog.list.setFocus()
    return dialog


def install(window: MainWindow) -> None:
    """Connect Team › Compare coders… (Ctrl+Shift+M). The main window connects it itself
    (``MainWindow._open_compare``), so that this module loads only when first used."""
    action = window.actions_by_name["compare_coders"]
    action.triggered.connect(lambda _c=False: open_compare(window))
