"""File › Merge databases… and Team › Agreement… in the real window, on real files."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QListWidget, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from clipper.gui import team_menu
from clipper.gui.agreement_dialog import AgreementDialog
from clipper.gui.main_window import MainWindow
from clipper.gui.shortcuts import ACTIONS
from clipper.library import open_sample
from clipper.model import ImportedArticle
from clipper.operations.agreement import measure_agreement
from clipper.operations.merge import merge_files
from clipper.store import Store


def coder_database(path: Path, coder: str, spans: list[tuple[int, int, str]]) -> None:
    with Store(path) as store:
        article = open_sample(store)
        for start, end, tag in spans:
            store.add_annotation(article.id, start, end, tag, coder=coder)


def test_actions_are_declared_with_their_keys() -> None:
    by_name = {a.name: a for a in ACTIONS}
    assert (by_name["merge_databases"].menu, by_name["merge_databases"].keys) == ("File", ())
    assert (by_name["agreement"].menu, by_name["agreement"].keys) == ("Team", ("Ctrl+Alt+A",))


def test_sync_is_in_the_file_and_team_menus(window: MainWindow) -> None:
    sync = window.actions_by_name["sync"]
    for title in ("File", "Team"):
        assert sync in window.menus[title].actions(), title  # one action, two menus
    assert [a for a in window.findChildren(QAction) if "ync with team" in a.text()] == [sync]


def test_merge_is_in_the_file_and_team_menus(window: MainWindow) -> None:
    merge = window.actions_by_name["merge_databases"]
    for title in ("File", "Team"):
        assert merge in window.menus[title].actions(), title  # one action, two menus
    assert [a for a in window.findChildren(QAction) if "erge databases" in a.text()] == [merge]
    team = [a.text() for a in window.menus["Team"].actions() if a.isVisible()]
    assert "" not in [team[0], team[-1]]
    assert all(a or b for a, b in pairwise(team))  # no empty group
    assert team[-2:] == [merge.text(), window.actions_by_name["sync"].text()]


def summary_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "mergeSummary":
            return widget
    return None


def test_merge_then_agreement(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    coder_database(tmp_path / "alice.db", "alice", [(0, 8, "figure"), (20, 30, "quote")])
    coder_database(tmp_path / "bob.db", "bob", [(0, 8, "figure"), (22, 30, "quote")])
    job = team_menu.merge_databases(window, [str(tmp_path / "alice.db"), str(tmp_path / "bob.db")])
    assert job is not None
    qtbot.waitUntil(lambda: summary_box() is not None, timeout=60_000)
    box = summary_box()
    assert box is not None and box.text().startswith("Merged 2 files: 4 annotations added")
    assert "No conflicting values" in box.informativeText()
    box.close()
    assert window.controller.session.count_articles() == 1

    window.actions_by_name["agreement"].trigger()
    dialog = window._agreement[0]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=60_000)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells == ["Figure", "1.000", "1.000", "1.000", "1.000", "2", "2"]
    assert dialog.table.item(2, 0).text() == "All tags"
    assert "alice, bob" in dialog.summary.text()
    dialog.close()


def test_agreement_without_two_coders_says_why(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_by_name["agreement"].trigger()
    dialog = window._agreement[0]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: "two coders" in dialog.summary.text(), timeout=60_000)
    assert dialog.table.rowCount() == 0
    dialog.close()


def test_a_bad_file_merges_nothing(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text("not json at all", encoding="utf-8")
    team_menu.merge_databases(window, [str(bad)])
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and w.objectName() == "clipperErrorDialog" and w.isVisible()
            for w in QApplication.topLevelWidgets() + window.findChildren(QMessageBox)
        ),
        timeout=60_000,
    )
    assert window.controller.session.count_articles() == 0


STRIKE = "Dock workers at the harbour went on strike on Monday, the union said."


def two_article_database(path: Path, coder: str, spans: list[tuple[int, int, str]]) -> None:
    """The sample clipping and a short one about a strike, both coded by ``coder``."""
    with Store(path) as store:
        sample = open_sample(store)
        strike = store.add_article(ImportedArticle(STRIKE, "Harbour strike", "", "txt"))
        for start, end, tag in spans:
            store.add_annotation(sample.id, start, end, tag, coder=coder)
            store.add_annotation(strike.id, start, end, tag, coder=coder)


def merged_team(tmp_path: Path, window: MainWindow) -> None:
    """alice, bob, carol and gold merged into the window's database."""
    coders = {
        "alice": [(0, 8, "figure"), (20, 30, "quote")],
        "bob": [(0, 8, "figure"), (22, 30, "quote")],
        "carol": [(0, 9, "figure")],
        "gold": [(0, 8, "figure")],
    }
    with Store(window.controller.db_path) as team:
        for name, spans in coders.items():
            two_article_database(tmp_path / f"{name}.db", name, spans)
            merge_files(team, [tmp_path / f"{name}.db"])
    window.refresh()


def open_dialog(qtbot: QtBot, window: MainWindow) -> AgreementDialog:
    window.actions_by_name["agreement"].trigger()
    dialog: AgreementDialog = window._agreement[0]  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0 and dialog.job is None, timeout=60_000)
    return dialog


def checked(widget: QListWidget) -> list[str]:  # the coders' checklist
    return [
        widget.item(r).text()
        for r in range(widget.count())
        if widget.item(r).checkState() == Qt.CheckState.Checked
    ]


def test_agreement_pickers_choose_coders_and_articles(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    merged_team(tmp_path, window)
    dialog = open_dialog(qtbot, window)
    names = [dialog.coders.item(r).text() for r in range(dialog.coders.count())]
    assert names == ["alice", "bob", "carol", "gold"]
    assert checked(dialog.coders) == ["alice", "bob", "carol"]  # gold is left out by default
    assert "alice, bob, carol" in dialog.summary.text() and "articles: 2" in dialog.summary.text()
    assert dialog.all_articles.isChecked() and dialog.article_model.rowCount() == 2
    assert not dialog.progress.isVisible()  # the job is done

    # Two coders: Cohen's kappa (carol unticked as a click on her box does).
    carol = dialog.coders.findItems("carol", Qt.MatchFlag.MatchExactly)[0]
    carol.setCheckState(Qt.CheckState.Unchecked)
    steps: list[tuple[int, int]] = []
    job = dialog.compute()
    assert job is not None
    job.progress.connect(lambda done, total: steps.append((done, total)))
    qtbot.waitUntil(lambda: dialog.job is None and dialog.table.rowCount() > 0, timeout=60_000)
    assert "Coders: alice, bob ·" in dialog.summary.text() and "κ: Cohen" in dialog.summary.text()
    assert steps and steps[-1] == (2, 2)  # progress counted the articles

    # One article, found by its title: checking it chooses "Chosen articles".
    qtbot.keyClicks(dialog.search, "harbour")
    assert dialog.article_model.shown_texts() == ["2: Harbour strike"]
    assert dialog.article_count.text() == "0 chosen · 1 of 2 shown"
    check_shown = dialog.findChild(QPushButton, "agreementCheckShown")
    qtbot.mouseClick(check_shown, Qt.MouseButton.LeftButton)
    assert dialog.chosen_articles.isChecked() and dialog.checked_articles() == [2]
    assert dialog.article_count.text() == "1 chosen · 1 of 2 shown"
    # The check box of the one article shown (the view sets the model's check state).
    model = dialog.article_model
    index = model.index(0)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert dialog.checked_articles() == [] and "0 chosen" in dialog.article_count.text()
    assert model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.checked_articles() == [2]
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.table.rowCount() > 0, timeout=60_000)
    assert "articles: 1 ·" in dialog.summary.text()
    with Store(window.controller.db_path) as store:
        expected = measure_agreement(store, coders=["alice", "bob"], articles=[2])
    figure = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert figure[:2] == ["Figure", f"{expected.tags[0].alpha_u:.3f}"]

    # The gold coder may be compared too, when ticked.
    gold = dialog.coders.findItems("gold", Qt.MatchFlag.MatchExactly)[0]
    gold.setCheckState(Qt.CheckState.Checked)
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.table.rowCount() > 0, timeout=60_000)
    assert "Coders: alice, bob, gold ·" in dialog.summary.text()
    dialog.close()


def test_agreement_pickers_say_what_is_missing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    merged_team(tmp_path, window)
    dialog = open_dialog(qtbot, window)
    dialog.chosen_articles.setChecked(True)
    assert dialog.compute() is None
    assert "Check at least one article" in dialog.summary.text()
    dialog.all_articles.setChecked(True)
    for name in ("bob", "carol"):
        item = dialog.coders.findItems(name, Qt.MatchFlag.MatchExactly)[0]
        item.setCheckState(Qt.CheckState.Unchecked)
    dialog.compute()
    qtbot.waitUntil(lambda: "at least two coders" in dialog.summary.text(), timeout=60_000)
    assert dialog.table.rowCount() == 0 and not dialog.progress.isVisible()
    dialog.close()
    assert window.isVisible()  # the app keeps running


def test_agreement_tag_picker_measures_the_checked_tags_only(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    merged_team(tmp_path, window)
    dialog = open_dialog(qtbot, window)
    # The checklist and the table show the tags' labels; the names are what is measured.
    tags = [dialog.tags.item(r).text() for r in range(dialog.tags.count())]
    assert {"Figure", "Quote", "Person", "Claim"} <= set(tags)
    assert checked(dialog.tags) == tags and dialog.chosen_tags() is None  # all: every tag used
    shown = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert shown == ["Figure", "Quote", "All tags"]

    for label in tags:  # only quote
        if label != "Quote":
            dialog.tags.findItems(label, Qt.MatchFlag.MatchExactly)[0].setCheckState(
                Qt.CheckState.Unchecked
            )
    assert dialog.chosen_tags() == ["quote"]
    dialog.compute()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.table.rowCount() > 0, timeout=60_000)
    shown = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert shown == ["Quote", "All tags"]
    with Store(window.controller.db_path) as store:
        expected = measure_agreement(store, tags=["quote"], coders=["alice", "bob", "carol"])
    assert dialog.table.item(1, 1).text() == f"{expected.overall.alpha_u:.3f}"

    dialog.tags.findItems("Quote", Qt.MatchFlag.MatchExactly)[0].setCheckState(
        Qt.CheckState.Unchecked
    )
    assert dialog.compute() is None and "Check at least one tag" in dialog.summary.text()
    dialog.close()
