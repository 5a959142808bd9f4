"""Corpus > Statistics and charts: one statistic at a time as a bar chart and a table;
the chart saved as PNG or SVG, the table as CSV.

Imported on first use only (the Corpus menu imports it when the dialog is first opened).
Each statistic is counted in a :class:`~clipper.gui.workers.Job`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper.corpus import StatTable, write_csv
from clipper.corpus.stats import STATISTICS, cells, with_tag_labels
from clipper.corpus_query import DEFAULT_STATUSES, AnnotationFilter
from clipper.errors import ClipperError
from clipper.gui import file_dialogs
from clipper.gui.charts import BarChart
from clipper.gui.screen_fit import resize_to_fit
from clipper.gui.workers import Job, JobContext
from clipper.model import STATUSES
from clipper.operations import Session

_NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _count(by: str, selected: AnnotationFilter) -> Any:
    def run(context: JobContext) -> tuple[StatTable, StatTable, dict[str, str]]:
        session = Session(context.store)
        tags = session.list_tags()
        colours = {t.label: t.colour for t in tags} if by == "tag" else {}
        table = session.corpus_statistics(by, selected)
        return table, with_tag_labels(table, tags), colours

    return run


class StatisticsDialog(QDialog):
    """A list of statistics; the chosen one as a chart over its table."""

    def __init__(self, db_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsDialog")
        self.setWindowTitle("Statistics")
        self.setAccessibleName("Statistics")
        resize_to_fit(self, 1000, 680)
        self._db_path = db_path
        self._jobs: set[Job] = set()
        self._generation = 0
        self.table_data: StatTable | None = None

        self.choices = QListWidget(self)
        self.choices.setObjectName("statisticsChoices")
        self.choices.setAccessibleName("Statistic")
        for key, caption in STATISTICS.items():
            self.choices.addItem(caption)
            self.choices.item(self.choices.count() - 1).setData(Qt.ItemDataRole.UserRole, key)
        self.choices.setMaximumWidth(260)
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName("Status")
        for status in STATUSES:
            self.status_combo.addItem(f"{status.capitalize()} annotations", (status,))
        self.status_combo.addItem("All annotations", ())
        self.status_combo.setCurrentIndex(STATUSES.index(DEFAULT_STATUSES[0]))

        self.chart = BarChart(self)
        self.grid = QTableWidget(self)
        self.grid.setObjectName("statisticsTable")
        self.grid.setAccessibleName("Numbers")
        self.grid.verticalHeader().setVisible(False)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.chart)
        right.addWidget(self.grid)
        right.setSizes([420, 200])

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.choices, 1)
        left_layout.addWidget(self.status_combo)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(left)
        body.addWidget(right)
        body.setSizes([240, 760])

        self.message = QLabel("", self)
        self.png_button = QPushButton("Save chart as &PNG…", self)
        self.svg_button = QPushButton("Save chart as &SVG…", self)
        self.csv_button = QPushButton("Save data as &CSV…", self)
        self.png_button.clicked.connect(lambda: self._save_as("PNG image (*.png)", ".png"))
        self.svg_button.clicked.connect(lambda: self._save_as("SVG drawing (*.svg)", ".svg"))
        self.csv_button.clicked.connect(lambda: self._save_as("CSV table (*.csv)", ".csv"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.png_button, self.svg_button, self.csv_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        layout.addLayout(buttons)

        self.choices.currentRowChanged.connect(lambda _row: self.reload())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.choices.setCurrentRow(0)

    def current_key(self) -> str:
        item = self.choices.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "tag"

    def busy(self) -> bool:
        return any(job.is_running() for job in self._jobs)

    def reload(self) -> None:
        """Count the chosen statistic (in a worker)."""
        self._generation += 1
        generation = self._generation
        selected = AnnotationFilter(statuses=tuple(self.status_combo.currentData()))
        self.message.setText("Counting…")
        job = Job(self._db_path, _count(self.current_key(), selected), self)
        self._jobs.add(job)
        job.finished.connect(lambda result, g=generation, j=job: self._counted(g, j, result))
        job.failed.connect(lambda error, g=generation, j=job: self._failed(g, j, error))
        job.start()

    def _counted(
        self, generation: int, job: Job, result: tuple[StatTable, StatTable, dict[str, str]]
    ) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if generation != self._generation:
            return
        self.table_data, table, colours = result  # the CSV keeps the tag names
        self.chart.set_data(table.caption, list(cells(table)), colours)
        self.grid.clear()
        self.grid.setColumnCount(len(table.columns))
        self.grid.setHorizontalHeaderLabels(list(table.headers()))
        self.grid.setRowCount(len(table.rows))
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem("" if value is None else _shown(value))
                if isinstance(value, int | float):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.grid.setItem(r, c, item)
        if len(table.rows) <= 500:  # never resize to the contents of a long table
            self.grid.resizeColumnsToContents()
        n = len(table.rows)
        self.message.setText(f"{n:,} row{'' if n == 1 else 's'}.")

    def _failed(self, generation: int, job: Job, error: object) -> None:
        self._jobs.discard(job)
        job.deleteLater()
        if generation == self._generation:
            self.message.setText(error.message if isinstance(error, ClipperError) else str(error))

    # -- saving ----------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write the chart (``.png``, ``.svg``) or its data (``.csv``) to ``path``."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".png":
            self.chart.save_png(target)
        elif suffix == ".svg":
            self.chart.save_svg(target)
        elif suffix == ".csv":
            if self.table_data is None:
                raise OSError("nothing counted yet")
            with target.open("w", encoding="utf-8", newline="") as stream:
                write_csv(self.table_data, stream)
        else:
            raise OSError(f"{target.name}: choose a name ending in .png, .svg or .csv")

    def _save_as(self, filter_text: str, suffix: str) -> None:
        name = f"clipper-{self.current_key()}{suffix}"
        path = file_dialogs.save_file_name(self, "Save", name, filter_text)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        try:
            self.save(path)
        except OSError as exc:
            QMessageBox.warning(self, "Not saved", f"{exc.strerror or exc}. Nothing was written.")
            return
        self.message.setText(f"Saved {path}.")


def _shown(value: object) -> str:
    if isinstance(value, float):
        return f"{int(value):,}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
