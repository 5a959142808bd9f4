"""Reviewing suggestions in the real main window: dashed drawing, next/previous, Enter
accepts and Backspace rejects (only in the article text), accept-all as one undo step,
data fields in the annotations pane, background suggesting on open and import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from clipper.gui.annotations_pane import SUGGESTED_COLUMN
from clipper.gui.main_window import MainWindow
from clipper.importers import read_pasted_text
from clipper.library import import_article
from clipper.model import Annotation
from clipper.operations.review import PENDING, auto_suggest
from tests.gui.tagging import add_article as add

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ALIBABA = (FIXTURES / "seed_alibaba_ai_investment.txt").read_text("utf-8")
NASA = (FIXTURES / "wikinews_news_nasa.txt").read_text("utf-8")
TIMEOUT = 60_000  # a loaded 2-core machine: generous


def suggest_now(window: MainWindow, article_id: int) -> list[Annotation]:
    """Store the article's suggestions as pending (the core operation, on the UI thread)."""
    window.controller.run(lambda s: s.add_suggestions(article_id, s.suggestions_for(article_id)))
    return pending(window)


def pending(window: MainWindow) -> list[Annotation]:
    return [a for a in window.controller.sorted_annotations() if a.status == PENDING]


def stored_status(window: MainWindow, annotation_id: int) -> str:
    return window.controller.session.get_annotation(annotation_id).status


def press(
    qtbot: QtBot,
    window: MainWindow,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, key, modifier)


def next_key(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)


def previous_key(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)


def idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.review.busy(), timeout=TIMEOUT)


# -- drawing --------------------------------------------------------------------------------


def _span_box(window: MainWindow, a: Annotation) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) in viewport pixels of a one-line span."""
    view = window.view
    to_qt = view.position_map().to_qt
    cursor = QTextCursor(view.document())
    cursor.setPosition(to_qt(a.start))
    first = view.cursorRect(cursor)
    cursor.setPosition(to_qt(a.end))
    last = view.cursorRect(cursor)
    assert first.top() == last.top(), "the test span must be on one line"
    return first.left(), first.top(), last.left(), last.bottom()


def _tinted(colour: QColor) -> bool:
    """Not white, not grey text: a tag's colour (or a translucent band of it)."""
    r, g, b = colour.red(), colour.green(), colour.blue()
    return max(r, g, b) - min(r, g, b) > 24


def _row(image: QImage, y: int, left: int, right: int) -> list[QColor]:
    return [image.pixelColor(x, y) for x in range(left + 2, right - 2)]


def test_pending_dashed_accepted_filled_rejected_hidden(qtbot: QtBot, window: MainWindow) -> None:
    # The article pane as wide as the spans below were chosen for (each on one line).
    width = window.splitter.width()
    window.splitter.setSizes([width * 28 // 100, width * 47 // 100, width * 25 // 100])
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    money = next(a for a in waiting if a.text == "$53 billion")
    rmb = next(a for a in waiting if a.text == "RMB 380 billion")
    person = next(a for a in waiting if a.text == "Eddie Wu")
    window.controller.run(lambda s: s.accept_suggestions([rmb.id]))
    window.controller.run(lambda s: s.reject_suggestions([person.id]))
    view = window.view
    assert view.highlight_style(money.id) == "dashed"
    assert view.highlight_style(rmb.id) == "filled"
    assert view.highlight_style(person.id) is None  # rejected: kept in the database, not drawn
    assert stored_status(window, person.id) == "rejected"
    assert window.annotations.model.row_of(person.id) is None
    assert window.annotations.model.row_of(money.id) is not None

    view.verticalScrollBar().setValue(0)
    image = view.viewport().grab().toImage()
    left, top, right, bottom = _span_box(window, money)
    # the outline's top edge: dashes of the tag's colour with gaps
    edge = max(
        (_row(image, y, left, right) for y in range(top, top + 3)),
        key=lambda row: sum(map(_tinted, row)),
    )
    dashes = sum(map(_tinted, edge)) / len(edge)
    assert 0.3 < dashes < 0.9, dashes
    # inside: no fill (no tinted pixel in the middle rows)
    middle = (top + bottom) // 2
    inside = [
        c for y in (middle - 1, middle, middle + 1) for c in _row(image, y, left + 3, right - 3)
    ]
    assert not any(map(_tinted, inside))
    # an accepted span is filled: its middle row is tinted between the letters
    left, top, right, bottom = _span_box(window, rmb)
    middle = (top + bottom) // 2
    row = _row(image, top + 2, left, right)
    assert sum(map(_tinted, row)) / len(row) > 0.9


# -- keys -----------------------------------------------------------------------------------


def test_next_and_previous_in_text_order_wrapping(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    assert len(waiting) > 5
    order = [(a.start, a.end, a.id) for a in waiting]
    assert order == sorted(order)
    seen = []
    for _ in range(len(waiting)):
        next_key(qtbot, window)
        current = window.review.current()
        assert current is not None
        seen.append(current.id)
        span = window.view.selected_span()
        assert span is not None and (span[0], span[1]) == (current.start, current.end)
        assert current.text[:10] in window.statusBar().currentMessage()
    assert seen == [a.id for a in waiting]
    next_key(qtbot, window)  # wraps round
    assert window.review.current_id == waiting[0].id
    previous_key(qtbot, window)
    assert window.review.current_id == waiting[-1].id
    previous_key(qtbot, window)
    assert window.review.current_id == waiting[-2].id
    # the pane shows it selected
    assert [a.id for a in window.annotations.selected_annotations()] == [waiting[-2].id]


def test_enter_accepts_backspace_rejects_undo_restores(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    first, second, third = waiting[:3]
    press(qtbot, window, Qt.Key.Key_Return)  # no current suggestion: nothing happens
    assert stored_status(window, first.id) == PENDING
    next_key(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Return)
    assert stored_status(window, first.id) == "accepted"
    assert window.view.highlight_style(first.id) == "filled"
    assert window.review.current_id == second.id  # on to the next one
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert stored_status(window, second.id) == "rejected"
    assert window.view.highlight_style(second.id) is None
    assert window.annotations.model.row_of(second.id) is None
    assert window.annotations.count_label.text() == str(len(waiting) - 1)
    assert window.review.current_id == third.id
    assert window.view.toPlainText() == ALIBABA.replace("\r\n", "\n")  # the text untouched

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_status(window, second.id) == PENDING
    assert window.view.highlight_style(second.id) == "dashed"
    assert window.annotations.model.row_of(second.id) is not None
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_status(window, first.id) == PENDING
    assert window.view.highlight_style(first.id) == "dashed"
    # a cursor moved elsewhere: no suggestion is current, Enter does nothing
    next_key(qtbot, window)
    cursor = window.view.textCursor()
    cursor.setPosition(window.view.document().characterCount() - 1)
    window.view.setTextCursor(cursor)
    qtbot.waitUntil(lambda: window.review.current() is None)
    before = [a.status for a in window.controller.sorted_annotations()]
    press(qtbot, window, Qt.Key.Key_Return)
    assert [a.status for a in window.controller.sorted_annotations()] == before


def test_accept_all_of_a_tag_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    people = [a.id for a in waiting if a.tag == "person"]
    others = [a.id for a in waiting if a.tag != "person"]
    assert len(people) >= 3
    window.review.set_current(window.controller.annotations[people[1]])
    press(
        qtbot,
        window,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert {stored_status(window, i) for i in people} == {"accepted"}
    assert {stored_status(window, i) for i in others} == {PENDING}
    current = window.review.current()
    assert current is not None and current.tag != "person"
    assert window.controller.undo_label.startswith("Accept")
    window.undo()
    assert {stored_status(window, i) for i in people} == {PENDING}


def test_enter_and_backspace_in_line_edits_are_theirs(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, ALIBABA)
    suggest_now(window, article.id)
    next_key(qtbot, window)
    current = window.review.current()
    assert current is not None and current.tag == "figure"
    # the pane's value field: Enter saves the field, never accepts the suggestion
    value = window.annotations.attribute_edits["value"]
    value.setFocus()
    qtbot.waitUntil(value.hasFocus)
    qtbot.keyClick(value, Qt.Key.Key_Backspace)
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert stored_status(window, current.id) == PENDING
    assert window.controller.session.get_annotation(current.id).attributes["value"] == 5_300_000_000
    # the library's search field and the note editor
    search = window.library.search
    search.setFocus()
    qtbot.keyClicks(search, "Alib")
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert search.text() == "Ali"
    assert stored_status(window, current.id) == PENDING
    # a dialog's line edit: Enter is the dialog's (it closes), the suggestion stays
    window.change_coder()
    dialog = window.coder_dialog
    assert dialog is not None
    dialog.name.setText("bea")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.coder_dialog is None)
    assert window.controller.coder == "be"
    assert stored_status(window, current.id) == PENDING
    note = window.annotations.note
    note.setFocus()
    qtbot.keyClicks(note, "ok")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.keyClick(note, Qt.Key.Key_Backspace)
    assert note.toPlainText() == "ok"
    assert stored_status(window, current.id) == PENDING


def test_value_unit_and_speaker_edited_in_the_pane(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    money = next(a for a in waiting if a.text == "$53 billion")
    window.annotations.select_annotation(money.id)
    edits = window.annotations.attribute_edits
    assert edits["value"].isVisibleTo(window) and edits["unit"].isVisibleTo(window)
    assert not edits["speaker"].isVisibleTo(window)
    assert (edits["value"].text(), edits["unit"].text()) == ("53000000000", "USD")
    pane = window.annotations
    row = pane.model.row_of(money.id)
    assert row is not None
    unscored = pane.model.index(row, SUGGESTED_COLUMN).data()  # no score known yet
    width = pane.table.horizontalHeader().sectionSize(SUGGESTED_COLUMN)
    assert pane.table.fontMetrics().horizontalAdvance(unscored) + 8 <= width  # was "pen…"
    tip = pane.model.index(row, SUGGESTED_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "no score" in tip
    assert not pane.table.isColumnHidden(SUGGESTED_COLUMN)

    edits["unit"].setFocus()
    edits["unit"].selectAll()
    qtbot.keyClicks(edits["unit"], "CNY")
    qtbot.keyClick(edits["unit"], Qt.Key.Key_Return)
    assert window.controller.session.get_annotation(money.id).attributes["unit"] == "CNY"
    edits["value"].setFocus()
    edits["value"].selectAll()
    qtbot.keyClicks(edits["value"], "lots")
    qtbot.keyClick(edits["value"], Qt.Key.Key_Return)
    assert "not a number" in window.statusBar().currentMessage()
    assert window.controller.session.get_annotation(money.id).attributes["value"] == 53_000_000_000
    window.undo()
    assert window.controller.session.get_annotation(money.id).attributes["unit"] == "USD"

    quote = next(a for a in waiting if a.tag == "quote" and a.attributes.get("speaker"))
    window.annotations.select_annotation(quote.id)
    assert edits["speaker"].isVisibleTo(window)
    assert edits["speaker"].text() == quote.attributes["speaker"]
    edits["speaker"].setFocus()
    edits["speaker"].selectAll()
    qtbot.keyClicks(edits["speaker"], "Joe Tsai")
    edits["speaker"].clearFocus()  # focus out saves too
    window.view.setFocus()
    qtbot.waitUntil(
        lambda: (
            window.controller.session.get_annotation(quote.id).attributes.get("speaker")
            == "Joe Tsai"
        )
    )


# -- background suggesting ------------------------------------------------------------------


def test_suggestions_arrive_in_the_background_on_open(qtbot: QtBot, window: MainWindow) -> None:
    first = add(window, NASA, open_it=False)
    article = add(window, ALIBABA, open_it=False)
    window.actions_by_name["suggest_automatically"].trigger()
    assert auto_suggest(window.controller.session)  # a setting of this database
    window.open_article(article.id)
    qtbot.waitUntil(lambda: len(pending(window)) > 5, timeout=TIMEOUT)
    idle(qtbot, window)
    arrived = pending(window)
    assert {a.origin for a in arrived} == {"suggested"}
    assert all(a.text == ALIBABA[a.start : a.end] for a in arrived)
    assert window.view.highlight_style(arrived[0].id) == "dashed"
    assert window.annotations.model.row_of(arrived[0].id) is not None
    assert window.review.scores and all(0 < s <= 1 for s in window.review.scores.values())
    model = window.annotations.model
    row = model.row_of(arrived[0].id) or 0
    score = window.review.scores[arrived[0].id]
    assert model.index(row, SUGGESTED_COLUMN).data() == f"{score:.2f}"
    # a rejected one and the others are never stored twice when the article opens again
    window.controller.run(lambda s: s.reject_suggestions([arrived[0].id]))
    window.open_article(first.id)
    idle(qtbot, window)
    window.open_article(article.id)
    idle(qtbot, window)
    rows = window.controller.session.list_annotations(article.id)
    spans = [(a.start, a.end, a.tag) for a in rows]
    assert len(spans) == len(set(spans)) == len(arrived)
    assert window.controller.session.get_annotation(arrived[0].id).status == "rejected"
    # the UI thread stays free: typing goes on while a run works
    window.open_article(first.id)
    window.find_bar.open_bar()
    qtbot.keyClicks(window.find_bar.edit, "NASA")
    assert window.find_bar.edit.text() == "NASA"
    assert window.view.textCursor().selectedText() == "NASA"
    idle(qtbot, window)


def test_imported_articles_get_suggestions(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_by_name["suggest_automatically"].trigger()
    store = window.controller.store
    ids = [import_article(store, read_pasted_text(t)).id for t in (NASA, ALIBABA)]
    window.controller.articles_imported(ids)
    idle(qtbot, window)
    for article_id in ids:
        rows = window.controller.session.list_annotations(article_id)
        assert rows and {a.status for a in rows} == {PENDING}


def test_switching_article_mid_run_keeps_results_on_their_article(
    qtbot: QtBot, window: MainWindow
) -> None:
    from clipper.gui.review import _Request

    a = add(window, ALIBABA, open_it=False)
    b = add(window, NASA)
    window.review.enqueue(_Request(a.id, store=True, opened=False))  # runs while B is shown
    qtbot.waitUntil(lambda: window.review.job is not None)
    window.actions_by_name["suggest_automatically"].trigger()  # and B's own run
    window.open_article(a.id)  # switch …
    window.open_article(b.id)  # … and back, mid-run
    idle(qtbot, window)
    # a run for the article opened, still going when another is opened
    window.open_article(a.id)
    qtbot.waitUntil(lambda: window.review.job is not None)
    window.open_article(b.id)
    idle(qtbot, window)
    shown = window.controller.sorted_annotations()
    assert shown and {x.article_id for x in shown} == {b.id}
    assert all(x.text == NASA[x.start : x.end] for x in shown)
    assert {x.id for x in window.view.annotations()} == {x.id for x in shown}
    on_a = window.controller.session.list_annotations(a.id)
    assert on_a and all(x.text == ALIBABA[x.start : x.end] for x in on_a)
    for article_id in (a.id, b.id):
        spans = [
            (x.start, x.end, x.tag) for x in window.controller.session.list_annotations(article_id)
        ]
        assert len(spans) == len(set(spans))


def test_suggest_for_this_article_key(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, ALIBABA)
    assert not window.actions_by_name["suggest_automatically"].isChecked()
    press(
        qtbot,
        window,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: len(pending(window)) > 5, timeout=TIMEOUT)
    idle(qtbot, window)
    assert "new suggestion" in window.statusBar().currentMessage()
    assert {a.article_id for a in pending(window)} == {article.id}
    next_key(qtbot, window)
    assert window.review.current() is not None
    assert QApplication.focusWidget() is window.view
    # asked again: nothing new to find, and the status bar says so (not "Suggesting…")
    waiting = len(pending(window))
    window.actions_by_name["suggest_article"].trigger()
    qtbot.waitUntil(
        lambda: "No new suggestions" in window.statusBar().currentMessage(), timeout=TIMEOUT
    )
    assert f"({waiting} waiting for review)" in window.statusBar().currentMessage()


def test_status_bar_counts_accepted_only_and_suggestions_apart(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add(window, ALIBABA)
    start = ALIBABA.replace("\r\n", "\n").index("Alibaba")
    window.controller.run(lambda s: s.add_annotation(article.id, start, start + 7, "person"))
    waiting = suggest_now(window, article.id)
    label = window.counts_label

    def shown() -> str:
        return label.text()

    assert shown().startswith("1 annotation:") and label.counts()["Person"] == 1
    assert shown().endswith(f"· {len(waiting)} suggestions to review")
    first = next(a for a in waiting if a.tag == "figure")
    window.review.set_current(first)
    press(qtbot, window, Qt.Key.Key_Return)  # accepted: counted with its tag
    assert shown().startswith("2 annotations:") and label.counts()["Figure"] == 1
    assert shown().endswith(f"· {len(waiting) - 1} suggestions to review")
    press(qtbot, window, Qt.Key.Key_Backspace)  # rejected: counted nowhere
    assert shown().startswith("2 annotations:")
    assert shown().endswith(f"· {len(waiting) - 2} suggestions to review")
    window.undo()
    window.undo()
    assert shown().startswith("1 annotation:")
    assert shown().endswith(f"· {len(waiting)} suggestions to review")
    window.controller.run(lambda s: s.accept_suggestions([a.id for a in waiting]))
    assert "suggestion" not in shown()
    assert shown().startswith(f"{len(waiting) + 1} annotations:")


def test_undo_makes_the_decided_suggestion_current_again(qtbot: QtBot, window: MainWindow) -> None:
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    first, second = waiting[:2]
    window.review.set_current(first)
    press(qtbot, window, Qt.Key.Key_Return)
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert window.review.current_id == waiting[2].id
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the reject
    current = window.review.current()
    assert current is not None and current.id == second.id
    assert window.view.selected_span() == (second.start, second.end)
    assert window.view.hasFocus()
    qtbot.waitUntil(lambda: "current again" in window.statusBar().currentMessage())
    assert "Backspace rejects · Undid" in window.statusBar().currentMessage()
    shown = window.annotations.current_annotation()  # its row in the pane, its fields
    assert shown is not None and shown.id == second.id
    press(qtbot, window, Qt.Key.Key_Return)  # Enter acts on it: accepted this time
    assert stored_status(window, second.id) == "accepted"
    window.undo()
    window.undo()  # the first accept: the first suggestion is current again
    current = window.review.current()
    assert current is not None and current.id == first.id
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert stored_status(window, first.id) == "rejected"


def test_undo_of_accept_all_makes_the_suggestion_current_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    people = [a for a in waiting if a.tag == "person"]
    window.review.set_current(people[1])
    press(
        qtbot,
        window,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    window.undo()
    current = window.review.current()
    assert current is not None and current.id == people[1].id
    assert window.view.selected_span() == (people[1].start, people[1].end)
    qtbot.waitUntil(lambda: "current again" in window.statusBar().currentMessage())
    shown = window.annotations.current_annotation()
    assert shown is not None and shown.id == people[1].id


def test_enter_and_backspace_in_the_pane_decide_selected_suggestions(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Clicking a suggestion's row says "Enter accepts, Backspace rejects": so they do
    there (Backspace used to delete it, and a deleted suggestion comes back)."""
    article = add(window, ALIBABA)
    start = ALIBABA.replace("\r\n", "\n").index("Alibaba")
    window.controller.run(lambda s: s.add_annotation(article.id, start, start + 7, "person"))
    waiting = suggest_now(window, article.id)
    table = window.annotations.table

    def key_in_pane(annotation_id: int, key: Qt.Key) -> None:
        window.annotations.select_annotation(annotation_id)
        table.setFocus()
        qtbot.keyClick(table, key)

    first, second, third = waiting[:3]
    key_in_pane(first.id, Qt.Key.Key_Backspace)
    assert stored_status(window, first.id) == "rejected"
    shown = window.annotations.current_annotation()
    assert shown is not None and shown.id == second.id  # on to the next one, in the pane
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert stored_status(window, second.id) == "accepted"
    assert "Accepted" in window.statusBar().currentMessage()
    window.undo()
    assert stored_status(window, second.id) == PENDING
    # two suggestions selected: both rejected, one undo step
    window.annotations.select_annotation(second.id)
    row = window.annotations.proxy.mapFromSource(
        window.annotations.model.index(window.annotations.model.row_of(third.id) or 0, 0)
    )
    table.selectionModel().select(
        row, table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows
    )
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Backspace)
    assert {stored_status(window, i) for i in (second.id, third.id)} == {"rejected"}
    window.undo()
    assert {stored_status(window, i) for i in (second.id, third.id)} == {PENDING}
    # a hand-made annotation: Enter shows it in the text and Backspace deletes it, as before
    mine = next(a for a in window.controller.sorted_annotations() if a.origin == "manual")
    with qtbot.waitSignal(window.annotations.annotationActivated, timeout=5_000) as shown_in_text:
        key_in_pane(mine.id, Qt.Key.Key_Return)
    assert shown_in_text.args == [mine.id] and mine.id in window.controller.annotations
    key_in_pane(mine.id, Qt.Key.Key_Backspace)
    assert mine.id not in window.controller.annotations


def test_status_message_names_the_keys_before_the_details(qtbot: QtBot, window: MainWindow) -> None:
    """The status bar shares its width with the coder and the counts: the keys come first
    (they were cut off), then the figure's value and unit in reading order."""
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    figure = next(a for a in waiting if a.tag == "figure" and "unit" in a.attributes)
    window.review.set_current(figure)
    message = window.statusBar().currentMessage()
    assert message.startswith("Enter accepts, Backspace rejects · Suggestion ")
    assert ": Figure" in message
    assert message.index(" value ") < message.index(" unit ")


def test_the_keys_stay_in_view_at_1024_px_after_a_decision(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 1,024 px the coder and the counts leave the message ~300 px: the keys lead
    every review message (they were cut after "Rejected “…”. Suggestion 6 of 20 (Ent…")."""
    window.resize(1024, 700)
    article = add(window, ALIBABA)
    suggest_now(window, article.id)
    next_key(qtbot, window)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.width() <= 1024)
    for key in (None, Qt.Key.Key_Backspace, Qt.Key.Key_Return):
        if key is not None:
            press(qtbot, window, key)
        assert bar.shown_message().startswith("Enter accepts, Backspace rejects"), (  # type: ignore[attr-defined]
            bar.currentMessage()
        )


def test_enter_away_from_a_suggestion_says_how_to_reach_one(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Suggestions to review, none current (the reader clicked elsewhere): Enter and
    Backspace in the text did nothing at all."""
    article = add(window, ALIBABA)
    waiting = suggest_now(window, article.id)
    window.review.set_current(None)
    press(qtbot, window, Qt.Key.Key_Return)
    assert "Go to a suggestion first (Ctrl+])" in window.statusBar().currentMessage()
    assert {stored_status(window, a.id) for a in waiting} == {PENDING}
    window.statusBar().clearMessage()
    press(qtbot, window, Qt.Key.Key_Backspace)
    assert "Go to a suggestion first" in window.statusBar().currentMessage()
    assert {stored_status(window, a.id) for a in waiting} == {PENDING}


def test_the_pane_s_context_menu_accepts_and_rejects_a_suggestion(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Right-click on a suggestion offered Change tag, Edit note and Delete, not Accept or
    Reject (Enter and Backspace do them there, unseen)."""
    article = add(window, ALIBABA)
    first, second = suggest_now(window, article.id)[:2]
    pane = window.annotations

    def menu_on(annotation_id: int) -> QMenu:
        pane.select_annotation(annotation_id)
        row = pane.model.row_of(annotation_id)
        assert row is not None
        rect = pane.table.visualRect(pane.proxy.mapFromSource(pane.model.index(row, 0)))
        pane.table.customContextMenuRequested.emit(rect.center())
        [menu] = [m for m in pane.findChildren(QMenu) if m.isVisible()]
        return menu

    def choose(menu: QMenu, caption: str) -> None:
        [action] = [a for a in menu.actions() if a.text().startswith(caption)]
        action.trigger()
        menu.close()
        menu.deleteLater()

    choose(menu_on(first.id), "Accept suggestion")
    assert stored_status(window, first.id) == "accepted"
    choose(menu_on(second.id), "Reject suggestion")
    assert stored_status(window, second.id) == "rejected"
    mine = menu_on(first.id)  # accepted now: no Accept/Reject
    assert not [a for a in mine.actions() if "suggestion" in a.text()]
    mine.close()
