"""The Export dialog's status choice: accepted annotations by default, with counts;
Clipper JSON (the round trip) every status; REFI-QDA accepted only. Real database, real
files, real widgets."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from clipper.gui.export_dialog import SCOPE_ALL, SCOPE_CURRENT, ExportDialog
from clipper.gui.workers import Job
from clipper.importers import read_file, read_pasted_text
from clipper.library import import_article
from clipper.store import Store

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
TIMEOUT = 30_000


@pytest.fixture
def library(store: Store) -> dict[str, int]:
    """Coded by hand, then suggestions: 2 accepted, 2 pending, 1 rejected."""
    crane = import_article(store, read_file(ARTICLES / "wikinews_news_crane.txt"))
    other = import_article(store, read_pasted_text("Minister quits\n\nShe said 12 % agreed."))
    text = crane.text
    for needle, tag, status in (
        ("107", "figure", "accepted"),
        ("Mecca", "person", "accepted"),
        ("killed", "person", "pending"),
        ("collapse", "claim", "rejected"),
    ):
        start = text.index(needle)
        origin = "manual" if status == "accepted" else "suggested"
        store.add_annotation(
            crane.id, start, start + len(needle), tag, origin=origin, status=status
        )
    store.add_annotation(other.id, 24, 28, "figure", origin="suggested", status="pending")
    return {"crane": crane.id, "other": other.id}


@pytest.fixture
def dialog(qtbot: Any, db_path: Path, library: dict[str, int], tmp_path: Path) -> Iterator[Any]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    made = ExportDialog(str(db_path), library["crane"], [], None, settings=settings)
    qtbot.addWidget(made)
    made.show()
    made.set_scope(SCOPE_ALL)
    yield made
    assert Job.shutdown_all(10_000)


def choose_format(dialog: ExportDialog, fmt: str) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))


def run_export(qtbot: Any, dialog: ExportDialog, path: Path) -> int:
    dialog.path_edit.setText(str(path))
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as blocker:
        dialog.export_button.click()
    return int(blocker.args[1])


def test_accepted_is_the_default_with_counts(
    qtbot: Any, dialog: ExportDialog, tmp_path: Path
) -> None:
    choose_format(dialog, "csv")
    checks = dialog.status_checks
    assert [s for s, c in checks.items() if c.isChecked()] == ["accepted"]
    assert checks["accepted"].text() == "Accep&ted annotations (2)"
    assert checks["pending"].text() == "Pen&ding suggestions, not reviewed (2)"
    assert checks["rejected"].text() == "Re&jected suggestions (1)"
    dialog.set_scope(SCOPE_CURRENT)  # the crane article only
    assert checks["pending"].text().endswith("(1)")
    dialog.set_checked_tags(["figure"])
    assert checks["accepted"].text().endswith("(1)") and checks["pending"].text().endswith("(0)")
    dialog.set_checked_tags(["figure", "person", "claim"])
    dialog.set_scope(SCOPE_ALL)
    out = tmp_path / "coded.csv"
    assert run_export(qtbot, dialog, out) == 2
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert {row["status"] for row in csv.DictReader(handle)} == {"accepted"}


def test_suggestions_are_written_when_ticked(
    qtbot: Any, dialog: ExportDialog, tmp_path: Path
) -> None:
    choose_format(dialog, "jsonl")
    dialog.status_checks["pending"].setChecked(True)
    out = tmp_path / "with-guesses.jsonl"
    assert run_export(qtbot, dialog, out) == 4
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    statuses = sorted(line["status"] for line in lines if line["type"] == "annotation")
    assert statuses == ["accepted", "accepted", "pending", "pending"]


def test_no_status_ticked_cannot_export(dialog: ExportDialog) -> None:
    choose_format(dialog, "csv")
    dialog.status_checks["accepted"].setChecked(False)
    assert not dialog.export_button.isEnabled()
    assert "status" in dialog.message_label.text()


def test_json_round_trip_writes_every_status_and_says_so(
    qtbot: Any, dialog: ExportDialog, tmp_path: Path
) -> None:
    choose_format(dialog, "csv")
    choose_format(dialog, "json")
    assert all(c.isChecked() for c in dialog.status_checks.values())
    assert "round trip" in dialog.status_note.text()
    out = tmp_path / "backup.json"
    assert run_export(qtbot, dialog, out) == 5


def test_a_users_choice_survives_a_format_change_but_refi_allows_accepted_only(
    dialog: ExportDialog,
) -> None:
    choose_format(dialog, "csv")
    dialog.status_checks["pending"].setChecked(True)
    choose_format(dialog, "w3c")
    assert dialog.status_checks["pending"].isChecked()  # the user's choice stays
    choose_format(dialog, "qdpx")
    checks = dialog.status_checks
    assert [s for s, c in checks.items() if c.isChecked()] == ["accepted"]
    assert not any(c.isEnabled() for c in checks.values())
    assert "no status" in dialog.status_note.text()
    choose_format(dialog, "csv")
    assert checks["accepted"].isEnabled() and not checks["pending"].isChecked()


def test_export_these_passes_the_browsers_statuses(dialog: ExportDialog) -> None:
    """*Export these…* in the annotation browser hands over its status filter."""
    choose_format(dialog, "csv")
    dialog.choose_statuses(("pending",))
    assert [s for s, c in dialog.status_checks.items() if c.isChecked()] == ["pending"]
    assert dialog.selection().statuses == ("pending",)
    dialog.choose_statuses(())  # the browser's "any"
    assert dialog.selection().statuses == ()
    choose_format(dialog, "qdpx")
    dialog.choose_statuses(("pending",))
    assert dialog.selection().statuses == ("accepted",)
