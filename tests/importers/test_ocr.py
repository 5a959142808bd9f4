"""OCR of scanned PDFs with OCRmyPDF: real scans, the real tool, a real database.

Tests that run ocrmypdf skip where it is not installed, except in CI (``CI`` set), which
installs it (.ci/run): there its absence fails them.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from clipper.cli import cli, explain
from clipper.errors import Cancelled, Hint, ImportFailed, NeedsOcr
from clipper.importers import ocr, read_file
from clipper.importers.ocr import ocr_available, ocr_failed, ocr_pdf, read_pdf_with_ocr
from clipper.importers.parallel import read_files_parallel
from clipper.layout import CharLayout
from clipper.library import ImportOptions, import_files
from clipper.model import ImportedArticle
from clipper.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
PDFS = FIXTURES / "pdfs"
LINN = PDFS / "ocrmypdf__linn.pdf"  # image-only brochure page: "The LinnSequencer"
EPSON = PDFS / "ocrmypdf__epson.pdf"  # image-only printout of Wikipedia's "Optical character…"
CRANE = FIXTURES / "articles" / "wikinews_news_crane.txt"
INSTALL = "sudo apt install ocrmypdf tesseract-ocr-eng"

needs_ocrmypdf = pytest.mark.skipif(
    not ocr_available() and not os.environ.get("CI"),
    reason=f"ocrmypdf is not installed ({INSTALL})",
)


def test_ci_installs_ocrmypdf() -> None:
    """In CI the OCR tests must run, not skip."""
    if not os.environ.get("CI"):
        pytest.skip("only checked in CI")
    assert ocr_available(), f"ocrmypdf not found: .ci/run should install it ({INSTALL})"


@pytest.fixture
def no_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with nothing on it: OCRmyPDF (and Tesseract) look uninstalled."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture(scope="module")
def two_page_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Linn brochure (page 1) and the Epson printout (page 2) joined: a 2-page scan."""
    writer = PdfWriter()
    writer.append(str(LINN))
    writer.append(str(EPSON))
    path = tmp_path_factory.mktemp("scans") / "two-page-scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


@pytest.fixture(scope="module")
def recognised(two_page_scan: Path) -> ImportedArticle:
    if not ocr_available() and not os.environ.get("CI"):
        pytest.skip(f"ocrmypdf is not installed ({INSTALL})")
    return read_pdf_with_ocr(two_page_scan)


# -- with ocrmypdf ---------------------------------------------------------------------


@needs_ocrmypdf
def test_ocr_text_keeps_pages_name_and_a_warning(
    recognised: ImportedArticle, two_page_scan: Path
) -> None:
    assert "LinnSequencer" in recognised.text and "Goldberg" in recognised.text
    assert recognised.source_name == two_page_scan.name
    assert recognised.source_kind == "pdf"
    assert recognised.warnings[-1] == (
        "text from OCR (ocrmypdf, language eng): check quotes and figures against the page image"
    )
    assert recognised.layout is not None
    layout = CharLayout.from_bytes(recognised.layout)
    for word, page in [("LinnSequencer", 1), ("Goldberg", 2)]:
        start = recognised.text.index(word)
        assert layout.first_page(start, start + len(word)) == page


@needs_ocrmypdf
def test_annotation_on_ocr_text_knows_its_page(store: Store, recognised: ImportedArticle) -> None:
    article = store.add_article(recognised)
    start = article.text.index("Emanuel Goldberg")
    note = store.add_annotation(article.id, start, start + len("Emanuel Goldberg"), "person")
    assert note.text == "Emanuel Goldberg" and note.page == 2


@needs_ocrmypdf
def test_without_ocr_the_error_says_to_use_ocr() -> None:
    with pytest.raises(NeedsOcr) as caught:
        read_file(LINN)
    assert "--ocr" not in caught.value.message  # the front ends add their advice
    assert (
        caught.value.hint is Hint.OCR and "Clipper can recognise the text" in caught.value.message
    )
    told = explain(caught.value)
    assert "Run again with --ocr" in told and f"clipper import --ocr {LINN.name}" in told


@needs_ocrmypdf
def test_cli_import_with_ocr(db_path: Path) -> None:
    runner = CliRunner()
    plain = runner.invoke(cli, ["--db", str(db_path), "import", str(LINN)])
    assert plain.exit_code == 1 and "--ocr" in plain.stderr
    with Store(db_path) as store:
        assert store.count_articles() == 0

    result = runner.invoke(cli, ["--db", str(db_path), "import", "--ocr", str(LINN)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1\t")
    assert "text from OCR (ocrmypdf, language eng)" in result.stderr
    with Store(db_path) as store:
        article = store.get_article(1)
    assert "LinnSequencer" in article.text and article.source_name == LINN.name


@needs_ocrmypdf
def test_batch_in_worker_processes_passes_ocr_on(tmp_path: Path) -> None:
    results = dict(read_files_parallel([LINN, CRANE], ocr=True, workers=2))
    scan = results[LINN]
    assert isinstance(scan, ImportedArticle), scan
    assert "LinnSequencer" in scan.text and "OCR" in scan.warnings[-1]
    assert isinstance(results[CRANE], ImportedArticle)


@needs_ocrmypdf
def test_a_missing_language_pack_names_the_package(tmp_path: Path) -> None:
    languages = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, check=False
    ).stdout.split()
    if "fra" in languages:
        pytest.skip("tesseract-ocr-fra is installed here")
    with pytest.raises(ImportFailed) as caught:
        ocr_pdf(LINN, language="fra", workdir=tmp_path)
    message = caught.value.message
    assert "tesseract-ocr-fra" in message and "--ocr-language" not in message
    assert caught.value.hint is Hint.OCR_LANGUAGE and "--ocr-language" in explain(caught.value)
    assert "language data" in message  # ocrmypdf's own words


@needs_ocrmypdf
def test_cancel_stops_ocrmypdf_and_changes_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[subprocess.Popen[bytes]] = []
    real_popen = subprocess.Popen

    def recording_popen(*args: Any, **kwargs: Any) -> subprocess.Popen[bytes]:
        process = real_popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(ocr.subprocess, "Popen", recording_popen)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(ocr.tempfile, "tempdir", str(scratch))

    def cancel() -> bool:  # cancel once ocrmypdf has been running for a moment
        return bool(started) and time.monotonic() - begun > 0.3

    begun = time.monotonic()
    with pytest.raises(Cancelled):
        import_files(store, [LINN], ImportOptions(ocr=True), cancel=cancel)
    assert time.monotonic() - begun < 3  # did not wait for OCR to finish (about 4 s)
    [process] = started
    assert process.returncode is not None and process.returncode != 0  # terminated
    assert store.count_articles() == 0
    assert list(scratch.iterdir()) == []  # the OCR work folder is gone


# -- without ocrmypdf (faked: empty PATH) ---------------------------------------------


@pytest.mark.usefixtures("no_tools")
def test_missing_tool_keeps_the_install_advice() -> None:
    assert not ocr_available()
    with pytest.raises(NeedsOcr) as caught:
        read_file(LINN, ocr=True)
    message = caught.value.message
    assert INSTALL in message and "OCR is needed" in message
    assert "run again with --ocr" not in message


@pytest.mark.usefixtures("no_tools")
def test_missing_tool_in_the_cli_changes_nothing(db_path: Path) -> None:
    # One file at a time: batch workers may come from a fork server started with the full
    # PATH, which this test cannot take away from them.
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db_path), "import", "--ocr", str(LINN)])
    assert result.exit_code == 1
    assert "sudo apt install ocrmypdf" in result.stderr
    assert "Traceback" not in result.output
    with Store(db_path) as store:
        assert store.count_articles() == 0
    assert runner.invoke(cli, ["--db", str(db_path), "import", "--ocr", str(CRANE)]).exit_code == 0


@pytest.mark.usefixtures("no_tools")
def test_ocr_pdf_without_the_tool_says_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as caught:
        ocr_pdf(LINN, workdir=tmp_path)
    assert INSTALL in caught.value.message


# -- messages ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["-v", "eng fra", "../x", ""])
def test_bad_language_codes_are_refused_before_running(language: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="not a Tesseract language code"):
        ocr_pdf(LINN, language=language, workdir=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_failure_messages_per_exit_status() -> None:
    encrypted = ocr_failed("a.pdf", "eng", 8, "EncryptedPdfError: Input PDF is encrypted.\n")
    assert "encrypted" in encrypted.message and "unencrypted copy" in encrypted.message
    other = ocr_failed("a.pdf", "eng", 15, "Traceback …\nSomeError: disk full\n\n")
    assert other.message == "OCR of a.pdf failed (ocrmypdf exit status 15: SomeError: disk full)."
    missing = ocr_failed("a.pdf", "eng", 3, "Could not find program 'tesseract'.\n")
    assert "tesseract" in missing.message and INSTALL in missing.message
    two = ocr_failed(
        "a.pdf",
        "chi_sim+deu",
        3,
        "OCR engine does not have language data for the following requested languages: \n"
        "chi_sim\nNote: most languages are identified by a 3-digit ISO 639-2 Code\n",
    )
    assert "tesseract-ocr-chi-sim tesseract-ocr-deu" in two.message


# -- file names that look like options --------------------------------------------------

_RECORDING_OCRMYPDF = """#!{python}
import json, sys
with open({record!r}, "w") as out:
    json.dump(sys.argv[1:], out)
sys.exit(2)
"""


def test_a_file_name_starting_with_a_dash_is_never_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in ``ocrmypdf`` (a real executable) records its arguments: the file names
    come after ``--`` and are absolute, so ``--help.pdf`` cannot be read as an option."""
    import json
    import shutil
    import sys

    tools = tmp_path / "bin"
    tools.mkdir()
    record = tmp_path / "argv.json"
    tool = tools / "ocrmypdf"
    tool.write_text(_RECORDING_OCRMYPDF.format(python=sys.executable, record=str(record)))
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    monkeypatch.chdir(tmp_path)
    shutil.copy(LINN, tmp_path / "--help.pdf")
    (tmp_path / "out").mkdir()
    with pytest.raises(ImportFailed, match=r"OCR of --help\.pdf failed"):
        ocr_pdf("--help.pdf", workdir=tmp_path / "out")
    argv = json.loads(record.read_text())
    assert argv[-3:] == [
        "--",
        str(tmp_path / "--help.pdf"),
        str(tmp_path / "out" / "--help-ocr.pdf"),
    ]
    assert all(not a.startswith("-") or a == "--" for a in argv[argv.index("--") :])


@needs_ocrmypdf
def test_real_ocr_of_a_file_named_like_an_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.chdir(tmp_path)
    shutil.copy(LINN, tmp_path / "-v.pdf")
    article = read_file("-v.pdf", ocr=True)
    assert "Linn" in article.text and article.source_name == "-v.pdf"


def test_no_shell_is_ever_run_by_the_package() -> None:
    """Audit: external programs (ocrmypdf, ldconfig) get argument lists, never a shell."""
    package = Path(__file__).parents[2] / "clipper"
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for forbidden in ("shell=True", "os.system(", "os.popen(", "getoutput("):
            assert forbidden not in text, f"{source}: {forbidden}"
