"""Persistent preferences and window state (QSettings), read and written by name.

Tests pass a file path so that each test has its own settings; the app uses the
platform's usual location under the organisation and application name "Clipper".

QSettings writes every change to disk from the event loop, each time with a lock file and
two ``fdatasync`` calls: a value already stored is not set again, and the app holds the
writes of its start (:meth:`Settings.hold_writes`) until the window has painted.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings

from clipper.fields import coder_name_problem, normalise_coder_name

MAX_RECENT = 8


def _key_for_db(db_path: str) -> str:
    """A settings key fragment that names one database file (stable, path-safe)."""
    absolute = os.path.abspath(db_path)
    return hashlib.sha1(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _same(stored: object, value: object) -> bool:
    """Is ``value`` what QSettings has for its key (``stored``, as read back: from an INI
    file numbers and booleans come as text and a one-item list as its item)?"""
    if isinstance(value, QByteArray):
        return isinstance(stored, QByteArray) and stored == value
    if isinstance(value, list):
        items = stored if isinstance(stored, list) else [stored]
        return [str(item) for item in items] == [str(item) for item in value]
    if isinstance(value, bool):
        return str(stored).lower() == str(value).lower()
    return isinstance(value, (int, str)) and str(stored) == str(value)


class _HoldUpdates(QObject):
    """Keeps QSettings from writing its changes (its ``UpdateRequest`` events) until
    :meth:`release`; changes are kept and read back in memory meanwhile."""

    def __init__(self, qsettings: QSettings) -> None:
        super().__init__(qsettings)
        self.qsettings = qsettings
        qsettings.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return event.type() == QEvent.Type.UpdateRequest

    def release(self) -> None:
        self.qsettings.removeEventFilter(self)
        self.qsettings.sync()  # the changes held (a swallowed request is not posted again)


class Settings:
    """Typed access to Clipper's QSettings."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self.qsettings = QSettings("Clipper", "Clipper")
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.qsettings.sync()

    def hold_writes(self) -> Callable[[], None]:
        """Keep changes in memory (read back as set) until the function returned is
        called, which writes them: nothing is written to disk in between (QSettings also
        writes held changes when it is destroyed)."""
        return _HoldUpdates(self.qsettings).release

    def _set(self, key: str, value: object) -> None:
        """Set ``key`` unless it already has ``value`` (no write to disk then)."""
        if not (self.qsettings.contains(key) and _same(self.qsettings.value(key), value)):
            self.qsettings.setValue(key, value)

    # -- window layout ------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter_state(self, value: QByteArray) -> None:
        self._set("window/splitter", value)

    def library_columns(self) -> list[int]:
        """The library's Title, Outlet and Date column widths, or [] when never saved."""
        value = self.qsettings.value("window/library_columns", [])
        if not isinstance(value, list):
            value = [value]
        try:
            widths = [int(v) for v in value if isinstance(v, (int, str, float))]
        except ValueError:
            return []
        return widths if all(0 <= w < 10_000 for w in widths) else []  # 0: fits

    def set_library_columns(self, widths: list[int]) -> None:
        self._set("window/library_columns", [int(w) for w in widths])

    # -- preferences --------------------------------------------------------------------

    def snap_to_words(self) -> bool:
        return self._bool("edit/snap_to_words", True)

    def set_snap_to_words(self, value: bool) -> None:
        self._set("edit/snap_to_words", bool(value))

    def zoom(self) -> int:
        return self._int("view/zoom", 0)

    def set_zoom(self, value: int) -> None:
        self._set("view/zoom", int(value))

    def ocr_language(self) -> str:
        """The Tesseract language(s) OCR offers first (``eng``, ``fra``, ``eng+fra``)."""
        from clipper.importers.ocr import DEFAULT_LANGUAGE, is_language_code  # not at start

        value = self.qsettings.value("import/ocr_language", DEFAULT_LANGUAGE)
        text = value.strip() if isinstance(value, str) else ""
        return text if is_language_code(text) else DEFAULT_LANGUAGE

    def set_ocr_language(self, value: str) -> None:
        from clipper.importers.ocr import is_language_code

        if is_language_code(value):
            self._set("import/ocr_language", value)

    def coder(self) -> str | None:
        """Who codes new annotations (asked once), or None when never chosen or not valid."""
        value = self.qsettings.value("edit/coder")
        if not isinstance(value, str):
            return None
        name = normalise_coder_name(value)
        return name if coder_name_problem(name) is None else None

    def set_coder(self, name: str) -> None:
        self._set("edit/coder", normalise_coder_name(name))

    def _bool(self, key: str, default: bool) -> bool:
        value = self.qsettings.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)

    def _int(self, key: str, default: int) -> int:
        value = self.qsettings.value(key, default)
        try:
            return int(value) if isinstance(value, (int, str, float)) else default
        except (TypeError, ValueError):
            return default

    # -- per database -------------------------------------------------------------------

    def last_article(self, db_path: str) -> int | None:
        value = self._int(f"last_article/{_key_for_db(db_path)}", 0)
        return value or None

    def set_last_article(self, db_path: str, article_id: int | None) -> None:
        key = f"last_article/{_key_for_db(db_path)}"
        if article_id is None:
            if self.qsettings.contains(key):
                self.qsettings.remove(key)
        else:
            self._set(key, int(article_id))

    def recent_databases(self) -> list[str]:
        value = self.qsettings.value("recent/databases", [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v]

    def add_recent_database(self, db_path: str) -> None:
        absolute = os.path.abspath(db_path)
        recent = [p for p in self.recent_databases() if p != absolute]
        recent.insert(0, absolute)
        self._set("recent/databases", recent[:MAX_RECENT])

    def remove_recent_database(self, db_path: str) -> None:
        recent = [p for p in self.recent_databases() if p != os.path.abspath(db_path)]
        self._set("recent/databases", recent)
