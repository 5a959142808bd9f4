"""The one import pipeline (clipper.library.iter_import): batched commits that keep each
file all or nothing, the cancel policy, outcomes without texts, the CLI's progress."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from clipper import library
from clipper.cli import cli
from clipper.errors import Cancelled, DatabaseError, ImportFailed
from clipper.importers import read_file
from clipper.importers.ocr import installed_languages, is_language_code, ocr_available
from clipper.library import ImportOptions, ImportProgress, import_files, store_imported
from clipper.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = FIXTURES / "articles"
PDFS = FIXTURES / "pdfs"
TEXTS = sorted(ARTICLES.glob("*.txt"))
TWO_PAGE_PDF = PDFS / "pdfplumber__2023-06-20-PV.pdf"
NO_UNICODE_MAP = PDFS / "ocrmypdf__truetype_font_nomapping.pdf"


def refuse_layouts(db_path: Path) -> None:
    """A trigger that makes the database refuse any PDF layout: the article row of a PDF
    goes in, then its layout fails — half-way through the file."""
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "CREATE TRIGGER refuse_layouts BEFORE INSERT ON article_layouts "
            "BEGIN SELECT RAISE(ABORT, 'layouts refused for the test'); END"
        )
    conn.close()


def test_a_file_refused_half_way_in_a_batch_leaves_no_trace_and_the_others_stay(
    db_path: Path,
) -> None:
    refuse_layouts(db_path)
    batch = [(path, read_file(path)) for path in (TEXTS[0], TWO_PAGE_PDF, TEXTS[1])]
    with Store(db_path) as store:
        outcomes = store_imported(store, batch)
        assert [o.ok for o in outcomes] == [True, False, True]
        assert isinstance(outcomes[1].error, DatabaseError)
        kinds = sorted(a.source_kind for a in store.list_articles())
        assert kinds == ["txt", "txt"]  # the PDF's article row was rolled back with it
        for outcome in outcomes[::2]:
            assert outcome.article_id is not None
            assert store.get_article(outcome.article_id).source_name == Path(outcome.path).name


def test_bad_files_in_a_text_batch_do_not_lose_the_others(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    paths = [TEXTS[0], empty, TEXTS[1], binary, TEXTS[0], TEXTS[2]]  # TEXTS[0] twice
    outcomes = import_files(store, paths)
    assert [o.ok for o in outcomes] == [True, False, True, False, False, True]
    assert "does not look like text" in str(outcomes[3].error)
    assert store.count_articles() == 3


def test_outcomes_keep_id_and_title_not_the_text(store: Store) -> None:
    [outcome] = import_files(store, [TEXTS[0]])
    article = store.get_article(outcome.article_id or 0)
    assert (outcome.title, outcome.length) == (article.title, len(article.text))
    assert not any(isinstance(v, str) and v == article.text for v in vars_of(outcome))


def vars_of(outcome: library.ImportOutcome) -> list[Any]:
    return [getattr(outcome, name) for name in outcome.__slots__]  # type: ignore[attr-defined]


def test_cancel_keeps_what_was_done_before_it(store: Store, monkeypatch: Any) -> None:
    """The cancel comes while the third file is read: the first two stay, committed."""
    reading: list[str] = []
    real = library.read_file

    def recording(path: Path, **options: Any) -> Any:
        reading.append(path.name)
        return real(path, **options)

    monkeypatch.setattr(library, "read_file", recording)
    with pytest.raises(Cancelled):
        import_files(store, TEXTS[:4], cancel=lambda: len(reading) >= 3)
    kept = sorted(store.get_article(a.id).source_name for a in store.list_articles())
    assert kept == [p.name for p in TEXTS[:2]]


def test_text_files_are_read_here_and_pdfs_in_workers(store: Store, monkeypatch: Any) -> None:
    """Several PDFs go to worker processes; text files never do (reading them here is
    cheaper than sending them), whatever the worker count."""
    here: list[str] = []
    real = library.read_file

    def recording(path: Path, **options: Any) -> Any:
        here.append(path.name)
        return real(path, **options)

    monkeypatch.setattr(library, "read_file", recording)
    pdfs = [PDFS / "pdfplumber__robocop_270.pdf", TWO_PAGE_PDF]
    outcomes = import_files(store, [TEXTS[0], *pdfs, TEXTS[1]], ImportOptions(workers=2))
    assert all(o.ok for o in outcomes)
    assert [o.path for o in outcomes] == [str(p) for p in [TEXTS[0], *pdfs, TEXTS[1]]]
    assert here == [TEXTS[0].name, TEXTS[1].name]


def test_progress_counts_files_and_names_the_file_read_here(store: Store) -> None:
    seen: list[ImportProgress] = []
    import_files(store, TEXTS[:3], progress=seen.append)
    assert seen[-1] == ImportProgress(3, 3)
    assert [p.name for p in seen if p.name] == [p.name for p in TEXTS[:3]]


def test_installed_languages_come_from_tesseract() -> None:
    languages = installed_languages()
    assert all(is_language_code(code) for code in languages)
    assert "osd" not in languages  # orientation detection is not a language
    if ocr_available():
        assert "eng" in languages


def test_cli_json_output_streams_ids_and_titles(db_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "import", "--json", *map(str, TEXTS[:3])]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    with Store(db_path) as store:
        for record in records:
            article = store.get_article(record["id"])
            assert (record["title"], record["length"]) == (article.title, len(article.text))


def test_cli_force_ocr_needs_ocrmypdf(db_path: Path, tmp_path: Path, monkeypatch: Any) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "import", "--force-ocr", str(NO_UNICODE_MAP)]
    )
    assert result.exit_code == 1
    assert "OCRmyPDF is not installed" in result.stderr


needs_ocrmypdf = pytest.mark.skipif(not ocr_available(), reason="ocrmypdf is not installed")


@pytest.mark.slow
@needs_ocrmypdf
def test_cli_force_ocr_reads_undecodable_fonts_with_progress_on_stderr(db_path: Path) -> None:
    """--force-ocr replaces a text layer whose fonts cannot be decoded (plain --ocr's
    --skip-text cannot); OCR progress goes to stderr, never into the JSON output."""
    plain = CliRunner().invoke(cli, ["--db", str(db_path), "import", "--ocr", str(NO_UNICODE_MAP)])
    assert plain.exit_code == 1
    result = CliRunner().invoke(
        cli, ["--db", str(db_path), "import", "--force-ocr", "--json", str(NO_UNICODE_MAP)]
    )
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert any("OCR" in warning for warning in record["warnings"])
    assert f"clipper: {NO_UNICODE_MAP.name}: OCR, " in result.stderr
    assert "pages recognised" in result.stderr
    with Store(db_path) as store:
        text = store.get_article(record["id"]).text
    assert "Phone" in text  # the page's one word; its text layer decodes as '"7+%-'


def test_ocr_page_progress_is_read_from_ocrmypdfs_log(tmp_path: Path) -> None:
    """The -v1 log lines OCRmyPDF 14 writes: a total, then per-page lines."""
    from clipper.importers.ocr import _PageCounter

    log = tmp_path / "log.txt"
    seen: list[tuple[int, int]] = []
    counter = _PageCounter(log, lambda done, total: seen.append((done, total)))
    log.write_bytes(b"Start processing 3 pages concurrently\n    2 Rasterize with pngmono\n")
    counter.poll()
    with log.open("ab") as handle:
        handle.write(b"    2 Grafting\n    1 Rasterize\n    1 Graf")
    counter.poll()
    with log.open("ab") as handle:
        handle.write(b"ting\n")
    counter.poll()
    assert seen == [(0, 3), (1, 3), (2, 3)]
    counter.finish()
    assert seen[-1] == (3, 3)


def test_import_options_are_one_object_for_both_front_ends() -> None:
    options = ImportOptions(ocr=True, ocr_language="fra", force_ocr=True)
    assert options.read_options() == {
        "encoding": None,
        "password": None,
        "ocr": True,
        "ocr_language": "fra",
        "force_ocr": True,
    }
    with pytest.raises(AttributeError):
        options.ocr = False  # type: ignore[misc]
    assert ImportFailed  # the pipeline's per-file errors are ImportFailed


def test_cli_imports_the_files_listed_in_files_from(db_path: Path, tmp_path: Path) -> None:
    """``--files-from -`` (standard input) or a list file: names one a line, blank lines
    skipped, together with the names given as arguments; none at all is refused."""
    names = []
    for n in range(3):
        path = tmp_path / f"clip {n}.txt"
        path.write_text(f"Clipping {n}\n\nBody of clipping number {n}.\n", encoding="utf-8")
        names.append(str(path))
    listing = tmp_path / "list.txt"
    listing.write_text(f"{names[1]}\n\n{names[2]}\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        ["--db", str(db_path), "import", "--json", names[0], "--files-from", "-"],
        input=f"{names[1]}\n",
    )
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "Clipping 0",
        "Clipping 1",
    ]
    result = runner.invoke(
        cli, ["--db", str(db_path), "import", "--force", "--files-from", str(listing)]
    )
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    result = runner.invoke(cli, ["--db", str(db_path), "import", "--files-from", str(empty)])
    assert result.exit_code == 1
    assert "--files-from" in result.stderr
