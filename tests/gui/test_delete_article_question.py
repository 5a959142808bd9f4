"""Article › Delete article… asks in plain words: no "and its 0 annotations"."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from tagging import PLAIN_TEXT, add_article, tag_span

from clipper.gui.main_window import MainWindow


def test_the_question_counts_annotations_only_when_there_are_some(
    qtbot: QtBot, window: MainWindow, questions: list[str]
) -> None:
    asked = questions
    article = add_article(window, PLAIN_TEXT)
    window.actions_by_name["delete_article"].trigger()
    assert asked[-1].startswith(f"Delete “{article.title}”?")
    for word, key in (("deficit", "1"), ("Critics", "3")):
        start = article.text.index(word)
        tag_span(qtbot, window, start, start + len(word), key)
    window.actions_by_name["delete_article"].trigger()
    assert asked[-1].startswith(f"Delete “{article.title}” and its 2 annotations?")
    assert window.controller.store.count_articles() == 1  # cancelled both times
