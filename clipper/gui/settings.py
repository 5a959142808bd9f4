"""Persistent preferences and window state (QSettings), read and written by name.

Tests pass a file path so that each test has its own settings; the app uses the
platform's usual location under the organisation and application name "Clipper".
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from clipper.fields import coder_name_problem, normalise_coder_name

MAX_RECENT = 8


def _key_for_db(db_path: str) -> str:
    """A settings key fragment that names one database file (stable, path-safe)."""
    absolute = os.path.abspath(db_path)
    return hashlib.sha1(absolute.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class Settings:
    """Typed access to Clipper's QSettings."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self.qsettings = QSettings("Clipper", "Clipper")
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self.qsettings.sync()

    # -- window layout ------------------------------------------------------------------

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/state", value)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter_state(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/splitter", value)

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
        self.qsettings.setValue("window/library_columns", [int(w) for w in widths])

    # -- preferences --------------------------------------------------------------------

    def snap_to_words(self) -> bool:
        return self._bool("edit/snap_to_words", True)

    def set_snap_to_words(self, value: bool) -> None:
        self.qsettings.setValue("edit/snap_to_words", bool(value))

    def zoom(self) -> int:
        return self._int("view/zoom", 0)

    def set_zoom(self, value: int) -> None:
        self.qsettings.setValue("view/zoom", int(value))

    def ocr_language(self) -> str:
        """The Tesseract language(s) OCR offers first (``eng``, ``fra``, ``eng+fra``)."""
        from clipper.importers.ocr import DEFAULT_LANGUAGE, is_language_code  # not at start

        value = self.qsettings.value("import/ocr_language", DEFAULT_LANGUAGE)
        text = value.strip() if isinstance(value, str) else ""
        return text if is_language_code(text) else DEFAULT_LANGUAGE

    def set_ocr_language(self, value: str) -> None:
        from clipper.importers.ocr import is_language_code

        if is_language_code(value):
            self.qsettings.setValue("import/ocr_language", value)

    def coder(self) -> str | None:
        """Who codes new annotations (asked once), or None when never chosen or not valid."""
        value = self.qsettings.value("edit/coder")
        if not isinstance(value, str):
            return None
        name = normalise_coder_name(value)
        return name if coder_name_problem(name) is None else None

    def set_coder(self, name: str) -> None:
        self.qsettings.setValue("edit/coder", normalise_coder_name(name))

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
            self.qsettings.remove(key)
        else:
            self.qsettings.setValue(key, int(article_id))

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
        self.qsettings.setValue("recent/databases", recent[:MAX_RECENT])

    def remove_recent_database(self, db_path: str) -> None:
        recent = [p for p in self.recent_databases() if p != os.path.abspath(db_path)]
        self.qsettings.setValue("recent/databases", recent)
