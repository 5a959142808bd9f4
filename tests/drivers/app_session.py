"""Drive the real Clipper window in this process from commands on stdin (one per line).

Used by tests that need the app and other processes on one database. Every command is
run on the UI thread and answered with one line on stdout, ``ok …`` or ``error …``:

    dialog ACTION            open File › ACTION's file dialog on the database's folder,
                             wait until the database is listed with its icon, cancel it
    plain_dialog             the same with Qt's default file dialog (the 0.1 behaviour)
    tag ARTICLE START END KEY   select [START, END) in the article and press KEY
    reload                   View › Refresh (F5)
    count                    "ok ARTICLES ANNOTATIONS" as the app's connection sees them
    locks                    "ok N": POSIX locks this process holds on the database
    status                   "ok MESSAGE": the status bar's message
    quit                     close the window and exit

Usage: python tests/drivers/app_session.py DB
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: proc_locks

from proc_locks import held_locks
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

from clipper.gui.app import configure_application, create_main_window
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings


class Session(QObject):
    command = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.db = Path(window.controller.db_path)
        self.command.connect(self.run, Qt.ConnectionType.QueuedConnection)

    def reply(self, text: str) -> None:
        print(text, flush=True)

    def run(self, line: str) -> None:
        words = line.split()
        if not words:
            return
        try:
            getattr(self, f"do_{words[0]}")(*words[1:])
        except Exception as exc:  # report, keep serving
            self.reply(f"error {type(exc).__name__}: {exc}")

    def do_dialog(self, action: str) -> None:
        QTimer.singleShot(0, lambda: self._cancel_when_listed(None))
        self.window.actions_by_name[action].trigger()
        self.reply("ok")

    def do_plain_dialog(self) -> None:
        """Reference: Qt's default file dialog, as Clipper 0.1 used it."""
        dialog = QFileDialog(self.window, "Plain Qt dialog", str(self.db.parent))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        QTimer.singleShot(0, lambda: self._cancel_when_listed(dialog))
        dialog.exec()
        self.reply("ok")

    def _cancel_when_listed(self, dialog: QFileDialog | None) -> None:
        """Once ``dialog`` (default: the modal one) lists the database with its icon and
        type, cancel it."""
        if dialog is None:
            modal = QApplication.activeModalWidget()
            if not isinstance(modal, QFileDialog):
                QTimer.singleShot(20, lambda: self._cancel_when_listed(None))
                return
            dialog = modal
            dialog.setDirectory(str(self.db.parent))
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        index = model.index(str(self.db))
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        kind = model.data(index.siblingAtColumn(2), Qt.ItemDataRole.DisplayRole)
        if not (index.isValid() and icon is not None and not icon.isNull() and kind):
            QTimer.singleShot(20, lambda: self._cancel_when_listed(dialog))
            return
        dialog.reject()

    def do_tag(self, article: str, start: str, end: str, key: str) -> None:
        self.window.open_article(int(article))
        self.window.view.select_span(int(start), int(end))
        QTest.keyClick(self.window.view, key)
        stored = self.window.controller.store.list_annotations(int(article))
        found = [a for a in stored if (a.start, a.end) == (int(start), int(end))]
        self.reply(f"ok {found[0].id}" if found else "error not stored")

    def do_reload(self) -> None:
        self.window.actions_by_name["refresh"].trigger()
        self.reply("ok")

    def do_count(self) -> None:
        store = self.window.controller.store
        self.reply(f"ok {store.count_articles()} {len(store.list_annotations())}")

    def do_status(self) -> None:
        self.reply(f"ok {self.window.statusBar().currentMessage()}")

    def do_locks(self) -> None:
        self.reply(f"ok {len(held_locks(self.db))}")

    def do_quit(self) -> None:
        self.reply("ok")
        self.window.close()
        QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    configure_application(app, icon=False)
    db = sys.argv[1]
    window = create_main_window(db, settings=Settings(Path(db).with_suffix(".ini")))
    window.show()
    session = Session(window)

    def read_stdin() -> None:
        for line in sys.stdin:
            session.command.emit(line.strip())
        session.command.emit("quit")

    threading.Thread(target=read_stdin, daemon=True).start()
    print("ready", flush=True)
    code = app.exec()
    window.controller.close()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
