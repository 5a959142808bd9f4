"""Per-database settings (the ``settings`` table): text values by key.

What a value means (the rating scale, the fact-checking organisation …) is defined and
checked by the core module that owns the key (e.g. :mod:`clipper.verdicts`); the store
keeps text.
"""

from __future__ import annotations

from clipper.store.base import StoreBase


class SettingsStore(StoreBase):
    """Reading and writing settings."""

    def get_setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def list_settings(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self.db.execute("SELECT key, value FROM settings")}

    def set_setting(self, key: str, value: str | None) -> None:
        """Set ``key`` (``None``: remove it, back to the default)."""
        with self._write(single_statement=True):
            if value is None:
                self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                self.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [key, value],
                )
