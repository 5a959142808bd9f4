"""OCR of image-only PDFs with OCRmyPDF, then the normal PDF import.

Only `ocrmypdf <https://ocrmypdf.readthedocs.io/>`_ is supported: it adds an invisible text
layer to each scanned page (Tesseract does the recognition), so the result is an ordinary
PDF that :func:`~clipper.importers.pdf.read_pdf` reads with pages and boxes. Tesseract on
its own would need rasterising, per-page PDFs and merging; that is what ocrmypdf is for.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from clipper.errors import Cancelled, Hint, ImportFailed, NeedsOcr
from clipper.model import ImportedArticle
from clipper.progress import CancelCheck, ProgressCallback, check_cancel

#: How often a running ocrmypdf is checked for the end or a cancel (seconds).
POLL_SECONDS = 0.1
#: How long ocrmypdf gets to stop after a cancel before it is killed (seconds).
STOP_SECONDS = 5.0
#: Tesseract language codes: ``eng``, ``chi_sim``, several joined with ``+``.
_LANGUAGE = re.compile(r"^[A-Za-z_]+(\+[A-Za-z_]+)*$")
#: ocrmypdf's exit statuses (``ocrmypdf.ExitCode``) worth a message of their own.
_INPUT_FILE, _MISSING_DEPENDENCY, _ENCRYPTED = 2, 3, 8

INSTALL_HINT = "sudo apt install ocrmypdf tesseract-ocr-eng"
#: The language OCR uses unless the user chooses another.
DEFAULT_LANGUAGE = "eng"
#: ocrmypdf -v1 logs "Start processing N pages" once, then "  <page> Grafting" per page done.
_PAGES_TOTAL = re.compile(rb"Start processing (\d+) pages")
_PAGE_DONE = re.compile(rb"^\s*(\d+) Grafting", re.MULTILINE)
#: Every per-page line starts with the page number (a one-page run has no "Start" line).
_PAGE_LINE = re.compile(rb"^\s+(\d+) ", re.MULTILINE)
#: Debug lines of ``-v1`` that are not worth quoting in an error message.
_DEBUG_LINE = re.compile(r"^(\d+\s|Running: |Opened a file|os\.symlink|stdout/stderr|xref )")
#: Tesseract data that are not languages (orientation and script detection).
_NOT_LANGUAGES = frozenset({"osd", "equ"})


def ocr_available() -> bool:
    """``True`` when ``ocrmypdf`` is on ``PATH`` (it brings Tesseract along)."""
    return shutil.which("ocrmypdf") is not None


def is_language_code(language: str) -> bool:
    """``eng``, ``chi_sim``, ``eng+fra``: the form of Tesseract language codes."""
    return _LANGUAGE.match(language) is not None


def installed_languages() -> list[str]:
    """The languages Tesseract has data for (``tesseract --list-langs``), sorted; empty when
    Tesseract is not installed or does not answer."""
    executable = shutil.which("tesseract")
    if executable is None:
        return []
    try:
        listing = subprocess.run(
            [executable, "--list-langs"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    # The first line ("List of available languages in …") ends with a colon.
    lines = (listing.stdout or listing.stderr).decode("utf-8", errors="replace").splitlines()
    codes = {line.strip() for line in lines if line.strip() and not line.rstrip().endswith(":")}
    return sorted(code for code in codes if _LANGUAGE.match(code) and code not in _NOT_LANGUAGES)


def language_package(language: str) -> str:
    """The Debian package(s) with Tesseract's data for ``language``, e.g. tesseract-ocr-fra."""
    codes = language.lower().replace("_", "-").split("+")
    return " ".join(f"tesseract-ocr-{code}" for code in codes)


def ocr_warning(language: str) -> str:
    return (
        f"text from OCR (ocrmypdf, language {language}): check quotes and figures against "
        "the page image"
    )


def ocr_pdf(
    path: str | Path,
    *,
    language: str = "eng",
    cancel: CancelCheck | None = None,
    workdir: str | Path | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
) -> Path:
    """Add a text layer to ``path`` with ocrmypdf; return the new PDF.

    The result is written into ``workdir``, or else into a new temporary folder that the
    caller removes (``shutil.rmtree(result.parent)``). Pages that already have text are
    left alone (``--skip-text``), unless ``force``: then every page is rasterised and
    recognised, replacing a text layer that cannot be decoded (``--force-ocr``).
    ``progress(pages done, pages)`` is called while ocrmypdf works (at least once a
    second, so a display can show the time going by). Raises :class:`ImportFailed` with
    what to do, or :class:`Cancelled` (ocrmypdf and its Tesseract processes are stopped).
    """
    source = Path(path)
    if not is_language_code(language):
        raise ImportFailed(
            f"{language!r} is not a Tesseract language code: use codes such as eng, fra, deu "
            "or chi_sim, several joined with + (eng+fra)."
        )
    executable = shutil.which("ocrmypdf")
    if executable is None:
        raise ImportFailed(
            f"{source.name} needs OCR, but OCRmyPDF is not installed. Install it "
            f"(`{INSTALL_HINT}`) and try again."
        )
    check_cancel(cancel)
    own_folder = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="clipper-ocr-")) if workdir is None else Path(workdir)
    output = folder / f"{source.stem}-ocr.pdf"
    try:
        mode = "--force-ocr" if force else "--skip-text"
        # -v1: the log says how many pages there are and when each is done (progress).
        command = [executable, mode, "--output-type", "pdf", "-l", language, "-v1"]
        # "--" and absolute paths: a file named "-x.pdf" is a file, never an option.
        files = [os.path.abspath(source), os.path.abspath(output)]
        _run([*command, "--", *files], folder, source.name, language, cancel, progress)
    except BaseException:
        if own_folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return output


def _run(
    command: list[str],
    folder: Path,
    name: str,
    language: str,
    cancel: CancelCheck | None,
    progress: ProgressCallback | None = None,
) -> None:
    """Run ocrmypdf, polling for the end or a cancel; stderr goes to a file (no pipe to fill),
    which is read as it grows for the pages done."""
    stderr_path = folder / "ocrmypdf-stderr.txt"
    with stderr_path.open("w+b") as stderr:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=os.name == "posix",  # its own group: a cancel stops Tesseract too
        )
        pages = _PageCounter(stderr_path, progress)
        try:
            while True:
                try:
                    status = process.wait(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    pages.poll()
                    if cancel is not None and cancel():
                        _stop(process)
                        raise Cancelled("OCR cancelled; nothing was imported") from None
        except BaseException:
            _stop(process)
            raise
        stderr.seek(0)
        message = stderr.read().decode("utf-8", errors="replace")
    stderr_path.unlink(missing_ok=True)
    if status == 0:
        pages.finish()
    if status != 0:
        raise ocr_failed(name, language, status, message)


class _PageCounter:
    """Follows ocrmypdf's log file as it grows (new lines only): pages in the document,
    pages recognised so far."""

    def __init__(self, log: Path, progress: ProgressCallback | None) -> None:
        self._log, self._progress = log, progress
        self._offset = 0
        self._partial = b""
        self._total = 0
        self._done: set[int] = set()
        self._reported = -1.0

    def poll(self) -> None:
        if self._progress is None:
            return
        try:
            with self._log.open("rb") as handle:
                handle.seek(self._offset)
                new = handle.read()
        except OSError:
            return
        self._offset += len(new)
        text = self._partial + new
        cut = text.rfind(b"\n") + 1
        lines, self._partial = text[:cut], text[cut:]
        if found := _PAGES_TOTAL.search(lines):
            self._total = int(found.group(1))
        pages = [int(m.group(1)) for m in _PAGE_LINE.finditer(lines)]
        self._total = max([self._total, *pages])  # a one-page run has no "Start" line
        done = self._done | {int(m.group(1)) for m in _PAGE_DONE.finditer(lines)}
        now = time.monotonic()
        if done != self._done or now - self._reported >= 1.0:
            self._done = done
            self._reported = now
            self._progress(min(len(done), self._total), self._total)

    def finish(self) -> None:
        if self._progress is not None and self._total:
            self._progress(self._total, self._total)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate ocrmypdf and its children; kill them if they do not stop in time."""
    if process.poll() is not None:
        return
    _signal(process, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL if os.name == "posix" else signal.SIGTERM)
        process.wait()
    if os.name == "posix":  # Tesseract workers left in the group
        _signal(process, signal.SIGKILL)


def _signal(process: subprocess.Popen[bytes], sig: int) -> None:
    try:
        if os.name == "posix":
            os.killpg(process.pid, sig)
        else:  # pragma: no cover - no process groups
            process.terminate()
    except (ProcessLookupError, PermissionError):
        pass


def ocr_failed(name: str, language: str, status: int, stderr: str) -> ImportFailed:
    """A clear message for an ocrmypdf exit status, with stderr's last line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    lines = [line for line in lines if not _DEBUG_LINE.match(line)] or lines
    last = lines[-1] if lines else f"exit status {status}"
    marker = next((i for i, line in enumerate(lines) if "language data" in line), None)
    if marker is not None:  # the languages are listed on the line after the explanation
        detail = " ".join(lines[marker : marker + 2])
        return ImportFailed(
            f"OCR of {name} failed: Tesseract has no data for the language {language!r}. "
            f"Install it (`sudo apt install {language_package(language)}`), or choose another "
            f"language. (ocrmypdf: {detail})",
            hint=Hint.OCR_LANGUAGE,
        )
    if status == _MISSING_DEPENDENCY:
        return ImportFailed(
            f"OCR of {name} failed: a program OCRmyPDF needs is missing (ocrmypdf: {last}). "
            f"Install it with `{INSTALL_HINT}`."
        )
    if status == _ENCRYPTED:
        return ImportFailed(
            f"OCR of {name} failed: OCRmyPDF cannot read encrypted PDFs. Save an unencrypted "
            "copy from a PDF viewer (or `qpdf --decrypt`), then import that with OCR."
        )
    if status == _INPUT_FILE:
        return ImportFailed(
            f"OCR of {name} failed: OCRmyPDF cannot read the file (ocrmypdf: {last}). "
            "Open it in a PDF viewer and print or save it to a new PDF, then try again."
        )
    return ImportFailed(f"OCR of {name} failed (ocrmypdf exit status {status}: {last}).")


def read_pdf_with_ocr(
    path: str | Path,
    password: str | None = None,
    language: str = "eng",
    progress: ProgressCallback | None = None,
    cancel: CancelCheck | None = None,
    *,
    force: bool = False,
    ocr_progress: ProgressCallback | None = None,
) -> ImportedArticle:
    """OCR ``path``, then import the result like any PDF (pages and boxes included).

    ``force``: replace any text layer (see :func:`ocr_pdf`); ``ocr_progress``: pages
    recognised, then ``progress``: pages read from the recognised PDF.

    The article keeps the original file name and carries a warning that its text comes
    from OCR. If OCR finds no text either, :class:`ImportFailed` (not :class:`NeedsOcr`)
    says so.
    """
    from clipper.importers.pdf import read_pdf
    from clipper.model import file_sha256

    source = Path(path)
    with tempfile.TemporaryDirectory(prefix="clipper-ocr-") as folder:
        recognised = ocr_pdf(
            source,
            language=language,
            cancel=cancel,
            workdir=folder,
            force=force,
            progress=ocr_progress,
        )
        try:
            article = read_pdf(recognised, password=password, progress=progress, cancel=cancel)
        except NeedsOcr as error:
            raise ImportFailed(
                f"OCR (ocrmypdf, language {language}) found no readable text in {source.name}. "
                "The pages may be blank or too faint, or they carry an unusable text layer "
                "that OCR leaves alone. Scan it again (300 dpi, black on white) or check the "
                "language."
            ) from error
    return replace(
        article,
        source_name=source.name,
        warnings=[*article.warnings, ocr_warning(language)],
        # the page view shows the original pages (OCRmyPDF keeps their geometry)
        source_file=str(source),
        source_sha256=file_sha256(source),
    )


__all__ = [
    "DEFAULT_LANGUAGE",
    "INSTALL_HINT",
    "installed_languages",
    "is_language_code",
    "language_package",
    "ocr_available",
    "ocr_failed",
    "ocr_pdf",
    "ocr_warning",
    "read_pdf_with_ocr",
]
