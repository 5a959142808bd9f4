"""The command line, run in-process (click's runner) and as a real process."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
CRANE = ARTICLES / "wikinews_news_crane.txt"


def run(db: Path, *args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def snapshot(db: Path) -> tuple[str, dict[str, int]]:
    """The database file's hash and its row counts: proof that nothing changed."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "annotations", "tags")
    }
    conn.close()
    return hashlib.sha256(db.read_bytes()).hexdigest(), counts


@pytest.fixture
def seeded(db_path: Path) -> Path:
    code, out, _ = run(db_path, "import", str(CRANE))
    assert code == 0 and out == "1\tAt least 107 killed in Mecca crane collapse\n"
    return db_path


def test_import_prints_id_and_title_and_json(db_path: Path) -> None:
    code, out, _ = run(
        db_path,
        "import",
        str(ARTICLES / "wikinews_news_nasa.txt"),
        "--json",
        "--outlet",
        "Wikinews",
        "--date",
        "2011-04-13",
    )
    assert code == 0
    record = json.loads(out)
    assert record["id"] == 1 and record["title"].startswith("NASA celebrates")
    code, out, _ = run(db_path, "articles", "--json")
    listed = json.loads(out)
    assert (listed["outlet"], listed["published"]) == ("Wikinews", "2011-04-13")


def test_import_from_stdin_with_title(db_path: Path) -> None:
    code, out, _ = run(db_path, "import", "-", "--title", "Pasted", input="Body 😀\r\n".encode())
    assert (code, out) == (0, "1\tPasted\n")
    code, out, _ = run(db_path, "show", "1")
    assert out == "Body 😀\n"


def test_duplicate_import_is_reported_not_duplicated(seeded: Path) -> None:
    code, out, err = run(seeded, "import", str(CRANE))
    assert code == 0 and out == ""  # already stored: skipped, not a failure
    assert "clipper: skipped:" in err and "already in the database as article 1" in err
    code, out, _ = run(seeded, "import", str(CRANE), "--force")
    assert code == 0 and out.startswith("2\t")


def test_annotate_list_export_delete(seeded: Path) -> None:
    text = CRANE.read_text("utf-8")
    start = text.index("107 or more")
    code, out, _ = run(seeded, "annotate", "1", str(start), str(start + 11), "figure", "--json")
    assert code == 0 and json.loads(out)["text"] == "107 or more"
    code, out, _ = run(seeded, "annotations", "1", "--tag", "figure")
    assert out.split("\t")[:6] == ["1", "1", str(start), str(start + 11), "figure", "107 or more\n"]
    code, out, _ = run(seeded, "export", "--format", "json")
    exported = json.loads(out)
    [annotation] = exported["articles"][0]["annotations"]
    assert exported["articles"][0]["text"][start : start + 11] == annotation["text"]
    code, _, err = run(seeded, "delete-annotation", "1")
    assert code == 0 and "deleted annotation 1" in err
    assert run(seeded, "annotations")[1] == ""


def test_annotate_twice_names_the_text_and_tag(seeded: Path) -> None:
    assert run(seeded, "annotate", "1", "0", "8", "figure")[0] == 0
    code, out, err = run(seeded, "annotate", "1", "0", "8", "figure")
    assert code == 1 and out == ""
    assert err == "clipper: error: “At least” is already tagged Figure\n"


def test_export_to_file_infers_format(seeded: Path, tmp_path: Path) -> None:
    run(seeded, "annotate", "1", "0", "8", "figure")
    target = tmp_path / "out.json"
    code, _, err = run(seeded, "export", "-o", str(target))
    assert code == 0 and "exported 1 annotation to" in err
    assert json.loads(target.read_text("utf-8"))["format"] == "clipper"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["import", "{missing}"], "no such file"),
        (["import", "{folder}"], "is a folder"),
        (["import", "{empty}"], "is empty"),
        (["import", "{binary}"], "does not look like text"),
        (["import", "{crane}", "--date", "12/09/2015"], "YYYY-MM-DD"),
        (["annotate", "1", "10", "5", "figure"], "empty or reversed"),
        (["annotate", "1", "0", "999999", "figure"], "runs past the end"),
        (["annotate", "1", "0", "5", "gossip"], "unknown tag 'gossip'"),
        (["annotate", "42", "0", "5", "figure"], "no article 42"),
        (["show", "42"], "no article 42"),
        (["delete-annotation", "7"], "no annotation 7"),
        (["annotations", "42"], "no article 42"),
        (["export", "--article", "42"], "no article 42"),
        (["export", "--tag", "gossip"], "unknown tag"),
        (
            ["import-annotations", "{crane}"],
            "is not JSON: annotations are merged from Clipper JSON exports only",
        ),
        (["import-annotations", "{missing}"], "no such file"),
        (["import-annotations", "{empty}"], "empty.txt is empty (0 bytes): there is nothing to"),
        (["merge", "{empty}"], "empty.txt is empty (0 bytes): there is nothing to merge"),
    ],
)
def test_expected_errors_exit_1_without_traceback_and_change_nothing(
    seeded: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    names = {
        "missing": str(tmp_path / "missing.txt"),
        "folder": str(tmp_path),
        "empty": str(tmp_path / "empty.txt"),
        "binary": str(tmp_path / "binary.txt"),
        "crane": str(CRANE),
    }
    before = snapshot(seeded)
    code, _, err = run(seeded, *[a.format(**names) for a in args])
    assert code == 1
    assert err.startswith("clipper: error: ") and words in err
    assert "Traceback" not in err
    assert snapshot(seeded) == before


def test_batch_import_keeps_good_files_and_fails_overall(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = run(
        db_path, "import", str(CRANE), str(bad), str(ARTICLES / "wikinews_news_taxes.txt")
    )
    assert code == 1 and "is empty" in err
    assert [line.split("\t")[0] for line in out.splitlines()] == ["1", "2"]


def test_tags_add_and_use(db_path: Path) -> None:
    code, out, _ = run(db_path, "tags", "add", "source", "--label", "Named source", "--key", "5")
    assert code == 0 and out.startswith("source\tNamed source")
    assert "source" in run(db_path, "tags")[1]


def test_real_process_version_and_error_exit(tmp_path: Path) -> None:
    env = {**os.environ, "CLIPPER_DB": str(tmp_path / "env.db")}
    version = subprocess.run(
        [sys.executable, "-m", "clipper", "--version"], capture_output=True, text=True, env=env
    )
    assert version.returncode == 0 and version.stdout.startswith("clipper, version ")
    missing = subprocess.run(
        [sys.executable, "-m", "clipper", "show", "1"], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 1
    assert missing.stderr == (
        f"clipper: error: no database at {tmp_path / 'env.db'}; `clipper import` creates one\n"
    )
    assert not (tmp_path / "env.db").exists()  # CLIPPER_DB chose it; reading creates nothing
    subprocess.run([sys.executable, "-m", "clipper", "import", str(CRANE)], env=env, check=True)
    missing = subprocess.run(
        [sys.executable, "-m", "clipper", "show", "9"], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 1
    assert missing.stderr == "clipper: error: there is no article 9\n"


PDFS = Path(__file__).parent / "fixtures" / "pdfs"


def test_pdf_import_password_flow_and_page_column(db_path: Path) -> None:
    locked = PDFS / "pdfplumber__password-example.pdf"
    before_code, _, err = run(db_path, "import", str(locked))
    assert before_code == 1 and "--password" in err and "Traceback" not in err
    code, _, err = run(db_path, "import", str(locked), "--password", "wrong")
    assert code == 1 and "wrong" in err
    code, out, _ = run(db_path, "import", str(locked), "--password", "test", "--json")
    assert code == 0 and json.loads(out)["id"] == 1
    text = run(db_path, "show", "1")[1]
    start = len(text) - 40
    code, out, _ = run(db_path, "annotate", "1", str(start), str(len(text) - 30), "claim", "--json")
    page = json.loads(out)["page"]
    assert page > 1  # the text's end is not on the first page
    rows = run(db_path, "export", "--format", "csv")[1].splitlines()
    assert f',{page},"' in rows[1]  # the page column, then the uuid


def test_batch_of_pdfs_and_text_in_one_command(db_path: Path) -> None:
    code, out, err = run(
        db_path,
        "import",
        str(PDFS / "pdfplumber__2023-06-20-PV.pdf"),
        str(CRANE),
        str(PDFS / "ocrmypdf__linn.pdf"),
    )
    assert code == 1 and "OCR" in err
    assert [line.split("\t")[0] for line in out.splitlines()] == ["1", "2"]


def test_gui_with_a_mistyped_db_folder_makes_no_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "c.db"
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(missing), "gui"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "does not exist; check --db" in result.stderr
    assert not missing.parent.exists()


def test_annotate_negative_offsets_are_a_span_error(seeded: Path) -> None:
    code, _, err = run(seeded, "annotate", "1", "-1", "5", "figure")
    assert code == 1
    assert "offsets must not be negative" in err and "No such option" not in err


def test_annotate_takes_a_tags_label_or_key(seeded: Path) -> None:
    assert run(seeded, "annotate", "1", "0", "8", "Figure")[0] == 0
    assert run(seeded, "annotate", "1", "9", "12", "2")[0] == 0
    code, out, _ = run(seeded, "annotations", "1")
    assert [line.split("\t")[4] for line in out.splitlines()] == ["figure", "quote"]
    code, _, err = run(seeded, "annotate", "1", "0", "8", "nonsense")
    assert code == 1 and "known tags: figure, quote, person, claim" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.xlsx"], "cannot write .xlsx files"),
        (["--format", "csv", "-o", "out.json"], "names a json file but the format is csv"),
    ],
)
def test_export_refuses_a_name_that_hides_another_format(
    seeded: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [a if not a.startswith("out.") else str(tmp_path / a) for a in args]
    code, _, err = run(seeded, "export", *args)
    assert code == 1 and message in err
    assert list(tmp_path.glob("out.*")) == []


def test_import_annotations_given_a_csv_says_what_it_is(seeded: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "tagged.csv"
    assert run(seeded, "export", "-o", str(csv_file))[0] == 0
    code, _, err = run(seeded, "import-annotations", str(csv_file))
    assert code == 1
    assert "tagged.csv is a CSV export: annotations are merged from Clipper JSON exports" in err
    assert "write one with `clipper export --format json`" in err  # the command line's advice
    assert "\ufeff" not in err


def test_json_options_say_json_lines() -> None:
    for command in ("import", "articles", "annotations"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert "JSON Lines" in result.output
