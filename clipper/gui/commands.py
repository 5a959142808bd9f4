"""Undoable edits (QUndoCommand) over the :class:`~clipper.gui.controller.Controller`.

Every command works on the store through the controller, so it stays valid across article
switches: undoing a change to another article shows that article again. A deleted
annotation comes back with its id (``Store.restore_annotation``; a new one if another
program's annotation took it meanwhile, and the command keeps what came back), so a later
command that names that id still works. If the database changed underneath (another program deleted
the annotation), the command reports it in the status bar and drops out of the stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand

from clipper.errors import ClipperError
from clipper.gui.controller import Controller
from clipper.gui.errors import report_failed_change
from clipper.model import Annotation
from clipper.quoting import quote

_NOTE_EDIT_ID = 1001


def _quote(text: str) -> str:
    return quote(text, 30)


class _Command(QUndoCommand):
    def __init__(self, controller: Controller, text: str) -> None:
        super().__init__(text)
        self.controller = controller

    def _run(self, verb: str, action: Callable[[], object]) -> None:
        try:
            action()
        except ClipperError as exc:
            report_failed_change(
                exc,
                lambda text: self.controller.message.emit(f"Cannot {verb} “{self.text()}”: {text}"),
            )
            self.setObsolete(True)


class AddAnnotation(_Command):
    """Undo of tagging a span. Push it *after* the first ``add_annotation`` succeeded."""

    def __init__(self, controller: Controller, annotation: Annotation, label: str) -> None:
        super().__init__(controller, f"Tag {_quote(annotation.text)} as {label}")
        self.annotation = annotation
        self._done = True  # the first redo (QUndoStack.push) must not add it twice

    def redo(self) -> None:
        if self._done:
            self._done = False
            return

        def again() -> None:
            self.annotation = self.controller.restore_annotation(self.annotation)

        self._run("redo", again)

    def undo(self) -> None:
        self._run("undo", lambda: self.controller.delete_annotation(self.annotation.id))


class DeleteAnnotations(_Command):
    """Delete one or more annotations; undo restores them with the same ids."""

    def __init__(self, controller: Controller, annotations: Sequence[Annotation]) -> None:
        text = (
            f"Delete {_quote(annotations[0].text)}"
            if len(annotations) == 1
            else f"Delete {len(annotations)} annotations"
        )
        super().__init__(controller, text)
        self.annotations = list(annotations)

    def redo(self) -> None:
        def delete() -> None:
            self.annotations = [self.controller.delete_annotation(a.id) for a in self.annotations]

        self._run("delete", delete)

    def undo(self) -> None:
        def restore() -> None:
            # Its id may have been taken meanwhile: a later redo deletes what came back.
            self.annotations = [self.controller.restore_annotation(a) for a in self.annotations]

        self._run("undo", restore)


class ChangeTag(_Command):
    def __init__(
        self, controller: Controller, annotation: Annotation, new_tag: str, label: str
    ) -> None:
        super().__init__(controller, f"Change {_quote(annotation.text)} to {label}")
        self.annotation_id = annotation.id
        self.old_tag = annotation.tag
        self.new_tag = new_tag

    def redo(self) -> None:
        self._run(
            "change the tag",
            lambda: self.controller.update_annotation(self.annotation_id, tag=self.new_tag),
        )

    def undo(self) -> None:
        self._run(
            "undo", lambda: self.controller.update_annotation(self.annotation_id, tag=self.old_tag)
        )


class EditNote(_Command):
    """A note edit. Consecutive saves of one editing session merge into one undo step."""

    def __init__(
        self, controller: Controller, annotation: Annotation, new_note: str, session: int
    ) -> None:
        super().__init__(controller, f"Edit the note on {_quote(annotation.text)}")
        self.annotation_id = annotation.id
        self.old_note = annotation.note
        self.new_note = new_note
        self.session = session

    def id(self) -> int:
        return _NOTE_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            isinstance(other, EditNote)
            and other.annotation_id == self.annotation_id
            and other.session == self.session
        ):
            self.new_note = other.new_note
            return True
        return False

    def redo(self) -> None:
        self._run(
            "save the note",
            lambda: self.controller.update_annotation(self.annotation_id, note=self.new_note),
        )

    def undo(self) -> None:
        self._run(
            "undo",
            lambda: self.controller.update_annotation(self.annotation_id, note=self.old_note),
        )
