"""Drive the real Clipper window with random edits and report each one the app showed.

Usage: ``python tests/crash_app_driver.py DB SETTINGS_INI SEED [ACTIONS [ARTICLE_IDS]]``
(``ARTICLE_IDS``: comma-separated; the driver edits only these articles.)

Builds the real :class:`~clipper.gui.main_window.MainWindow` on ``DB`` (offscreen Qt is
fine) and performs random actions through the real widgets and key presses: tag a span
(a tag key in the article view), write a note (type into the note editor, then wait for
the save, press Tab, Ctrl+PgDown or Ctrl+Z), change a tag (arrow keys in the tag box),
delete an annotation (Delete in the list),
switch article (Ctrl+PgDown/PgUp). Prints one JSON line per event to stdout, flushed:

- ``{"ready": true}`` once the window is up;
- ``{"intent": ...}`` before an action: what it may change (a kill may land after the
  commit but before the acknowledgement);
- ``{"ack": "add"|"upd"|"del", "id": …, …}`` for every change the window showed (the
  controller's ``changed`` signal, emitted after the store committed);
- ``{"typed": id, "t": …}`` when a note's typing ended (``time.monotonic()``);
- ``{"done": true}`` when the action is over (nothing of it is in flight any more).

A note counts as acknowledged once its ``upd`` line is printed: 600 ms after the last
keystroke, or at once when the editor loses focus, the article changes, or on undo.
Used by ``tests/crash_harness.py``, which kills this process at random moments.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from clipper.gui.app import create_main_window
from clipper.gui.controller import Changes
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.model import Annotation

CTRL = Qt.KeyboardModifier.ControlModifier
WORDS = ("check", "source", "figure", "wrong", "ask", "minister", "ok", "follow-up", "é", "🙂")


def emit(record: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def state(a: Annotation) -> dict[str, object]:
    return {
        "id": a.id,
        "article": a.article_id,
        "start": a.start,
        "end": a.end,
        "tag": a.tag,
        "note": a.note,
    }


def acknowledge(changes: Changes) -> None:
    for a in changes.removed:
        emit({"ack": "del", "id": a.id})
    for a in changes.added:
        emit({"ack": "add", **state(a)})
    for a in changes.updated:
        emit({"ack": "upd", **state(a)})


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying each character (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


class Driver:
    def __init__(self, window: MainWindow, rng: random.Random, allowed: set[int] | None) -> None:
        self.window = window
        self.rng = rng
        self.allowed = allowed

    def pause(self, ms: int) -> None:
        QTest.qWait(ms)

    def annotations(self) -> list[Annotation]:
        return self.window.controller.sorted_annotations()

    def tag_span(self) -> None:
        article = self.window.controller.article
        if article is None or len(article.text) < 4:
            return self.switch()
        text = article.text
        start = self.rng.randrange(0, len(text) - 2)
        end = min(len(text), start + self.rng.randint(1, 40))
        tags = [t for t in self.window.controller.tags if t.shortcut]
        tag = self.rng.choice(tags)
        emit({"intent": "add", "article": article.id, "tag": tag.name})
        view = self.window.view
        view.setFocus()
        view.select_span(start, end)
        QTest.keyClick(view, tag.shortcut)

    def write_note(self) -> None:
        annotations = self.annotations()
        if not annotations:
            return self.tag_span()
        target = self.rng.choice(annotations)
        pane = self.window.annotations
        pane.select_annotation(target.id)
        QTest.keyClick(self.window, Qt.Key.Key_F2)  # Edit note
        note = pane.note
        current = pane.current_annotation()
        if current is None or current.id != target.id or not note.isEnabled():
            return  # the list did not select it (cannot happen; typing would go nowhere)
        words = " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 6)))
        text = f"{words} #{self.rng.randrange(10**6)}"
        ending = self.rng.choice(("wait", "tab", "next", "previous", "undo"))
        old = target.note
        emit({"intent": "note", "id": target.id, "note": text, "old": old, "how": ending})
        QTest.keyClick(note, Qt.Key.Key_A, CTRL)
        type_text(note, text)
        emit({"typed": target.id, "t": time.monotonic()})
        if ending == "wait":  # the editor saves after a pause in typing
            self.pause(self.rng.randint(650, 900))
        elif ending == "tab":
            QTest.keyClick(note, Qt.Key.Key_Tab)
        elif ending == "next":
            QTest.keyClick(note, Qt.Key.Key_PageDown, CTRL)
        elif ending == "previous":
            QTest.keyClick(note, Qt.Key.Key_PageUp, CTRL)
        else:
            QTest.keyClick(note, Qt.Key.Key_Z, CTRL)

    def retag(self) -> None:
        """Change an annotation's tag with the arrow keys in the list's tag box."""
        annotations = self.annotations()
        if not annotations:
            return self.tag_span()
        target = self.rng.choice(annotations)
        pane = self.window.annotations
        pane.select_annotation(target.id)
        emit({"intent": "tag", "id": target.id})
        pane.tag_combo.setFocus()
        key = Qt.Key.Key_Down if pane.tag_combo.currentIndex() == 0 else Qt.Key.Key_Up
        QTest.keyClick(pane.tag_combo, key)

    def delete(self) -> None:
        annotations = self.annotations()
        if not annotations:
            return self.tag_span()
        target = self.rng.choice(annotations)
        emit({"intent": "del", "id": target.id})
        pane = self.window.annotations
        pane.select_annotation(target.id)
        pane.table.setFocus()
        QTest.keyClick(pane.table, Qt.Key.Key_Delete)

    def switch(self) -> None:
        key = self.rng.choice((Qt.Key.Key_PageDown, Qt.Key.Key_PageUp))
        QTest.keyClick(self.window, key, CTRL)

    def step(self) -> None:
        action = self.rng.choices(
            (self.tag_span, self.write_note, self.retag, self.delete, self.switch),
            weights=(5, 4, 2, 2, 1),
        )[0]
        current = self.window.controller.article_id
        if self.allowed is not None and current not in self.allowed:
            action = self.switch
        action()
        emit({"done": True})
        self.pause(self.rng.randint(0, 30))


def main(argv: list[str]) -> int:
    db, settings_path, seed = argv[1], argv[2], int(argv[3])
    actions = int(argv[4]) if len(argv) > 4 else 10**9
    allowed = {int(i) for i in argv[5].split(",")} if len(argv) > 5 else None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(seed)
    window = create_main_window(db, settings=Settings(settings_path))
    window.controller.changed.connect(acknowledge)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    ids = [i for i in window.library.visible_article_ids() if allowed is None or i in allowed]
    if ids:
        window.open_article(rng.choice(ids))
    emit({"ready": True})
    driver = Driver(window, rng, allowed)
    for _ in range(actions):
        driver.step()
    window.close()
    window.controller.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
