"""File › Sync with team server… and Team › My assignments in the real window, against the
real server; and the window without psycopg."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from postgres_harness import PostgresServer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sync_helpers import annotation_rows, article, make_team, run_sync

from clipper.gui.main_window import MainWindow
from clipper.gui.shortcuts import ACTIONS
from clipper.gui.team_sync import TeamSync
from clipper.operations.team_server import assign_articles
from clipper.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_actions_are_declared_with_their_keys() -> None:
    by_name = {a.name: a for a in ACTIONS}
    assert (by_name["sync"].menu, by_name["sync"].keys) == ("File", ("Ctrl+Shift+Y",))
    assert (by_name["my_assignments"].menu, by_name["my_assignments"].keys) == (
        "Team",
        ("Ctrl+Alt+M",),
    )


@pytest.mark.postgres
def test_sync_from_the_window_pulls_refreshes_and_lists_assignments(
    qtbot: QtBot, window: MainWindow, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team = make_team(postgres_server, "alice")
    lead = tmp_path / "lead.db"
    with Store(lead) as store:
        uuids = [store.add_article(article(n)).uuid for n in range(3)]
    run_sync(lead, team.lead)
    assign_articles(team.lead, "alice", uuids[:2])
    team_sync: TeamSync = window.team_sync  # type: ignore[attr-defined]
    url = team.coders["alice"]

    job = team_sync.configure_and_start(url, 15)
    assert job is not None
    qtbot.waitUntil(lambda: team_sync.job is None, timeout=120_000)
    report = team_sync.last_report
    assert report is not None and report.pulled >= 3
    assert window.controller.session.count_articles() == 3
    assert window.library.model.rowCount() == 3  # the open window shows them
    assert not window.controller.session.undo_log.can_undo  # pulls are not undo steps
    assert window.controller.session.sync_settings() == (url, 15)  # no password in it
    assert team_sync.timer.isActive() and team_sync.timer.interval() == 15 * 60_000

    # annotate in the window's database, then sync again (pushes it)
    session = window.controller.session
    first = session.store.find_article_by_uuid(uuids[0])
    assert first is not None
    session.store.add_annotation(first, 0, 5, "figure", coder="alice")
    team_sync.start(quiet=True)
    qtbot.waitUntil(lambda: team_sync.job is None, timeout=120_000)
    assert team_sync.last_report is not None and team_sync.last_report.pushed == 1
    run_sync(lead, team.lead)
    assert len(annotation_rows(lead)) == 1

    window.actions_by_name["my_assignments"].trigger()
    dialog = team_sync.assignments
    assert dialog is not None and dialog.table.rowCount() == 2
    assert "2 assigned · 1 annotated" in dialog.summary.text()
    row = next(i for i, r in enumerate(dialog.rows) if r.article_uuid == uuids[1])
    dialog.table.cellDoubleClicked.emit(row, 0)
    assert window.controller.article is not None
    assert window.controller.article.uuid == uuids[1]
    dialog.close()


@pytest.mark.postgres
def test_a_server_that_cannot_be_reached_says_the_work_is_safe(
    qtbot: QtBot, window: MainWindow
) -> None:
    team_sync: TeamSync = window.team_sync  # type: ignore[attr-defined]
    team_sync.configure_and_start("postgresql://nobody@127.0.0.1:1/team", 0)
    qtbot.waitUntil(lambda: team_sync.job is None, timeout=120_000)
    boxes = [
        w
        for w in QApplication.topLevelWidgets() + window.findChildren(QMessageBox)
        if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert boxes and "Cannot reach the team server" in " ".join(
        b.text() + b.informativeText() for b in boxes
    )
    for box in boxes:
        box.close()


_NO_PSYCOPG_WINDOW = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "psycopg" or name.startswith("psycopg."):
            raise ImportError("hidden")
        return None
sys.meta_path.insert(0, Block())
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication([])
from clipper.gui.app import create_main_window
from clipper.gui.settings import Settings
from clipper.gui import errors
shown = []
errors.show_error = lambda parent, title, text, *a, **k: shown.append(text)
import clipper.gui.team_sync as team_sync
team_sync.show_error = errors.show_error
w = create_main_window(sys.argv[1], settings=Settings(sys.argv[2]))
w.actions_by_name["sync"].trigger()
print(shown[0])
"""


def test_without_psycopg_the_window_says_how_to_add_it(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-c", _NO_PSYCOPG_WINDOW, str(tmp_path / "x.db"), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert 'pip install "clipper[team]"' in proc.stdout
