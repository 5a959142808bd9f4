"""The fact-checker's loop in the app: File › New clipping from URL… (a worker, progress,
cancel; errors in the dialog), the page's provenance in Article › Properties, and
Annotate › Rate claim… (scale, verdict, evidence spans from any article; undoable)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot
from web_server import TITLE, release, serve

from clipper.gui.annotations_pane import RATING_COLUMN
from clipper.gui.corpus_browser import ANY_RATING, COLUMNS, AnnotationBrowser
from clipper.gui.main_window import MainWindow
from clipper.gui.properties_dialog import ArticlePropertiesDialog
from clipper.gui.rate_dialog import RateClaimDialog
from clipper.gui.url_clip import UrlClipDialog
from clipper.gui.workers import Job
from clipper.library import import_article
from clipper.model import CONTRADICTED_BY, RATING, RATING_VALUE, VERDICT, ImportedArticle

WAIT = 60_000


@pytest.fixture
def base() -> Iterator[str]:
    with serve() as address:
        yield address
        release(address)


def _url_dialog(qtbot: QtBot, window: MainWindow) -> UrlClipDialog:
    window.actions_by_name["clip_url"].trigger()
    [dialog] = [d for d in window.findChildren(UrlClipDialog) if d.isVisible()]
    return dialog


def test_a_page_is_clipped_by_its_address_with_its_provenance(
    qtbot: QtBot, window: MainWindow, base: str
) -> None:
    dialog = _url_dialog(qtbot, window)
    assert not dialog.clip_button.isEnabled()  # no address yet
    qtbot.keyClicks(dialog.url_edit, f"{base}/old")
    assert dialog.clip_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.mouseClick(dialog.clip_button, Qt.MouseButton.LeftButton)
    assert window.controller.store.count_articles() == 1
    article = window.controller.article
    assert article is not None and article.title == TITLE
    properties = ArticlePropertiesDialog(window.controller, article.id, window)
    qtbot.addWidget(properties)
    texts = [label.text() for label in properties.findChildren(QLabel)]
    assert f"{base}/old" in texts and f"{base}/news/turkey" in texts
    assert any("(301)" in t and "(302)" in t for t in texts)
    assert any(t.startswith("200 (text/html, utf-8)") for t in texts)


def test_a_failed_fetch_is_explained_in_the_dialog(
    qtbot: QtBot, window: MainWindow, base: str
) -> None:
    dialog = _url_dialog(qtbot, window)
    qtbot.keyClicks(dialog.url_edit, f"{base}/missing")
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "404" in dialog.message.text(), timeout=WAIT)
    assert dialog.isVisible() and dialog.clip_button.isEnabled()  # fix it and try again
    assert window.controller.store.count_articles() == 0
    dialog.reject()


def test_a_refused_connection_reads_as_a_sentence(qtbot: QtBot, window: MainWindow) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dialog = _url_dialog(qtbot, window)
    qtbot.keyClicks(dialog.url_edit, f"http://127.0.0.1:{port}/story")
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "connect" in dialog.message.text(), timeout=WAIT)
    assert dialog.message.text().startswith("Could not connect to 127.0.0.1")
    dialog.reject()


def test_cancel_stops_a_slow_fetch_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, base: str
) -> None:
    dialog = _url_dialog(qtbot, window)
    qtbot.keyClicks(dialog.url_edit, f"{base}/slow")
    dialog.start()
    job = dialog.job
    assert job is not None and job.is_running()
    dialog.reject()  # Cancel
    assert not dialog.isVisible() and job.cancelled()
    release(base)  # the server sends no more: the fetch ends
    qtbot.waitUntil(lambda: not job.is_running(), timeout=WAIT)
    assert window.controller.store.count_articles() == 0
    assert Job.shutdown_all(10_000)


def _claim_setup(window: MainWindow) -> tuple[int, int, int]:
    store = window.controller.store
    claim_text = "Crime\n\nThe mayor said crime fell 20% last year."
    police_text = "Police figures\n\nRecorded crime rose by 5% last year."
    first = import_article(
        store, ImportedArticle(claim_text, "Crime", "a.txt", "txt", url="https://a.example/x")
    ).id
    second = import_article(store, ImportedArticle(police_text, "Police", "b.txt", "txt")).id
    session = window.controller.session
    start = claim_text.index("crime fell")
    claim = session.add_annotation(first, start, start + 24, "claim").annotations_added[0]
    at = police_text.index("Recorded")
    rise = session.add_annotation(second, at, at + 25, "figure").annotations_added[0]
    window.controller.refresh()
    window.open_article(first)
    return first, claim.id, rise.id


def test_rate_claim_saves_verdict_and_evidence_as_one_undoable_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    _article, claim_id, rise_id = _claim_setup(window)
    window.annotations.select_annotation(claim_id)
    window.actions_by_name["rate_claim"].trigger()
    [dialog] = [d for d in window.findChildren(RateClaimDialog) if d.isVisible()]
    assert dialog.checker.text() == window.controller.coder
    dialog.rating.setCurrentIndex(dialog.rating.findData("Mostly false"))
    dialog.verdict.setPlainText("Police data show a rise.")
    picker = dialog.pick_evidence()
    picker.kind_combo.setCurrentIndex(picker.kind_combo.findData(CONTRADICTED_BY))
    qtbot.keyClicks(picker.search, "rose by 5%")
    assert picker.list.count() == 1
    picker.accept()
    assert dialog.evidence_ids(CONTRADICTED_BY) == [rise_id]
    dialog.checked_on.setText("2026-02-30")  # refused: stays open with the reason
    dialog.accept()
    assert dialog.isVisible() and "YYYY-MM-DD" in dialog.problem.text()
    dialog.checked_on.setText("2026-02-27")
    dialog.accept()
    assert not dialog.isVisible()
    session = window.controller.session
    attributes = session.get_annotation(claim_id).attributes
    assert attributes[RATING] == "Mostly false" and attributes[RATING_VALUE] == 2
    assert attributes[VERDICT] == "Police data show a rise."
    relations = session.list_relations(annotation_id=claim_id)
    assert [(r.type, r.to_id) for r in relations] == [(CONTRADICTED_BY, rise_id)]
    window.actions_by_name["undo"].trigger()
    assert RATING not in session.get_annotation(claim_id).attributes
    assert session.list_relations(annotation_id=claim_id) == []


def test_every_rate_dialog_label_has_its_key(qtbot: QtBot, window: MainWindow) -> None:
    """ "Evidence &spans:" showed its ampersand and Alt+S did nothing (no buddy)."""
    _article, claim_id, _rise = _claim_setup(window)
    window.annotations.select_annotation(claim_id)
    window.actions_by_name["rate_claim"].trigger()
    [dialog] = [d for d in window.findChildren(RateClaimDialog) if d.isVisible()]
    labels = [label for label in dialog.findChildren(QLabel) if "&" in label.text()]
    assert labels and all(label.buddy() is not None for label in labels), [
        label.text() for label in labels if label.buddy() is None
    ]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.evidence.hasFocus())
    dialog.reject()


def test_tab_leaves_the_verdict_and_links_boxes(qtbot: QtBot, window: MainWindow) -> None:
    """Tab in Verdict typed a tab character: a keyboard user could not leave the box."""
    _article, claim_id, _rise = _claim_setup(window)
    window.annotations.select_annotation(claim_id)
    window.actions_by_name["rate_claim"].trigger()
    [dialog] = [d for d in window.findChildren(RateClaimDialog) if d.isVisible()]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for box, after in ((dialog.verdict, dialog.checker), (dialog.evidence_urls, dialog.review_url)):
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        qtbot.keyClicks(box, "Wrong.")
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        assert box.toPlainText() == "Wrong."
        qtbot.waitUntil(after.hasFocus)
    dialog.reject()


def test_rate_claim_needs_a_claim(qtbot: QtBot, window: MainWindow) -> None:
    _claim_setup(window)
    window.annotations.select_annotation(-1)
    window.actions_by_name["rate_claim"].trigger()
    assert not [d for d in window.findChildren(RateClaimDialog) if d.isVisible()]
    assert "Choose a claim" in window.statusBar().currentMessage()


def _rated_claims(window: MainWindow) -> tuple[int, int]:
    """The set-up's claim rated Mostly false, and a second claim not rated."""
    article, claim_id, _rise = _claim_setup(window)
    session = window.controller.session
    session.rate_claim(claim_id, {RATING: "Mostly false"})
    other = session.add_annotation(article, 0, 5, "claim").annotations_added[0].id
    window.controller.refresh()
    window.open_article(article)
    return claim_id, other


def test_the_annotations_pane_shows_ratings_and_opens_the_rate_dialog(
    qtbot: QtBot, window: MainWindow
) -> None:
    claim_id, other = _rated_claims(window)
    pane = window.annotations
    assert pane.rating_column_shown()
    row = pane.model.row_of(claim_id)
    assert row is not None
    assert pane.model.index(row, RATING_COLUMN).data() == "Mostly false"
    # Double-click on a claim: the rate dialog, for that claim.
    index = pane.proxy.mapFromSource(pane.model.index(row, 1))
    pane.table.scrollTo(index)
    rect = pane.table.visualRect(index)
    # (a real double-click starts with a press: the view wants its pressed index)
    qtbot.mouseClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in window.findChildren(RateClaimDialog)), timeout=10_000
    )
    [dialog] = [d for d in window.findChildren(RateClaimDialog) if d.isVisible()]
    assert dialog.claim.annotation.id == claim_id
    assert dialog.rating.currentData() == "Mostly false"
    dialog.reject()
    # The context menu of the other claim: Rate claim… rates that one; saved, it shows.
    other_row = pane.model.row_of(other)
    assert other_row is not None
    pane.select_annotation(claim_id)  # the menu's claim is the one under the mouse
    rect = pane.table.visualRect(pane.proxy.mapFromSource(pane.model.index(other_row, 1)))
    pane._context_menu(rect.center())
    menu = next(m for m in pane.findChildren(QMenu) if m.isVisible())
    [action] = [a for a in menu.actions() if a.text() == "Rate claim…"]
    action.trigger()
    menu.close()
    [dialog] = [d for d in window.findChildren(RateClaimDialog) if d.isVisible()]
    assert dialog.claim.annotation.id == other
    dialog.rating.setCurrentIndex(dialog.rating.findData("True"))
    dialog.accept()
    assert not dialog.isVisible()
    qtbot.waitUntil(
        lambda: pane.model.index(pane.model.row_of(other) or 0, RATING_COLUMN).data() == "True",
        timeout=WAIT,
    )


def test_the_annotation_browser_filters_by_rating(qtbot: QtBot, window: MainWindow) -> None:
    claim_id, other = _rated_claims(window)
    browser = AnnotationBrowser(
        str(window.controller.store.path), window.controller.session.corpus_annotation_page
    )
    qtbot.addWidget(browser)
    qtbot.waitUntil(
        lambda: browser.rating_combo.findData("Unproven") >= 0 and not browser.busy(), timeout=WAIT
    )
    assert browser.model.rowCount() == 3  # two claims and the figure
    rating = next(c for c in range(len(COLUMNS)) if COLUMNS[c][0] == "Rating")
    browser.rating_combo.setCurrentIndex(browser.rating_combo.findData("Mostly false"))
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1 and not browser.busy(), timeout=WAIT)
    assert browser.model.row(0).id == claim_id  # type: ignore[union-attr]
    assert browser.model.index(0, rating).data() == "Mostly false"
    browser.rating_combo.setCurrentIndex(browser.rating_combo.findData("True"))
    qtbot.waitUntil(lambda: browser.model.rowCount() == 0 and not browser.busy(), timeout=WAIT)
    browser.rating_combo.setCurrentIndex(browser.rating_combo.findData(ANY_RATING))
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1 and not browser.busy(), timeout=WAIT)
    browser.rating_combo.setCurrentIndex(0)  # All
    qtbot.waitUntil(lambda: browser.model.rowCount() == 3 and not browser.busy(), timeout=WAIT)
    assert other in browser.model.ids
    browser.close()
