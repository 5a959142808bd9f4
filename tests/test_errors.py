"""Structured errors: codes, hints, pickling, front-end-neutral wording, and how the
command line prints them (``--json``, a closed pipe, ``--db`` after the command)."""

from __future__ import annotations

import ast
import inspect
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

import clipper
import clipper.cli
from clipper import errors
from clipper.cli import advice, cli, explain
from clipper.errors import (
    Cancelled,
    ClipperError,
    DuplicateArticle,
    Hint,
    ImportFailed,
    NoDatabase,
    Notice,
    PasswordRequired,
)
from clipper.importers.parallel import read_files_parallel
from clipper.library import ImportOptions, import_files
from clipper.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
CRANE = FIXTURES / "articles" / "wikinews_news_crane.txt"
ENCRYPTED_PDF = FIXTURES / "pdfs" / "pdfplumber__password-example.pdf"
PACKAGE = Path(clipper.__file__).parent


def error_classes() -> list[type[ClipperError]]:
    found: list[type[ClipperError]] = []
    todo: list[type[ClipperError]] = [ClipperError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def example(cls: type[ClipperError]) -> ClipperError:
    """An instance with every attribute set to a value that is not the default."""
    parameters = inspect.signature(cls.__init__).parameters
    values: dict[str, Any] = {"existing_id": 7, "path": "/tmp/x.db", "wrong_password": True}
    kwargs = {name: values[name] for name in parameters if name in values}
    error = cls(f"{cls.__name__} happened", **kwargs)
    error.hint = Hint.ENCODING
    error.suggestion = "cp1250"
    return error


# -- codes and the hierarchy ---------------------------------------------------------------


def test_every_error_class_has_its_own_snake_case_code() -> None:
    classes = [c for c in error_classes() if c.__module__ == "clipper.errors"]
    codes = [c.code for c in classes]
    assert len(classes) >= 14
    assert len(set(codes)) == len(codes), codes
    assert all(re.fullmatch(r"[a-z][a-z_]*[a-z]", code) for code in codes), codes
    assert {"not_found", "duplicate_article", "needs_ocr", "database_error"} <= set(codes)


def test_cancelled_is_not_a_clipper_error() -> None:
    assert not issubclass(Cancelled, ClipperError) and issubclass(Cancelled, Exception)
    assert Cancelled.code == "cancelled"


def test_a_cancel_passes_every_except_clipper_error(tmp_path: Path) -> None:
    """The library reports each file's ClipperError in its outcome; a cancel is not a file's
    failure: it reaches the caller as Cancelled (one file and several)."""
    with Store(tmp_path / "c.db") as store:
        for paths in ([CRANE], [CRANE, FIXTURES / "articles" / "wikinews_news_nasa.txt"]):
            with pytest.raises(Cancelled):
                import_files(store, paths, ImportOptions(workers=1), cancel=lambda: True)
        assert store.count_articles() == 0


# -- pickling: worker processes send errors back -------------------------------------------


@pytest.mark.parametrize("cls", error_classes(), ids=lambda c: c.__name__)
def test_every_error_survives_pickle_with_all_its_attributes(cls: type[ClipperError]) -> None:
    error = example(cls)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls
    assert vars(back) == vars(error)
    assert str(back) == str(error) == error.message
    assert back.code == cls.code and back.hint is Hint.ENCODING


def test_class_level_hints_survive_pickle() -> None:
    duplicate = pickle.loads(pickle.dumps(DuplicateArticle("a.txt is stored", 3)))
    assert duplicate.hint is Hint.FORCE and duplicate.existing_id == 3
    password = pickle.loads(pickle.dumps(PasswordRequired("locked", wrong_password=True)))
    assert password.hint is Hint.PASSWORD and password.wrong_password


def test_cancelled_and_notices_survive_pickle() -> None:
    cancelled = pickle.loads(pickle.dumps(Cancelled("OCR cancelled")))
    assert isinstance(cancelled, Cancelled) and cancelled.message == "OCR cancelled"
    notice = pickle.loads(pickle.dumps(Notice("decoded as cp1252", Hint.ENCODING, "cp1250")))
    assert notice == "decoded as cp1252" and isinstance(notice, Notice)
    assert (notice.hint, notice.suggestion) == (Hint.ENCODING, "cp1250")


def test_errors_and_warnings_come_back_from_real_worker_processes(tmp_path: Path) -> None:
    """Each file is read in its own process: its error (and an article's warnings)
    arrive with their class, code, hint and attributes."""
    undecodable = tmp_path / "mixed.txt"
    undecodable.write_bytes("Señor Muñoz está aquí. ".encode() * 5 + b"\xff caf\xe9")
    uncertain = tmp_path / "short.txt"
    uncertain.write_bytes("Señor".encode("cp1252"))
    results = dict(read_files_parallel([ENCRYPTED_PDF, undecodable, uncertain], workers=3))
    locked = results[ENCRYPTED_PDF]
    assert isinstance(locked, PasswordRequired) and not locked.wrong_password
    # the remedy is the front end's (hint): the message said "Give the password to import
    # the file. Give the password with --password." on the command line
    assert explain(locked) == (
        f"{ENCRYPTED_PDF.name} is protected by a password. Give the password with --password."
    )
    assert locked.code == "password_required" and locked.hint is Hint.PASSWORD
    noise = results[undecodable]
    assert isinstance(noise, ImportFailed) and noise.hint is Hint.ENCODING
    [warning] = results[uncertain].warnings  # type: ignore[union-attr]
    assert isinstance(warning, Notice) and warning.hint is Hint.ENCODING


# -- front-end-neutral wording -------------------------------------------------------------


def cli_options() -> set[str]:
    found: set[str] = set()

    def walk(command: click.Command) -> None:
        for param in command.params:
            found.update(o for o in param.opts if o.startswith("--"))
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                walk(sub)

    walk(cli)
    return found - {"--help", "--version"}


def core_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module (f-string parts too), docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_core_message_names_a_command_line_option_or_command() -> None:
    """The core says what to do in words for every front end; the CLI's options and
    commands are named by the CLI only (clipper/cli/), the app's menus by the app."""
    options = sorted(cli_options(), key=len, reverse=True)
    assert {"--force", "--password", "--encoding", "--ocr", "--db", "--format"} <= set(options)
    flag = re.compile("(" + "|".join(map(re.escape, options)) + r")(?![-\w])")
    command = re.compile(r"`clipper [a-z]|import-annotations")
    menu = re.compile(r"\w ›|in the app\b")
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(("cli/", "gui/")):
            continue
        for line, text in core_strings(path):
            if text.strip() == "--force-ocr":  # ocrmypdf's own option, in its command line
                continue
            if flag.search(text) or command.search(text) or menu.search(text):
                offenders.append(f"{relative}:{line}: {text!r}")
    assert offenders == []


def test_every_hint_has_advice_in_both_front_ends() -> None:
    from clipper.gui.advice import advice as gui_advice

    for hint in Hint:
        cli_text, gui_text = advice(hint, "x"), gui_advice(hint, "x")
        assert cli_text and gui_text, hint
        assert not re.search(r"(?<![\w-])--[a-z]", gui_text), (hint, gui_text)
    assert "--force" in (advice(Hint.FORCE) or "")
    assert "Import anyway" in (gui_advice(Hint.FORCE) or "")


def test_advice_follows_the_message_as_a_clause_or_a_sentence() -> None:
    assert explain(DuplicateArticle("a.txt is already in the database as article 3", 3)) == (
        "a.txt is already in the database as article 3; use --force to import it again"
    )
    assert explain(PasswordRequired("x.pdf is protected by a password.")) == (
        "x.pdf is protected by a password. Give the password with --password."
    )
    assert explain(NoDatabase("no database at x.db", "x.db")).endswith(
        "; `clipper import` creates one"
    )
    assert explain(ImportFailed("plain, no hint")) == "plain, no hint"
    assert explain("a plain warning") == "a plain warning"


def test_errors_module_has_no_front_end_words() -> None:
    assert "--" not in "".join(text for _, text in core_strings(Path(errors.__file__)))


# -- the command line: --json, exit status, closed pipes, --db after the command -------------


def run_cli(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} | options
    return subprocess.run(
        [sys.executable, "-m", "clipper", *args], text=True, timeout=180, **streams
    )


def test_json_errors_are_one_object_on_stderr_with_the_same_exit_status(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    plain = run_cli("articles", "--db", str(missing))
    as_json = run_cli("articles", "--db", str(missing), "--json")
    assert plain.returncode == as_json.returncode == 1
    assert (
        plain.stderr == f"clipper: error: no database at {missing}; `clipper import` creates one\n"
    )
    assert as_json.stdout == "" and "Traceback" not in as_json.stderr
    [line] = as_json.stderr.splitlines()
    assert json.loads(line) == {
        "error": "no_database",
        "message": f"no database at {missing}",
        "hint": "`clipper import` creates one",
    }


def test_json_errors_of_a_command_with_and_without_a_hint(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert run_cli("--db", db, "import", str(CRANE)).returncode == 0
    bad_tag = run_cli("annotate", "1", "0", "5", "gossip", "--db", db, "--json")
    assert bad_tag.returncode == 1
    record = json.loads(bad_tag.stderr)
    assert record["error"] == "unknown_tag" and "gossip" in record["message"]
    assert "hint" not in record
    bad_span = run_cli("annotate", "1", "5", "2", "quote", "--db", db, "--json")
    assert bad_span.returncode == 1 and json.loads(bad_span.stderr)["error"] == "invalid_span"
    bad_date = run_cli("import", str(CRANE), "--date", "soon", "--db", db, "--json")
    assert bad_date.returncode == 1 and json.loads(bad_date.stderr)["error"] == "invalid_field"


def test_a_duplicate_import_names_force_in_text_and_in_json(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    assert run_cli("--db", db, "import", str(CRANE)).returncode == 0
    again = run_cli("--db", db, "import", str(CRANE))
    assert again.returncode == 0
    assert "already in the database as article 1" in again.stderr
    assert "use --force to import it again" in again.stderr
    as_json = run_cli("--db", db, "import", str(CRANE), "--json")
    assert as_json.returncode == 0 and as_json.stdout == ""
    record = json.loads(as_json.stderr)
    assert record["error"] == "duplicate_article" and record["existing_id"] == 1
    assert record["hint"] == "use --force to import it again"
    assert record["source"] == str(CRANE) and "--force" not in record["message"]


def test_a_file_that_fails_in_json_mode_is_an_object_and_exit_1(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    result = run_cli("--db", db, "import", str(ENCRYPTED_PDF), str(CRANE), "--json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["title"]  # the good file went in
    record = json.loads(result.stderr.splitlines()[-1])
    assert record["error"] == "password_required" and "--password" in record["hint"]


def test_db_is_accepted_after_the_command_and_in_subgroups(tmp_path: Path) -> None:
    db = tmp_path / "after.db"
    assert run_cli("import", str(CRANE), "--db", str(db)).returncode == 0
    listed = run_cli("articles", "--db", str(db))
    assert listed.returncode == 0 and listed.stdout.startswith("1\t")
    tags = run_cli("tags", "add", "source", "--db", str(db))
    assert tags.returncode == 0, tags.stderr
    assert "source" in run_cli("tags", "--db", str(db)).stdout
    # after the command wins over before it, as the last word does
    assert run_cli("--db", str(tmp_path / "other.db"), "articles", "--db", str(db)).returncode == 0
    assert not (tmp_path / "other.db").exists()


def test_db_has_one_definition() -> None:
    package = Path(clipper.cli.__file__).parent
    source = "".join(f.read_text("utf-8") for f in sorted(package.glob("*.py")))
    assert len(re.findall(r"""["']--db["']""", source)) == 1


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database whose listings are far larger than a pipe's buffer (64 KiB)."""
    db = tmp_path_factory.mktemp("big") / "big.db"
    word = "Pipe "
    with Store(db) as store:
        from clipper.importers.text import read_text

        text = "".join(f"Line {n}: " + word * 40 + "\n" for n in range(2000))
        article = store.add_article(read_text(text.encode(), "big.txt"))
        with store.bulk_writes():
            for n in range(600):
                title = f"Article {n} about pipes, readers that go away, and quiet exits"
                store.add_article(read_text(f"{title}\n\n{word * 30}\n".encode(), f"{n}.txt"))
            start = 0
            for line in text.splitlines(keepends=True)[:1500]:
                store.add_annotation(article.id, start, start + len(line) - 1, "quote")
                start += len(line)
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["annotations"],
        ["annotations", "--json"],
        ["articles", "--json"],
        ["show", "1"],
        ["export"],
        ["export", "--format", "json"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_quietly_with_0(big_db: Path, args: list[str]) -> None:
    """The reader closes the pipe at once (as `head` does once it has its lines)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = run_cli("--db", str(big_db), *args, stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("command", ["annotations", "articles --json", "export"])
def test_piping_into_head_exits_0_quietly(big_db: Path, command: str) -> None:
    script = (
        f"{sys.executable} -m clipper --db {big_db} {command} | head -1; "
        'echo "status ${PIPESTATUS[0]}" >&2'
    )
    result = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=180, check=True
    )
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == "status 0\n"
