"""A coder marks an assignment done (or not done) from the command line and from Team › My
assignments; the lead sees it in the server's status; a coder cannot mark another's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from postgres_harness import PostgresServer
from pytestqt.qtbot import QtBot
from sync_helpers import article, make_team, run_sync

from clipper.cli import cli
from clipper.gui.main_window import MainWindow
from clipper.gui.team_sync import TeamSync
from clipper.operations.team_server import assign_articles, server_status
from clipper.store import Store

pytestmark = pytest.mark.postgres


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _done(url: str, coder: str) -> int:
    return {c.name: c for c in server_status(url).coders}[coder].done


def test_a_coder_marks_assignments_done_from_the_command_line(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team = make_team(postgres_server, "alice", "bob")
    lead, alice = tmp_path / "lead.db", tmp_path / "alice.db"
    with Store(lead) as store:
        uuids = [store.add_article(article(n)).uuid for n in range(3)]
    run_sync(lead, team.lead)
    assign_articles(team.lead, "alice", uuids[:2])
    assign_articles(team.lead, "bob", uuids[2:])
    run_sync(alice, team.coders["alice"])

    code, out, _ = run("--db", str(alice), "assignments")
    assert code == 0 and [line.split("\t")[1] for line in out.splitlines()] == ["to do", "to do"]
    with Store(alice) as store:
        first = store.find_article_by_uuid(uuids[0])
    assert first is not None

    # The database has synced with one server only: mark-done finds it without --server.
    code, out, _ = run("--db", str(alice), "mark-done", str(first))
    assert code == 0 and out.startswith(f"{first}\tdone")
    assert _done(team.lead, "alice") == 1
    code, out, _ = run("--db", str(alice), "assignments", "--json")
    rows = {row["article_uuid"]: row for row in map(json.loads, out.splitlines())}
    assert rows[uuids[0]]["done_at"].startswith("20") and rows[uuids[1]]["done_at"] is None

    code, out, _ = run("--db", str(alice), "mark-done", str(first), "--undo")
    assert code == 0 and "not done" in out
    assert _done(team.lead, "alice") == 0

    # Bob's article is not hers: refused before asking the server, and nothing changed there.
    code, _, err = run("--db", str(alice), "mark-done", "9999")
    assert code == 2 and "not assigned to you" in err
    assert _done(team.lead, "bob") == 0


def test_mark_done_from_my_assignments(
    qtbot: QtBot, window: MainWindow, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    team = make_team(postgres_server, "alice")
    lead = tmp_path / "lead.db"
    with Store(lead) as store:
        uuids = [store.add_article(article(n)).uuid for n in range(2)]
    run_sync(lead, team.lead)
    assign_articles(team.lead, "alice", uuids)
    team_sync: TeamSync = window.team_sync  # type: ignore[attr-defined]
    team_sync.configure_and_start(team.coders["alice"], 0)
    qtbot.waitUntil(lambda: team_sync.job is None, timeout=120_000)

    window.actions_by_name["my_assignments"].trigger()
    dialog = team_sync.assignments
    assert dialog is not None and dialog.table.rowCount() == 2
    assert not dialog.done_button.isEnabled()  # nothing selected yet
    dialog.table.selectRow(0)
    assert dialog.done_button.isEnabled() and dialog.done_button.text() == "Mark &done"
    dialog.done_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert dialog.rows[0].done_at is not None
    assert dialog.table.item(0, 4).text() == "done"
    assert "1 done" in dialog.summary.text()
    assert dialog.done_button.text() == "Mark not &done"  # the row stays selected
    assert _done(team.lead, "alice") == 1

    dialog.done_button.click()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert dialog.rows[0].done_at is None and _done(team.lead, "alice") == 0
    dialog.close()
