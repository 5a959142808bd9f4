"""Who is coding: asked once, Edit › Coder…, $CLIPPER_CODER, the annotations' Coder column."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, add_article, tag_span

from clipper.gui.app import create_main_window
from clipper.gui.coder_dialog import CoderDialog, login_name
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.gui.workers import Job
from clipper.model import DEFAULT_CODER
from clipper.store import Store

TIMEOUT_MS = 10_000
OpenWindow = Callable[..., MainWindow]


@pytest.fixture(autouse=True)
def _no_coder_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLIPPER_CODER", raising=False)


@pytest.fixture
def open_window(
    qtbot: QtBot, db_path: Path, settings: Settings
) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(**kwargs: object) -> MainWindow:
        w = create_main_window(db_path, settings=settings, **kwargs)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        windows.append(w)
        return w

    yield make
    assert Job.shutdown_all(10_000)
    for w in windows:
        w.close()
        w.controller.close()


def coders_in(db_path: Path) -> list[str]:
    with Store(db_path) as store:  # a second connection: what is committed
        return [a.coder for a in store.list_annotations()]


def dialog_of(qtbot: QtBot, window: MainWindow) -> CoderDialog:
    qtbot.waitUntil(lambda: window.coder_dialog is not None, timeout=TIMEOUT_MS)
    dialog = window.coder_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_not_asked_on_offscreen_platform_unless_asked_for(
    open_window: OpenWindow, settings: Settings
) -> None:
    window = open_window()
    assert not window.ask_coder_once()
    assert window.coder_dialog is None
    assert window.controller.coder == DEFAULT_CODER
    assert window.should_ask_coder(offscreen_too=True)


def test_first_start_answer_tags_new_annotations_and_is_not_asked_again(
    qtbot: QtBot, open_window: OpenWindow, settings: Settings, db_path: Path
) -> None:
    window = open_window()
    assert window.ask_coder_once(offscreen_too=True)
    dialog = dialog_of(qtbot, window)
    assert dialog.name.text() == login_name()
    assert login_name() == getpass.getuser().strip() or not login_name()
    dialog.name.setText("  ")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # refused inline, dialog stays
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "not a coder name" in dialog.problem.text()
    dialog.name.setText("alice")
    assert not dialog.problem.isVisible()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.coder_dialog is None, timeout=TIMEOUT_MS)
    assert window.controller.coder == "alice"
    assert settings.coder() == "alice"
    assert window.coder_label.text() == "Coding as alice"

    article = add_article(window, PLAIN_TEXT)
    tag_span(qtbot, window, 14, 33, "2")
    assert coders_in(db_path) == ["alice"]
    assert article.id == window.controller.article_id
    assert not window.ask_coder_once(offscreen_too=True)  # once only

    again = open_window()  # the next start uses the setting and does not ask
    assert again.controller.coder == "alice"
    assert not again.ask_coder_once(offscreen_too=True)


def test_escape_keeps_default_and_is_not_asked_again(
    qtbot: QtBot, open_window: OpenWindow, settings: Settings, db_path: Path
) -> None:
    window = open_window()
    assert window.ask_coder_once(offscreen_too=True)
    dialog = dialog_of(qtbot, window)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.coder_dialog is None, timeout=TIMEOUT_MS)
    assert window.controller.coder == DEFAULT_CODER
    assert settings.coder() == DEFAULT_CODER
    assert not window.should_ask_coder(offscreen_too=True)
    add_article(window, PLAIN_TEXT)
    tag_span(qtbot, window, 14, 33, "2")
    assert coders_in(db_path) == [DEFAULT_CODER]


def test_clipper_coder_wins_and_suppresses_the_question(
    qtbot: QtBot,
    open_window: OpenWindow,
    settings: Settings,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.set_coder("alice")
    monkeypatch.setenv("CLIPPER_CODER", "bob")
    window = open_window()
    assert window.controller.coder == "bob"
    assert not window.ask_coder_once(offscreen_too=True)
    assert window.coder_dialog is None
    add_article(window, PLAIN_TEXT)
    tag_span(qtbot, window, 14, 33, "2")
    assert coders_in(db_path) == ["bob"]


def test_variable_suppresses_the_question_without_a_setting(
    open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLIPPER_CODER", "bob")
    window = open_window()
    assert not window.should_ask_coder(offscreen_too=True)


def test_given_coder_wins_over_variable_and_setting(
    open_window: OpenWindow, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set_coder("alice")
    monkeypatch.setenv("CLIPPER_CODER", "bob")
    window = open_window(coder="carol")
    assert window.controller.coder == "carol"
    assert not window.should_ask_coder(offscreen_too=True)


def test_invalid_setting_is_ignored(settings: Settings) -> None:
    settings.qsettings.setValue("edit/coder", "bad\x00name")
    assert settings.coder() is None


def test_edit_coder_changes_who_codes_and_the_column_shows_coders(
    qtbot: QtBot, open_window: OpenWindow, settings: Settings, db_path: Path
) -> None:
    window = open_window()
    window.resize(1400, 860)  # room for the Coder column beside the Text
    add_article(window, PLAIN_TEXT)
    tag_span(qtbot, window, 14, 33, "2")
    pane = window.annotations
    assert not pane.coder_column_shown()  # only the current coder's annotations

    window.actions_by_name["coder"].trigger()
    dialog = dialog_of(qtbot, window)
    assert dialog.name.text() == DEFAULT_CODER
    dialog.name.setText("alice")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.coder_dialog is None, timeout=TIMEOUT_MS)
    assert window.controller.coder == "alice"
    assert settings.coder() == "alice"
    assert window.coder_label.text() == "Coding as alice"
    assert pane.coder_column_shown()  # someone else's annotation is here

    tag_span(qtbot, window, 40, 50, "2")
    assert sorted(coders_in(db_path)) == ["alice", DEFAULT_CODER]
    model = pane.model
    shown = {model.index(row, 3).data() for row in range(model.rowCount())}
    assert shown == {"alice", DEFAULT_CODER}
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Coder"

    # Escape on Edit › Coder… changes nothing.
    window.actions_by_name["coder"].trigger()
    dialog = dialog_of(qtbot, window)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.coder_dialog is None, timeout=TIMEOUT_MS)
    assert window.controller.coder == "alice"

    # Deleting the other coder's annotation hides the column again (counted per row).
    other = next(a for a in model.rows if a.coder == DEFAULT_CODER)
    window.delete_annotations([other.id])
    qtbot.waitUntil(lambda: not pane.coder_column_shown(), timeout=TIMEOUT_MS)


def test_clipper_gui_refuses_a_bad_coder_with_a_message(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLIPPER_QUIT_AFTER_PAINT": "1"}
    env.pop("CLIPPER_CODER", None)
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), "gui", "--coder", "x" * 65],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 1
    assert "is not a coder name" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_question_is_wide_enough_for_its_title(qtbot: QtBot, open_window: OpenWindow) -> None:
    window = open_window()
    assert window.ask_coder_once(offscreen_too=True)
    dialog = dialog_of(qtbot, window)
    title = f"{dialog.windowTitle()} — Clipper"
    # a title bar holds an icon and three buttons beside the title: ~120 px on common themes
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance(title) + 120
    assert dialog.width() >= 400
    dialog.reject()
