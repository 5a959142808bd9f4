"""ArticleView on real widgets (offscreen): offsets, selection, painting, clicks, tooltips."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QImage,
    QPaintEvent,
    QRegion,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from clipper.gui.article_view import ArticleView
from clipper.importers.text import normalise_newlines
from clipper.model import BUILTIN_TAGS, Annotation, Tag
from clipper.store import Store

RED = Tag("red", "Red tag", "#ff0000")
BLUE = Tag("blue", "Blue tag", "#0000ff")
TAGS = (RED, BLUE, *BUILTIN_TAGS)
CORPUS = Path(__file__).parent.parent / "fixtures" / "articles"


def ann(
    annotation_id: int, text: str, start: int, end: int, tag: str = "red", note: str = ""
) -> Annotation:
    return Annotation(annotation_id, 1, start, end, tag, text[start:end], note, "", "")


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[ArticleView]:
    widget = ArticleView()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def select_qt(view: ArticleView, a: int, b: int) -> None:
    """Select Qt positions a..b exactly as the mouse would (no snapping by Qt)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(a)
    cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def find_span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def viewport_image(view: ArticleView) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def span_region(view: ArticleView, start: int, end: int) -> QRect:
    """Viewport rectangle from the start to the end of a one-line span, with room below."""
    m = view.position_map()
    c = QTextCursor(view.document())
    c.setPosition(m.to_qt(start))
    r1 = view.cursorRect(c)
    c.setPosition(m.to_qt(end))
    r2 = view.cursorRect(c)
    assert r1.top() == r2.top(), "test span must sit on one line"
    return QRect(QPoint(r1.left() + 2, r1.top()), QPoint(r2.left() - 2, r2.bottom() + 12))


def count_near(image: QImage, rect: QRect, colour: str, tolerance: int = 40) -> int:
    target = QColor(colour)
    n = 0
    for y in range(max(0, rect.top()), min(image.height(), rect.bottom() + 1)):
        for x in range(max(0, rect.left()), min(image.width(), rect.right() + 1)):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - target.red()) <= tolerance
                and abs(c.green() - target.green()) <= tolerance
                and abs(c.blue() - target.blue()) <= tolerance
            ):
                n += 1
    return n


def centre_of(view: ArticleView, start: int, end: int) -> QPoint:
    return span_region(view, start, end).center() - QPoint(0, 6)


# ------------------------------------------------------------------ offsets
def test_document_has_the_stored_texts_utf16_length(view: ArticleView) -> None:
    text = "a\u2029b\u2028c\u00a0d😀\tе\r\nx\ry\n"
    view.set_article(text, [], TAGS)
    assert view.document().characterCount() - 1 == utf16(text)
    assert view.text() is text
    assert view.position_map().length == len(text)


@pytest.mark.parametrize(
    ("prefix", "needle"),
    [
        ("😀😀 👍🏽 and 👩‍💻 wrote: ", "the quoted words"),
        ("北京市の人口は2154万人です。", "人口は"),
        ("Cafe\u0301 and nai\u0308ve re\u0301sume\u0301 — ", "re\u0301sume\u0301"),
        ("emoji 🇫🇷🇩🇪 flags; ", "𝐁𝐨𝐥𝐝 text"),
    ],
)
def test_selection_maps_to_code_points(view: ArticleView, prefix: str, needle: str) -> None:
    text = prefix + needle + " and the rest."
    view.set_article(text, [], TAGS)
    view.snap_to_words = False
    start, end = find_span(text, needle)
    select_qt(view, utf16(text[:start]), utf16(text[:end]))
    assert view.selected_span() == (start, end)
    assert text[start:end] == needle


def test_crlf_input_normalised_like_import_selects_right_code_points(view: ArticleView) -> None:
    raw = "Title\r\n\r\nShe said 😀 \u201cwe will win\u201d.\r\nNext line\rlast 👍🏽 word\r\n"
    text = normalise_newlines(raw)
    view.set_article(text, [], TAGS)
    for needle in ("\u201cwe will win\u201d", "last 👍🏽 word", "Next line"):
        start, end = find_span(text, needle)
        select_qt(view, utf16(text[:start]), utf16(text[:end]))
        got = view.selected_span()
        assert got is not None
        assert text[got[0] : got[1]] == needle


def test_select_span_round_trips(view: ArticleView) -> None:
    text = "👩‍💻 coder 👍🏽 writes: quoted words here."
    view.set_article(text, [], TAGS)
    start, end = find_span(text, "quoted words")
    view.select_span(start, end)
    cursor = view.textCursor()
    assert cursor.selectionStart() == utf16(text[:start])
    assert cursor.selectionEnd() == utf16(text[:end])
    assert view.selected_span() == (start, end)


def test_selection_edges_inside_surrogate_pairs_widen_to_whole_characters(
    view: ArticleView,
) -> None:
    text = "ab 😀x😀 cd"
    view.set_article(text, [], TAGS)
    view.snap_to_words = False
    # Qt: a0 b1 ' '2 😀3-4 x5 😀6-7 ' '8 → select from inside the first 😀 to inside the second
    select_qt(view, 4, 7)
    assert view.selected_span() == (3, 6)
    assert text[3:6] == "😀x😀"


def test_trimming_and_snapping(view: ArticleView) -> None:
    text = "Alpha   beta gamma's delta.\n\nNext"
    view.set_article(text, [], TAGS)
    start, end = find_span(text, "   beta ")
    view.snap_to_words = False
    view.select_span(start, end)
    assert view.selected_span() == find_span(text, "beta")
    # a partial word is grown to the whole word when snapping
    s, e = find_span(text, "eta gam")
    view.select_span(s, e)
    got = view.selected_span()
    assert got is not None and text[got[0] : got[1]] == "eta gam"
    view.snap_to_words = True
    got = view.selected_span()
    assert got is not None and text[got[0] : got[1]] == "beta gamma's"
    # white space only → None
    s, e = find_span(text, "\n\n")
    view.select_span(s, e)
    assert view.selected_span() is None
    view.select_span(3, 3)
    assert view.selected_span() is None


def test_keyboard_selection_with_shift_arrows(view: ArticleView, qtbot: QtBot) -> None:
    text = "😀 Hello world"
    view.set_article(text, [], TAGS)
    view.setFocus()
    assert view.textCursor().position() == 0
    view.snap_to_words = False
    for _ in range(7):  # 😀, space, H e l l o
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    # Qt moves by grapheme: 7 presses cover "😀 Hello" (8 UTF-16 units, 7 code points)
    assert view.textCursor().selectionEnd() == 8
    assert view.selected_span() == (0, 7)
    assert text[0:7] == "😀 Hello"


def test_span_selected_signal(view: ArticleView, qtbot: QtBot) -> None:
    text = "one 😀 two three"
    view.set_article(text, [], TAGS)
    start, end = find_span(text, "two")
    with qtbot.waitSignal(view.spanSelected, timeout=1000) as blocker:
        view.select_span(start, end)
    assert blocker.args == [start, end]


def test_copy_uses_the_stored_text(view: ArticleView) -> None:
    text = "price\u00a0$53 😀\u2028next"
    view.set_article(text, [], TAGS)
    view.select_span(0, len(text))
    view.copy()
    assert QApplication.clipboard().text() == text


def test_set_article_resets_cursor_and_scroll(view: ArticleView) -> None:
    text = "\n".join(f"Paragraph {i} with some words in it." for i in range(400))
    view.set_article(text, [], TAGS)
    view.select_span(len(text) - 5, len(text))
    assert view.verticalScrollBar().value() > 0
    view.set_article(text + " more", [], TAGS)
    assert view.verticalScrollBar().value() == 0
    assert view.textCursor().position() == 0
    assert not view.textCursor().hasSelection()


def test_interaction_flags_allow_keyboard_selection(view: ArticleView) -> None:
    flags = view.textInteractionFlags()
    assert flags & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not flags & Qt.TextInteractionFlag.TextEditable
    assert view.isReadOnly()


# ----------------------------------------------------------------- painting
OVERLAP_TEXT = "😀 Intro. Alpha bravo charlie delta echo foxtrot golf.\n\nMore text."


def test_overlapping_highlights_show_both_colours(view: ArticleView) -> None:
    text = OVERLAP_TEXT
    a = ann(1, text, *find_span(text, "Alpha bravo charlie delta"), tag="red")
    b = ann(2, text, *find_span(text, "charlie delta echo"), tag="blue")
    view.set_article(text, [a, b], TAGS)
    image = viewport_image(view)
    overlap = span_region(view, *find_span(text, "charlie delta"))
    assert count_near(image, overlap, "#ff0000") > 10
    assert count_near(image, overlap, "#0000ff") > 10
    only_red = span_region(view, *find_span(text, "Alpha bravo"))
    assert count_near(image, only_red, "#ff0000") > 10
    assert count_near(image, only_red, "#0000ff") == 0
    plain = span_region(view, *find_span(text, "foxtrot golf"))
    assert count_near(image, plain, "#ff0000") == 0
    assert count_near(image, plain, "#0000ff") == 0


def test_add_update_remove_repaint(view: ArticleView) -> None:
    text = OVERLAP_TEXT
    span = find_span(text, "bravo charlie")
    view.set_article(text, [], TAGS)
    region = span_region(view, *span)
    assert count_near(viewport_image(view), region, "#ff0000") == 0

    view.add_annotation(ann(7, text, *span, tag="red"))
    assert count_near(viewport_image(view), region, "#ff0000") > 10
    assert [a.id for a in view.annotations()] == [7]

    view.update_annotation(ann(7, text, *span, tag="blue"))
    image = viewport_image(view)
    assert count_near(image, region, "#0000ff") > 10
    assert count_near(image, region, "#ff0000") == 0

    view.set_tags([Tag("blue", "Now green", "#00c000"), RED])
    image = viewport_image(view)
    assert count_near(image, region, "#00c000") > 10
    assert count_near(image, region, "#0000ff") == 0

    view.remove_annotation(7)
    view.remove_annotation(12345)  # unknown: ignored
    assert count_near(viewport_image(view), region, "#00c000") == 0
    assert view.annotations() == []


def test_highlights_on_a_dark_palette_stay_visible(view: ArticleView) -> None:
    text = OVERLAP_TEXT
    span = find_span(text, "bravo charlie")
    palette = view.palette()
    palette.setColor(palette.ColorRole.Base, QColor("#1b1b1b"))
    palette.setColor(palette.ColorRole.Text, QColor("#e0e0e0"))
    view.setPalette(palette)
    view.set_article(text, [ann(1, text, *span, tag="quote")], TAGS)
    image = viewport_image(view)
    region = span_region(view, *span)
    band = image.pixelColor(region.left() + 1, region.top() + 1)
    base = QColor("#1b1b1b")
    assert band.blue() > base.blue() + 30  # the quote tag is blue: the band shows it


def test_flash_paints_a_stronger_fill_then_fades(view: ArticleView, qtbot: QtBot) -> None:
    text = OVERLAP_TEXT
    span = find_span(text, "bravo charlie")
    view.set_article(text, [ann(3, text, *span, tag="blue")], TAGS)
    region = span_region(view, *span)
    probe = QPoint(region.left() + 1, region.top() + 1)
    normal = viewport_image(view).pixelColor(probe)
    view.flash_annotation(3)
    flashed = viewport_image(view).pixelColor(probe)
    assert flashed.red() < normal.red() - 40  # much bluer
    qtbot.waitUntil(lambda: view._flash_id is None, timeout=3000)
    assert viewport_image(view).pixelColor(probe) == normal


def test_emoji_before_highlight_paints_at_the_right_place(view: ArticleView) -> None:
    text = "👍🏽👍🏽👍🏽👩‍💻👩‍💻 lead words target words tail words."
    span = find_span(text, "target")
    view.set_article(text, [ann(1, text, *span, tag="red")], TAGS)
    image = viewport_image(view)
    assert count_near(image, span_region(view, *span), "#ff0000") > 10
    assert count_near(image, span_region(view, *find_span(text, "lead words")), "#ff0000") == 0
    assert count_near(image, span_region(view, *find_span(text, "tail words")), "#ff0000") == 0


# ----------------------------------------------------------- mouse & hover
def test_click_on_highlight_emits_annotation_clicked(view: ArticleView, qtbot: QtBot) -> None:
    text = OVERLAP_TEXT
    a = ann(1, text, *find_span(text, "Alpha bravo charlie delta"), tag="red")
    b = ann(2, text, *find_span(text, "charlie delta echo"), tag="blue")
    view.set_article(text, [a, b], TAGS)
    with qtbot.waitSignal(view.annotationClicked, timeout=1000) as blocker:
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=centre_of(view, *find_span(text, "bravo")),
        )
    assert blocker.args == [1]
    # in the overlap the shorter (more specific) annotation wins
    with qtbot.waitSignal(view.annotationClicked, timeout=1000) as blocker:
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=centre_of(view, *find_span(text, "echo")),
        )
    assert blocker.args == [2]


def test_click_elsewhere_or_drag_does_not_emit(view: ArticleView, qtbot: QtBot) -> None:
    text = OVERLAP_TEXT
    span = find_span(text, "Alpha bravo charlie")
    view.set_article(text, [ann(1, text, *span)], TAGS)
    with qtbot.assertNotEmitted(view.annotationClicked):
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=centre_of(view, *find_span(text, "foxtrot")),
        )
        start = centre_of(view, *find_span(text, "Alpha"))
        end = centre_of(view, *find_span(text, "charlie"))
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.viewport(), end)
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)


def test_hover_tooltip_lists_labels_and_notes(view: ArticleView, qtbot: QtBot) -> None:
    text = OVERLAP_TEXT
    a = ann(1, text, *find_span(text, "Alpha bravo charlie delta"), tag="red", note="A <note>")
    b = ann(2, text, *find_span(text, "charlie delta echo"), tag="blue", note="")
    view.set_article(text, [a, b], TAGS)
    pos = centre_of(view, *find_span(text, "charlie"))
    tip = view.tooltip_at(pos)
    assert tip is not None
    assert "Red tag" in tip and "Blue tag" in tip and "A &lt;note&gt;" in tip
    assert view.tooltip_at(centre_of(view, *find_span(text, "golf"))) is None

    event = QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "Red tag" in QToolTip.text()
    assert "Blue tag" in QToolTip.text()
    QToolTip.hideText()


# --------------------------------------------------------- navigation, zoom
def test_scroll_to_annotation_brings_it_into_view(view: ArticleView) -> None:
    text = "\n\n".join(f"Paragraph {i}: words and more words here." for i in range(300))
    span = find_span(text, "Paragraph 250:")
    view.set_article(text, [ann(9, text, *span)], TAGS)
    view.scroll_to_annotation(9)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.position_map().to_qt(span[0]))
    assert view.viewport().rect().contains(view.cursorRect(cursor).center())
    view.scroll_to_annotation(404)  # unknown: nothing happens, no error


def test_zoom_steps_and_signal(view: ArticleView, qtbot: QtBot) -> None:
    view.set_article(OVERLAP_TEXT, [], TAGS)
    size = view.font().pointSizeF()
    with qtbot.waitSignal(view.zoomChanged) as blocker:
        view.zoom_in()
    assert blocker.args == [110]
    assert view.font().pointSizeF() > size
    view.zoom_out()
    view.zoom_out()
    assert view.zoom_percent == 90
    view.reset_zoom()
    assert view.zoom_percent == 100
    assert view.font().pointSizeF() == size
    for _ in range(50):
        view.zoom_out()
    assert view.zoom_percent == 50


def test_ctrl_wheel_zooms(view: ArticleView) -> None:
    view.set_article(OVERLAP_TEXT, [], TAGS)
    centre = QPointF(view.viewport().rect().center())

    def wheel(dy: int, modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            centre,
            QPointF(view.viewport().mapToGlobal(centre.toPoint())),
            QPoint(0, 0),
            QPoint(0, dy),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_percent == 110
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom_percent == 90
    wheel(-120, Qt.KeyboardModifier.NoModifier)
    assert view.zoom_percent == 90


def test_find_text_is_case_insensitive_and_wraps(view: ArticleView) -> None:
    text = "😀 First Target here; then another target 👍🏽 and the end."
    view.set_article(text, [], TAGS)
    view.snap_to_words = False
    first = text.index("Target")
    second = text.index("target")
    assert view.find_text("TARGET")
    assert view.selected_span() == (first, first + 6)
    assert view.find_text("target")
    assert view.selected_span() == (second, second + 6)
    assert view.find_text("target")  # wraps to the first hit
    assert view.selected_span() == (first, first + 6)
    assert view.find_text("target", forward=False)  # backwards wraps to the last
    assert view.selected_span() == (second, second + 6)
    assert not view.find_text("absent")
    assert not view.find_text("")


# ------------------------------------------------------------ real article
def test_real_article_with_store_annotations(view: ArticleView, store: Store) -> None:
    """Store-made annotations on a real Wikinews text show up where the store sliced them."""
    from clipper.importers import read_file

    path = CORPUS / "wikinews_news_nasa.txt"
    article = store.add_article(read_file(path))
    start, end = find_span(article.text, "Charles Bolden")
    created = store.add_annotation(article.id, start, end, "person", note="NASA head")
    view.set_article(article.text, store.list_annotations(article.id), store.list_tags())
    assert view.annotations() == [created]
    view.select_span(start, end)
    assert view.selected_span() == (created.start, created.end)
    assert article.text[created.start : created.end] == created.text
    tip = view.tooltip_at(centre_of(view, start, start + 7))
    assert tip is not None and "Person" in tip and "NASA head" in tip


def test_text_keeps_its_width_when_the_window_grows_or_a_long_text_loads(
    view: ArticleView,
) -> None:
    """The scroll bar is always there and the side margins absorb extra width, so a
    resize or a long article does not make Qt lay out every paragraph again."""
    view.resize(1200, 600)
    QApplication.processEvents()
    width = view.viewport().width()
    assert view.verticalScrollBar().isVisible()
    view.set_article("A paragraph of text.\n\n" * 2000, [], BUILTIN_TAGS)
    QApplication.processEvents()
    assert view.viewport().width() == width
    view.resize(1400, 600)
    QApplication.processEvents()
    assert view.viewport().width() == width
    left, right = view.viewportMargins().left(), view.viewportMargins().right()
    assert abs(left - right) <= 1
    view.resize(300, 600)  # narrower than the measure: the text narrows too
    QApplication.processEvents()
    assert view.viewport().width() < width


def test_pointer_is_a_hand_over_highlights_and_a_text_beam_elsewhere(
    view: ArticleView, qtbot: QtBot
) -> None:
    text = OVERLAP_TEXT
    view.set_article(text, [ann(1, text, *find_span(text, "charlie"))], TAGS)

    def move_to(point: QPoint) -> Qt.CursorShape:
        qtbot.mouseMove(view.viewport(), point)
        return view.viewport().cursor().shape()

    assert (
        move_to(centre_of(view, *find_span(text, "charlie"))) == Qt.CursorShape.PointingHandCursor
    )
    assert move_to(centre_of(view, *find_span(text, "golf"))) == Qt.CursorShape.IBeamCursor
    assert (
        move_to(centre_of(view, *find_span(text, "charlie"))) == Qt.CursorShape.PointingHandCursor
    )


# ------------------------------------------------------- repainting a change
class _PaintRecorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.rects.append(event.rect())
        return False


def test_a_new_highlight_repaints_a_band_that_looks_like_a_full_repaint(
    view: ArticleView, qtbot: QtBot
) -> None:
    """Tagging repaints the lines of the new highlight (and of those it overlaps, whose
    underline lanes move), not the whole article, and that band is painted exactly as a
    full repaint paints it."""
    text = "\n\n".join(
        f"Paragraph {n}: the minister said the budget would rise by {n} per cent next year."
        for n in range(40)
    )
    first = find_span(text, "minister said the budget")
    overlap = find_span(text, "said the budget would")
    view.set_article(text, [ann(1, text, *first)], TAGS)
    qtbot.wait(1)
    recorder = _PaintRecorder()
    view.viewport().installEventFilter(recorder)
    view.add_annotation(ann(2, text, *overlap, tag="blue"))
    qtbot.waitUntil(lambda: bool(recorder.rects), timeout=10_000)
    view.viewport().removeEventFilter(recorder)
    band = QRect()
    for rect in recorder.rects:
        band = band.united(rect)
    assert band.height() < view.viewport().height() / 2
    assert band.contains(span_region(view, *overlap).adjusted(0, 0, 0, -12))

    size = view.viewport().size()
    full = QImage(size, QImage.Format.Format_ARGB32)
    view.viewport().render(full)
    part = QImage(size, QImage.Format.Format_ARGB32)
    part.fill(QColor("#123456"))
    view.viewport().render(part, QPoint(0, 0), QRegion(band))
    assert part.copy(QRect(QPoint(0, 0), band.size())) == full.copy(band)
    assert count_near(full, span_region(view, *overlap), "#0000ff", 60) > 0


def test_removing_and_changing_a_highlight_repaint_its_band(
    view: ArticleView, qtbot: QtBot
) -> None:
    text = "\n\n".join(f"Line {n} says the figure was {n} per cent." for n in range(40))
    span = find_span(text, "the figure was 3 per")
    view.set_article(text, [ann(1, text, *span)], TAGS)
    qtbot.wait(1)
    assert count_near(viewport_image(view), span_region(view, *span), "#ff0000", 60) > 0
    recorder = _PaintRecorder()
    view.viewport().installEventFilter(recorder)
    view.update_annotation(ann(1, text, *span, tag="blue"))
    qtbot.waitUntil(lambda: bool(recorder.rects), timeout=10_000)
    assert all(r.height() < view.viewport().height() / 2 for r in recorder.rects)
    image = view.viewport().grab().toImage()
    assert count_near(image, span_region(view, *span), "#0000ff", 60) > 0
    recorder.rects.clear()
    view.remove_annotation(1)
    qtbot.waitUntil(lambda: bool(recorder.rects), timeout=10_000)
    view.viewport().removeEventFilter(recorder)
    assert all(r.height() < view.viewport().height() / 2 for r in recorder.rects)
    image = view.viewport().grab().toImage()
    assert count_near(image, span_region(view, *span), "#0000ff", 60) == 0


def test_any_band_of_a_long_paragraph_paints_as_a_full_repaint(
    view: ArticleView, qtbot: QtBot
) -> None:
    """A band repaint draws only the lines of a long, wrapped paragraph that meet it, and
    each band looks exactly as in a full repaint: highlights across line breaks, stacked
    underline lanes (hanging below their line), a suggestion's dashed outline."""
    sentence = "The minister said the budget would rise by four per cent next year. "
    text = "Title\n\n" + sentence * 30 + "\n\nLast paragraph."
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", text)]
    annotations = [
        ann(n + 1, text, words[i][0], words[i + 5][1], tag=("red", "blue")[n % 2])
        for n, i in enumerate(range(2, 300, 7))
    ]
    annotations += [ann(100 + n, text, words[i][0], words[i + 1][1]) for n, i in enumerate((4, 5))]
    pending = ann(200, text, words[40][0], words[48][1], tag="blue")
    annotations.append(replace(pending, status="pending"))
    view.set_article(text, annotations, TAGS)
    qtbot.wait(1)
    size = view.viewport().size()
    full = QImage(size, QImage.Format.Format_ARGB32)
    view.viewport().render(full)
    line = view.fontMetrics().height()
    for top in range(0, size.height() - line, line // 2 + 3):
        band = QRect(0, top, size.width(), line)
        part = QImage(size, QImage.Format.Format_ARGB32)
        part.fill(QColor("#123456"))
        view.viewport().render(part, QPoint(0, 0), QRegion(band))
        assert part.copy(QRect(QPoint(0, 0), band.size())) == full.copy(band), top


def test_visible_blocks_are_placed_where_qt_places_them(view: ArticleView, qtbot: QtBot) -> None:
    """The blocks on screen, placed by adding up heights from the first one, are where
    Qt's own placement puts them, at any scroll position."""
    text = "\n\n".join(
        f"Paragraph {n}: " + "the minister said the budget would rise. " * (n % 5 + 1)
        for n in range(80)
    )
    view.set_article(text, [], TAGS)
    qtbot.wait(1)
    bar = view.verticalScrollBar()
    for value in (0, 3, bar.maximum() // 2, bar.maximum() - 1, bar.maximum()):
        bar.setValue(value)
        offset = view.contentOffset()
        blocks = view._visible_blocks()
        assert blocks
        for block, origin, start, end in blocks:
            assert origin == view.blockBoundingGeometry(block).translated(offset).topLeft()
            assert (start, end) == (block.position(), block.position() + block.length())
        after = blocks[-1][0].next()
        below = view.blockBoundingGeometry(after).translated(offset).top()
        assert not after.isValid() or below > view.viewport().height()
