"""The undo log on its own: order, labels, merging, the size limit, dropped steps."""

from __future__ import annotations

import pytest

from clipper.errors import NotFound
from clipper.operations import Changes, Step, UndoLog


def _step(log: list[str], name: str, merge_key: object = None) -> Step:
    def undo() -> Changes:
        log.append(f"undo {name}")
        return Changes(articles_updated=(1,))

    def redo() -> Changes:
        log.append(f"redo {name}")
        return Changes(articles_updated=(2,))

    return Step(name, undo, redo, merge_key)


def test_undo_and_redo_run_in_order_with_labels() -> None:
    calls: list[str] = []
    undo_log = UndoLog()
    assert not undo_log.can_undo and not undo_log.can_redo and undo_log.undo_label == ""
    undo_log.push(_step(calls, "a"))
    undo_log.push(_step(calls, "b"))
    assert undo_log.undo_label == "b"
    assert undo_log.undo() == Changes(articles_updated=(1,))
    assert (undo_log.undo_label, undo_log.redo_label) == ("a", "b")
    undo_log.undo()
    assert not undo_log.can_undo and undo_log.redo_label == "a"
    assert undo_log.redo() == Changes(articles_updated=(2,))
    assert calls == ["undo b", "undo a", "redo a"]
    undo_log.push(_step(calls, "c"))  # a new step forgets what could be redone
    assert not undo_log.can_redo
    with pytest.raises(IndexError):
        undo_log.redo()


def test_steps_with_one_merge_key_are_one_step() -> None:
    calls: list[str] = []
    undo_log = UndoLog()
    undo_log.push(_step(calls, "note 1", merge_key="s1"))
    undo_log.push(_step(calls, "note 2", merge_key="s1"))
    undo_log.push(_step(calls, "note 3", merge_key="s1"))
    assert len(undo_log) == 1
    undo_log.undo()
    assert calls == ["undo note 1"]  # the first step's undo: back to before the session
    undo_log.redo()
    assert calls[-1] == "redo note 3"  # the last one's redo
    undo_log.push(_step(calls, "note 4", merge_key="s1"))  # not after an undo/redo
    undo_log.push(_step(calls, "other", merge_key="s2"))
    assert len(undo_log) == 3


def test_the_oldest_steps_are_forgotten_beyond_the_limit() -> None:
    calls: list[str] = []
    undo_log = UndoLog(limit=3)
    for name in "abcde":
        undo_log.push(_step(calls, name))
    assert len(undo_log) == 3
    while undo_log.can_undo:
        undo_log.undo()
    assert calls == ["undo e", "undo d", "undo c"]


def test_a_step_that_no_longer_applies_is_dropped() -> None:
    calls: list[str] = []
    undo_log = UndoLog()
    undo_log.push(_step(calls, "a"))

    def fails() -> Changes:
        raise NotFound("there is no annotation 5")

    undo_log.push(Step("gone", fails, fails))
    with pytest.raises(NotFound):
        undo_log.undo()
    assert undo_log.undo_label == "a" and not undo_log.can_redo
    undo_log.undo()
    assert calls == ["undo a"]
    undo_log.clear()
    assert not undo_log.can_redo
