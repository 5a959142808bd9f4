"""Writers side by side, killed merges, backups and restores — with real processes."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli
from clipper.errors import DatabaseError
from clipper.exporters import export_to_path
from clipper.model import ImportedArticle
from clipper.store import Store

V1_FIXTURE = Path(__file__).parent / "fixtures" / "schema_v1.db"
WORDS = "The minister said the budget would rise by four per cent next year. "

# A second process that writes one tag per transaction until told to stop, then
# prints how many it had acknowledged (committed).
_WRITER = """
import sys
from pathlib import Path
from clipper.errors import DatabaseError
from clipper.store import Store
db, stop, ready = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
done = 0
with Store(db) as store:
    ready.touch()
    while not stop.exists():
        try:
            store.add_tag(f"w{done}")
            done += 1
        except DatabaseError as error:
            if "busy" not in str(error):
                raise
print(done)
"""


def _article(number: int) -> ImportedArticle:
    return ImportedArticle(
        title=f"Budget story {number}",
        text=f"Story {number}. " + WORDS * 12,
        source_name=f"story{number}.txt",
        source_kind="txt",
    )


def _make_export(folder: Path, articles: int, per_article: int) -> Path:
    with Store(folder / "colleague.db") as colleague, colleague.transaction():
        for number in range(articles):
            article = colleague.add_article(_article(number))
            for k in range(per_article):
                colleague.add_annotation(article.id, k, k + 5, "quote", note=f"n{k}")
    export = folder / "colleague.json"
    with Store(folder / "colleague.db") as colleague:
        export_to_path(colleague, export, "json")
    return export


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str], Path]]:
    db = tmp_path / "shared.db"
    with Store(db) as store:
        store.add_article(_article(-1))
    stop, ready = tmp_path / "stop", tmp_path / "ready"
    process = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db), str(stop), str(ready)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    yield db, process, stop
    stop.touch()
    process.communicate(timeout=60)


def _stop(process: subprocess.Popen[str], stop: Path) -> int:
    stop.touch()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    return int(out)


@pytest.mark.slow
def test_merges_succeed_while_another_process_writes(
    tmp_path: Path, writer: tuple[Path, subprocess.Popen[str], Path]
) -> None:
    db, process, stop = writer
    export = _make_export(tmp_path, articles=150, per_article=20)
    for _ in range(3):  # the first merges; the others find everything present
        result = subprocess.run(
            [sys.executable, "-m", "clipper", "--db", str(db), "import-annotations", str(export)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
    acknowledged = _stop(process, stop)
    assert acknowledged > 0
    with Store(db) as store:
        assert store.count_articles() == 151
        written = [t for t in store.list_tags() if t.name.startswith("w")]
        assert len(written) == acknowledged  # nothing the writer had lost
        assert store.count_annotations() == 150 * 20


@pytest.mark.slow
def test_a_killed_merge_leaves_all_or_nothing(tmp_path: Path) -> None:
    export = _make_export(tmp_path, articles=300, per_article=20)
    outcomes = set()
    for attempt in range(4):
        db = tmp_path / f"target{attempt}.db"
        Store(db).close()
        process = subprocess.Popen(
            [sys.executable, "-m", "clipper", "--db", str(db), "import-annotations", str(export)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.3 + 0.4 * attempt)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        with Store(db) as store:
            counts = (store.count_articles(), store.count_annotations())
            assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert counts in {(0, 0), (300, 6000)}, counts
        outcomes.add(counts)


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_migration_backs_up_the_old_database_first(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    shutil.copy(V1_FIXTURE, db)
    original = _dump(V1_FIXTURE)
    result = CliRunner().invoke(cli, ["--db", str(db), "articles"])
    assert result.exit_code == 0
    [backup] = list(tmp_path.glob("v1.db.backup-v1-*.db"))
    assert f"the database as it was is saved at {backup}" in result.stderr
    assert _dump(backup) == original
    with Store(db) as store:  # upgraded, and no second backup
        assert store.migration_backup is None
    assert len(list(tmp_path.glob("*.backup-*"))) == 1


def test_backup_while_another_process_writes_is_consistent(
    tmp_path: Path, writer: tuple[Path, subprocess.Popen[str], Path]
) -> None:
    db, process, stop = writer
    time.sleep(0.3)
    copies = []
    with Store(db) as store:
        for number in range(3):
            copies.append(store.backup(tmp_path / f"copy{number}.db"))
    acknowledged = _stop(process, stop)
    seen = []
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        seen.append(conn.execute("SELECT count(*) FROM tags WHERE name LIKE 'w%'").fetchone()[0])
        conn.close()
    assert seen == sorted(seen) and seen[-1] <= acknowledged


def test_backup_command_default_name_and_output(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add_article(_article(1))
    result = CliRunner().invoke(cli, ["--db", str(db), "backup"])
    assert result.exit_code == 0
    made = Path(result.stdout.strip())
    assert made.parent == tmp_path and made.name.startswith("c.db.backup-")
    again = CliRunner().invoke(cli, ["--db", str(db), "backup"])
    assert Path(again.stdout.strip()) != made  # same second: a new name, nothing overwritten
    chosen = tmp_path / "mine.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "backup", "-o", str(chosen)])
    assert result.exit_code == 0 and result.stdout.strip() == str(chosen)
    with Store(chosen) as copy:
        assert copy.get_article(1).title == "Budget story 1"
    refused = CliRunner().invoke(cli, ["--db", str(db), "backup", "-o", str(db)])
    assert refused.exit_code == 1 and "is the database itself" in refused.stderr


def test_restore_round_trip_keeps_a_safety_backup(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        article = store.add_article(_article(1))
        kept = store.add_annotation(article.id, 0, 5, "quote", note="keep me")
        backup = store.backup(tmp_path / "before.db")
        store.delete_annotation(kept.id)
        store.add_annotation(article.id, 6, 9, "figure")
        with Store(db) as other:  # another connection sees the restore at once
            result = CliRunner().invoke(cli, ["--db", str(db), "restore", str(backup)])
            assert result.exit_code == 0, result.stderr
            assert [a.note for a in other.list_annotations()] == ["keep me"]
        assert [a.note for a in store.list_annotations()] == ["keep me"]
    safety = Path(result.stderr.split("is saved at ")[1].strip())
    with Store(safety) as saved:
        assert [a.tag for a in saved.list_annotations()] == ["figure"]


def test_restore_refuses_damaged_or_foreign_backups_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add_article(_article(1))
    damaged = tmp_path / "damaged.db"
    with Store(tmp_path / "good.db") as good:
        for number in range(40):
            good.add_article(_article(number))
    conn = sqlite3.connect(tmp_path / "good.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    [page] = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'articles_content_hash'"
    ).fetchone()
    conn.close()
    data = bytearray((tmp_path / "good.db").read_bytes())
    data[(page - 1) * 4096 : page * 4096] = b"\xff" * 4096  # an index page: garbage
    damaged.write_bytes(bytes(data))
    foreign = tmp_path / "foreign.db"
    other = sqlite3.connect(foreign)
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    for source, words in (
        (damaged, "damaged"),
        (foreign, "not a Clipper database backup"),
        (tmp_path / "none.db", "there is no backup"),
    ):
        result = CliRunner().invoke(cli, ["--db", str(db), "restore", str(source)])
        assert result.exit_code == 1 and words in result.stderr, result.stderr
        assert "nothing was changed" in result.stderr.lower()
    with Store(db) as store:
        assert store.count_articles() == 1
    assert not list(tmp_path.glob("c.db.backup-*"))  # refused before the safety backup
    with pytest.raises(DatabaseError):
        Store(db).restore(foreign)


@pytest.mark.parametrize("umask", [0o077, 0o022, 0o002])
def test_exports_respect_the_umask_and_an_existing_files_mode(tmp_path: Path, umask: int) -> None:
    with Store(tmp_path / "c.db") as store:
        store.add_article(_article(1))
        old = os.umask(umask)
        try:
            export_to_path(store, tmp_path / "new.csv", "csv")
            existing = tmp_path / "existing.json"
            existing.write_text("old")
            existing.chmod(0o640)
            export_to_path(store, existing, "json")
        finally:
            os.umask(old)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o666 & ~umask
    assert existing.stat().st_mode & 0o777 == 0o640


@pytest.mark.slow
def test_commands_wait_for_a_long_write_instead_of_failing(tmp_path: Path) -> None:
    """Another program holds the write lock for longer than the app's 5 s busy timeout
    (as a long merge does): a command and a merge wait for it and then succeed."""
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add_article(_article(1))
    export = _make_export(tmp_path, articles=3, per_article=2)
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO tags (name, label, colour) VALUES ('held', 'Held', '#000')")
    base = [sys.executable, "-m", "clipper", "--db", str(db)]
    waiting = [
        subprocess.Popen([*base, "annotate", "1", "10", "15", "figure"], stderr=subprocess.PIPE),
        subprocess.Popen([*base, "import-annotations", str(export)], stderr=subprocess.PIPE),
    ]
    time.sleep(7)  # the lock is held this long on purpose
    assert [p.poll() for p in waiting] == [None, None]  # still waiting, not failed
    holder.commit()
    holder.close()
    for process in waiting:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    with Store(db) as store:
        assert store.count_articles() == 3  # story 1 matched by its text
        assert "held" in {t.name for t in store.list_tags()}
