"""Team › Agreement…: choose the coders and articles, then the report, computed in a job.

The dialog loads what may be chosen (:func:`clipper.operations.agreement.agreement_choices`)
in a background job, then computes the agreement of the default choice (every coder but
``gold``, every article all of them coded), as the command line does without options. The
coders are a checklist; the articles are either all those every chosen coder annotated or
a selection, found by title. **Compute** runs
:func:`~clipper.operations.agreement.measure_agreement` in a job with a progress bar (Close
stops it); the table shows one row per tag and one for all tags.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper.agreement import AgreementReport, TagAgreement
from clipper.errors import Cancelled, ClipperError
from clipper.gui.advice import explain
from clipper.gui.workers import Job, JobContext, JobFunction
from clipper.operations.agreement import AgreementChoices, agreement_choices, measure_agreement

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

__all__ = ["AgreementDialog", "show_agreement"]

_COLUMNS = ("Tag", "α_u", "κ", "F1 exact", "F1 overlap", "Units", "Coders")
_ID = Qt.ItemDataRole.UserRole


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _problem(exc: BaseException) -> str:
    if isinstance(exc, Cancelled):
        return "Stopped."
    return explain(exc) if isinstance(exc, ClipperError) else str(exc)


class AgreementDialog(QDialog):
    """Coder and article pickers, and the report: one row per tag and one for all tags.

    ``db_path``: the database the jobs read; ``job_parent``: what owns the jobs (it must
    outlive them: the main window)."""

    def __init__(self, db_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.job_parent: QObject = parent if parent is not None else self
        #: The job running (loading the choices or computing), if any.
        self.job: Job | None = None
        self.setObjectName("agreementDialog")
        self.setWindowTitle("Inter-coder agreement")

        self.coders = QListWidget(self)
        self.coders.setObjectName("agreementCoders")
        coders_box = QGroupBox("Coders", self)
        QVBoxLayout(coders_box).addWidget(self.coders)

        self.all_articles = QRadioButton("All articles every chosen coder annotated", self)
        self.all_articles.setObjectName("agreementAllArticles")
        self.all_articles.setChecked(True)
        self.chosen_articles = QRadioButton("Chosen articles:", self)
        self.chosen_articles.setObjectName("agreementChosenArticles")
        self.search = QLineEdit(self)
        self.search.setObjectName("agreementArticleSearch")
        self.search.setPlaceholderText("Search by title")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_articles)
        self.articles = QListWidget(self)
        self.articles.setObjectName("agreementArticles")
        self.articles.itemChanged.connect(self._article_checked)
        check_shown = QPushButton("Check shown", self)
        check_shown.setObjectName("agreementCheckShown")
        check_shown.clicked.connect(lambda: self._check_articles(True))
        uncheck = QPushButton("Uncheck all", self)
        uncheck.setObjectName("agreementUncheckAll")
        uncheck.clicked.connect(lambda: self._check_articles(False))
        self.article_count = QLabel("", self)
        self.article_count.setObjectName("agreementArticleCount")
        article_buttons = QHBoxLayout()
        article_buttons.addWidget(check_shown)
        article_buttons.addWidget(uncheck)
        article_buttons.addWidget(self.article_count, 1)
        articles_box = QGroupBox("Articles", self)
        articles_layout = QVBoxLayout(articles_box)
        articles_layout.addWidget(self.all_articles)
        articles_layout.addWidget(self.chosen_articles)
        articles_layout.addWidget(self.search)
        articles_layout.addWidget(self.articles)
        articles_layout.addLayout(article_buttons)
        pickers = QHBoxLayout()
        pickers.addWidget(coders_box, 1)
        pickers.addWidget(articles_box, 2)

        self.compute_button = QPushButton("Compute", self)
        self.compute_button.setObjectName("agreementCompute")
        self.compute_button.setEnabled(False)
        self.compute_button.clicked.connect(self.compute)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("agreementProgress")
        self.progress.setVisible(False)
        run_row = QHBoxLayout()
        run_row.addWidget(self.compute_button)
        run_row.addWidget(self.progress, 1)

        self.summary = QLabel("Loading coders and articles…", self)
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setObjectName("agreementTable")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel(
            "Accepted annotations only. α_u: Krippendorff's unitizing alpha (2016); κ: "
            "Cohen's for two coders, Fleiss' for more, per character; F1: mean over pairs "
            "of coders. All tags: the tags pooled, each one layer of the text.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.rejected.connect(self.stop)
        layout = QVBoxLayout(self)
        layout.addLayout(pickers, 2)
        layout.addLayout(run_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(760, 620)

    # -- choices ----------------------------------------------------------------------------

    def load_choices(self) -> Job:
        """Read what may be chosen in a job, then compute the default choice."""

        def run(ctx: JobContext) -> AgreementChoices:
            return agreement_choices(ctx.store)

        job = self._start(run)
        job.finished.connect(self._choices_loaded)
        return job

    def _choices_loaded(self, choices: AgreementChoices) -> None:
        self.set_choices(choices)
        self.compute()

    def set_choices(self, choices: AgreementChoices) -> None:
        """Fill the checklists: the default coders checked, no article checked."""
        self.coders.clear()
        for name in choices.coders:
            item = QListWidgetItem(name, self.coders)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = name in choices.default_coders
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.articles.blockSignals(True)
        self.articles.clear()
        for article_id, title in choices.articles:
            item = QListWidgetItem(f"{article_id}: {title or '(no title)'}", self.articles)
            item.setData(_ID, article_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.articles.blockSignals(False)
        self._filter_articles(self.search.text())
        self.compute_button.setEnabled(True)

    def chosen_coders(self) -> list[str]:
        return [
            self.coders.item(row).text()
            for row in range(self.coders.count())
            if self.coders.item(row).checkState() == Qt.CheckState.Checked
        ]

    def checked_articles(self) -> list[int]:
        return [
            int(item.data(_ID))
            for item in (self.articles.item(row) for row in range(self.articles.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _filter_articles(self, text: str) -> None:
        """Show the articles whose title (or id) contains ``text`` (case ignored)."""
        wanted = text.strip().casefold()
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())
        self._count_articles()

    def _check_articles(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.articles.blockSignals(True)
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            if not checked or not item.isHidden():
                item.setCheckState(state)
        self.articles.blockSignals(False)
        if checked:
            self.chosen_articles.setChecked(True)
        self._count_articles()

    def _article_checked(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen_articles.setChecked(True)  # checking one means choosing articles
        self._count_articles()

    def _count_articles(self) -> None:
        shown = sum(not self.articles.item(r).isHidden() for r in range(self.articles.count()))
        self.article_count.setText(
            f"{len(self.checked_articles())} chosen · {shown} of {self.articles.count()} shown"
        )

    # -- computing --------------------------------------------------------------------------

    def compute(self) -> Job | None:
        """Measure the agreement of the chosen coders and articles in a job (an earlier
        one is stopped). Returns the job (``None`` if the choice is incomplete)."""
        coders = self.chosen_coders()
        articles: list[int] | None = None
        if self.chosen_articles.isChecked():
            articles = self.checked_articles()
            if not articles:
                self.show_problem("Check at least one article, or choose all articles.")
                return None

        def run(ctx: JobContext) -> AgreementReport:
            return measure_agreement(
                ctx.store,
                coders=coders,
                articles=articles,
                cancel=ctx.cancelled,
                progress=ctx.progress,
            )

        self.summary.setText("Computing…")
        self.table.setRowCount(0)
        job = self._start(run)
        job.finished.connect(self.show_report)
        return job

    def _start(self, run: JobFunction) -> Job:
        self.stop()
        job = Job(self.db_path, run, self.job_parent)
        job.progress.connect(self._progress)
        job.failed.connect(self._failed)
        job.finished.connect(self._done)
        self.job = job
        self.progress.setRange(0, 0)  # busy until the first step is known
        self.progress.setVisible(True)
        job.start()
        return job

    def stop(self) -> None:
        """Stop the running job, if any (its result is not shown)."""
        if self.job is not None:
            self.job.finished.disconnect()
            self.job.failed.disconnect()
            self.job.cancel()
            self.job = None
        self.progress.setVisible(False)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _done(self, _result: object) -> None:
        self.job = None
        self.progress.setVisible(False)

    def _failed(self, exc: BaseException) -> None:
        self._done(None)
        self.show_problem(_problem(exc))

    def show_report(self, report: AgreementReport) -> None:
        self.summary.setText(
            f"Coders: {', '.join(report.coders)} · articles: {report.texts} · "
            f"characters: {report.characters:,} · κ: {report.overall.kappa_kind}"
        )
        rows: list[TagAgreement] = [*report.tags, report.overall]
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            cells = (
                row.tag if row.tag is not None else "All tags",
                _number(row.alpha_u),
                _number(row.kappa),
                _number(row.f1_exact),
                _number(row.f1_overlap),
                str(row.units),
                str(row.coders),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(number, column, item)

    def show_problem(self, text: str) -> None:
        self.summary.setText(text)
        self.table.setRowCount(0)


def show_agreement(window: MainWindow) -> AgreementDialog:
    """Open the dialog (replacing an earlier one): load the choices, then compute."""
    earlier: tuple[AgreementDialog, ...] | None = getattr(window, "_agreement", None)
    if earlier is not None:
        earlier[0].stop()
        earlier[0].close()
        earlier[0].deleteLater()
    window.controller.commit_pending_edits()
    dialog = AgreementDialog(window.controller.db_path, window)
    window._agreement = (dialog,)  # type: ignore[attr-defined]
    dialog.show()
    dialog.load_choices()
    return dialog
