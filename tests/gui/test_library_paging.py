"""The library at scale: a paged model, one-row updates, queries off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clipper.gui import library_pane
from clipper.gui.app import create_main_window
from clipper.gui.icons import colour_icon
from clipper.gui.main_window import MainWindow
from clipper.gui.settings import Settings
from clipper.gui.workers import Job
from clipper.model import ArticleSummary, ImportedArticle
from clipper.store import Store
from clipper.store.library_queries import LibraryQuery


def fill(db_path: Path, count: int, word: str = "clipping") -> list[int]:
    """``count`` articles in one transaction; returns their ids."""
    ids = []
    with Store(db_path) as store, store.transaction():
        for n in range(count):
            text = f"{word} number {n}\n\nSome words about item {n}."
            ids.append(store.add_article(ImportedArticle(text, f"{word} {n}", "", "txt")).id)
    return ids


def open_window(qtbot: QtBot, db_path: Path, settings: Settings) -> MainWindow:
    w = create_main_window(db_path, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: not w.library.is_loading(), timeout=20_000)
    return w


def close_window(w: MainWindow) -> None:
    assert Job.shutdown_all(10_000)
    w.close()
    w.controller.close()


def test_rows_are_read_a_page_at_a_time(qtbot: QtBot, db_path: Path, settings: Settings) -> None:
    ids = fill(db_path, 3 * library_pane.PAGE)
    w = open_window(qtbot, db_path, settings)
    try:
        model = w.library.model
        read: list[int] = []
        store = w.controller.store

        def counting(page: Sequence[int]) -> list[ArticleSummary]:
            read.extend(page)
            return store.article_summaries(page)

        model.set_fetch(counting)
        w.reload_library()
        qtbot.waitUntil(lambda: len(read) > 0, timeout=5000)  # the table painted its rows
        assert model.rowCount() == len(ids)
        assert model.ids == list(reversed(ids))  # newest first
        assert 0 < len(read) <= library_pane.PAGE  # only the page on screen
        assert model.summary(len(ids) - 1).id == ids[0]
        assert len(read) <= 2 * library_pane.PAGE
    finally:
        close_window(w)


def test_tagging_updates_one_library_row(qtbot: QtBot, db_path: Path, settings: Settings) -> None:
    fill(db_path, 5)
    w = open_window(qtbot, db_path, settings)
    try:
        model = w.library.model
        article_id = w.controller.article_id
        assert article_id is not None
        row = model.row_of(article_id)
        changed: list[tuple[int, int]] = []
        resets: list[bool] = []
        model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
        model.modelReset.connect(lambda: resets.append(True))
        w.view.select_span(0, 8)
        qtbot.keyClick(w.view, "2")
        assert changed == [(row, row)]
        assert not resets
        assert model.summary(row).counts == {"quote": 1}  # type: ignore[arg-type]
    finally:
        close_window(w)


def test_search_runs_off_the_ui_thread_and_the_latest_query_wins(
    qtbot: QtBot, db_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    alpha = fill(db_path, 3, "alpha")
    beta = fill(db_path, 2, "beta")
    monkeypatch.setattr(library_pane, "SYNC_LIMIT", 0)  # every query in the background
    threads: list[str] = []
    real = Store.library_ids

    def recording(self: Store, query: LibraryQuery, **kw: object) -> list[int]:
        threads.append(threading.current_thread().name)
        return real(self, query, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "library_ids", recording)
    w = open_window(qtbot, db_path, settings)
    try:
        pane = w.library
        assert sorted(pane.model.ids) == sorted(alpha + beta)
        pane.search.setText("alpha")
        pane._search_now()
        pane.search.setText("beta")
        pane._search_now()
        assert pane.is_loading()
        qtbot.waitUntil(lambda: not pane.is_loading(), timeout=20_000)
        assert sorted(pane.model.ids) == sorted(beta)
        assert pane.count_label.text() == "2 of 5"
        # an answer to an older query that arrives late is dropped
        pane._loaded(0, alpha, 5)
        assert sorted(pane.model.ids) == sorted(beta)
        assert threads and set(threads) <= {"clipper-library", threading.main_thread().name}
        assert "clipper-library" in threads
    finally:
        close_window(w)


def test_next_article_follows_the_sorted_library(
    qtbot: QtBot, db_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_pane, "SYNC_LIMIT", 0)
    ids = fill(db_path, 4)
    w = open_window(qtbot, db_path, settings)
    try:
        w.library.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # title: "clipping 0" …
        qtbot.waitUntil(lambda: not w.library.is_loading(), timeout=20_000)
        assert w.library.visible_article_ids() == ids
        w.open_article(ids[1])
        w.actions_by_name["next_article"].trigger()
        assert w.controller.article_id == ids[2]
        assert w.library.table.currentIndex().row() == 2
    finally:
        close_window(w)


def test_a_large_library_shows_its_first_page_then_reads_the_rest_after_painting(
    qtbot: QtBot, db_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(db_path, 200)  # more than a page, the page more than the rows on screen
    monkeypatch.setattr(library_pane, "SYNC_LIMIT", 0)
    calls: list[tuple[str, object]] = []
    real = Store.library_ids

    def recording(self: Store, query: LibraryQuery, **kw: object) -> list[int]:
        calls.append((threading.current_thread().name, kw.get("limit")))
        return real(self, query, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "library_ids", recording)
    w = create_main_window(db_path, settings=settings)
    qtbot.addWidget(w)
    try:
        model = w.library.model
        # before the first paint: one page of ids, but every row and the right count
        assert calls == [(threading.main_thread().name, library_pane.PAGE)]
        assert model.is_partial()
        assert model.rowCount() == 200
        assert w.library.count_label.text() == "200"
        assert w.controller.article_id == ids[-1]  # the newest, from the page
        assert w.library.table.currentIndex().row() == 0
        w.show()
        qtbot.waitExposed(w)
        qtbot.waitUntil(lambda: not model.is_partial(), timeout=20_000)
        assert calls[1] == ("clipper-library", None)  # the rest, after painting
        assert model.ids == list(reversed(ids))
        assert model.rowCount() == 200
        assert w.library.table.currentIndex().row() == 0
        assert w.library.count_label.text() == "200"
    finally:
        close_window(w)


def test_a_row_past_the_first_page_reads_the_rest_at_once(
    qtbot: QtBot, db_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill(db_path, 10)
    monkeypatch.setattr(library_pane, "SYNC_LIMIT", 0)
    monkeypatch.setattr(library_pane, "PAGE", 4)
    w = create_main_window(db_path, settings=settings)  # never painted: nothing asks later
    qtbot.addWidget(w)
    try:
        model = w.library.model
        assert model.is_partial()
        assert model.index(9, 0).data(library_pane.ID_ROLE) == ids[0]
        assert not model.is_partial()
        assert model.ids == list(reversed(ids))
    finally:
        close_window(w)
    # selecting an article past the page, and Next article, need no answer from the thread
    w = create_main_window(db_path, settings=settings, article_id=ids[1])
    qtbot.addWidget(w)
    try:
        assert w.library.table.currentIndex().row() == 8
        w.actions_by_name["next_article"].trigger()
        assert w.controller.article_id == ids[0]
        assert w.library.table.currentIndex().row() == 9
    finally:
        close_window(w)


def test_colour_icons_are_drawn_once(qtbot: QtBot) -> None:
    assert colour_icon("#123456").cacheKey() == colour_icon("#123456").cacheKey()
    assert colour_icon("#123456").cacheKey() != colour_icon("#123456", 12).cacheKey()


def test_library_orders_use_indexes(store: Store) -> None:
    """No order reads every article's row (at 50,000 articles that is the whole file)."""
    conn = store.db.conn
    from clipper.store.library_queries import _order_by

    for sort in (None, "title", "outlet", "date"):
        params: list[object] = []
        order = _order_by(LibraryQuery(sort=sort), params)
        plan = " ".join(
            row[3]
            for row in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT a.id FROM articles a ORDER BY {order}", params
            )
        )
        assert "USING" in plan and "INDEX" in plan, (sort, plan)


def test_library_sorts_like_the_table_did(store: Store) -> None:
    rows = [("b title", "2024-01-01"), ("A title", None), ("c title", "2023-05-05")]
    ids = [
        store.add_article(ImportedArticle(f"text {t}", t, "", "txt", published=p)).id
        for t, p in rows
    ]
    assert store.library_ids(LibraryQuery()) == list(reversed(ids))
    assert store.library_ids(LibraryQuery(sort="title")) == [ids[1], ids[0], ids[2]]
    # undated first, then by date
    assert store.library_ids(LibraryQuery(sort="date")) == [ids[1], ids[2], ids[0]]
    assert store.library_ids(LibraryQuery(sort="date", descending=True)) == [
        ids[0],
        ids[2],
        ids[1],
    ]
