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


def ocr_available() -> bool:
    """``True`` when ``ocrmypdf`` is on ``PATH`` (it brings Tesseract along)."""
    return shutil.which("ocrmypdf") is not None


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
) -> Path:
    """Add a text layer to ``path`` with ocrmypdf; return the new PDF.

    The result is written into ``workdir``, or else into a new temporary folder that the
    caller removes (``shutil.rmtree(result.parent)``). Pages that already have text are
    left alone (``--skip-text``). Raises :class:`ImportFailed` with what to do, or
    :class:`Cancelled` (ocrmypdf and its Tesseract processes are stopped).
    """
    source = Path(path)
    if not _LANGUAGE.match(language):
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
        command = [executable, "--skip-text", "--output-type", "pdf", "-l", language, "--quiet"]
        # "--" and absolute paths: a file named "-x.pdf" is a file, never an option.
        files = [os.path.abspath(source), os.path.abspath(output)]
        _run([*command, "--", *files], folder, source.name, language, cancel)
    except BaseException:
        if own_folder:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return output


def _run(
    command: list[str], folder: Path, name: str, language: str, cancel: CancelCheck | None
) -> None:
    """Run ocrmypdf, polling for the end or a cancel; stderr goes to a file (no pipe to fill)."""
    stderr_path = folder / "ocrmypdf-stderr.txt"
    with stderr_path.open("w+b") as stderr:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=os.name == "posix",  # its own group: a cancel stops Tesseract too
        )
        try:
            while True:
                try:
                    status = process.wait(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    if cancel is not None and cancel():
                        _stop(process)
                        raise Cancelled("OCR cancelled; nothing was imported") from None
        except BaseException:
            _stop(process)
            raise
        stderr.seek(0)
        message = stderr.read().decode("utf-8", errors="replace")
    stderr_path.unlink(missing_ok=True)
    if status != 0:
        raise ocr_failed(name, language, status, message)


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
) -> ImportedArticle:
    """OCR ``path``, then import the result like any PDF (pages and boxes included).

    The article keeps the original file name and carries a warning that its text comes
    from OCR. If OCR finds no text either, :class:`ImportFailed` (not :class:`NeedsOcr`)
    says so.
    """
    from clipper.importers.pdf import read_pdf

    source = Path(path)
    with tempfile.TemporaryDirectory(prefix="clipper-ocr-") as folder:
        recognised = ocr_pdf(source, language=language, cancel=cancel, workdir=folder)
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
    )


__all__ = [
    "INSTALL_HINT",
    "language_package",
    "ocr_available",
    "ocr_failed",
    "ocr_pdf",
    "ocr_warning",
    "read_pdf_with_ocr",
]
