"""The undo log: steps of inverse operations, testable without Qt.

An operation pushes a :class:`Step` after it has committed: ``undo`` and ``redo`` are
callables that apply the inverse (or the operation again) in one transaction and return
the :class:`~clipper.operations.changes.Changes` they made. A step that no longer applies
(another program deleted the row it names) raises a :class:`~clipper.errors.ClipperError`
from ``undo``/``redo``: the log drops that step and lets the error through, so the front
end can say why. Consecutive steps with the same ``merge_key`` (the saves of one note
editing session) are one step: the first one's undo, the last one's redo.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import reduce

from clipper.operations.changes import Changes

#: How many steps the log keeps by default (the oldest are forgotten first).
DEFAULT_LIMIT = 200


@dataclass(slots=True)
class Step:
    """One undoable change."""

    label: str
    undo: Callable[[], Changes]
    redo: Callable[[], Changes]
    merge_key: Hashable | None = None


class UndoLog:
    """Undo and redo stacks of :class:`Step` s (at most ``limit`` undo steps)."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("the undo log needs room for at least one step")
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        #: Only a step pushed right after another may merge into it (not after an undo).
        self._mergeable = False
        #: Steps pushed inside :meth:`group` (``None``: not grouping).
        self._grouped: list[Step] | None = None

    # -- state --------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_label(self) -> str:
        """The label of the step :meth:`undo` would undo ("" if none)."""
        return self._undo[-1].label if self._undo else ""

    @property
    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def __len__(self) -> int:
        return len(self._undo)

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._mergeable = False

    # -- changing -------------------------------------------------------------------------

    @contextmanager
    def group(
        self, label: str, wrap: Callable[[Callable[[], Changes]], Callable[[], Changes]]
    ) -> Iterator[None]:
        """The steps pushed inside become one step named ``label`` (undone last first);
        ``wrap`` makes its undo and redo one transaction. If the block fails, its steps
        are forgotten (the caller's transaction rolls their changes back)."""
        if self._grouped is not None:  # already grouping: one step in the end anyway
            yield
            return
        self._grouped = []
        try:
            yield
        except BaseException:
            self._grouped = None
            raise
        steps, self._grouped = self._grouped, None
        if not steps:
            return

        def undo() -> Changes:
            return reduce(lambda done, s: done | s.undo(), reversed(steps), Changes())

        def redo() -> Changes:
            return reduce(lambda done, s: done | s.redo(), steps, Changes())

        self.push(Step(label, wrap(undo), wrap(redo)))

    def push(self, step: Step) -> None:
        """Record a step that has just been done (the redo stack is forgotten)."""
        if self._grouped is not None:
            self._grouped.append(step)
            return
        self._redo.clear()
        top = self._undo[-1] if self._undo else None
        if (
            self._mergeable
            and top is not None
            and step.merge_key is not None
            and top.merge_key == step.merge_key
        ):
            top.redo = step.redo
            top.label = step.label
            return
        self._undo.append(step)
        del self._undo[: max(0, len(self._undo) - self.limit)]
        self._mergeable = True

    def undo(self) -> Changes:
        """Undo the last step; :class:`IndexError` if there is none."""
        return self._move(self._undo, self._redo, lambda s: s.undo)

    def redo(self) -> Changes:
        """Redo the last undone step; :class:`IndexError` if there is none."""
        return self._move(self._redo, self._undo, lambda s: s.redo)

    def _move(
        self,
        source: list[Step],
        target: list[Step],
        action: Callable[[Step], Callable[[], Changes]],
    ) -> Changes:
        if not source:
            raise IndexError("nothing to undo or redo")
        step = source.pop()  # a step that raises (no longer applies) stays dropped
        self._mergeable = False
        changes = action(step)()
        target.append(step)
        return changes
