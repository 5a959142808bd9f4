"""Every file dialog of the app leaves SQLite's locks on the open database in place.

Qt's own file dialog reads each listed file to show its type; closing that file drops all
of this process's POSIX locks on it, and a `clipper` command run meanwhile deletes the
write-ahead log under the app (issue 8). The dialogs here are the real ones the menus open,
shown on the folder that holds the database until the database's row has its icon and type.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from dropping import drop_files
from proc_locks import PROC_LOCKS, held_locks
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel
from pytestqt.qtbot import QtBot

from clipper.gui.export_dialog import ExportDialog
from clipper.gui.main_window import MainWindow
from clipper.importers import read_pasted_text
from clipper.store import Store

pytestmark = pytest.mark.skipif(not PROC_LOCKS.exists(), reason="needs Linux /proc/locks")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the import dialog starts in ~


def run_dialog_and_check(
    qtbot: QtBot, open_dialog: Callable[[], object], db: Path
) -> tuple[list[str], str]:
    """Open a dialog, wait until it has shown ``db`` with its icon and type, cancel it.

    Returns the locks held while the dialog was open and the type it showed for ``db``.
    """
    seen: dict[str, object] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, inspect)
            return
        dialog.setDirectory(str(db.parent))
        model = dialog.findChild(QFileSystemModel)
        assert model is not None
        index = model.index(str(db))

        def shown() -> bool:
            icon = model.data(index, Qt.ItemDataRole.DecorationRole)
            kind = model.data(index.siblingAtColumn(2), Qt.ItemDataRole.DisplayRole)
            return index.isValid() and icon is not None and not icon.isNull() and bool(kind)

        qtbot.waitUntil(shown, timeout=10_000)
        seen["type"] = model.data(index.siblingAtColumn(2), Qt.ItemDataRole.DisplayRole)
        seen["locks"] = held_locks(db)
        dialog.reject()

    QTimer.singleShot(0, inspect)
    open_dialog()
    assert "locks" in seen, "the dialog was not seen"
    return seen["locks"], str(seen["type"])  # type: ignore[return-value]


@pytest.mark.parametrize(
    "action", ["open_database", "new_database", "import", "import_choosing_encoding", "backup"]
)
def test_menu_file_dialogs_keep_the_database_locks(
    qtbot: QtBot, window: MainWindow, action: str
) -> None:
    db = Path(window.controller.db_path)
    assert held_locks(db), "an open WAL database holds a shared lock"
    trigger = window.actions_by_name[action].trigger
    locks, shown_type = run_dialog_and_check(qtbot, trigger, db)
    assert locks, f"File › {action} dropped SQLite's locks on the open database"
    assert shown_type == "DB file"  # from the name, not read from the file
    assert held_locks(db)


def test_export_browse_dialog_keeps_the_database_locks(qtbot: QtBot, window: MainWindow) -> None:
    db = Path(window.controller.db_path)
    dialog = ExportDialog(str(db), None, [], window)
    qtbot.addWidget(dialog)
    locks, _ = run_dialog_and_check(qtbot, dialog.browse, db)
    assert locks, "Export › Browse dropped SQLite's locks on the open database"


def test_dropping_the_open_database_on_the_window_is_refused_and_keeps_the_locks(
    qtbot: QtBot, window: MainWindow
) -> None:
    db = Path(window.controller.db_path)
    importer = window.importer()
    errors: list[tuple[str, str]] = []
    importer.prompter.show_error = lambda title, text, details="": errors.append((title, text))  # type: ignore[attr-defined]
    drop_files(window, [db, f"{db}-wal"])
    qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
    (_, text), *_ = errors
    assert "belongs to the Clipper database that is open" in text
    assert window.controller.store.count_articles() == 0
    assert held_locks(db)


def test_only_file_dialogs_py_creates_file_dialogs() -> None:
    """Every dialog goes through clipper.gui.file_dialogs (name-only icons)."""
    gui = Path(__file__).resolve().parents[2] / "clipper" / "gui"
    users = sorted(p.name for p in gui.glob("*.py") if "QFileDialog" in p.read_text("utf-8"))
    assert users == ["file_dialogs.py"]


def test_file_back_up_writes_a_consistent_copy(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    store = window.controller.store
    store.add_article(read_pasted_text("Backup test\n\nThe mayor said 40% of homes."))
    target = tmp_path / "copy.db"

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, choose)
            return
        assert Path(dialog.selectedFiles()[0]).name.startswith("clipper.db.backup-")
        dialog.selectFile(str(target))
        dialog.accept()

    QTimer.singleShot(0, choose)
    window.actions_by_name["backup"].trigger()
    qtbot.waitUntil(lambda: "Backed up to" in window.statusBar().currentMessage(), timeout=30_000)
    assert held_locks(Path(window.controller.db_path))
    with Store(target) as copy:
        assert [a.title for a in copy.list_articles()] == ["Backup test"]
