"""Hostile databases and places: never a traceback, never a change that should not be.

Real processes (``python -m clipper``), real SQLite files, real full and read-only file
systems (tmpfs mounts; those tests need root and skip, saying so, where mounting is
impossible).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from disks import fill, mount_tmpfs

from clipper.errors import DatabaseError, NoDatabase
from clipper.model import ImportedArticle
from clipper.store import Store

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
CRANE = ARTICLES / "wikinews_news_crane.txt"
NASA = ARTICLES / "wikinews_news_nasa.txt"


def clipper(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line; it must never print a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checkpointed(db: Path) -> Path:
    """Fold the WAL into the file, so its bytes say everything."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "c.db"
    assert clipper(db, "import", str(CRANE)).returncode == 0
    assert clipper(db, "annotate", "1", "0", "8", "quote").returncode == 0
    return checkpointed(db)


# -- another program's SQLite file -----------------------------------------------------


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_foreign_sqlite_file_is_refused_byte_identical(tmp_path: Path, journal: str) -> None:
    other = tmp_path / "firefox-places.sqlite"
    conn = sqlite3.connect(other)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = sha256(other)
    files_before = sorted(os.listdir(tmp_path))
    for command in (["articles"], ["import", str(CRANE)], ["backup"], ["tags"]):
        result = clipper(other, *command)
        assert result.returncode == 1
        assert "another program's SQLite database (tables: moz_places)" in result.stderr
        assert "it was not changed" in result.stderr
    with pytest.raises(DatabaseError, match="another program's"):
        Store(other)
    assert sha256(other) == before
    assert sorted(os.listdir(tmp_path)) == files_before  # no -wal, -shm or backup either


def test_newer_clipper_database_is_refused_unchanged(seeded: Path) -> None:
    conn = sqlite3.connect(seeded)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('clipper', '0099_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = sha256(checkpointed(seeded))
    result = clipper(seeded, "annotate", "1", "10", "20", "quote")
    assert result.returncode == 1 and "newer version of Clipper" in result.stderr
    assert sha256(seeded) == before


# -- missing databases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["articles"],
        ["show", "1"],
        ["annotations"],
        ["tags"],
        ["export", "--format", "csv"],
        ["annotate", "1", "0", "3", "quote"],
        ["delete-annotation", "1"],
        ["backup"],
    ],
)
def test_reading_commands_refuse_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "clipings" / "clipper.db"
    result = clipper(typo, *command)
    assert result.returncode == 1
    assert result.stdout == ""  # e.g. no header-only CSV
    assert result.stderr == f"clipper: error: no database at {typo}; `clipper import` creates one\n"
    assert not typo.parent.exists()


def test_store_can_refuse_to_create(tmp_path: Path) -> None:
    with pytest.raises(NoDatabase):
        Store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()
    empty = tmp_path / "empty.db"
    empty.touch()
    result = clipper(empty, "articles")
    assert result.returncode == 1 and "the file is empty" in result.stderr
    assert empty.stat().st_size == 0 and sorted(os.listdir(tmp_path)) == ["empty.db"]
    assert clipper(empty, "import", str(CRANE)).returncode == 0  # writing makes it one


def test_writing_commands_create_the_database_and_say_so(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = clipper(db, "import", str(CRANE))
    assert result.returncode == 0
    assert result.stderr == f"clipper: created a new database at {db}\n"
    assert clipper(db, "import", str(NASA)).stderr == ""  # only the first time
    missing_folder = tmp_path / "typo" / "c.db"
    result = clipper(missing_folder, "import", str(CRANE))
    assert result.returncode == 1 and "the folder" in result.stderr
    assert "does not exist" in result.stderr
    assert not missing_folder.parent.exists()


# -- damaged files ---------------------------------------------------------------------------


def _damaged_variants(good: Path, folder: Path) -> dict[str, Path]:
    data = good.read_bytes()
    truncated = folder / "truncated.db"
    truncated.write_bytes(data[: len(data) // 3])
    noise = folder / "noise.db"
    noise.write_bytes(random.Random(8).randbytes(len(data)))
    header_only = folder / "header.db"
    header_only.write_bytes(data[:100])
    garbage_page = folder / "garbage-page.db"
    conn = sqlite3.connect(good)
    pages = [
        row[0]
        for row in conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name IN ('articles', 'annotations')"
        )
    ]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    damaged = bytearray(data)
    for page in pages:
        offset = (page - 1) * page_size
        damaged[offset : offset + page_size] = random.Random(page).randbytes(page_size)
    garbage_page.write_bytes(bytes(damaged))
    return {"truncated": truncated, "noise": noise, "header": header_only, "page": garbage_page}


def test_damaged_databases_give_a_clear_error_and_stay_unchanged(
    seeded: Path, tmp_path: Path
) -> None:
    for kind, path in _damaged_variants(seeded, tmp_path).items():
        before = sha256(path)
        for command in (
            ["articles"],
            ["annotations"],
            ["export", "--format", "json"],
            ["annotate", "1", "10", "20", "quote"],
            ["import", str(NASA)],
        ):
            result = clipper(path, *command)
            assert result.returncode == 1, (kind, command, result.stdout)
            assert result.stderr.startswith("clipper: error: "), (kind, result.stderr)
            assert "damaged" in result.stderr or "not a Clipper database" in result.stderr, (
                kind,
                result.stderr,
            )
        assert sha256(path) == before, kind


# -- full disk, read-only places -------------------------------------------------------------


def _big_article() -> ImportedArticle:
    words = " ".join(f"word{n}" for n in range(2_500))  # fits the small disk, indexes too
    return ImportedArticle(title="Long", text=words, source_name="long.txt", source_kind="txt")


def test_full_disk_is_a_clear_error_and_loses_nothing(small_disk: Path) -> None:
    db = small_disk / "c.db"
    assert clipper(db, "import", str(CRANE)).returncode == 0
    assert clipper(db, "annotate", "1", "0", "8", "quote").returncode == 0
    checkpointed(db)
    before = sha256(db)
    filler = fill(small_disk)
    for command in (
        ["import", str(NASA)],
        ["annotate", "1", "10", "20", "figure"],
        ["tags", "add", "source"],
        ["articles"],
    ):
        result = clipper(db, *command)
        assert result.returncode == 1, command
        assert "the disk is full" in result.stderr, result.stderr
        assert "free some space" in result.stderr
    result = clipper(small_disk / "new.db", "import", str(NASA))
    assert result.returncode == 1 and "the disk is full" in result.stderr
    filler.unlink()
    with Store(db) as store:  # an export bigger than its (other) disk
        store.add_article(_big_article())
    checkpointed(db)
    before = sha256(db)
    out = small_disk.parent / "out"
    mount_tmpfs(out, "16k")
    try:
        result = clipper(db, "export", "--format", "json", "-o", str(out / "out.json"))
        assert result.returncode == 1
        assert f"cannot write {out / 'out.json'}: No space left on device" in result.stderr
        assert not list(out.iterdir())  # no partial file
    finally:
        subprocess.run(["umount", "-l", str(out)], check=False)
    assert sha256(db) == before
    with Store(db) as store:
        assert [a.text for a in store.list_annotations()] == ["At least"]
        assert store.count_articles() == 2
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_mount_reads_and_refuses_writes_clearly(tmp_path: Path) -> None:
    where = tmp_path / "ro"
    mount_tmpfs(where, "4m")
    try:
        db = where / "c.db"
        assert clipper(db, "import", str(CRANE)).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        before = sha256(db)
        listed = clipper(db, "articles")
        assert listed.returncode == 0 and "Mecca crane" in listed.stdout
        for command in (["annotate", "1", "0", "8", "quote"], ["import", str(NASA)]):
            result = clipper(db, *command)
            assert result.returncode == 1
            assert f"cannot write {db}: the file or its folder is read-only" in result.stderr
        result = clipper(where / "new.db", "import", str(NASA))
        assert result.returncode == 1
        assert f"cannot write {where / 'new.db'}: its folder is read-only" in result.stderr
        assert "not a Clipper database" not in result.stderr
        assert sha256(db) == before
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


# -- many processes creating one database -----------------------------------------------------

_CREATOR = """
import sys, time
from pathlib import Path
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
from clipper.store import Store
with Store(sys.argv[1]) as store:
    store.add_tag("t" + sys.argv[3])
"""


@pytest.mark.slow
def test_sixty_processes_create_one_database_at_once(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    go = tmp_path / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _CREATOR, str(db), str(go), str(n)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(60)
    ]
    go.touch()
    errors = [p.communicate(timeout=300)[1] for p in processes]
    assert [p.returncode for p in processes] == [0] * 60, [e for e in errors if e][:3]
    with Store(db) as store:
        assert {f"t{n}" for n in range(60)} <= {t.name for t in store.list_tags()}
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- file names that are not UTF-8 -----------------------------------------------------------


def test_file_names_that_are_not_utf8_are_imported_with_the_batch(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    odd = folder + b"/caf\xe9-report.txt"
    shutil.copy(CRANE, os.fsdecode(odd))
    db = tmp_path / "c.db"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clipper",
            "--db",
            str(db),
            "import",
            os.fsdecode(odd),
            str(NASA),
            "--json",
        ],
        capture_output=True,
        timeout=120,
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2 and "caf\ufffd-report.txt" in lines[0]
    with Store(db) as store:
        assert store.count_articles() == 2


def test_upgrade_on_a_full_disk_changes_nothing(small_disk: Path) -> None:
    old = small_disk / "v1.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema_v1.db", old)
    before = sha256(old)
    filler = fill(small_disk)
    result = clipper(old, "articles")
    assert result.returncode == 1
    assert "the disk is full" in result.stderr or "cannot back up" in result.stderr
    filler.unlink()
    assert sha256(old) == before
    assert not list(small_disk.glob("*.backup-*"))
    assert clipper(old, "articles").returncode == 0  # with room, it upgrades
    assert len(list(small_disk.glob("v1.db.backup-v1-*.db"))) == 1
