"""Where Clipper keeps its database by default."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

DB_ENV = "CLIPPER_DB"


def default_db_path() -> Path:
    """``$CLIPPER_DB`` if set, else ``clipper.db`` in the per-user data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("clipper", appauthor=False)) / "clipper.db"


def log_dir() -> Path:
    return Path(user_log_dir("clipper", appauthor=False))


def printable(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes of a file name, bad JSON escapes)
    replaced by U+FFFD, one for one, so it can be stored, printed and encoded as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


#: A lone surrogate (a regular expression: a Python loop over every character of a long
#: text is slow).
_SURROGATE = re.compile("[\ud800-\udfff]")
