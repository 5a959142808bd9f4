"""Byte-mutation fuzzing of the importers in a reused worker process.

:func:`mutate` damages real files the way transfers and hostile editors do (flipped,
dropped, repeated and inserted bytes, plus format tokens). :class:`Fuzzer` feeds cases to a
worker process (this file run as a script) that calls :func:`clipper.importers.read_file`
on each; the worker is reused for many cases and started again only after a crash or a
hang, so hangs and crashes are counted instead of stopping the run.

Outcomes: ``imported``, ``refused`` (one of Clipper's own errors: ImportFailed, NeedsOcr,
InputTooLarge …), ``traceback`` (any other exception: a bug), ``crash`` (the worker died)
and ``hang`` (no answer within the timeout).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import select
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Address space of the worker: a memory blow-up shows as an error, not a dead machine.
WORKER_MEMORY = 3 * 1024**3

PDF_TOKENS = [
    b"obj", b"endobj", b"stream", b"endstream", b"<<", b">>", b"[", b"]", b"R", b"0 R",
    b"/FlateDecode", b"/Filter", b"/Length 999999999", b"/Length -1", b"/Type /Page",
    b"/Kids [1 0 R]", b"/Count 2147483648", b"/Contents", b"/Resources", b"/Font", b"BT",
    b"ET", b"Tj", b"TJ", b"Tf", b"Do", b"q", b"Q", b"cm", b"xref", b"trailer", b"startxref",
    b"%%EOF", b"/Encrypt", b"/ObjStm", b"/XRef", b"/W [1 2 1]", b"1e308", b"-0", b"(",
    b")", b"\\", b"<", b">", b"/", b"%", b"\x00", b"\xff", b"99999999999999999999",
]  # fmt: skip
HTML_TOKENS = [
    b"<", b">", b"</", b"/>", b"<div>", b"</div>", b"<p>", b"</p>", b"<article>", b"<table>",
    b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<?xml version='1.0'?>", b"<!DOCTYPE html>",
    b"&", b"&amp;", b"&#0;", b"&#x10FFFF;", b"&#99999999;", b"&nbsp", b"<script>",
    b"</script>", b"<style>", b"<meta charset=utf-16>", b"<meta charset=x-bogus>",
    b"<meta charset=cp1252>", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xe2\x80",
    b"<svg>", b"<math>", b"<template>", b"<noscript>", b"\r", "\u2028".encode(),
    b'<html lang="x">', b"<time datetime='9999-99-99'>", b'<meta property="og:title" content="',
    b'<script type="application/ld+json">{"@type":"NewsArticle","datePublished":',
]  # fmt: skip


_TEXTUAL = b" \n<>&;\"'/=#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def mutate(data: bytes, rng: random.Random, tokens: list[bytes], *, textual: bool = False) -> bytes:
    """1-8 random edits of ``data``; ``textual``: new bytes are ASCII (so a page stays valid
    UTF-8 and reaches the HTML extraction instead of the encoding checks)."""
    out = bytearray(data)
    alphabet = _TEXTUAL if textual else bytes(range(256))
    if textual:
        tokens = [token for token in tokens if token.isascii()]
    for _ in range(rng.randint(1, 8)):
        if not out:
            out += rng.choice(tokens)
            continue
        at = rng.randrange(len(out))
        choice = rng.random()
        if choice < 0.35:
            out[at] = rng.choice(alphabet)
        elif choice < 0.5 and not textual:
            out[at] ^= 1 << rng.randrange(8)
        elif choice < 0.65:
            del out[at : at + rng.choice((1, 2, 8, 64, 512))]
        elif choice < 0.8:
            out[at:at] = rng.choice(tokens)
        elif choice < 0.9:
            size = rng.choice((4, 32, 256))
            out[at:at] = out[at : at + size] * rng.choice((2, 10, 100))
        elif choice < 0.95:
            del out[at:]
        else:
            out[at:at] = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 32)))
    return bytes(out)


@dataclass
class Report:
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    #: Messages of the limits hit (:class:`~clipper.errors.InputTooLarge`).
    limits: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (saved case, detail)
    seconds: float = 0.0

    @property
    def cases(self) -> int:
        return sum(self.outcomes.values())

    @property
    def bad(self) -> int:
        return sum(self.outcomes[k] for k in ("traceback", "crash", "hang"))


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))


class Fuzzer:
    """Runs cases in a worker process, restarting it after a crash or a hang."""

    def __init__(self, suffix: str, timeout: float = 90.0, keep: Path | None = None) -> None:
        self.suffix = suffix
        self.timeout = timeout
        self.keep = keep
        self.folder = Path(tempfile.mkdtemp(prefix="clipper-fuzz-"))
        self.case = self.folder / f"case{suffix}"
        self.worker: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        env = {**os.environ, "CLIPPER_PDF_WORKERS": "1", "PYTHONPATH": str(ROOT)}
        return subprocess.Popen(
            [sys.executable, __file__, "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=self.folder,
            preexec_fn=_limit_memory,
        )

    def _stop(self) -> int | None:
        """End the worker (if any) and close its pipes; its exit status."""
        worker, self.worker = self.worker, None
        if worker is None:
            return None
        if worker.poll() is None:
            worker.kill()
        status = worker.wait()
        for pipe in (worker.stdin, worker.stdout):
            if pipe is not None:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()
        return status

    def run(self, data: bytes, report: Report) -> str:
        """One case: returns its outcome and adds it to ``report``."""
        started = time.monotonic()
        self.case.write_bytes(data)
        if self.worker is None:
            self.worker = self._start()
        worker = self.worker
        assert worker.stdin is not None and worker.stdout is not None
        try:
            worker.stdin.write(str(self.case) + "\n")
            worker.stdin.flush()
        except BrokenPipeError:
            pass
        ready, _, _ = select.select([worker.stdout], [], [], self.timeout)
        line = worker.stdout.readline() if ready else None
        if line is None:
            outcome, detail = "hang", f"no answer in {self.timeout:g} s"
            self._stop()
        elif not line:
            outcome, detail = "crash", f"worker exit status {self._stop()}"
        else:
            answer = json.loads(line)
            outcome, detail = answer["outcome"], answer.get("detail", "")
            if outcome == "refused":
                report.errors[detail] += 1
                if detail == "InputTooLarge":
                    report.limits[answer.get("message", "")[:160]] += 1
        report.outcomes[outcome] += 1
        report.seconds += time.monotonic() - started
        if outcome == "refused" and detail == "InputTooLarge" and self.keep is not None:
            self.keep.mkdir(parents=True, exist_ok=True)  # limits hit: worth a look
            (self.keep / f"limit-{sum(report.limits.values())}{self.suffix}").write_bytes(data)
        if outcome in ("traceback", "crash", "hang"):
            saved = ""
            if self.keep is not None:
                self.keep.mkdir(parents=True, exist_ok=True)
                target = self.keep / f"{outcome}-{report.outcomes[outcome]}{self.suffix}"
                target.write_bytes(data)
                saved = str(target)
            report.failures.append((saved, detail))
        return outcome

    def close(self) -> None:
        self._stop()
        for path in self.folder.iterdir():
            path.unlink()
        self.folder.rmdir()


def fuzz(
    sources: list[Path],
    tokens: list[bytes],
    cases: int,
    *,
    seed: int = 0,
    minutes: float | None = None,
    timeout: float = 90.0,
    keep: Path | None = None,
    progress: int = 0,
) -> Report:
    """Run up to ``cases`` mutated copies of ``sources`` (or stop after ``minutes``)."""
    rng = random.Random(seed)
    originals = [(p.suffix, p.read_bytes()) for p in sources]
    report = Report()
    fuzzers: dict[str, Fuzzer] = {}
    deadline = time.monotonic() + 60 * minutes if minutes else float("inf")
    try:
        for number in range(cases):
            if time.monotonic() > deadline:
                break
            suffix, data = rng.choice(originals)
            fuzzer = fuzzers.get(suffix) or fuzzers.setdefault(
                suffix, Fuzzer(suffix, timeout, keep)
            )
            textual = suffix != ".pdf" and rng.random() < 0.5
            fuzzer.run(mutate(data, rng, tokens, textual=textual), report)
            if progress and (number + 1) % progress == 0:
                print(
                    f"# {number + 1} cases, {dict(report.outcomes)}, "
                    f"{report.cases / report.seconds:.1f} cases/s",
                    file=sys.stderr,
                    flush=True,
                )
    finally:
        for fuzzer in fuzzers.values():
            fuzzer.close()
    return report


def pdf_seeds(sources: list[Path], folder: Path, pages: int = 2) -> list[Path]:
    """Real PDFs to mutate, kept short so that a case takes milliseconds: files of up to
    ``pages`` pages as they are, the first ``pages`` pages of longer ones (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    seeds: list[Path] = []
    for source in sources:
        try:
            reader = PdfReader(source)
            count = len(reader.pages)
        except Exception:  # encrypted, damaged: mutate the file as it is
            seeds.append(source)
            continue
        if count <= pages:
            seeds.append(source)
            continue
        writer = PdfWriter()
        for page in reader.pages[:pages]:
            writer.add_page(page)
        target = folder / source.name
        with target.open("wb") as handle:
            writer.write(handle)
        seeds.append(target)
    return seeds


def html_seeds(sources: list[Path], folder: Path) -> list[Path]:
    """The saved pages, and a short page per article text (fast cases)."""
    seeds = list(sources)
    articles = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
    for article in articles:
        title, _, body = article.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n") if p.strip())
        page = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="author" content="Wikinews"></head><body><nav><a href="/">Home</a>'
            f"</nav><article><h1>{title}</h1>{paragraphs}</article><footer>(c)</footer>"
            "</body></html>"
        )
        target = folder / f"{article.stem}.html"
        target.write_text(page, encoding="utf-8")
        seeds.append(target)
    return seeds


def _serve() -> None:
    """Worker: read a path per line, import it, answer one JSON line."""
    import traceback

    from clipper.errors import ClipperError
    from clipper.importers import read_file

    for line in sys.stdin:
        try:
            read_file(line.rstrip("\n"))
            answer = {"outcome": "imported"}
        except ClipperError as error:
            answer = {"outcome": "refused", "detail": type(error).__name__}
            answer["message"] = error.message
        except Exception:
            answer = {"outcome": "traceback", "detail": traceback.format_exc(limit=-6)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _serve()
