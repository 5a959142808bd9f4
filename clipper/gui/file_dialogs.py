"""The app's only file dialogs: they never open a file just to show it.

SQLite's locks are POSIX advisory locks, which belong to the *process*: when any code in
the process opens and closes the database file, every lock the process holds on it is
released (SQLite's "How To Corrupt An SQLite Database File", §2.2). A `clipper` command
run meanwhile then believes it is alone, checkpoints and deletes the write-ahead log under
the running app, and changes are lost or the file is damaged.

Qt's file dialogs read the first bytes of every listed file to guess its type (icon and
"Type" column through QMimeDatabase), and a platform's native dialog (GTK, KDE) does the
same in-process. So every dialog here is Qt's own dialog with :class:`NameOnlyIconProvider`,
which decides icons and types from the name alone. Windows locks per handle, not per
process, so its native dialog is kept.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Folder or file icons and types from the file name; never reads a file."""

    def __init__(self) -> None:
        super().__init__()
        self._icons = QFileIconProvider()

    def icon(self, which: object) -> QIcon:
        if isinstance(which, QFileInfo):
            kind = (
                QAbstractFileIconProvider.IconType.Folder
                if which.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
            return self._icons.icon(kind)
        assert isinstance(which, QAbstractFileIconProvider.IconType)
        return self._icons.icon(which)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


_ICONS: NameOnlyIconProvider | None = None


def _dialog(
    parent: QWidget | None,
    caption: str,
    directory: str,
    name_filter: str,
    mode: QFileDialog.FileMode,
    accept: QFileDialog.AcceptMode,
) -> QFileDialog:
    global _ICONS
    dialog = QFileDialog(parent, caption, directory, name_filter)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if sys.platform != "win32":
        if _ICONS is None:
            _ICONS = NameOnlyIconProvider()
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setIconProvider(_ICONS)
    dialog.setObjectName("clipperFileDialog")
    return dialog


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    finally:
        dialog.deleteLater()


def open_file_names(
    parent: QWidget | None, caption: str, directory: str, name_filter: str
) -> list[str]:
    """Existing files chosen by the user ([] on Cancel)."""
    return _run(
        _dialog(
            parent,
            caption,
            directory,
            name_filter,
            QFileDialog.FileMode.ExistingFiles,
            QFileDialog.AcceptMode.AcceptOpen,
        )
    )


def open_file_name(parent: QWidget | None, caption: str, directory: str, name_filter: str) -> str:
    """One existing file chosen by the user ("" on Cancel)."""
    chosen = _run(
        _dialog(
            parent,
            caption,
            directory,
            name_filter,
            QFileDialog.FileMode.ExistingFile,
            QFileDialog.AcceptMode.AcceptOpen,
        )
    )
    return chosen[0] if chosen else ""


def save_file_name(
    parent: QWidget | None,
    caption: str,
    directory: str,
    name_filter: str,
    *,
    confirm_overwrite: bool = True,
    default_suffix: str = "",
) -> str:
    """A file name to write ("" on Cancel); asks before replacing unless told not to.
    ``default_suffix`` ("db") is added to a name typed without one (before the question
    whether to replace, so it asks about the file that is written)."""
    dialog = _dialog(
        parent,
        caption,
        directory,
        name_filter,
        QFileDialog.FileMode.AnyFile,
        QFileDialog.AcceptMode.AcceptSave,
    )
    if not confirm_overwrite:
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
    if default_suffix:
        dialog.setDefaultSuffix(default_suffix)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""
