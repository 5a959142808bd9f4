"""Kill Clipper's writers with SIGKILL at random moments, then check what survived.

Writers (all real processes on a real database file):

- ``cli-annotate``: ``python -m clipper --db DB annotate … --json``; acknowledged when it
  exited 0 (the printed id).
- ``cli-import``: ``clipper import`` of several files at once; acknowledged when it exited
  0; killed, it must leave whole files only (each stored article exactly the file's text).
- ``cli-merge``: ``clipper import-annotations`` of a JSON export; acknowledged when it
  exited 0; killed, it must leave all of the file's annotations or none.
- ``app``: ``tests/crash_app_driver.py`` (the real window, real key presses); acknowledged
  is what it printed as ``ack`` (the window showed it, after the commit).

After every kill: ``PRAGMA integrity_check`` is ``ok`` and every acknowledged annotation
(its tag and note; a deletion stays deleted) is in the database. A change that was in
flight at the kill may or may not be there — both are fine, half of it is not.

Used by ``tests/test_crash_safety.py`` (a short run) and
``tests/benchmarks/bench_crash.py`` (≥ 1,000 kills).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from clipper.exporters import ExportSelection, export_to_path
from clipper.importers import read_file
from clipper.library import ImportOptions, import_files
from clipper.store import Store

ROOT = Path(__file__).resolve().parents[1]
DRIVER = Path(__file__).with_name("crash_app_driver.py")
ARTICLES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
TAGS = ("figure", "quote", "person", "claim")

#: Seconds after the last keystroke by which a typed note must be saved (the editor saves
#: after 600 ms; the rest is slack for a loaded machine's event loop).
NOTE_GRACE = 1.5

#: (article id, start, end, tag, note) of an annotation; ``None``: deleted.
State = tuple[int, int, int, str, str] | None


@dataclass
class Tally:
    """What a run found. Every figure but ``kills``/``rounds``/``acknowledged`` must be 0."""

    rounds: int = 0
    kills: int = 0
    acknowledged: int = 0  # acknowledged changes checked after a kill
    lost_annotations: int = 0  # acknowledged annotation (or tag, or deletion) missing
    lost_notes: int = 0  # acknowledged note text missing
    integrity_failures: int = 0
    partial_bulk: int = 0  # a killed import/merge left part of a file
    phantoms: int = 0  # an annotation nobody asked for
    tracebacks: int = 0  # a writer that was not killed printed a traceback
    unsaved_notes_at_kill: int = 0  # typed < NOTE_GRACE before the kill: not acknowledged
    stray_processes: int = 0  # a killed writer's workers still running after 1 s
    problems: list[str] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        for f in fields(self):
            if f.name == "problems":
                self.problems.extend(other.problems)
            else:
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def problem(self, text: str) -> None:
        if len(self.problems) < 50:
            self.problems.append(text)

    def failures(self) -> int:
        return (
            self.lost_annotations
            + self.lost_notes
            + self.integrity_failures
            + self.partial_bulk
            + self.phantoms
            + self.tracebacks
        )


def env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


@dataclass
class Run:
    returncode: int | None
    killed: bool
    lines: list[str]
    stderr: str
    killed_at: float = 0.0  # time.monotonic() of the kill (system-wide clock)
    strays: bool = False  # processes it started outlived it by more than ``stray_wait``


def _group_ended(pgid: int, wait: float) -> bool:
    """Has every process of group ``pgid`` ended (waiting up to ``wait`` seconds)?"""
    deadline = time.monotonic() + wait
    while True:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


def run_and_kill(
    cmd: list[str],
    kill_after: float | None,
    *,
    wait_for: str | None = None,
    timeout: float = 120,
    stray_wait: float = 0.0,
) -> Run:
    """Run ``cmd``; SIGKILL it ``kill_after`` seconds after it started (or after it printed
    a line containing ``wait_for``) unless it ended first. Its process group (worker
    processes) is killed too, so nothing is left running — after ``stray_wait`` seconds
    in which they should have ended by themselves (:attr:`Run.strays`)."""
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env(),
        start_new_session=True,
    )
    lines: list[str] = []
    ready = threading.Event()
    err: list[bytes] = []

    def read_out() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace")
            if not line.endswith("\n"):
                break  # cut by the kill: not a whole acknowledgement
            lines.append(line.rstrip("\n"))
            if wait_for is not None and wait_for in line:
                ready.set()

    def read_err() -> None:
        assert proc.stderr is not None
        err.append(proc.stderr.read())

    threads = [threading.Thread(target=read_out), threading.Thread(target=read_err)]
    for t in threads:
        t.start()
    killed = False
    killed_at = 0.0
    try:
        if wait_for is not None:
            deadline = time.monotonic() + timeout
            while not ready.wait(0.05):
                if proc.poll() is not None or time.monotonic() > deadline:
                    break
        if kill_after is not None and proc.poll() is None:
            try:
                proc.wait(kill_after)
            except subprocess.TimeoutExpired:
                killed_at = time.monotonic()
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
        proc.wait(timeout)
    finally:
        if proc.poll() is None:
            killed_at = time.monotonic()
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
            proc.wait()
        strays = killed and not _group_ended(proc.pid, stray_wait)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)  # workers of a killed bulk import
        for t in threads:
            t.join(30)
    stderr = b"".join(err).decode("utf-8", "replace")
    return Run(proc.returncode, killed, lines, stderr, killed_at, strays)


def clipper(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "clipper", "--db", str(db), *args]


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` on a fresh connection (recovers the WAL first)."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "; ".join(str(r[0]) for r in rows)
    finally:
        conn.close()


def state_of(a: Any) -> State:
    return None if a is None else (a.article_id, a.start, a.end, a.tag, a.note)


class Ledger:
    """What the writers acknowledged, checked against the database after each kill."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.expected: dict[int, State] = {}
        #: Acknowledged by a note save (a mismatch there counts as a lost note).
        self.by_note: set[int] = set()
        #: Per id, other states an in-flight change may have left.
        self.maybe: dict[int, set[State]] = {}
        #: What a deleted id held: SQLite reuses the highest id, so another writer's new
        #: annotation may take it (not the deleted one coming back).
        self.deleted: dict[int, State] = {}
        #: In-flight additions: (article, start, end, tag, note) or (article, tag) prefixes.
        self.maybe_added: list[tuple[Any, ...]] = []

    def acknowledge(self, annotation_id: int, state: State, note: bool = False) -> None:
        if state is None and self.expected.get(annotation_id) is not None:
            self.deleted[annotation_id] = self.expected[annotation_id]
        self.expected[annotation_id] = state
        self.maybe.pop(annotation_id, None)
        if note:
            self.by_note.add(annotation_id)
        else:
            self.by_note.discard(annotation_id)

    def verify(self, tally: Tally, label: str) -> None:
        """Check the database after a writer died; adopt what in-flight changes left."""
        check = integrity(self.db)
        if check != "ok":
            tally.integrity_failures += 1
            tally.problem(f"{label}: integrity_check: {check[:300]}")
            return
        with Store(self.db) as store:
            actual = {a.id: state_of(a) for a in store.list_annotations()}
        for annotation_id, want in self.expected.items():
            got = actual.get(annotation_id)
            tally.acknowledged += 1
            if got == want:
                continue
            if got in self.maybe.get(annotation_id, set()):
                self.expected[annotation_id] = got
                continue
            gone = self.deleted.get(annotation_id)
            if want is None and got is not None and gone is not None and got[:4] != gone[:4]:
                self.expected[annotation_id] = got  # the id was reused by a new annotation
                continue
            if annotation_id in self.by_note and want and got and want[:4] == got[:4]:
                tally.lost_notes += 1
            else:
                tally.lost_annotations += 1
            tally.problem(f"{label}: annotation {annotation_id}: want {want}, got {got}")
            self.expected[annotation_id] = got  # report each loss once
        for annotation_id, got in actual.items():
            if annotation_id in self.expected:
                continue
            if any(_matches(got, pattern) for pattern in self.maybe_added):
                self.expected[annotation_id] = got
                continue
            tally.phantoms += 1
            tally.problem(f"{label}: unexpected annotation {annotation_id}: {got}")
            self.expected[annotation_id] = got
        self.maybe.clear()
        self.maybe_added.clear()


def _matches(got: State, pattern: tuple[Any, ...]) -> bool:
    if got is None:
        return False
    if len(pattern) == 2:  # (article, tag): an app addition (span chosen at random)
        return (got[0], got[3]) == pattern
    return got == pattern


# -- the database the writers share ---------------------------------------------------


def seed_database(db: Path, workdir: Path) -> dict[int, str]:
    """A database with the fixture articles; returns {article id: text}."""
    with Store(db) as store:
        outcomes = import_files(store, ARTICLES, ImportOptions(workers=1))
        ids = [o.article_id for o in outcomes if o.article_id is not None]
        return {i: store.get_article(i).text for i in ids}


# -- one round per writer ---------------------------------------------------------------


class Writers:
    """Runs rounds of each writer on one database, killing it at a random moment."""

    def __init__(self, workdir: Path, seed: int) -> None:
        self.workdir = workdir
        self.rng = random.Random(seed)
        self.db = workdir / "crash.db"
        self.texts = seed_database(self.db, workdir)
        self.ledger = Ledger(self.db)
        self.durations: dict[str, float] = {}
        self.round_number = 0
        self.exports = 0

    def _kill_time(self, kind: str) -> float:
        """Random over the writer's usual running time (measured on a first full run):
        half of the kills anywhere in it, half in its last 40 % (where it writes)."""
        duration = self.durations.get(kind, 1.0)
        low = 0.0 if self.rng.random() < 0.5 else 0.6 * duration
        return self.rng.uniform(low, duration * 1.1)

    def _timed(self, kind: str, run: Callable[[float | None], Run], kill: bool) -> Run:
        first = kind not in self.durations
        started = time.monotonic()
        result = run(None if first or not kill else self._kill_time(kind))
        if first and result.returncode == 0:
            self.durations[kind] = time.monotonic() - started
        return result

    def _traceback(self, tally: Tally, label: str, run: Run) -> None:
        if not run.killed and "Traceback" in run.stderr:
            tally.tracebacks += 1
            tally.problem(f"{label}: traceback: {run.stderr[-600:]}")

    # CLI annotate ------------------------------------------------------------------------

    def annotate_command(self) -> tuple[tuple[int, int, int, str, str], list[str]]:
        """A random ``clipper annotate … --json`` and the annotation it asks for."""
        self.round_number += 1
        article_id = self.rng.choice(list(self.texts))
        text = self.texts[article_id]
        start = self.rng.randrange(0, len(text) - 2)
        end = min(len(text), start + self.rng.randint(1, 60))
        tag = self.rng.choice(TAGS)
        note = f"cli note {self.round_number} ✓"
        args = ("annotate", str(article_id), str(start), str(end), tag, "--note", note, "--json")
        return (article_id, start, end, tag, note), clipper(self.db, *args)

    def cli_annotate(self, kill: bool = True) -> Tally:
        tally = Tally(rounds=1)
        intent, cmd = self.annotate_command()
        run = self._timed("cli-annotate", lambda k: run_and_kill(cmd, k), kill)
        tally.kills += run.killed
        label = f"cli-annotate #{self.round_number}"
        self._traceback(tally, label, run)
        if run.returncode == 0 and not run.killed:
            record = json.loads(run.lines[-1])
            self.ledger.acknowledge(int(record["id"]), intent)
        else:
            self.ledger.maybe_added.append(intent)
        self.ledger.verify(tally, label)
        return tally

    # CLI bulk import -----------------------------------------------------------------------

    def cli_import(self, kill: bool = True, files: int = 6, stray_wait: float = 0.0) -> Tally:
        """``stray_wait``: also count worker processes still running that long after the
        kill (the kill then takes that much longer when they do)."""
        tally = Tally(rounds=1)
        self.round_number += 1
        folder = self.workdir / f"import{self.round_number}"
        folder.mkdir()
        expected: dict[str, str] = {}
        for n in range(files):
            source = ARTICLES[n % len(ARTICLES)].read_text(encoding="utf-8")
            path = folder / f"file{n}.txt"
            token = f"round {self.round_number} file {n}"
            path.write_text(source.replace("\n", f" [{token}]\n", 1), encoding="utf-8")
            expected[token] = read_file(path).text
        cmd = clipper(self.db, "import", *sorted(str(p) for p in folder.iterdir()))
        run = self._timed("cli-import", lambda k: run_and_kill(cmd, k, stray_wait=stray_wait), kill)
        tally.kills += run.killed
        tally.stray_processes += run.strays
        label = f"cli-import #{self.round_number}"
        self._traceback(tally, label, run)
        check = integrity(self.db)
        if check != "ok":
            tally.integrity_failures += 1
            tally.problem(f"{label}: integrity_check: {check[:300]}")
        else:
            with Store(self.db) as store:
                stored = {
                    token: [
                        store.get_article(s.id).text
                        for s in store.list_articles(search=f'"{token}"')
                    ]
                    for token in expected
                }
            for token, texts in stored.items():
                whole = [t for t in texts if t == expected[token]]
                if len(texts) > 1 or len(whole) != len(texts):
                    tally.partial_bulk += 1
                    tally.problem(f"{label}: {token}: {len(texts)} stored, {len(whole)} whole")
                acknowledged = run.returncode == 0 and not run.killed
                tally.acknowledged += acknowledged
                if acknowledged and not texts:
                    tally.lost_annotations += 1
                    tally.problem(f"{label}: {token} acknowledged but missing")
        shutil.rmtree(folder)
        self.ledger.verify(tally, label)
        return tally

    # CLI import-annotations (merge) -----------------------------------------------------------

    def export_file(self, path: Path, annotations: int) -> tuple[str, set[tuple[Any, ...]]]:
        """A JSON export of one new article and one already stored, ``annotations`` each.
        Returns the note marker and the (article text, start, end, tag) in the file."""
        self.exports += 1
        marker = f"merge {self.exports}"
        source_db = path.with_suffix(".db")
        existing = self.rng.choice(list(self.texts.values()))
        fresh = f"Merged article {marker}\n\n" + "Words of a merged article. " * 60
        spans: set[tuple[Any, ...]] = set()
        with Store(source_db) as source:
            for text in (fresh, existing):
                article_id = source.add_article(_pasted(text)).id
                stored_text = source.get_article(article_id).text
                for n in range(annotations):
                    start = self.rng.randrange(0, len(stored_text) - 2)
                    end = min(len(stored_text), start + self.rng.randint(1, 30))
                    tag = self.rng.choice(TAGS)
                    if (stored_text, start, end, tag) in spans:
                        continue
                    source.add_annotation(article_id, start, end, tag, f"{marker} #{n}")
                    spans.add((stored_text, start, end, tag))
            export_to_path(source, path, "json", ExportSelection())
        for suffix in ("", "-wal", "-shm"):
            Path(f"{source_db}{suffix}").unlink(missing_ok=True)
        return marker, spans

    def clipper_merge(self, path: Path) -> list[str]:
        return clipper(self.db, "import-annotations", str(path))

    def cli_merge(self, kill: bool = True, annotations: int = 150) -> Tally:
        tally = Tally(rounds=1)
        self.round_number += 1
        path = self.workdir / f"export{self.round_number}.json"
        marker, spans = self.export_file(path, annotations)
        with Store(self.db) as store:  # the file's spans already stored are skipped
            present = {
                (self.texts.get(a.article_id), a.start, a.end, a.tag)
                for a in store.list_annotations()
            }
        total = len(spans - present)
        cmd = self.clipper_merge(path)
        run = self._timed("cli-merge", lambda k: run_and_kill(cmd, k), kill)
        tally.kills += run.killed
        label = f"cli-merge #{self.round_number}"
        self._traceback(tally, label, run)
        if integrity(self.db) == "ok":
            with Store(self.db) as store:
                merged = [a for a in store.list_annotations() if a.note.startswith(marker + " #")]
            if len(merged) not in (0, total):
                tally.partial_bulk += 1
                tally.problem(f"{label}: {len(merged)} of {total} annotations merged")
            if run.returncode == 0 and not run.killed and len(merged) != total:
                tally.lost_annotations += 1
                tally.problem(f"{label}: acknowledged, {len(merged)} of {total} present")
            elif run.returncode not in (0, None) and not run.killed:
                tally.problem(f"{label}: exit {run.returncode}: {run.stderr[-300:]}")
            for a in merged:  # whatever the merge left is now part of the database
                self.ledger.acknowledge(a.id, state_of(a))
        path.unlink()
        self.ledger.verify(tally, label)
        return tally

    # the app -----------------------------------------------------------------------------

    def app_command(
        self, actions: int, articles: list[int] | None = None
    ) -> tuple[Path, list[str]]:
        """The window driver doing ``actions`` random edits (on ``articles`` only, if
        given), and its settings file."""
        self.round_number += 1
        settings = self.workdir / f"settings{self.round_number}.ini"
        seed = str(self.rng.randrange(2**31))
        cmd = [sys.executable, str(DRIVER), str(self.db), str(settings), seed, str(actions)]
        if articles is not None:
            cmd.append(",".join(map(str, articles)))
        return settings, cmd

    def app(self, kill: bool = True, actions: int = 25, within: float = 4.0) -> Tally:
        """One run of the window; killed ``0..within`` seconds after it was ready."""
        tally = Tally(rounds=1)
        settings, cmd = self.app_command(actions if not kill else 10**6)
        kill_after = self.rng.uniform(0.0, within) if kill else None
        run = run_and_kill(cmd, kill_after, wait_for='"ready"')
        tally.kills += run.killed
        label = f"app #{self.round_number}"
        self._traceback(tally, label, run)
        if not run.killed and run.returncode != 0:
            tally.problem(f"{label}: exit {run.returncode}: {run.stderr[-600:]}")
        pending = self.read_app_output(run.lines, tally)
        settings.unlink(missing_ok=True)
        self.ledger.verify(tally, label)
        self._check_typed_notes(pending, run, tally, label)
        return tally

    def _check_typed_notes(
        self, pending: list[tuple[int, str, float]], run: Run, tally: Tally, label: str
    ) -> None:
        """A note whose typing ended more than :data:`NOTE_GRACE` seconds before the kill
        must be saved (the editor saves 600 ms after the last keystroke); one typed later
        is not acknowledged yet and may be lost."""
        if not pending or not run.killed:
            return
        with Store(self.db) as store:
            for annotation_id, note, typed_at in pending:
                if run.killed_at - typed_at <= NOTE_GRACE:
                    tally.unsaved_notes_at_kill += 1
                    continue
                try:
                    saved = store.get_annotation(annotation_id).note
                except Exception:
                    saved = None
                if saved != note:
                    tally.lost_notes += 1
                    tally.problem(
                        f"{label}: note on {annotation_id} typed "
                        f"{run.killed_at - typed_at:.2f} s before the kill: {saved!r}"
                    )

    def read_app_output(self, lines: list[str], tally: Tally) -> list[tuple[int, str, float]]:
        """Feed the driver's acknowledgements to the ledger; returns the notes typed but
        not acknowledged when it died: (annotation id, note, when the typing ended)."""
        ledger = self.ledger
        pending_notes: dict[int, str] = {}
        typed_at: dict[int, float] = {}
        in_flight: list[dict[str, Any]] = []
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if "intent" in record:
                in_flight.append(record)
                if record["intent"] == "note":
                    pending_notes[record["id"]] = record["note"]
            elif "typed" in record:
                typed_at[int(record["typed"])] = float(record["t"])
            elif "done" in record:
                in_flight.clear()
            elif "ack" in record:
                annotation_id = int(record["id"])
                if record["ack"] == "del":
                    ledger.acknowledge(annotation_id, None)
                    continue
                state = (
                    record["article"],
                    record["start"],
                    record["end"],
                    record["tag"],
                    record["note"],
                )
                ledger.acknowledge(annotation_id, state, note=record["ack"] == "upd")
                if pending_notes.get(annotation_id) == record["note"]:
                    del pending_notes[annotation_id]
        # What may have been committed without an acknowledgement: the last action, and
        # a note still waiting for its save (typed < 600 ms before the kill).
        for record in in_flight:
            if record["intent"] == "add":
                ledger.maybe_added.append((record["article"], record["tag"]))
            elif record["intent"] == "del":
                ledger.maybe.setdefault(record["id"], set()).add(None)
            elif record["intent"] == "tag" and (want := ledger.expected.get(record["id"])):
                ledger.maybe.setdefault(record["id"], set()).update(
                    (*want[:3], tag, want[4]) for tag in TAGS
                )
        for annotation_id, note in pending_notes.items():
            want = ledger.expected.get(annotation_id)
            if want is not None:
                ledger.maybe.setdefault(annotation_id, set()).add((*want[:4], note))
        for record in in_flight:  # typed, saved, then Ctrl+Z: the old note may be back
            want = ledger.expected.get(record.get("id", -1))
            if record["intent"] == "note" and record["how"] == "undo" and want is not None:
                ledger.maybe.setdefault(record["id"], set()).add((*want[:4], record["old"]))
                pending_notes.pop(record["id"], None)  # undone on purpose
        return [
            (i, note, typed_at.get(i, float("inf")))  # not typed yet: not a loss
            for i, note in pending_notes.items()
        ]


def _pasted(text: str) -> Any:
    from clipper.importers import read_pasted_text

    return read_pasted_text(text)
