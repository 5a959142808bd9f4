"""The Export dialog writes real CSV and JSON files from a real database."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from clipper.exporters import unescape_cell
from clipper.gui import passing_note
from clipper.gui.export_dialog import SCOPE_ALL, SCOPE_CHOSEN, SCOPE_CURRENT, ExportDialog
from clipper.gui.workers import Job
from clipper.importers import read_file, read_pasted_text
from clipper.library import import_article
from clipper.store import Store, now

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
TIMEOUT = 30_000
PASTED = (
    "Minister quits\n\nThe minister said: “I quit 👍🏽 today”, and 12 % agreed.\n"
    "=SUM(A1) is not a formula here; 👩‍💻 coders said “so what”."
)


@pytest.fixture
def library(store: Store) -> dict[str, int]:
    """Two articles with annotations (one with astral characters before its spans)."""
    pasted = import_article(store, read_pasted_text(PASTED))
    crane = import_article(store, read_file(ARTICLES / "wikinews_news_crane.txt"))
    text = pasted.text
    for needle, tag, note in (
        ("I quit 👍🏽 today", "quote", '=HYPERLINK("x")'),
        ("12 %", "figure", ""),
        ("=SUM(A1)", "claim", "+1 formula-looking"),
        ("👩‍💻 coders", "person", "emoji person"),
    ):
        start = text.index(needle)
        store.add_annotation(pasted.id, start, start + len(needle), tag, note)
    start = crane.text.index("107")
    store.add_annotation(crane.id, start, start + 3, "figure")
    return {"pasted": pasted.id, "crane": crane.id}


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_dialog(qtbot: Any, db_path: Path, settings: QSettings) -> Iterator[Any]:
    def make(current: int | None, chosen: list[int]) -> ExportDialog:
        dialog = ExportDialog(str(db_path), current, chosen, None, settings=settings)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    yield make
    assert Job.shutdown_all(10_000)


def export(qtbot: Any, dialog: ExportDialog, path: Path, fmt: str) -> int:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt))
    dialog.path_edit.setText(str(path))
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as blocker:
        dialog.export_button.click()
    assert blocker.args[0] == str(path if path.suffix else path.with_suffix("." + fmt))
    return int(blocker.args[1])


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_export_of_all_articles(
    qtbot: Any, make_dialog: Any, store: Store, library: dict[str, int], tmp_path: Path
) -> None:
    dialog = make_dialog(library["pasted"], [])
    dialog.set_scope(SCOPE_ALL)
    target = tmp_path / "out.csv"
    count = export(qtbot, dialog, target, "csv")

    rows = read_csv(target)
    assert count == len(rows) == 5
    for row in rows:
        article = store.get_article(int(row["article_id"]))
        start, end = int(row["start"]), int(row["end"])
        assert unescape_cell(row["text"]) == article.text[start:end]
    by_tag = {row["tag"]: row for row in rows if int(row["article_id"]) == library["pasted"]}
    assert by_tag["claim"]["text"] == "'=SUM(A1)"  # protected by default
    assert by_tag["quote"]["note"] == '\'=HYPERLINK("x")'
    assert by_tag["person"]["text"] == "👩‍💻 coders"
    # success: the dialog closed, a non-blocking note offers "Show in folder"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.success_box is not None and "5 annotations" in dialog.success_box.text()
    assert any(b.text() == "Show in folder" for b in dialog.success_box.buttons())
    dialog.success_box.close()


def test_json_export_of_current_article_with_chosen_tags(
    qtbot: Any, make_dialog: Any, store: Store, library: dict[str, int], tmp_path: Path
) -> None:
    dialog = make_dialog(library["pasted"], [])
    assert dialog.scope() == SCOPE_CURRENT
    assert not dialog.scope_chosen.isEnabled()  # nothing chosen in the library
    assert not dialog.escape_check.isEnabled() or dialog.format() == "csv"
    dialog.set_checked_tags(["quote", "person", "claim"])
    target = tmp_path / "out.json"
    count = export(qtbot, dialog, target, "json")
    assert not dialog.escape_check.isEnabled()  # CSV only

    data = json.loads(target.read_text(encoding="utf-8"))
    (article,) = data["articles"]
    assert article["id"] == library["pasted"]
    assert article["text"] == store.get_article(library["pasted"]).text
    annotations = article["annotations"]
    assert count == len(annotations) == 3
    assert {a["tag"] for a in annotations} == {"quote", "person", "claim"}
    for a in annotations:
        assert a["text"] == article["text"][a["start"] : a["end"]]
    assert dialog.success_box is not None
    dialog.success_box.close()


def test_chosen_articles_and_remembered_folder_and_format(
    qtbot: Any,
    make_dialog: Any,
    library: dict[str, int],
    tmp_path: Path,
    settings: QSettings,
) -> None:
    dialog = make_dialog(None, [library["crane"]])
    assert dialog.scope() == SCOPE_CHOSEN
    assert not dialog.scope_current.isEnabled()
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.escape_check.setChecked(False)
    count = export(qtbot, dialog, folder / "crane", "json")  # extension added
    assert count == 1
    assert (folder / "crane.json").is_file()
    dialog.success_box.close()

    again = make_dialog(None, [])
    assert again.format() == "json"
    assert Path(again.path_edit.text()).parent == folder
    assert Path(again.path_edit.text()).suffix == ".json"
    assert not again.escape_check.isChecked()
    assert again.scope() == SCOPE_ALL
    again.format_combo.setCurrentIndex(again.format_combo.findData("csv"))
    assert again.path_edit.text().endswith(".csv")  # extension follows the format


def test_unprotected_csv_keeps_formulas(
    qtbot: Any, make_dialog: Any, library: dict[str, int], tmp_path: Path
) -> None:
    dialog = make_dialog(library["pasted"], [])
    dialog.escape_check.setChecked(False)
    target = tmp_path / "raw.csv"
    export(qtbot, dialog, target, "csv")
    texts = {row["tag"]: row["text"] for row in read_csv(target)}
    assert texts["claim"] == "=SUM(A1)"
    dialog.success_box.close()


def test_inline_problems_block_export(
    qtbot: Any, make_dialog: Any, library: dict[str, int], tmp_path: Path
) -> None:
    dialog = make_dialog(library["pasted"], [])
    dialog.no_tags_button.click()
    assert not dialog.export_button.isEnabled()
    assert "at least one tag" in dialog.message_label.text()
    dialog.all_tags_button.click()
    assert dialog.export_button.isEnabled()
    assert dialog.message_label.text() == ""

    dialog.path_edit.setText(str(tmp_path / "no" / "such" / "folder" / "x.csv"))
    dialog.export_button.click()
    assert "does not exist" in dialog.message_label.text()
    assert not dialog.is_running() and dialog.isVisible()


def test_cancel_writes_nothing(
    qtbot: Any, make_dialog: Any, store: Store, library: dict[str, int], tmp_path: Path
) -> None:
    """A large export cancelled at once leaves no file (not even a temporary one)."""
    crane = store.get_article(library["crane"])
    stamp = now()
    rows = [
        (crane.id, s, s + 1, tag, crane.text[s], "", stamp, stamp, None)
        for s in range(min(len(crane.text), 1500))
        for tag in ("figure", "quote", "person", "claim")
    ]
    with store.transaction():
        store.insert_annotations_ignoring_duplicates(rows)
    folder = tmp_path / "cancel"
    folder.mkdir()
    dialog = make_dialog(None, [])
    dialog.path_edit.setText(str(folder / "big.csv"))
    dialog.export_button.click()
    assert dialog.is_running()
    assert not dialog.export_button.isEnabled() and not dialog.path_edit.isEnabled()
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=TIMEOUT)

    assert list(folder.iterdir()) == []
    assert "cancelled" in dialog.message_label.text()
    assert dialog.isVisible()  # Cancel stopped the export; the dialog stays
    assert dialog.export_button.isEnabled()


def test_widgets_have_accessible_names(make_dialog: Any, library: dict[str, int]) -> None:
    dialog = make_dialog(library["pasted"], [library["crane"], library["pasted"]])
    assert dialog.scope() == SCOPE_CHOSEN
    for widget in (
        dialog.format_combo,
        dialog.scope_current,
        dialog.scope_chosen,
        dialog.scope_all,
        dialog.tag_list,
        dialog.escape_check,
        dialog.path_edit,
        dialog.browse_button,
        dialog.progress_bar,
        dialog.export_button,
    ):
        assert widget.accessibleName(), widget


def test_enter_in_the_path_field_exports_and_keeps_the_tag_choice(
    qtbot: Any, make_dialog: Any, library: dict[str, int], tmp_path: Path
) -> None:
    """Enter in "Save to" presses Export (the only default button), not "Select all"."""
    dialog = make_dialog(library["pasted"], [])
    dialog.set_checked_tags(["quote", "figure"])
    target = tmp_path / "enter.csv"
    dialog.path_edit.setText(str(target))
    dialog.path_edit.setFocus()
    buttons = dialog.findChildren(QPushButton)
    assert [b for b in buttons if b.isDefault()] == [dialog.export_button]
    assert [b for b in buttons if b.autoDefault()] == [dialog.export_button]
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as blocker:
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    assert blocker.args[0] == str(target)
    assert sorted(dialog.checked_tags()) == ["figure", "quote"]
    assert sorted({row["tag"] for row in read_csv(target)}) == ["figure", "quote"]
    assert dialog.success_box is not None
    dialog.success_box.close()


def test_the_export_note_goes_away_by_itself(
    qtbot: Any,
    make_dialog: Any,
    library: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The "N annotations written" note stayed on top until closed: now it leaves after
    its time (unless the pointer rests on it)."""
    monkeypatch.setattr(passing_note, "NOTE_MS", 300)
    dialog = make_dialog(library["pasted"], [])
    export(qtbot, dialog, tmp_path / "gone.csv", "csv")
    box = dialog.success_box
    assert box is not None and box.isVisible() and not box.isModal()
    qtbot.waitUntil(lambda: not passing_note._open_notes, timeout=TIMEOUT)


def test_a_passing_note_closes_when_its_window_is_used_again(qtbot: Any) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    box = passing_note.show_passing_note(window, "Export finished", "5 annotations written.")
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=TIMEOUT)
    assert box.isVisible()
    window.activateWindow()  # back to work
    qtbot.waitUntil(lambda: box not in passing_note._open_notes, timeout=TIMEOUT)
