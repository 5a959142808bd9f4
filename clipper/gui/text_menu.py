"""The article text's context menu: Copy and Select All, Tag as ▸, and for a highlight
under the pointer Change tag ▸, Edit note, Delete and Copy with offsets.

Every entry runs what the window's keys, tag toolbar and menus run (``MainWindow``'s
``tag_selection``, ``change_tag``, ``delete_annotations`` and its Edit note action): the
menu is one more way to reach them, not a second way to change the database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QMenu

from clipper.gui.tag_bar import colour_icon
from clipper.model import Annotation
from clipper.quoting import quote
from clipper.span_reference import span_reference

if TYPE_CHECKING:
    from clipper.gui.main_window import MainWindow


class _ContextMenus(QObject):
    """Opens the menu for context-menu events of the view (keyboard: Menu key,
    Shift+F10) and of its viewport (mouse), at the event's point in viewport coordinates."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.view)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        viewport = self._window.view.viewport()
        pos = viewport.mapFromGlobal(event.globalPos())
        build_menu(self._window, pos).popup(event.globalPos())
        return True


def install(window: MainWindow) -> None:
    """Give ``window.view`` this context menu (instead of Qt's Copy / Select All only)."""
    menus = _ContextMenus(window)
    window.view.installEventFilter(menus)
    window.view.viewport().installEventFilter(menus)


def build_menu(window: MainWindow, pos: QPoint) -> QMenu:
    """The menu for viewport point ``pos`` (the caller pops it up)."""
    view = window.view
    menu = view.createStandardContextMenu(pos)
    menu.setObjectName("articleTextMenu")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    first = menu.actions()[0] if menu.actions() else None
    tag_menu = QMenu("&Tag as", menu)
    tag_menu.setObjectName("tagAsMenu")
    has_span = view.selected_span() is not None
    for tag in window.controller.tags:
        label = f"{tag.label}\t{tag.shortcut}" if tag.shortcut else tag.label
        action = tag_menu.addAction(colour_icon(tag.colour), label)
        action.setData(tag.name)
        action.triggered.connect(lambda _c=False, n=tag.name: window.tag_selection(n))
    tag_menu.setEnabled(has_span and bool(window.controller.tags))
    if not has_span:
        tag_menu.setToolTip("Select some text first")
    if first is not None:
        menu.insertMenu(first, tag_menu)
        menu.insertSeparator(first)
    else:
        menu.addMenu(tag_menu)
    hits = view.annotations_at(pos)
    if hits:
        menu.addSeparator()
    for annotation in hits:
        if len(hits) == 1:
            _highlight_items(window, menu, annotation)
        else:
            own = window.controller.tag(annotation.tag)
            title = f"{own.label if own else annotation.tag} {quote(annotation.text)}"
            sub = menu.addMenu(colour_icon(own.colour if own else "#888888"), title)
            _highlight_items(window, sub, annotation)
    return menu


def _highlight_items(window: MainWindow, menu: QMenu, annotation: Annotation) -> None:
    """Change tag ▸, Edit note, Delete, Copy with offsets, for one highlight."""
    change = menu.addMenu("&Change tag")
    change.setObjectName("changeTagMenu")
    for tag in window.controller.tags:
        action = change.addAction(colour_icon(tag.colour), tag.label)
        action.setData(tag.name)
        action.setEnabled(tag.name != annotation.tag)
        action.triggered.connect(lambda _c=False, n=tag.name: window.change_tag(annotation.id, n))
    menu.addAction("Edit &note", lambda: _edit_note(window, annotation.id))
    menu.addAction("&Delete", lambda: window.delete_annotations([annotation.id]))
    copy = menu.addAction("Copy with &offsets", lambda: _copy_with_offsets(window, annotation))
    copy.setToolTip("The text with its article and code-point offsets, as one line of JSON")


def _edit_note(window: MainWindow, annotation_id: int) -> None:
    window.annotations.select_annotation(annotation_id)
    window.actions_by_name["edit_note"].trigger()


def _copy_with_offsets(window: MainWindow, annotation: Annotation) -> None:
    line = span_reference(annotation.article_id, annotation.start, annotation.end, annotation.text)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(line)
    window.show_message(f"Copied {quote(annotation.text)} with its offsets.")
