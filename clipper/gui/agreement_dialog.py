"""Team › Agreement…: choose the coders, articles and tags, then the report, computed in a job.

The dialog loads what may be chosen (:func:`clipper.operations.agreement.agreement_choices`)
in a background job, then computes the agreement of the default choice (every coder but
``gold``, every article all of them coded, every tag), as the command line does without
options. The coders and the tags are checklists; the articles are either all those every
chosen coder annotated or a selection, found by title. **Compute** runs
:func:`~clipper.operations.agreement.measure_agreement` in a job with a progress bar (Close
stops it); the table shows one row per tag and one for all tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
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
from clipper.gui.field_messages import sentence
from clipper.gui.screen_fit import resize_to_fit
from clipper.gui.workers import Job, JobContext, JobFunction
from clipper.operations.agreement import AgreementChoices, agreement_choices, measure_agreement

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

__all__ = ["AgreementDialog", "ArticleChoiceModel", "show_agreement"]

_COLUMNS = ("Tag", "α_u", "κ", "F1 exact", "F1 overlap", "Units", "Coders")
_ID = Qt.ItemDataRole.UserRole
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_ROOT = QModelIndex()


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _problem(exc: BaseException) -> str:
    if isinstance(exc, Cancelled):
        return "Stopped."
    # The core's words start in lower case (the command line prints "clipper: error: …").
    return sentence(explain(exc) if isinstance(exc, ClipperError) else str(exc)) or ""


class ArticleChoiceModel(QAbstractListModel):
    """The articles that may be chosen, checkable, filtered by title: a model rather than
    list items, so 50,000 articles fill and filter at once."""

    #: Emitted when the user checks or unchecks articles.
    checked_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._articles: list[tuple[int, str]] = []
        self._folded: list[str] = []
        self._shown: list[int] = []
        self.checked: set[int] = set()

    def set_articles(self, articles: Sequence[tuple[int, str]]) -> None:
        self.beginResetModel()
        self._articles = [(i, f"{i}: {title or '(no title)'}") for i, title in articles]
        self._folded = [text.casefold() for _, text in self._articles]
        self._shown = list(range(len(self._articles)))
        self.checked = set()
        self.endResetModel()

    def filter(self, text: str) -> None:
        """Show the articles whose title (or id) contains ``text`` (case ignored)."""
        wanted = text.strip().casefold()
        self.beginResetModel()
        self._shown = [i for i, folded in enumerate(self._folded) if wanted in folded]
        self.endResetModel()

    def check_shown(self, checked: bool) -> None:
        """Check every article shown, or uncheck every article."""
        if checked:
            self.checked |= {self._articles[i][0] for i in self._shown}
        else:
            self.checked.clear()
        if self._shown:
            self.dataChanged.emit(self.index(0), self.index(len(self._shown) - 1))
        self.checked_changed.emit()

    def total(self) -> int:
        return len(self._articles)

    def shown_texts(self) -> list[str]:
        return [self._articles[i][1] for i in self._shown]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        article_id, text = self._articles[self._shown[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if article_id in self.checked else Qt.CheckState.Unchecked
        if role == _ID:
            return article_id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | (Qt.ItemFlag.ItemIsUserCheckable)
        )

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = _EDIT
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        article_id = self._articles[self._shown[index.row()]][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(article_id)
        else:
            self.checked.discard(article_id)
        self.dataChanged.emit(index, index)
        self.checked_changed.emit()
        return True


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
        self.tags = QListWidget(self)
        self.tags.setObjectName("agreementTags")
        self.tag_labels: dict[str, str] = {}
        tags_box = QGroupBox("Tags", self)
        QVBoxLayout(tags_box).addWidget(self.tags)

        self.all_articles = QRadioButton("All articles every chosen coder annotated", self)
        self.all_articles.setObjectName("agreementAllArticles")
        self.all_articles.setChecked(True)
        self.chosen_articles = QRadioButton("Chosen articles:", self)
        self.chosen_articles.setObjectName("agreementChosenArticles")
        self.search = QLineEdit(self)
        self.search.setObjectName("agreementArticleSearch")
        self.search.setPlaceholderText("Search by title")
        self.search.setClearButtonEnabled(True)
        self.article_model = ArticleChoiceModel(self)
        self.article_model.checked_changed.connect(self._article_checked)
        self.search.textChanged.connect(self._filter_articles)
        self.articles = QListView(self)
        self.articles.setObjectName("agreementArticles")
        self.articles.setUniformItemSizes(True)
        self.articles.setModel(self.article_model)
        check_shown = QPushButton("Check shown", self)
        check_shown.setObjectName("agreementCheckShown")
        check_shown.clicked.connect(lambda: self.article_model.check_shown(True))
        uncheck = QPushButton("Uncheck all", self)
        uncheck.setObjectName("agreementUncheckAll")
        uncheck.clicked.connect(lambda: self.article_model.check_shown(False))
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
        left = QVBoxLayout()
        left.addWidget(coders_box, 3)
        left.addWidget(tags_box, 2)
        pickers = QHBoxLayout()
        pickers.addLayout(left, 1)
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
        resize_to_fit(self, 760, 620)

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
        """Fill the checklists: the default coders and every tag checked, no article checked."""
        _fill_checklist(self.coders, choices.coders, set(choices.default_coders))
        self.tag_labels = dict(zip(choices.tags, choices.labels, strict=False))
        _fill_checklist(self.tags, choices.tags, set(choices.tags), self.tag_labels)
        self.article_model.set_articles(choices.articles)
        self._filter_articles(self.search.text())
        self.compute_button.setEnabled(True)

    def chosen_coders(self) -> list[str]:
        return _checked(self.coders)

    def chosen_tags(self) -> list[str] | None:
        """The checked tags; ``None`` when all are (every tag that occurs)."""
        chosen = _checked(self.tags)
        return None if len(chosen) == self.tags.count() else chosen

    def checked_articles(self) -> list[int]:
        return sorted(self.article_model.checked)

    def _filter_articles(self, text: str) -> None:
        self.article_model.filter(text)
        self._count_articles()

    def _article_checked(self) -> None:
        if self.article_model.checked:
            self.chosen_articles.setChecked(True)  # checking one means choosing articles
        self._count_articles()

    def _count_articles(self) -> None:
        model = self.article_model
        self.article_count.setText(
            f"{len(model.checked)} chosen · {model.rowCount()} of {model.total()} shown"
        )

    # -- computing --------------------------------------------------------------------------

    def compute(self) -> Job | None:
        """Measure the agreement of the chosen coders and articles in a job (an earlier
        one is stopped). Returns the job (``None`` if the choice is incomplete)."""
        coders = self.chosen_coders()
        tags = self.chosen_tags()
        if tags == []:
            self.show_problem("Check at least one tag.")
            return None
        articles: list[int] | None = None
        if self.chosen_articles.isChecked():
            articles = self.checked_articles()
            if not articles:
                self.show_problem("Check at least one article, or choose all articles.")
                return None

        def run(ctx: JobContext) -> AgreementReport:
            return measure_agreement(
                ctx.store,
                tags=tags,
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
                self.tag_labels.get(row.tag, row.tag) if row.tag is not None else "All tags",
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


def _fill_checklist(
    widget: QListWidget,
    names: Sequence[str],
    checked: set[str],
    labels: dict[str, str] | None = None,
) -> None:
    """One checkable item per name, shown by its label (if any); the name kept as its id."""
    widget.clear()
    for name in names:
        item = QListWidgetItem((labels or {}).get(name, name), widget)
        item.setData(_ID, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        state = Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked
        item.setCheckState(state)


def _checked(widget: QListWidget) -> list[str]:
    return [
        str(widget.item(row).data(_ID))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    ]


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
