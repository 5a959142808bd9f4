"""Article properties and tag editor dialogs, on a real database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from clipper.errors import UnknownTag
from clipper.fields import key_clash_problem, normalise_url
from clipper.fields import url_problem as core_url_problem
from clipper.gui.controller import Controller
from clipper.gui.properties_dialog import (
    ArticlePropertiesDialog,
    language_problem,
    published_problem,
    url_problem,
)
from clipper.gui.tags_dialog import TagsDialog
from clipper.importers import read_file
from clipper.library import import_article
from clipper.model import Article
from clipper.store import Store

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"


@pytest.fixture
def article(store: Store) -> Article:
    return import_article(store, read_file(ARTICLES / "wikinews_news_crane.txt"))


def properties(qtbot: Any, store: Store, article: Article) -> ArticlePropertiesDialog:
    dialog = ArticlePropertiesDialog(Controller(store), article.id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# -- article properties ----------------------------------------------------------------


def test_properties_show_the_source_and_save_edits(
    qtbot: Any, store: Store, article: Article
) -> None:
    dialog = properties(qtbot, store, article)
    assert dialog.edits["title"].text() == "At least 107 killed in Mecca crane collapse"
    shown = {label.accessibleName(): label.text() for label in dialog.findChildren(QLabel)}
    assert shown["Source"] == "wikinews_news_crane.txt (text file)"
    assert shown["Content hash (SHA-256)"] == article.content_hash
    assert shown["Length"] == f"{len(article.text):,} characters"
    assert shown["Imported at"].startswith(article.imported_at[:10])
    assert dialog.edits["published"].text() == "2015-09-12"  # the text file's dateline

    dialog.edits["title"].setText("  Crane collapse kills 107 in Mecca ")
    dialog.edits["outlet"].setText("Wikinews")
    dialog.edits["published"].setText("2015-09-11")
    dialog.edits["url"].setText("https://en.wikinews.org/wiki/At_least_107_killed")
    dialog.edits["language"].setText("en")
    assert dialog.changes() == {
        "title": "Crane collapse kills 107 in Mecca",
        "outlet": "Wikinews",
        "published": "2015-09-11",
        "url": "https://en.wikinews.org/wiki/At_least_107_killed",
        "language": "en",
    }
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted

    saved = store.get_article(article.id)
    assert saved.title == "Crane collapse kills 107 in Mecca"
    assert (saved.outlet, saved.published, saved.language) == ("Wikinews", "2015-09-11", "en")
    assert saved.text == article.text  # the text never changes

    # emptying an optional field stores "not given"
    again = properties(qtbot, store, saved)
    again.edits["outlet"].setText("")
    again.ok_button.click()
    assert store.get_article(article.id).outlet is None


def test_properties_refuse_bad_values_inline(qtbot: Any, store: Store, article: Article) -> None:
    dialog = properties(qtbot, store, article)
    dialog.edits["title"].setText("   ")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problems["title"].text() == "An article needs a title."
    assert not dialog.problems["title"].isHidden()
    dialog.accept()  # even if called directly, nothing is saved
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert store.get_article(article.id).title == article.title

    dialog.edits["title"].setText("Fine")
    dialog.edits["published"].setText("2015-02-30")
    assert dialog.problems["published"].text() == "Not a real date."
    assert not dialog.ok_button.isEnabled()
    dialog.edits["published"].setText("12/09/2015")
    assert "YYYY-MM-DD" in dialog.problems["published"].text()
    dialog.edits["published"].setText("2015-09")
    assert dialog.problems["published"].text() == ""
    dialog.edits["url"].setText("wikinews article 12")  # not an address, not a host name
    assert "https://" in dialog.problems["url"].text()
    dialog.edits["url"].setText("")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    assert store.get_article(article.id).published == "2015-09"


def test_a_bare_host_name_url_gets_https(qtbot: Any, store: Store, article: Article) -> None:
    dialog = properties(qtbot, store, article)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=10_000)
    edit = dialog.edits["url"]
    edit.setFocus()
    qtbot.keyClicks(edit, "bbc.co.uk/news/x")
    assert dialog.problems["url"].text() == ""
    assert dialog.ok_button.isEnabled()
    dialog.edits["title"].setFocus()  # leaving the field shows the address as saved
    assert edit.text() == "https://bbc.co.uk/news/x"
    dialog.ok_button.click()
    assert store.get_article(article.id).url == "https://bbc.co.uk/news/x"


def test_url_rule_adds_https_only_to_host_names() -> None:
    assert normalise_url(" bbc.co.uk/news/x ") == "https://bbc.co.uk/news/x"
    assert normalise_url("www.example.org:8080/a?b=1") == "https://www.example.org:8080/a?b=1"
    for kept in ("http://example.org/a", "mailto:a@b.org", "localhost/x", "two words.org"):
        assert normalise_url(kept) == kept
    assert core_url_problem("https://bbc.co.uk/news/x") is None
    for bad in ("localhost/x", "https://", "http://[::1", "a b.org/x", "news"):
        assert core_url_problem(bad) is not None


def test_properties_do_not_jump_when_a_problem_appears(
    qtbot: Any, store: Store, article: Article
) -> None:
    """The space for each field's problem line is kept, so nothing moves when one shows."""
    dialog = properties(qtbot, store, article)
    qtbot.waitExposed(dialog)

    def layout() -> tuple[int, list[int]]:
        QApplication.processEvents()
        return dialog.height(), [edit.geometry().y() for edit in dialog.edits.values()]

    before = layout()
    for name, bad in (
        ("title", ""),
        ("published", "12/09/2015"),
        ("url", "wikinews article 12"),
        ("url", "see the wikinews article about the crane in 2015"),
        ("published", "Saturday, September 12, 2015 at noon"),
        ("language", "English"),
    ):
        dialog.edits[name].setText(bad)
        label = dialog.problems[name]
        assert label.text()
        assert layout() == before, name
        assert label.heightForWidth(label.width()) <= label.height(), f"{name}: cut off"
    for name in ("title", "published", "url", "language"):
        dialog.edits[name].setText(getattr(article, name) or "")
    assert layout() == before


def test_not_saved_takes_no_space_hidden_and_moves_nothing_shown(
    qtbot: Any, store: Store, article: Article
) -> None:
    """The "Not saved: …" line shares the buttons' row: no gap above the buttons while it
    is hidden, and the dialog keeps its size when it appears."""
    dialog = properties(qtbot, store, article)
    qtbot.waitExposed(dialog)

    def layout() -> tuple[int, int, int]:
        QApplication.processEvents()
        return dialog.height(), dialog.buttons.geometry().y(), dialog.ok_button.y()

    before = layout()
    last_field = dialog.info_labels.geometry().bottom()
    assert not dialog.error_label.isVisible()
    assert before[1] - last_field <= 2 * dialog.layout().spacing() + 2  # no empty line kept
    store.delete_article(article.id)  # another program deleted it meanwhile
    dialog.edits["outlet"].setText("Wikinews")
    dialog.accept()
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("Not saved: ")
    assert dialog.error_label.toolTip() == dialog.error_label.text()
    assert layout() == before


def test_a_stored_odd_value_is_not_refused(qtbot: Any, store: Store, article: Article) -> None:
    # as an older Clipper could store it (the store refuses it today)
    store.db.execute(
        "UPDATE articles SET published = ? WHERE id = ?",
        ["Saturday, September 12, 2015", article.id],
    )
    store.db.conn.commit()
    dialog = properties(qtbot, store, store.get_article(article.id))
    assert dialog.ok_button.isEnabled()
    dialog.edits["author"].setText("Wikinews staff")
    dialog.ok_button.click()
    saved = store.get_article(article.id)
    assert saved.author == "Wikinews staff"
    assert saved.published == "Saturday, September 12, 2015"


def test_field_checks() -> None:
    assert published_problem("") is None
    assert published_problem("2024-02-29") is None
    assert published_problem("2023-02-29") is not None
    assert url_problem("http://example.org/a?b=c") is None
    assert url_problem("https://") is not None
    assert language_problem("pt-BR") is None
    assert language_problem("English") is not None


def test_properties_fields_have_accessible_names(
    qtbot: Any, store: Store, article: Article
) -> None:
    dialog = properties(qtbot, store, article)
    assert all(edit.accessibleName() for edit in dialog.edits.values())


# -- tags -------------------------------------------------------------------------------


def tags_dialog(qtbot: Any, store: Store) -> TagsDialog:
    dialog = TagsDialog(Controller(store), None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_tags_are_listed_with_colour_label_and_key(qtbot: Any, store: Store) -> None:
    dialog = tags_dialog(qtbot, store)
    rows = [
        tuple(dialog.table.item(r, c).text() for c in (1, 2, 3))
        for r in range(dialog.table.rowCount())
    ]
    assert rows == [
        ("Figure", "figure (built-in)", "1"),
        ("Quote", "quote (built-in)", "2"),
        ("Person", "person (built-in)", "3"),
        ("Claim", "claim (built-in)", "4"),
    ]
    assert dialog.table.item(0, 0).toolTip() == "#f2b705"
    assert not dialog.table.item(0, 0).icon().isNull()
    assert "cannot be removed" in dialog.note_label.text()  # figure is selected


def test_add_a_tag_with_key_5(qtbot: Any, store: Store) -> None:
    dialog = tags_dialog(qtbot, store)
    changed: list[bool] = []
    dialog.tagsChanged.connect(lambda: changed.append(True))
    dialog.new_button.click()
    assert dialog.key_edit.text() == "5"  # the first free key is offered
    qtbot.keyClicks(dialog.name_edit, "money")
    qtbot.keyClicks(dialog.label_edit, "Money")
    dialog.pick_colour = lambda current: QColor("#118ab2")  # type: ignore[method-assign]
    dialog.colour_button.click()
    assert dialog.colour() == "#118ab2"
    dialog.key_edit.setText("5")
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()

    tag = store.get_tag("money")
    assert (tag.label, tag.colour, tag.shortcut, tag.builtin) == ("Money", "#118ab2", "5", False)
    assert changed == [True]
    assert dialog.editing == "money"
    assert dialog.table.rowCount() == 5


def test_key_clashes_are_shown_inline(qtbot: Any, store: Store) -> None:
    dialog = tags_dialog(qtbot, store)
    dialog.new_button.click()
    qtbot.keyClicks(dialog.name_edit, "money")
    dialog.key_edit.setText("2")
    assert dialog.problem_label.text() == (
        "The key 2 is already used by the tag Quote; choose another key."
    )
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    with pytest.raises(UnknownTag):
        store.get_tag("money")

    dialog.name_edit.setText("quote")
    assert "already" in dialog.problem_label.text()
    dialog.name_edit.setText("Two words")
    assert "lower-case word" in dialog.problem_label.text()
    dialog.name_edit.setText("2")  # a lookup of "2" means the key 2 (Quote)
    assert "could be taken for a key" in dialog.problem_label.text()
    dialog.name_edit.setText("money")
    dialog.key_edit.setText("m")
    dialog.label_edit.setText("2")  # a label of digits only reads as a key too
    assert "could be taken for a key" in dialog.problem_label.text()
    assert not dialog.save_button.isEnabled()
    dialog.label_edit.setText("")

    # editing a built-in: new label, colour and a free key; its own key is no clash
    dialog.select_tag("claim")
    assert dialog.save_button.isEnabled()
    dialog.label_edit.setText("Assertion")
    dialog.set_colour("#000000")
    dialog.key_edit.setText("c")
    assert dialog.save()
    tag = store.get_tag("claim")
    assert (tag.label, tag.colour, tag.shortcut) == ("Assertion", "#000000", "c")

    dialog.select_tag("figure")
    dialog.key_edit.setText("C")  # same key as "c" for Qt
    assert "used by the tag Assertion" in dialog.problem_label.text()
    dialog.key_edit.setText("")  # no key at all is fine
    assert dialog.save()
    assert store.get_tag("figure").shortcut is None


def test_enter_adds_the_tag_and_never_opens_the_colour_picker(qtbot: Any, store: Store) -> None:
    dialog = tags_dialog(qtbot, store)
    picked: list[QColor] = []
    dialog.pick_colour = lambda current: picked.append(current)  # type: ignore[method-assign,func-returns-value]
    buttons = dialog.findChildren(QPushButton)
    assert [b for b in buttons if b.isDefault() or b.autoDefault()] == [dialog.save_button]
    dialog.new_button.click()
    qtbot.keyClicks(dialog.name_edit, "money")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert picked == []
    assert store.get_tag("money").shortcut == "5"
    assert dialog.editing == "money"
    # Enter also confirms an edit
    dialog.label_edit.setFocus()
    dialog.label_edit.setText("Cash")
    qtbot.keyClick(dialog.label_edit, Qt.Key.Key_Return)
    assert picked == []
    assert store.get_tag("money").label == "Cash"


def test_a_new_tag_form_is_not_red_before_anything_is_typed(qtbot: Any, store: Store) -> None:
    dialog = tags_dialog(qtbot, store)
    dialog.new_button.click()
    assert dialog.problem_label.text() == ""
    qtbot.keyClicks(dialog.name_edit, "Two words")
    assert "lower-case word" in dialog.problem_label.text()
    assert not dialog.save_button.isEnabled()
    # Enter on an untouched form says what is missing (and saves nothing)
    dialog.new_button.click()
    assert dialog.problem_label.text() == ""
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.problem_label.text().startswith("A tag needs a name")
    assert len(store.list_tags()) == 4


def test_key_rules() -> None:
    tags = Store(":memory:").list_tags()
    assert key_clash_problem("5", tags) is None
    assert key_clash_problem(" ", tags) is not None
    assert key_clash_problem("1", tags, "figure") is None
    assert key_clash_problem("1", tags, "quote") is not None
