"""Annotate › Rate claim…: a claim's verdict, checker, date, evidence links and spans.

The rating is chosen from the database's scale; the checker defaults to the coder and the
date to today. Evidence spans are annotations of any article, picked from the database
with a search box, each as "supports" or "contradicts". OK saves everything as one
undoable step (:meth:`clipper.operations.Session.rate_claim`); the rules are those of
:mod:`clipper.verdicts`, whose messages are shown in the dialog when a value is refused.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clipper.errors import ClipperError
from clipper.model import (
    CHECKED_ON,
    CHECKER,
    CONTRADICTED_BY,
    EVIDENCE_URLS,
    RATING,
    REVIEW_URL,
    SUPPORTED_BY,
    VERDICT,
    Annotation,
    AttributeValue,
)
from clipper.operations.factcheck import CLAIM_TAG, Claim
from clipper.quoting import quote

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow

#: How the evidence kinds are shown.
EVIDENCE_LABELS = {SUPPORTED_BY: "supports", CONTRADICTED_BY: "contradicts"}
#: Most annotations listed by the evidence picker at once (type to narrow them down; the
#: search reads the database's annotations as a stream until it has found this many).
PICKER_ROWS = 500
_NO_RATING = "(no rating)"
_ID = Qt.ItemDataRole.UserRole


def open_for_selection(window: MainWindow) -> RateClaimDialog | None:
    """The dialog for the annotation chosen in the annotations list, if it is a claim."""
    annotation = window.annotations.current_annotation()
    if annotation is None or annotation.tag != CLAIM_TAG:
        window.show_message(
            "Choose a claim in the annotations list first (tag a sentence as Claim, then "
            "click it), then Annotate › Rate claim…."
        )
        return None
    return open_for(window, annotation.id)


def open_for(window: MainWindow, annotation_id: int) -> RateClaimDialog | None:
    """The dialog for the claim ``annotation_id`` (a message if it is gone or not a claim)."""
    try:
        claim = window.controller.session.claim(annotation_id)
    except ClipperError as error:
        window.show_message(error.message)
        return None
    dialog = RateClaimDialog(window, claim)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _describe(annotation: Annotation, title: str) -> str:
    return f"{quote(annotation.text, 60)} — {title} (#{annotation.id})"


class RateClaimDialog(QDialog):
    """Edit one claim's verdict; OK saves it as one undoable step."""

    def __init__(self, window: MainWindow, claim: Claim, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self._window = window
        self.claim = claim
        session = window.controller.session
        self.scale = session.rating_scale()
        attributes = claim.annotation.attributes
        self.setObjectName("rateClaimDialog")
        self.setWindowTitle("Rate claim")
        layout = QVBoxLayout(self)
        shown = QLabel(quote(claim.annotation.text, 300), self)
        shown.setWordWrap(True)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(shown)
        form = QFormLayout()
        layout.addLayout(form)

        self.rating = QComboBox(self)
        self.rating.setObjectName("ratingCombo")
        self.rating.setAccessibleName("Rating")
        self.rating.addItem(_NO_RATING, None)
        for level in self.scale.levels:
            number = "" if level.value is None else f" ({level.value:g})"
            self.rating.addItem(level.label + number, level.label)
        current = self.rating.findData(attributes.get(RATING))
        self.rating.setCurrentIndex(max(current, 0))
        form.addRow("&Rating:", self.rating)

        self.verdict = QPlainTextEdit(str(attributes.get(VERDICT, "")), self)
        self.verdict.setObjectName("verdictEdit")
        self.verdict.setAccessibleName("Verdict")
        self.verdict.setPlaceholderText("The short verdict, e.g. Police data show a rise of 5%.")
        self.verdict.setFixedHeight(self.verdict.fontMetrics().lineSpacing() * 4)
        self.verdict.setTabChangesFocus(True)  # Tab typed a tab: keyboard users were stuck
        form.addRow("&Verdict:", self.verdict)

        self.checker = QLineEdit(str(attributes.get(CHECKER) or session.coder), self)
        self.checker.setObjectName("checkerEdit")
        self.checker.setAccessibleName("Checker")
        form.addRow("C&hecker:", self.checker)

        self.checked_on = QLineEdit(
            str(attributes.get(CHECKED_ON) or date.today().isoformat()), self
        )
        self.checked_on.setObjectName("checkedOnEdit")
        self.checked_on.setAccessibleName("Checked on")
        self.checked_on.setPlaceholderText("YYYY-MM-DD")
        form.addRow("Checked &on:", self.checked_on)

        self.evidence_urls = QPlainTextEdit(str(attributes.get(EVIDENCE_URLS, "")), self)
        self.evidence_urls.setObjectName("evidenceUrlsEdit")
        self.evidence_urls.setAccessibleName("Evidence links")
        self.evidence_urls.setPlaceholderText("https://… (one link a line)")
        self.evidence_urls.setFixedHeight(self.evidence_urls.fontMetrics().lineSpacing() * 4)
        self.evidence_urls.setTabChangesFocus(True)
        form.addRow("Evidence &links:", self.evidence_urls)

        self.review_url = QLineEdit(str(attributes.get(REVIEW_URL, "")), self)
        self.review_url.setObjectName("reviewUrlEdit")
        self.review_url.setAccessibleName("Published fact-check")
        self.review_url.setPlaceholderText("https://… (the published fact-check, optional)")
        form.addRow("&Fact-check URL:", self.review_url)

        self.evidence = QListWidget(self)
        self.evidence.setObjectName("evidenceList")
        self.evidence.setAccessibleName("Evidence spans")
        for relation, annotation in claim.evidence:
            title = session.get_article(annotation.article_id).title
            self._add_evidence(relation.type, annotation, title)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add evidence…", self)
        self.add_button.setObjectName("addEvidenceButton")
        self.add_button.clicked.connect(self.pick_evidence)
        self.remove_button = QPushButton("Re&move", self)
        self.remove_button.setObjectName("removeEvidenceButton")
        self.remove_button.clicked.connect(self._remove_evidence)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QVBoxLayout()
        box.addWidget(self.evidence)
        box.addLayout(buttons)
        label = QLabel("Evidence &spans:", self)  # a buddy, or the & shows (a row of a layout)
        label.setBuddy(self.evidence)
        form.addRow(label, box)

        self.problem = QLabel(self)
        self.problem.setObjectName("rateProblem")
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    # -- evidence ------------------------------------------------------------------------

    def _add_evidence(self, kind: str, annotation: Annotation, title: str) -> None:
        for row in range(self.evidence.count()):
            if self.evidence.item(row).data(_ID) == (kind, annotation.id):
                return
        item = QListWidgetItem(f"{EVIDENCE_LABELS[kind]}: {_describe(annotation, title)}")
        item.setData(_ID, (kind, annotation.id))
        self.evidence.addItem(item)

    @Slot()
    def _remove_evidence(self) -> None:
        for item in self.evidence.selectedItems():
            self.evidence.takeItem(self.evidence.row(item))

    @Slot()
    def pick_evidence(self) -> EvidencePicker:
        picker = EvidencePicker(self._window, self.claim.annotation.id, self)
        picker.accepted.connect(lambda: self._picked(picker))
        picker.finished.connect(picker.deleteLater)
        picker.open()
        return picker

    def _picked(self, picker: EvidencePicker) -> None:
        chosen = picker.chosen()
        if chosen is not None:
            annotation, title = chosen
            self._add_evidence(picker.kind(), annotation, title)

    def evidence_ids(self, kind: str) -> list[int]:
        ids = []
        for row in range(self.evidence.count()):
            item_kind, annotation_id = self.evidence.item(row).data(_ID)
            if item_kind == kind:
                ids.append(int(annotation_id))
        return ids

    # -- saving ----------------------------------------------------------------------------

    def attributes(self) -> dict[str, AttributeValue | None]:
        """The verdict as entered (empty fields remove their attribute)."""
        rating = self.rating.currentData()
        return {
            RATING: rating,
            VERDICT: self.verdict.toPlainText().strip() or None,
            # who and when belong to a rating: without one they are not kept
            CHECKER: (self.checker.text().strip() or None) if rating else None,
            CHECKED_ON: (self.checked_on.text().strip() or None) if rating else None,
            EVIDENCE_URLS: self.evidence_urls.toPlainText().strip() or None,
            REVIEW_URL: self.review_url.text().strip() or None,
        }

    def accept(self) -> None:
        """Save; stay open with the reason if a value is refused."""
        try:
            self._window.controller.rate_claim(
                self.claim.annotation.id,
                self.attributes(),
                supported_by=self.evidence_ids(SUPPORTED_BY),
                contradicted_by=self.evidence_ids(CONTRADICTED_BY),
            )
        except ClipperError as error:
            self.problem.setText(f"Not saved: {error.message}")
            return
        self._window.show_message(f"Rated {quote(self.claim.annotation.text)}.")
        super().accept()


class EvidencePicker(QDialog):
    """Choose an annotation of any article as evidence, and whether it supports or
    contradicts the claim."""

    def __init__(self, window: MainWindow, claim_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePicker")
        self.setWindowTitle("Add evidence")
        self._session = window.controller.session
        self._claim_id = claim_id
        #: The annotations listed now (at most PICKER_ROWS), by id.
        self._shown: dict[int, Annotation] = {}
        self._titles: dict[int, str] = {}
        layout = QVBoxLayout(self)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("evidenceKind")
        self.kind_combo.setAccessibleName("The evidence")
        for kind, label in EVIDENCE_LABELS.items():
            self.kind_combo.addItem(f"{label} the claim", kind)
        layout.addWidget(self.kind_combo)
        self.search = QLineEdit(self)
        self.search.setObjectName("evidenceSearch")
        self.search.setAccessibleName("Search annotations")
        self.search.setPlaceholderText("Search the annotations of every article…")
        self.search.textChanged.connect(self._fill)
        layout.addWidget(self.search)
        self.list = QListWidget(self)
        self.list.setObjectName("evidenceChoices")
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 420)
        self._fill()

    @Slot()
    def _fill(self) -> None:
        wanted = self.search.text().casefold().strip()
        self.list.clear()
        self._shown = {}
        # Streamed (constant memory); stops at PICKER_ROWS matches.
        for annotation in self._session.iter_annotations():
            if annotation.id == self._claim_id:
                continue
            title = self._title(annotation.article_id)
            if wanted and wanted not in f"{annotation.text} {title}".casefold():
                continue
            item = QListWidgetItem(f"[{annotation.tag}] {_describe(annotation, title)}")
            item.setData(_ID, annotation.id)
            self.list.addItem(item)
            self._shown[annotation.id] = annotation
            if len(self._shown) >= PICKER_ROWS:
                break
        if self.list.count():
            self.list.setCurrentRow(0)

    def _title(self, article_id: int) -> str:
        if article_id not in self._titles:
            self._titles[article_id] = self._session.get_article(article_id).title
        return self._titles[article_id]

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def chosen(self) -> tuple[Annotation, str] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        annotation = self._shown[int(item.data(_ID))]
        return annotation, self._title(annotation.article_id)
