"""The app offers the encoding choice: the real dialog, in the real import flow."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from clipper.gui.encoding_dialog import EncodingDialog
from clipper.gui.import_flow import ImportController, Prompter
from clipper.gui.workers import Job
from clipper.importers.encoding import EncodingOption, encoding_options
from clipper.store import Store

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
TIMEOUT = 30_000
# Spanish "Señor Muñoz" in cp1252 reads as Polish-looking "Seńor Muńoz" in cp1250: unsure.
UNSURE = "Señor Muñoz\n".encode("cp1252")


class Answers(Prompter):
    """The real dialogs for encodings; other questions are not expected."""

    def __init__(self, parent: QWidget | None, encodings: list[tuple[str | None, bool]]):
        super().__init__(parent)
        self.encodings = encodings
        self.asked: list[tuple[str, list[str], int]] = []
        self.errors: list[tuple[str, str, str]] = []

    def choose_encoding(
        self, name: str, options: Sequence[EncodingOption], others: int
    ) -> tuple[str | None, bool]:
        self.asked.append((name, [o.encoding for o in options], others))
        assert self.encodings, f"unexpected encoding question for {name}"
        return self.encodings.pop(0)

    def show_error(self, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))


@pytest.fixture
def window(qtbot: Any) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def controller(db_path: Path, window: QWidget) -> Iterator[ImportController]:
    ctl = ImportController(str(db_path), window)
    yield ctl
    assert Job.shutdown_all(10_000)


def texts(db_path: Path) -> list[str]:
    with Store(db_path) as store:
        return [store.get_article(a.id).text for a in store.list_articles()]


def run(qtbot: Any, controller: ImportController, *paths: Path, choose: bool = False) -> None:
    with qtbot.waitSignal(controller.finished, timeout=TIMEOUT):
        controller.import_files([str(p) for p in paths], choose_encoding=choose)
    assert not controller.is_busy()


def test_dialog_previews_each_candidate_and_imports_the_chosen_one(qtbot: Any) -> None:
    options = encoding_options(UNSURE, "cp1252")
    dialog = EncodingDialog("senor.txt", options, others=2)
    qtbot.addWidget(dialog)
    assert dialog.combo.itemText(0) == "cp1252 (Western European, Windows)"
    assert dialog.preview_text() == "Señor Muñoz"
    dialog.select("cp1250")
    assert dialog.preview_text() == "Seńor Muńoz"
    dialog.combo.setCurrentIndex(dialog.combo.findData("cp1251"))
    assert dialog.preview_text() == "Seсor Muсoz"
    assert dialog.others_box is not None and not dialog.apply_to_others()
    dialog.select("cp1250")
    dialog.show()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == EncodingDialog.DialogCode.Accepted
    assert dialog.chosen_encoding() == "cp1250"


def test_real_dialog_in_the_flow_stores_the_chosen_encoding(
    qtbot: Any, controller: ImportController, window: QWidget, db_path: Path, tmp_path: Path
) -> None:
    """The real Prompter runs the real dialog modally; the 'user' picks cp1250 in it."""
    path = tmp_path / "senor.txt"
    path.write_bytes(UNSURE)
    controller.prompter = Prompter(window)
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, EncodingDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog.preview_text())
        dialog.select("cp1250")
        seen.append(dialog.preview_text())
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    run(qtbot, controller, path)
    assert seen == ["Señor Muñoz", "Seńor Muńoz"]
    assert texts(db_path) == ["Seńor Muńoz\n"]


def test_uncertain_file_is_asked_about_before_anything_is_stored(
    qtbot: Any, controller: ImportController, window: QWidget, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "senor.txt"
    path.write_bytes(UNSURE)
    prompter = Answers(window, [("cp1252", False)])
    controller.prompter = prompter
    run(qtbot, controller, path, ARTICLES / "wikinews_news_crane.txt")
    [(name, offered, others)] = prompter.asked  # the certain Wikinews file is not asked about
    assert name == "senor.txt" and offered[:2] == [
        "cp1252",
        "cp1250",
    ]  # detected, then alternatives
    assert others == 0
    assert sorted(t[:5] for t in texts(db_path)) == ["At le", "Señor"]
    assert prompter.errors == []  # chosen by the user: no warning left


def test_skipping_imports_nothing_and_reports_no_error(
    qtbot: Any, controller: ImportController, window: QWidget, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "senor.txt"
    path.write_bytes(UNSURE)
    prompter = Answers(window, [(None, False)])
    controller.prompter = prompter
    run(qtbot, controller, path)
    assert texts(db_path) == [] and prompter.errors == []


def test_keeping_the_detected_encoding_for_the_others_shows_their_warnings(
    qtbot: Any, controller: ImportController, window: QWidget, db_path: Path, tmp_path: Path
) -> None:
    paths = []
    for n, word in enumerate(["Señor Muñoz", "España", "Doña Ana"]):
        paths.append(tmp_path / f"{n}.txt")
        paths[-1].write_bytes(f"{word}\n".encode("cp1252"))
    prompter = Answers(window, [("cp1252", True)])
    controller.prompter = prompter
    run(qtbot, controller, *paths)
    assert [(a[0], a[2]) for a in prompter.asked] == [("0.txt", 2)]
    assert sorted(texts(db_path)) == ["Doña Ana\n", "España\n", "Señor Muñoz\n"]
    [(title, text, _)] = prompter.errors
    assert title == "Imported with warnings"
    assert "1.txt: decoded as cp1252" in text and "2.txt: decoded as cp1252" in text
    assert "--encoding" not in text and "import the file again: Clipper then asks" in text
    assert "0.txt" not in text


def test_choosing_on_demand_asks_even_when_sure(
    qtbot: Any, controller: ImportController, window: QWidget, db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "zoe.txt"
    path.write_bytes("Zoë Noël said the club paid £51.6m.\n".encode("cp1252"))
    prompter = Answers(window, [("latin-1", False)])
    controller.prompter = prompter
    run(qtbot, controller, path, choose=True)
    assert prompter.asked[0][1][0] == "cp1252"
    assert texts(db_path) == ["Zoë Noël said the club paid £51.6m.\n"]
