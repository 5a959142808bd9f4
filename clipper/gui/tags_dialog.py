"""Edit > Tags…: the tags with their colour, label and key; add a tag, change one.

Keys are single characters; a key another tag uses is refused inline before anything is
saved (Qt treats ``a`` and ``A`` as the same key, so the check ignores case). A user tag
can be deleted (with its annotations, after asking) or merged into another tag; both are
undoable (Edit › Undo). The four built-in tags always exist.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from clipper import fields
from clipper.errors import ClipperError
from clipper.gui.controller import Controller
from clipper.gui.default_button import make_only_default
from clipper.gui.field_messages import sentence
from clipper.gui.icons import colour_icon
from clipper.model import Tag

DEFAULT_COLOUR = "#8e7dbe"
COLUMNS = ("Colour", "Label", "Name", "Key")


class TagsDialog(QDialog):
    """List, add and edit tags. Emits :attr:`tagsChanged` after each save."""

    tagsChanged = Signal()

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        self.setWindowTitle("Tags")
        self.setAccessibleName("Tags")
        self._controller = controller
        self.tags: list[Tag] = []
        #: The tag being edited; ``None`` while a new tag is being written.
        self.editing: str | None = None
        self._colour = DEFAULT_COLOUR
        #: Whether the user has typed in the editor since it was (re)filled: problems are
        #: shown only then, so a fresh "New tag" form is not red before anything is typed.
        self.touched = False
        self._build()
        self.reload()
        if self.tags:
            self.select_tag(self.tags[0].name)
        else:
            self.new_tag()
        # Tall enough for the list's six rows and the editor's notes (known only now).
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    # -- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("tagTable")
        self.table.setAccessibleName("Tags")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        # Room for the four built-in tags and two more without scrolling; the list takes any
        # height the window gains (it was squeezed to three rows: Claim hid below them).
        rows = 6
        self.table.setMinimumHeight(
            header.sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        layout.addWidget(self.table, 1)

        self.editor = QGroupBox()
        self.editor.setAccessibleName("Tag editor")
        form = QFormLayout(self.editor)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Tag name")
        self.name_edit.setPlaceholderText("a lower-case word, e.g. money")
        self.label_edit = QLineEdit()
        self.label_edit.setAccessibleName("Tag label")
        self.label_edit.setPlaceholderText("e.g. Money (shown on the tag's button)")
        self.colour_button = QPushButton()
        self.colour_button.setAccessibleName("Tag colour")
        self.colour_button.setToolTip("Choose the highlight colour")
        self.key_edit = QLineEdit()
        self.key_edit.setAccessibleName("Tag key")
        self.key_edit.setMaxLength(1)
        self.key_edit.setMaximumWidth(60)
        self.key_edit.setPlaceholderText("none")
        self.key_edit.setToolTip("One key that tags the selected text (e.g. 5)")
        self.problem_label = QLabel()
        self.problem_label.setObjectName("tagProblem")
        self.problem_label.setAccessibleName("Tag problem")
        self.problem_label.setStyleSheet("color: #b00020")
        self.problem_label.setWordWrap(True)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #555555")
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Label:", self.label_edit)
        form.addRow("&Colour:", self.colour_button)
        form.addRow("&Key:", self.key_edit)
        form.addRow(self.problem_label)
        form.addRow(self.note_label)
        row = QHBoxLayout()
        self.new_button = QPushButton("&New tag")
        self.new_button.setAccessibleName("New tag")
        self.save_button = QPushButton("&Save tag")
        self.save_button.setAccessibleName("Save tag")
        row.addWidget(self.new_button)
        row.addStretch()
        row.addWidget(self.save_button)
        form.addRow(row)
        layout.addWidget(self.editor)

        self.remove_box = QGroupBox("Delete or merge")
        self.remove_box.setAccessibleName("Delete or merge the tag")
        remove_row = QHBoxLayout(self.remove_box)
        self.merge_combo = QComboBox()
        self.merge_combo.setObjectName("mergeTarget")
        self.merge_combo.setAccessibleName("Merge into tag")
        self.merge_button = QPushButton("&Merge into")
        self.merge_button.setAccessibleName("Merge into the chosen tag")
        self.merge_button.setToolTip("Give this tag's annotations the chosen tag, then remove it")
        self.delete_button = QPushButton("&Delete tag")
        self.delete_button.setAccessibleName("Delete tag")
        remove_row.addWidget(self.merge_button)
        remove_row.addWidget(self.merge_combo, 1)
        remove_row.addWidget(self.delete_button)
        layout.addWidget(self.remove_box)
        self.merge_button.clicked.connect(self.merge_into_chosen)
        self.delete_button.clicked.connect(self.delete_tag)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        make_only_default(self, self.save_button)  # Enter adds or saves the tag

        for edit in (self.name_edit, self.label_edit, self.key_edit):
            edit.textChanged.connect(self._on_text_changed)
        self.colour_button.clicked.connect(self.choose_colour)
        self.new_button.clicked.connect(self.new_tag)
        self.save_button.clicked.connect(self.save)
        self.resize(480, 460)

    # -- table --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the tags from the database and fill the table."""
        self.tags = self._controller.session.list_tags()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.tags))
        for row, tag in enumerate(self.tags):
            chip = QTableWidgetItem(colour_icon(tag.colour), "")
            chip.setToolTip(tag.colour)
            chip.setData(Qt.ItemDataRole.AccessibleTextRole, f"colour {tag.colour}")
            name = QTableWidgetItem(tag.name + (" (built-in)" if tag.builtin else ""))
            name.setData(Qt.ItemDataRole.UserRole, tag.name)
            key = QTableWidgetItem(tag.shortcut or "")
            key.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            for column, item in enumerate((chip, QTableWidgetItem(tag.label), name, key)):
                item.setData(Qt.ItemDataRole.UserRole, tag.name)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)

    def row_of(self, name: str) -> int:
        for row, tag in enumerate(self.tags):
            if tag.name == name:
                return row
        raise KeyError(name)

    def select_tag(self, name: str) -> None:
        """Select a tag in the table and load it into the editor."""
        self.table.selectRow(self.row_of(name))
        self._load(name)

    @Slot()
    def _on_selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self._load(self.tags[rows[0].row()].name)

    def _load(self, name: str) -> None:
        tag = next(t for t in self.tags if t.name == name)
        self.editing = name
        self.editor.setTitle(f"Edit {tag.label}")
        self.name_edit.setText(tag.name)
        self.name_edit.setReadOnly(tag.builtin)  # a user tag can be renamed
        self.label_edit.setText(tag.label)
        self.key_edit.setText(tag.shortcut or "")
        self.set_colour(tag.colour)
        self.note_label.setText(
            "Built-in tags can be relabelled, recoloured and given another key; "
            "they cannot be removed."
            if tag.builtin
            else ""
        )
        self.merge_combo.clear()
        for other in self.tags:
            if other.name != name:
                self.merge_combo.addItem(other.caption, other.name)
        self.remove_box.setEnabled(not tag.builtin)
        self.touched = False
        self._validate()

    # -- editor -------------------------------------------------------------------------

    @Slot()
    def new_tag(self) -> None:
        """Clear the editor for a new tag."""
        self.table.clearSelection()
        self.editing = None
        self.editor.setTitle("New tag")
        self.name_edit.setReadOnly(False)
        self.name_edit.clear()
        self.label_edit.clear()
        self.key_edit.setText(self._free_key())
        self.set_colour(DEFAULT_COLOUR)
        self.note_label.setText("")
        self.merge_combo.clear()
        self.remove_box.setEnabled(False)
        self.touched = False
        self._validate()
        self.name_edit.setFocus()

    def _free_key(self) -> str:
        used = {(t.shortcut or "").lower() for t in self.tags}
        return next((k for k in "56789" if k not in used), "")

    def colour(self) -> str:
        return self._colour

    def set_colour(self, colour: str) -> None:
        """Set the editor's colour (``#rrggbb``)."""
        self._colour = QColor(colour).name()
        self.colour_button.setIcon(colour_icon(self._colour))
        self.colour_button.setText(self._colour)

    @Slot()
    def choose_colour(self) -> None:
        colour = self.pick_colour(QColor(self._colour))
        if colour is not None and colour.isValid():
            self.set_colour(colour.name())

    def pick_colour(self, current: QColor) -> QColor | None:
        """Ask for a colour (a modal QColorDialog; tests replace this method)."""
        colour = QColorDialog.getColor(current, self, "Tag colour")
        return colour if colour.isValid() else None

    def problem(self) -> str | None:
        """Why the editor's content cannot be saved, in the store's words (the rules of
        :mod:`clipper.fields`), or ``None``."""
        label = self.label_edit.text().strip()
        if self.editing is None:
            name = fields.normalise_tag_name(self.name_edit.text())
            issue = fields.new_tag_name_problem(name) or fields.tag_exists_problem(name, self.tags)
            if issue:
                return issue
            if label:  # an empty label becomes the name, capitalised
                issue = fields.new_label_problem(label)
        else:
            name = self.name_edit.text().strip().lower()
            issue = None if name == self.editing else fields.new_tag_name_problem(name)
            current = next((t.label for t in self.tags if t.name == self.editing), None)
            issue = issue or fields.changed_label_problem(label, current)
        key = self.key_edit.text()
        if issue is None and key:
            issue = fields.key_clash_problem(key, self.tags, self.editing)
        return issue

    @Slot()
    def _on_text_changed(self) -> None:
        self.touched = True
        self._validate()

    @Slot()
    def _validate(self) -> bool:
        """Show what is wrong once the user has typed; Save stays enabled on an untouched
        form so that Enter (or a click) says what is missing."""
        issue = self.problem()
        shown = issue if self.touched else None
        self.problem_label.setText(sentence(shown) or "")
        self.problem_label.setToolTip(shown or "")  # the rule's message as the core words it
        self.save_button.setEnabled(issue is None or not self.touched)
        return issue is None

    @Slot()
    def save(self) -> bool:
        """Add the new tag or update the edited one; ``False`` (with the reason shown)
        if it cannot be saved."""
        self.touched = True
        if not self._validate():
            return False
        label = self.label_edit.text().strip()
        key = self.key_edit.text()
        try:
            if self.editing is None:
                name = fields.normalise_tag_name(self.name_edit.text())
                tag = self._controller.add_tag(
                    name, label or None, colour=self._colour, shortcut=key or None
                )
            else:
                name = self.name_edit.text().strip().lower()
                if name != self.editing:  # annotations follow; undoable
                    self._controller.rename_tag(self.editing, name)
                    self.editing = name
                tag = self._controller.edit_tag(
                    self.editing, label=label, colour=self._colour, shortcut=key
                )
        except ClipperError as error:
            self.problem_label.setText(f"Not saved: {sentence(error.message)}")
            self.problem_label.setToolTip(error.message)
            return False
        self.reload()
        self.select_tag(tag.name)
        self.tagsChanged.emit()
        return True

    # -- delete and merge -----------------------------------------------------------------

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text + "\n\nEdit › Undo brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _after_removal(self, message: str) -> None:
        self.reload()
        if self.tags:
            self.select_tag(self.tags[0].name)
        self.problem_label.setText("")
        self.note_label.setText(message)
        self.tagsChanged.emit()

    @Slot()
    def delete_tag(self) -> bool:
        """Delete the edited user tag; one in use only after asking (with its annotations)."""
        name = self.editing
        if name is None:
            return False
        tag = next(t for t in self.tags if t.name == name)
        used = self._controller.tag_usage(name)
        if used and not self._confirm(
            "Delete tag",
            f"Delete the tag {tag.label} and its {used} annotation{'s' if used != 1 else ''}?",
        ):
            return False
        try:
            self._controller.delete_tag(name, delete_annotations=bool(used))
        except ClipperError as error:
            self.problem_label.setText(f"Not deleted: {error.message}")
            return False
        self._after_removal(f"Deleted {tag.label}.")
        return True

    @Slot()
    def merge_into_chosen(self) -> bool:
        """Give the edited tag's annotations the chosen tag and remove the edited tag."""
        source, target = self.editing, self.merge_combo.currentData()
        if source is None or not target:
            return False
        labels = {t.name: t.label for t in self.tags}
        if not self._confirm(
            "Merge tags", f"Merge {labels[source]} into {labels[target]}? {labels[source]} goes."
        ):
            return False
        try:
            self._controller.merge_tags(source, target)
        except ClipperError as error:
            self.problem_label.setText(f"Not merged: {error.message}")
            return False
        self._after_removal(f"Merged {labels[source]} into {labels[target]}.")
        return True
