"""In the real main window: tagging exactly a waiting suggestion's span with its tag
(the tag's key) accepts the suggestion, one undo step, no manual duplicate."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from clipper.gui.main_window import MainWindow
from clipper.suggest import Suggestion
from tests.gui.tagging import add_article, tag_span

TEXT = "Sales\n\nSales rose to 12 million units, the chief executive said.\n"


def test_the_figure_key_on_a_waiting_figure_accepts_it(qtbot: QtBot, window: MainWindow) -> None:
    article = add_article(window, TEXT)
    start = article.text.index("12 million")
    end = start + len("12 million")
    figure = Suggestion(start, end, "figure", 0.9, {"value": 12000000})
    window.controller.run(lambda s: s.add_suggestions(article.id, [figure]))
    (suggested,) = window.controller.session.list_annotations(article.id)
    tag_span(qtbot, window, start, end, "1")
    (after,) = window.controller.session.list_annotations(article.id)
    assert (after.id, after.status, after.origin) == (suggested.id, "accepted", "suggested")
    assert dict(after.attributes) == {"value": 12000000}
    assert [a.id for a in window.annotations.selected_annotations()] == [suggested.id]
    assert "Accepted" in window.statusBar().currentMessage()
    window.undo()
    (back,) = window.controller.session.list_annotations(article.id)
    assert (back.id, back.status) == (suggested.id, "pending")
