"""Fuzz benchmark for import-annotations (issue 8): ≥ 100,000 hostile JSON files.

Half are valid exports with mutated fields, types or nesting, half are valid exports with
random byte edits (``tests/json_cases.py``), in every layout. Each case is merged into a
real database file by a worker *process*, so a segfault is counted as a crash (and the
worker restarted) and a case that takes over ``--timeout`` seconds as a hang. A case may
only succeed or fail with Clipper's own error; a refused file must leave the database
exactly as it was (all rows compared).

Run: python tests/benchmarks/bench_fuzz_json.py [--cases N] [--workers N] [--seed S]
Prints one JSON object per line ({"name", "value", "unit"}), then a table. Asserts nothing.
Failing cases are saved to --keep (default: a temporary folder, printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from _report import emit, table  # noqa: E402
from json_cases import case  # noqa: E402

_FRAME = struct.Struct("<I")


# -- the worker process ----------------------------------------------------------------------


def _snapshot(store: Any) -> list[list[tuple[Any, ...]]]:
    return [
        store.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
        for table in ("tags", "articles", "annotations", "article_layouts")
    ]


def _restore(store: Any, before: list[list[tuple[Any, ...]]]) -> None:
    with store.transaction():
        store.db.execute("DELETE FROM annotations")
        store.db.execute("DELETE FROM articles")
        store.db.execute("DELETE FROM tags WHERE builtin = 0")
        for name, rows in zip(("tags", "articles", "annotations"), before, strict=False):
            for row in rows:
                marks = ", ".join("?" * len(row))
                store.db.execute(f"INSERT OR REPLACE INTO {name} VALUES ({marks})", list(row))


def worker(folder: Path) -> None:
    """Read framed cases from stdin, answer one JSON line per case on stdout."""
    from clipper.errors import ClipperError
    from clipper.library import open_sample
    from clipper.operations.merge import merge_export
    from clipper.store import Store

    db = folder / f"worker-{os.getpid()}.db"
    path = folder / f"case-{os.getpid()}.json"
    with Store(db) as store:
        article = open_sample(store)
        store.add_annotation(article.id, 0, 8, "figure", note="mine")
        baseline = _snapshot(store)
        stdin, stdout = sys.stdin.buffer, sys.stdout
        while header := stdin.read(_FRAME.size):
            path.write_bytes(stdin.read(_FRAME.unpack(header)[0]))
            answer: dict[str, Any]
            try:
                merge_export(store, path)
                answer = {"result": "ok"}
            except ClipperError as error:
                answer = {"result": "refused", "message": error.message[:200]}
                if _snapshot(store) != baseline:
                    answer = {"result": "changed", "message": error.message[:200]}
            except Exception:
                answer = {"result": "traceback", "message": traceback.format_exc()[-2000:]}
            if answer["result"] != "refused" and _snapshot(store) != baseline:
                _restore(store, baseline)
            stdout.write(json.dumps(answer) + "\n")
            stdout.flush()


# -- the driver ----------------------------------------------------------------------------------


class Runner:
    """One worker process, restarted after a crash or a hang."""

    def __init__(self, folder: Path, timeout: float) -> None:
        self.folder = folder
        self.timeout = timeout
        self.process: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, __file__, "--worker", str(self.folder)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        return self.process

    def run(self, data: bytes) -> dict[str, Any]:
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(_FRAME.pack(len(data)) + data)
            process.stdin.flush()
        except BrokenPipeError:
            return self._crashed(process)
        ready, _, _ = select.select([process.stdout], [], [], self.timeout)
        if not ready:
            process.kill()
            process.wait()
            return {"result": "hang"}
        line = process.stdout.readline()
        if not line:
            return self._crashed(process)
        answer: dict[str, Any] = json.loads(line)
        return answer

    def _crashed(self, process: subprocess.Popen[bytes]) -> dict[str, Any]:
        code = process.wait()
        return {"result": "crash", "message": f"worker exit status {code}"}

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a hang")
    parser.add_argument("--keep", type=Path, help="folder for the failing cases")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    keep = args.keep or Path(tempfile.mkdtemp(prefix="fuzz-json-failures-"))
    keep.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    messages: Counter[str] = Counter()
    lock = threading.Lock()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as name:

        def drive(worker_number: int) -> None:
            runner = Runner(Path(name), args.timeout)
            try:
                for index in range(worker_number, args.cases, args.workers):
                    data = case(random.Random(args.seed * 1_000_003 + index))
                    answer = runner.run(data)
                    with lock:
                        counts[answer["result"]] += 1
                        if answer["result"] == "refused":
                            messages[answer["message"].split(":")[0][:60]] += 1
                        elif answer["result"] != "ok":
                            (keep / f"case-{index}.json").write_bytes(data)
                            (keep / f"case-{index}.txt").write_text(json.dumps(answer))
            finally:
                runner.close()

        threads = [threading.Thread(target=drive, args=(n,)) for n in range(args.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    seconds = time.perf_counter() - start
    emit("fuzz_json_cases", sum(counts.values()), "cases", seed=args.seed)
    emit("fuzz_json_merged", counts["ok"], "cases")
    emit("fuzz_json_refused_with_clipper_error", counts["refused"], "cases")
    emit("fuzz_json_tracebacks", counts["traceback"], "cases", goal="0")
    emit("fuzz_json_crashes", counts["crash"], "cases", goal="0")
    emit("fuzz_json_hangs", counts["hang"], "cases", goal="0", timeout_s=args.timeout)
    emit("fuzz_json_refused_but_database_changed", counts["changed"], "cases", goal="0")
    emit("fuzz_json_cases_per_second", sum(counts.values()) / seconds, "cases/s")
    failures = sum(counts[k] for k in ("traceback", "crash", "hang", "changed"))
    print(json.dumps({"failing_cases_kept_in": str(keep), "failures": failures}))
    print(json.dumps({"most_common_refusals": messages.most_common(12)}))
    table(f"import-annotations fuzzing ({sum(counts.values()):,} cases)")


if __name__ == "__main__":
    main()
