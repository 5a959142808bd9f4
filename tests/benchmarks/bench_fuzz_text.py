"""Fuzzing the text importer: random bytes and mutated real text, never a traceback or a hang.

Run: ``python tests/benchmarks/bench_fuzz_text.py [--cases 100000] [--seed 8]``.

Cases run in child processes of ``--chunk`` cases each (seeded, so any failure can be
replayed); a child that dies from a signal counts as a *crash*, one that runs past
``--timeout`` seconds as a *hang*. Inside a child, :func:`clipper.importers.text.read_text`
must return an article or raise :class:`~clipper.errors.ImportFailed`; anything else is a
*traceback* (the first few are printed). Inputs: random bytes (0-2,000), random high bytes
with spaces, and real text (Wikinews and the encoding fixtures, in cp1252, cp1250, cp1251,
UTF-8 and UTF-16) with 1-30 random flips, cuts, insertions and duplications. Prints JSON
lines and a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
import traceback
from pathlib import Path

from _report import emit, table

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CODECS = ("cp1252", "cp1250", "cp1251", "utf-8", "utf-16-le", "utf-16")


def seeds() -> list[bytes]:
    texts = [p.read_text("utf-8") for p in sorted((FIXTURES / "encodings").glob("lines_*.txt"))]
    texts += [p.read_text("utf-8") for p in sorted((FIXTURES / "articles").glob("*.txt"))[:3]]
    out = []
    for text in texts:
        for codec in CODECS:
            try:
                out.append(text.encode(codec))
            except UnicodeEncodeError:
                continue
    return out


def make_case(rng: random.Random, real: list[bytes]) -> bytes:
    kind = rng.random()
    if kind < 0.2:
        return rng.randbytes(rng.randint(0, 2000))
    if kind < 0.3:
        return bytes(rng.choice(b"  \x80\x9f\xa3\xc0\xe9\xff\xd0\xf1") for _ in range(400))
    data = bytearray(rng.choice(real))
    for _ in range(rng.randint(1, 30)):
        at = rng.randint(0, max(0, len(data) - 1))
        action = rng.random()
        if action < 0.4 and data:
            data[at] = rng.randrange(256)
        elif action < 0.6:
            del data[at : at + rng.randint(1, 200)]
        elif action < 0.85:
            data[at:at] = rng.randbytes(rng.randint(1, 16))
        else:
            data[at:at] = data[at : at + rng.randint(1, 500)]
    return bytes(data)


def child(seed: int, count: int) -> None:
    sys.path.insert(0, str(ROOT))
    from clipper.errors import ImportFailed
    from clipper.importers.text import read_text

    rng = random.Random(seed)
    real = seeds()
    tracebacks: list[str] = []
    results = {"ok": 0, "refused": 0, "tracebacks": 0, "warned": 0, "slowest_ms": 0.0}
    for _ in range(count):
        data = make_case(rng, real)
        start = time.perf_counter()
        try:
            article = read_text(data, "fuzz.txt")
            results["ok"] += 1
            results["warned"] += bool(article.warnings)
        except ImportFailed:
            results["refused"] += 1
        except Exception:
            results["tracebacks"] += 1
            if len(tracebacks) < 3:
                tracebacks.append(traceback.format_exc())
        results["slowest_ms"] = max(results["slowest_ms"], (time.perf_counter() - start) * 1000)
    print(json.dumps({**results, "examples": tracebacks}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    totals = {"ok": 0, "refused": 0, "tracebacks": 0, "warned": 0, "slowest_ms": 0.0}
    crashes = hangs = run = 0
    start = time.perf_counter()
    for index, first in enumerate(range(0, args.cases, args.chunk)):
        count = min(args.chunk, args.cases - first)
        command = [sys.executable, __file__, "--child", str(args.seed * 1000 + index), str(count)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            hangs += 1
            print(f"hang in chunk {index} (seed {args.seed * 1000 + index})", file=sys.stderr)
            continue
        if done.returncode != 0:
            crashes += 1
            print(f"chunk {index} died ({done.returncode}): {done.stderr[-2000:]}", file=sys.stderr)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        for example in result.pop("examples"):
            print(example, file=sys.stderr)
        run += count
        for key in ("ok", "refused", "tracebacks", "warned"):
            totals[key] += result[key]
        totals["slowest_ms"] = max(totals["slowest_ms"], result["slowest_ms"])
    elapsed = time.perf_counter() - start
    emit("fuzz text: cases run", run, "cases")
    emit("fuzz text: imported", totals["ok"], "cases", warned=totals["warned"])
    emit("fuzz text: refused with ImportFailed", totals["refused"], "cases")
    emit("fuzz text: tracebacks", totals["tracebacks"], "cases", goal="0")
    emit("fuzz text: crashes (child killed by a signal)", crashes, "chunks", goal="0")
    emit("fuzz text: hangs (chunk past --timeout)", hangs, "chunks", goal="0")
    emit("fuzz text: slowest case", totals["slowest_ms"], "ms")
    emit("fuzz text: wall time", elapsed, "s")
    table("Text importer fuzzing")


if __name__ == "__main__":
    main()
