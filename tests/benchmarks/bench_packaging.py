"""Packaging figures: wheel build, a fully fresh install, first window, standalone bundle.

Run from the project root: ``python tests/benchmarks/bench_packaging.py [--build] [--runs N]``.

- wheel: build time and size (pip wheel --no-deps, the installed hatchling).
- fresh venv: ``python -m venv`` with NO system site-packages, ``pip install <wheel>`` with
  every dependency from the package index. It is done twice in new venvs: the first run
  warms pip's cache (if it was cold), the second is the "warm package cache" figure the goal
  talks about. Then the first start of the installed ``clipper gui`` to a painted window
  (offscreen, CLIPPER_QUIT_AFTER_PAINT=1) and the median of warm starts.
- bundle: dist/clipper (``--build`` runs packaging/build.sh first, and times it): size on
  disk, file count, and start to a painted window with an empty environment (env -i), median
  of ``--runs``; ``--version`` start for comparison.
- reference: the same GUI start from the checkout's interpreter (``python -m clipper``).

Prints one JSON object per line, then a table; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import emit, table

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "clipper"
PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
GUI_ENV = {"QT_QPA_PLATFORM": "offscreen", "CLIPPER_QUIT_AFTER_PAINT": "1"}


def timed(
    command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> float:
    """Seconds ``command`` took; raises if it failed."""
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        name = " ".join(command)
        raise SystemExit(f"{name} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CLIPPER_", "QT_"))}
    return {**env, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), **extra}


def empty_env(home: Path, **extra: str) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", **extra}


def du_mb(path: Path) -> float:
    """MiB in regular files (PyInstaller's symlinks to Qt's libraries not counted twice)."""
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 2**20


def build_wheel(out: Path) -> Path:
    seconds = timed([*PIP_WHEEL, "-w", str(out), str(ROOT)])
    (wheel,) = out.glob("clipper-*.whl")
    emit("wheel build", seconds, "s")
    emit("wheel size", wheel.stat().st_size / 1e3, "kB")
    return wheel


def fresh_install(wheel: Path, work: Path, label: str, runs: int) -> None:
    env_dir = work / f"venv-{label}"
    home = work / f"home-{label}"
    home.mkdir()
    t_venv = timed([sys.executable, "-m", "venv", str(env_dir)])
    t_pip = timed([str(env_dir / "bin" / "pip"), "install", "-q", str(wheel)], env=clean_env(home))
    gui = [str(env_dir / "bin" / "clipper"), "--db", str(home / "c.db"), "gui"]
    t_first = timed(gui, env=clean_env(home, **GUI_ENV), cwd=home)
    total = t_venv + t_pip + t_first
    emit(f"fresh venv ({label} cache): create venv", t_venv, "s")
    emit(f"fresh venv ({label} cache): pip install wheel + deps", t_pip, "s")
    emit(f"fresh venv ({label} cache): first window after install", t_first, "s")
    emit(f"fresh venv ({label} cache): install + first window", total, "s", goal="<= 60 s (warm)")
    emit(f"fresh venv ({label} cache): size on disk", du_mb(env_dir), "MiB")
    if label == "warm":
        warm = [timed(gui, env=clean_env(home, **GUI_ENV), cwd=home) for _ in range(runs)]
        emit("installed app: start to painted window (median)", statistics.median(warm), "s")


def bundle_figures(work: Path, runs: int) -> None:
    exe = BUNDLE / "clipper"
    if not exe.exists():
        print(f"no bundle at {BUNDLE}: run with --build (or packaging/build.sh)", file=sys.stderr)
        return
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    emit("bundle size (uncompressed)", du_mb(BUNDLE), "MiB", goal="<= 250 MB")
    emit("bundle files", len(files), "files")
    home = work / "bundle-home"
    home.mkdir()
    db = str(home / "c.db")
    version = [timed([str(exe), "--version"], env=empty_env(home), cwd=home) for _ in range(runs)]
    emit("bundle: --version (median)", statistics.median(version), "s")
    first = timed([str(exe), "--db", db, "gui"], env=empty_env(home, **GUI_ENV), cwd=home)
    emit("bundle: first start to painted window", first, "s")
    starts = [
        timed([str(exe), "--db", db, "gui"], env=empty_env(home, **GUI_ENV), cwd=home)
        for _ in range(runs)
    ]
    median = statistics.median(starts)
    emit("bundle: start to painted window (median)", median, "s", goal="<= 1.5 s")
    emit("bundle: start to painted window (max)", max(starts), "s")


def reference(work: Path, runs: int) -> None:
    home = work / "ref-home"
    home.mkdir()
    command = [sys.executable, "-m", "clipper", "--db", str(home / "c.db"), "gui"]
    env = {**clean_env(home, **GUI_ENV), "PYTHONPATH": str(ROOT)}
    starts = [timed(command, env=env, cwd=home) for _ in range(runs)]
    emit("reference: checkout python -m clipper gui (median)", statistics.median(starts), "s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="store_true", help="run packaging/build.sh first")
    parser.add_argument("--runs", type=int, default=5, help="repetitions of start-up timings")
    parser.add_argument("--skip-venv", action="store_true", help="no fresh-venv installs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-packaging-") as tmp:
        work = Path(tmp)
        if args.build:
            seconds = timed(["bash", str(ROOT / "packaging" / "build.sh")])
            emit("bundle build (packaging/build.sh)", seconds, "s")
        wheel = build_wheel(work / "wheel")
        if not args.skip_venv:
            fresh_install(wheel, work, "first", args.runs)
            fresh_install(wheel, work, "warm", args.runs)
        bundle_figures(work, args.runs)
        reference(work, args.runs)
        shutil.rmtree(work, ignore_errors=True)
    table("Packaging (2-core machine; offscreen Qt)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
