"""Starting the app imports only what the first window needs (issue 11: start-up time).

Heavy modules that only some commands or dialogs use — the PDF libraries, the suggesters,
the exporters, the other CLI commands, the Compare coders dialog — load when first used.
Checked in a fresh interpreter, as the app starts. The store does not drag pandas and numpy
in through sqlite-utils (0.4 s of CPU at every start), and a later import of them still works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Modules the first painted window must not import.
NOT_AT_START = (
    "pypdfium2",
    "pdfplumber",
    "pdfminer",
    "clipper.importers.pdf",
    "clipper.suggest",
    "clipper.exporters",
    "clipper.importers.annotation_formats",
    "clipper.cli.exporting",
    "clipper.cli.importing",
    "clipper.cli.suggesting",
    "clipper.gui.compare_dialog",
    # made lazy for issue 11's start-up goal: each loads when its feature is first used
    "clipper.importers",
    "clipper.operations.merge",
    "clipper.operations.agreement",
    "clipper.agreement",
    "clipper.gui.command_palette",
    "clipper.gui.kwic_view",
    "clipper.gui.agreement_dialog",
    "dateutil.parser._parser",  # sqlite-utils' date recipes: dateutil.parser stays lazy
    "dateutil.tz",
)

#: Modules the real window must not have imported when it first paints (besides the above):
#: they are installed or loaded on first use (View › Page view) or after the first paint.
NOT_AT_FIRST_PAINT = (
    *NOT_AT_START,
    "clipper.gui.page_view",
    "clipper.gui.page_canvas",
    "clipper.gui.page_render",
    "clipper.gui.page_cache",
    "logging.handlers",
    # dialogs opened from a menu: their modules load on first use
    "clipper.gui.rate_dialog",
    "clipper.gui.file_dialogs",
    "clipper.gui.coder_dialog",
)


def test_starting_the_app_leaves_heavy_modules_unimported() -> None:
    code = (
        "import json, sys\n"
        "import clipper.cli\n"
        "from clipper.gui import app, main_window\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    loaded = set(json.loads(out.splitlines()[-1]))
    assert [name for name in NOT_AT_START if name in loaded] == []


#: Runs ``clipper --db DB gui`` and prints ``sys.modules`` at the window's first paint.
_AT_PAINT = """
import json, os, sys
import clipper.gui.app as app

def at_paint(_app):
    print(json.dumps(sorted(sys.modules)), flush=True)
    os._exit(0)

app._finish_start = at_paint
from clipper.cli import main
main(["--db", sys.argv[1], "gui"])
"""


def test_the_first_painted_window_leaves_lazy_modules_unimported(tmp_path: Path) -> None:
    from clipper.model import ImportedArticle
    from clipper.store import Store

    db = tmp_path / "library.db"
    with Store(db) as store:
        store.add_article(
            ImportedArticle(
                text="One\n\nA short.", title="One", source_name="one.txt", source_kind="txt"
            )
        )
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    env.pop("CLIPPER_QUIT_AFTER_PAINT", None)
    out = subprocess.run(
        [sys.executable, "-c", _AT_PAINT, str(db)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    ).stdout
    loaded = set(json.loads(out.splitlines()[-1]))
    assert "clipper.gui.main_window" in loaded  # the window was really built
    assert [name for name in NOT_AT_FIRST_PAINT if name in loaded] == []


def test_every_command_is_still_registered_and_runs() -> None:
    from clipper.cli import cli

    assert {"gui", "import", "export", "suggest", "annotations"} <= set(cli.commands)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "clipper", "export", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Usage: clipper export" in done.stdout


_PATTERNS = """
import re, sys
import clipper.store
import sqlite_utils.db as db
from sqlite_utils import Database
print(re.compile.__module__, type(db._virtual_table_using_re).__name__)
d = Database(memory=True)
d.execute("CREATE VIRTUAL TABLE notes USING fts5(body)")
d.execute("CREATE TABLE plain (id INTEGER)")
print(d["notes"].virtual_table_using, d["plain"].virtual_table_using)
print(d.quote_fts('says "hello world" twice'))
"""


def test_sqlite_utils_patterns_compile_when_first_used() -> None:
    """sqlite-utils' patterns wait for their first use (one cost ~9 ms at every start) and
    then work as compiled ones; ``re.compile`` is Python's own again afterwards."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", _PATTERNS], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["re LazyPattern", "FTS5 None", '"says" "hello world" "twice"']


_CHECK = """
import sys
import clipper.cli
from clipper.store import Store
print(sorted(n for n in ("pandas", "numpy") if n in sys.modules))
try:
    import numpy
except ImportError:
    print("absent")
else:
    print("importable")
"""


def test_the_cli_starts_without_pandas_or_numpy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded, later = done.stdout.split("\n")[:2]
    assert loaded == "[]"
    try:
        import numpy  # noqa: F401
    except ImportError:
        assert later == "absent"
    else:
        assert later == "importable"
