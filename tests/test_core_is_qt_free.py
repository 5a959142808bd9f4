"""Rule 1: the core and the CLI never import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "clipper"
SQL_MARKERS = (".execute(", ".executemany(", ".executescript(", "import sqlite3", "sqlite_utils")


def test_cli_and_core_import_without_pyside6() -> None:
    code = (
        "import sys\n"
        "import clipper.cli, clipper.store, clipper.importers, clipper.importers.pdf, "
        "clipper.exporters, clipper.library, clipper.importers.clipper_json, "
        "clipper.operations\n"
        "from click.testing import CliRunner\n"
        "result = CliRunner().invoke(clipper.cli.cli, ['--db', ':memory:', 'tags'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_module_outside_gui_mentions_pyside6() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path}: {n}" for n in names if n.startswith(("PySide6", "shiboken6"))]
    assert offenders == []


def test_sql_stays_in_the_store_layer() -> None:
    offenders = [
        str(path)
        for path in PACKAGE.rglob("*.py")
        if "store" not in path.relative_to(PACKAGE).parts
        and any(word in path.read_text("utf-8") for word in SQL_MARKERS)
    ]
    assert offenders == []
