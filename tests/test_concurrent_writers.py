"""Two ``clipper`` command-line writers and the app write at once: nothing is lost.

Real processes on one database file: the window (``tests/crash_app_driver.py``, real key
presses) tags and writes notes, two loops run ``clipper annotate``, and ``clipper
import-annotations`` merges a file of ~300 annotations, all at the same time. A reader in
this process watches the merge: it sees none of the file's annotations or all of them,
never a part.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from crash_harness import Ledger, Run, Tally, Writers, integrity, run_and_kill

from clipper.store import Store

pytestmark = pytest.mark.slow


def test_two_cli_writers_and_the_app_lose_nothing(tmp_path: Path) -> None:
    writers = Writers(tmp_path, seed=44)
    ledger: Ledger = writers.ledger
    exports = []
    for n in range(3):
        path = tmp_path / f"colleague{n}.json"
        exports.append((path, *writers.export_file(path, 100)))
    annotate = [[writers.annotate_command() for _ in range(12)] for _loop in range(2)]
    # The window edits the other articles: the reader's count of merged annotations
    # then changes only by the merge.
    merged_into = {
        a for a, text in writers.texts.items() for e in exports if any(s[0] == text for s in e[2])
    }
    _settings, app_cmd = writers.app_command(40, sorted(set(writers.texts) - merged_into))
    runs: dict[str, list[tuple[object, Run]]] = {"cli": [], "app": [], "merge": []}
    seen: dict[str, set[int]] = {marker: set() for _p, marker, _s in exports}
    stop = threading.Event()
    times: dict[str, float] = {}

    def cli_loop(commands: list[tuple[object, list[str]]]) -> None:
        for intent, cmd in commands:
            runs["cli"].append((intent, run_and_kill(cmd, None)))

    def app() -> None:
        runs["app"].append((None, run_and_kill(app_cmd, None, wait_for='"ready"')))
        times["app ended"] = time.monotonic()

    def merge() -> None:
        with Store(writers.db) as store:  # start once the others are writing
            while store.count_annotations() < 5 and not stop.is_set():
                stop.wait(0.02)
        times["merges started"] = time.monotonic()
        for path, _marker, _spans in exports:
            runs["merge"].append((None, run_and_kill(writers.clipper_merge(path), None)))

    def reader() -> None:
        with Store(writers.db) as store:
            while not stop.is_set():
                notes = [a.note for a in store.list_annotations()]
                for marker, counts in seen.items():
                    counts.add(sum(n.startswith(marker + " #") for n in notes))

    threads = [threading.Thread(target=cli_loop, args=(c,)) for c in annotate]
    threads += [threading.Thread(target=f) for f in (app, merge)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    stop.set()
    watcher.join(30)

    for intent, run in runs["cli"]:
        assert run.returncode == 0, run.stderr
        ledger.acknowledge(int(run.lines[-1].split('"id": ')[1].split(",")[0]), intent)  # type: ignore[arg-type]
    ((_, app_run),) = runs["app"]
    assert app_run.returncode == 0, app_run.stderr
    tally = Tally()
    writers.read_app_output(app_run.lines, tally)
    assert times["merges started"] < times["app ended"]  # they did overlap
    assert len(runs["merge"]) == len(exports)
    for _, merge_run in runs["merge"]:
        assert merge_run.returncode == 0, merge_run.stderr

    assert integrity(writers.db) == "ok"
    with Store(writers.db) as store:
        stored = store.list_annotations()
    for _path, marker, spans in exports:
        merged = [a for a in stored if a.note.startswith(marker + " #")]
        assert len(merged) == len(spans)
        assert seen[marker] <= {0, len(spans)}, f"a reader saw part of a merge: {seen[marker]}"
        assert seen[marker] == {0, len(spans)}  # the reader watched it happen
        for a in merged:
            ledger.acknowledge(a.id, (a.article_id, a.start, a.end, a.tag, a.note))
    ledger.verify(tally, "concurrent")
    assert tally.problems == []
    assert tally.failures() == 0
    assert tally.unsaved_notes_at_kill == 0
    assert tally.acknowledged >= 24 + 3 * 200


def test_merges_succeed_while_cli_writers_write(tmp_path: Path) -> None:
    writers = Writers(tmp_path, seed=5)
    exports = []
    for n in range(6):
        path = tmp_path / f"export{n}.json"
        writers.export_file(path, 150)
        exports.append(path)
    loops = [[writers.annotate_command()[1] for _ in range(15)] for _loop in range(3)]
    failures: list[str] = []

    def annotate(commands: list[list[str]]) -> None:
        for cmd in commands:
            run = run_and_kill(cmd, None)
            if run.returncode != 0:
                failures.append(f"annotate: {run.stderr[-300:]}")

    threads = [threading.Thread(target=annotate, args=(c,)) for c in loops]
    for t in threads:
        t.start()
    for path in exports:
        run = run_and_kill(writers.clipper_merge(path), None)
        if run.returncode != 0:
            failures.append(f"merge: {run.stderr[-300:]}")
    for t in threads:
        t.join(300)
    assert integrity(writers.db) == "ok"
    assert failures == []
