"""One set of rules: the store, the command line and the dialogs refuse the same bad input
with the same message (issue 9, "rules live in three places").

Each case is refused three ways on a real database file: by the store's own method, by a
real ``clipper`` process, and by the real dialog (pytest-qt). The dialogs show the rule's
message as a sentence (the Properties dialog leaves out the value its field shows) and
keep the core's words in the problem's tooltip; nothing is written in any of the three.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog

from clipper import fields
from clipper.errors import ClipperError, InvalidField, KeyInUse
from clipper.gui.controller import Controller
from clipper.gui.field_messages import beside_field, sentence
from clipper.gui.properties_dialog import ArticlePropertiesDialog
from clipper.gui.tags_dialog import TagsDialog
from clipper.model import ArticleMeta, ImportedArticle
from clipper.operations import Session
from clipper.store import Store

CRANE = Path(__file__).parent / "fixtures" / "articles" / "wikinews_news_crane.txt"


def cli(db: Path, *args: str) -> tuple[int, str]:
    """Run the real ``clipper`` command; its exit status and standard error."""
    done = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=300,
        check=False,
    )
    return done.returncode, done.stderr


def cli_message(db: Path, *args: str) -> str:
    """The message of the error the command line prints (and that it exits 1)."""
    code, err = cli(db, *args)
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clipper: error: "), err
    return lines[0].removeprefix("clipper: error: ")


def store_message(error: type[ClipperError], call: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(error) as refused:
        call(*args, **kwargs)
    return refused.value.message


def state(db: Path) -> str:
    """Every row of the database: proof that nothing was written."""
    conn = sqlite3.connect(db)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    return hashlib.sha256(dump.encode()).hexdigest()


@pytest.fixture
def store(db_path: Path) -> Any:
    with Store(db_path) as s:
        s.add_article(ImportedArticle(CRANE.read_text("utf-8"), "Crane", "crane.txt", "txt"))
        s.add_tag("quiet", "Quiet", shortcut="q")
        yield s


def tags_dialog(qtbot: Any, store: Store) -> TagsDialog:
    dialog = TagsDialog(Controller(store), None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def shown_by_tags_dialog(qtbot: Any, store: Store, name: str, key: str = "") -> str:
    """Type a new tag in the real Tags dialog and press Enter; the message it shows."""
    dialog = tags_dialog(qtbot, store)
    dialog.new_button.click()
    dialog.key_edit.setText(key)
    dialog.name_edit.setText("x")  # typed, then replaced: the form is "touched"
    dialog.name_edit.setText(name)
    dialog.name_edit.setFocus()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.editing is None  # nothing was saved
    message = dialog.problem_label.toolTip()
    assert dialog.problem_label.text() == sentence(message)
    assert not dialog.save_button.isEnabled()
    return message


# -- tag names ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["-foo", "café", ""])
def test_an_invalid_tag_name_is_refused_alike(
    qtbot: Any, store: Store, db_path: Path, name: str
) -> None:
    before = state(db_path)
    expected = fields.tag_name_problem(name)
    assert expected is not None
    assert store_message(InvalidField, store.add_tag, name) == expected
    assert store_message(InvalidField, Session(store).add_tag, name) == expected
    assert cli_message(db_path, "tags", "add", "--", name) == expected
    assert shown_by_tags_dialog(qtbot, store, name) == expected
    assert state(db_path) == before


def test_the_untouched_new_tag_form_says_the_same_on_enter(qtbot: Any, store: Store) -> None:
    dialog = tags_dialog(qtbot, store)
    dialog.new_button.click()
    assert dialog.problem_label.text() == ""  # not red before anything is typed
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.problem_label.toolTip() == fields.tag_name_problem("")
    assert len(store.list_tags()) == 5


# -- keys -----------------------------------------------------------------------------------


def test_a_key_clash_is_refused_alike_whatever_the_case(
    qtbot: Any, store: Store, db_path: Path
) -> None:
    """``Q`` is the key ``q`` for Qt: store, command line and dialog all refuse it."""
    before = state(db_path)
    expected = "the key Q is already used by the tag Quiet; choose another key"
    assert store_message(KeyInUse, store.add_tag, "money", shortcut="Q") == expected
    assert store_message(KeyInUse, store.update_tag, "figure", shortcut="Q") == expected
    assert store_message(KeyInUse, Session(store).edit_tag, "figure", shortcut="Q") == expected
    assert cli_message(db_path, "tags", "add", "money", "--key", "Q") == expected
    assert shown_by_tags_dialog(qtbot, store, "money", key="Q") == expected
    # editing a tag in the dialog: the same words
    dialog = tags_dialog(qtbot, store)
    dialog.select_tag("figure")
    dialog.key_edit.setText("Q")
    assert dialog.problem_label.toolTip() == expected
    assert not dialog.save()
    assert state(db_path) == before
    assert store.get_tag("figure").shortcut == "1"


def test_label_colour_and_key_rules_hold_in_the_store(store: Store) -> None:
    assert store_message(InvalidField, store.add_tag, "money", "  ") == fields.label_problem("  ")
    long_label = "x" * (fields.MAX_TAG_LABEL_CHARS + 1)
    assert store_message(InvalidField, store.update_tag, "figure", label=long_label) == (
        fields.label_problem(long_label)
    )
    assert store_message(InvalidField, store.add_tag, "money", colour="red") == (
        fields.colour_problem("red")
    )
    assert store_message(InvalidField, store.update_tag, "figure", shortcut="ab") == (
        fields.key_problem("ab")
    )
    assert store.add_tag("Money", shortcut="m").name == "money"  # a name is lower-cased
    assert store.update_tag("quiet", shortcut="Q").shortcut == "Q"  # its own key, any case


# -- article metadata -------------------------------------------------------------------------


def properties_dialog(qtbot: Any, store: Store) -> ArticlePropertiesDialog:
    dialog = ArticlePropertiesDialog(Controller(store), 1, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize(
    ("field", "option", "value"),
    [
        ("published", "--date", "not a date"),
        ("published", "--date", "2023-02-29"),
        ("url", "--url", "javascript:alert(1)"),
        ("url", "--url", "file:///etc/passwd"),
        ("language", "--language", "English"),
        ("title", "--title", "   "),
    ],
)
def test_bad_metadata_is_refused_alike(
    qtbot: Any, store: Store, db_path: Path, field: str, option: str, value: str
) -> None:
    before = state(db_path)
    expected = fields.article_field_problem(field, value)
    assert expected is not None
    # the store: editing an article, and adding one
    assert store_message(InvalidField, store.update_article, 1, **{field: value}) == expected
    imported = ImportedArticle("Another text.", "Another", "x.txt", "txt")
    imported.with_meta(ArticleMeta(**{field: value}))
    assert store_message(InvalidField, store.add_article, imported) == expected
    # the command line, also as a JSON error object
    assert cli_message(db_path, "import", str(CRANE), "--force", option, value) == expected
    code, err = cli(db_path, "import", str(CRANE), "--force", "--json", option, value)
    assert code == 1 and json.loads(err) == {"error": "invalid_field", "message": expected}
    # the operations layer the app and the command line share
    with pytest.raises(InvalidField, match=re.escape(expected)):
        Session(store).edit_article(1, **{field: value})
    # the dialog: the message under the field (without the value it shows), all in the tooltip
    dialog = properties_dialog(qtbot, store)
    dialog.edits[field].setText(value)
    problem = dialog.problems[field]
    assert problem.toolTip() == expected
    assert problem.text() == beside_field(expected)
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert state(db_path) == before


def test_a_bare_host_name_gets_https_everywhere(qtbot: Any, store: Store, db_path: Path) -> None:
    assert store.update_article(1, url=" bbc.co.uk/news/x ").url == "https://bbc.co.uk/news/x"
    code, err = cli(db_path, "import", str(CRANE), "--force", "--url", "bbc.co.uk/news/y")
    assert code == 0, err
    assert store.get_article(2).url == "https://bbc.co.uk/news/y"
    dialog = properties_dialog(qtbot, store)
    dialog.edits["url"].setText("bbc.co.uk/news/z")
    assert dialog.problems["url"].text() == ""
    dialog.ok_button.click()
    assert store.get_article(1).url == "https://bbc.co.uk/news/z"


def test_the_six_metadata_fields_are_listed_once() -> None:
    assert tuple(ArticleMeta.__dataclass_fields__) == fields.ARTICLE_FIELDS
    from clipper.gui.properties_dialog import EDITABLE

    assert EDITABLE is fields.ARTICLE_FIELDS


def test_other_rules() -> None:
    assert fields.tag_name_problem("long-term_2") is None
    assert fields.tag_name_problem("2024") is None
    for bad in ("_x", "a b", "x" * 65, "ﬁgure", "Figure"):
        assert fields.tag_name_problem(bad) is not None, bad
    assert fields.same_key("Q", "q") and fields.same_key("É", "é")
    assert fields.url_problem("http://example.org/a?b=c") is None
    for bad in ("mailto:a@b.org", "javascript:alert(1)", "https://", "ftp://x.org", "x.org"):
        assert fields.url_problem(bad) is not None, bad


# -- the Tags dialog and Enter (issue 10, item 6) -------------------------------------------


def never_pick(dialog: TagsDialog) -> list[QColor]:
    picked: list[QColor] = []

    def pick(current: QColor) -> QColor | None:
        picked.append(current)
        return None

    dialog.pick_colour = pick  # type: ignore[method-assign]
    return picked


def test_enter_on_the_colour_button_saves_instead_of_opening_the_picker(
    qtbot: Any, store: Store
) -> None:
    dialog = tags_dialog(qtbot, store)
    picked = never_pick(dialog)
    dialog.new_button.click()
    qtbot.keyClicks(dialog.name_edit, "money")
    dialog.colour_button.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(dialog.colour_button, key)
    assert picked == []
    assert store.get_tag("money").label == "Money"
    assert dialog.isVisible()  # Enter saved the tag; it did not close the dialog


@pytest.mark.parametrize("where", ["key", "label", "table"])
def test_enter_elsewhere_never_opens_the_picker(qtbot: Any, store: Store, where: str) -> None:
    dialog = tags_dialog(qtbot, store)
    picked = never_pick(dialog)
    dialog.select_tag("quiet")
    widget = {"key": dialog.key_edit, "label": dialog.label_edit, "table": dialog.table}[where]
    if where == "label":
        dialog.label_edit.setText("Hush")
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert picked == []
    assert dialog.isVisible()
    assert store.get_tag("quiet").label == ("Hush" if where == "label" else "Quiet")
    assert dialog.problem_label.text() == ""


def test_no_red_error_before_anything_is_typed(qtbot: Any, store: Store) -> None:
    # a stored key clash from an older Clipper (Q and q) is not shown as an error on opening
    store.add_tag("loud", shortcut="w")
    with store.transaction():
        store.db.execute("UPDATE tags SET shortcut = 'Q' WHERE name = 'loud'")
    dialog = tags_dialog(qtbot, store)
    assert dialog.problem_label.text() == ""
    for name in ("figure", "loud", "quiet"):
        dialog.select_tag(name)
        assert dialog.problem_label.text() == ""
    dialog.new_button.click()
    assert dialog.problem_label.text() == ""
    assert dialog.save_button.isEnabled()  # Enter can still say what is missing
    qtbot.keyClicks(dialog.name_edit, "-")
    assert dialog.problem_label.text() == sentence(fields.tag_name_problem("-"))


# -- importers hand the store only what its rules accept -----------------------------------


def test_an_html_page_odd_address_and_language_are_left_out(store: Store) -> None:
    from clipper.importers.html import read_html

    body = "".join(
        f"<p>Paragraph {i} of the story, with enough words to count as the main text.</p>"
        for i in range(8)
    )
    page = (
        '<html lang="x-klingon"><head><title>A headline</title>'
        '<link rel="canonical" href="javascript:alert(1)"></head>'
        f"<body><article><h1>A headline</h1>{body}</article></body></html>"
    )
    odd = read_html(page.encode(), "odd.html")
    assert (odd.url, odd.language) == (None, None)
    assert store.add_article(odd).title == "A headline"  # imported, not refused
    fine = page.replace("javascript:alert(1)", "https://example.org/a").replace(
        "x-klingon", "en-GB"
    )
    kept = read_html(fine.encode(), "fine.html")
    assert (kept.url, kept.language) == ("https://example.org/a", "en-GB")


# -- coders, attributes and relations (schema v3) ---------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "tab\there", "x" * 65])
def test_a_bad_coder_name_is_refused_alike(store: Store, name: str) -> None:
    expected = fields.coder_name_problem(fields.normalise_coder_name(name))
    assert expected is not None
    assert store_message(InvalidField, store.add_coder, name) == expected
    assert store_message(InvalidField, Session(store).add_coder, name) == expected
    article = store.add_article(ImportedArticle("Bob said so.", "T", "t.txt", "txt"))
    assert (
        store_message(InvalidField, store.add_annotation, article.id, 0, 3, "person", coder=name)
        == expected
    )
    assert [c.name for c in store.list_coders()] == ["default"]


@pytest.mark.parametrize("key", ["Speaker", "1st", "_x", "a-b", "x" * 65, ""])
def test_a_bad_attribute_key_and_relation_type_are_refused_alike(store: Store, key: str) -> None:
    article = store.add_article(ImportedArticle("Bob said so.", "T", "t.txt", "txt"))
    person = store.add_annotation(article.id, 0, 3, "person")
    quote = store.add_annotation(article.id, 4, 11, "quote")
    session = Session(store)
    attribute = fields.attribute_key_problem(key)
    assert attribute is not None
    assert store_message(InvalidField, store.set_attributes, quote.id, {key: "x"}) == attribute
    assert (
        store_message(InvalidField, session.edit_annotation, quote.id, attributes={key: "x"})
        == attribute
    )
    relation = fields.relation_type_problem(key)
    assert relation is not None
    assert store_message(InvalidField, store.add_relation, quote.id, person.id, key) == relation
    assert store_message(InvalidField, session.add_relation, quote.id, person.id, key) == relation
    assert store.get_annotation(quote.id).attributes == {}
    assert store.list_relations() == []


def test_a_tag_key_is_found_whatever_its_case(store: Store) -> None:
    from clipper.model import find_tag

    found = find_tag(store.list_tags(), "Q")
    assert found is not None and found.name == "quiet"  # its key is q
