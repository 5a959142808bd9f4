"""Exports write accepted annotations unless asked otherwise; Clipper JSON, the round
trip, writes every status. Real SQLite files, the real CLI (in-process and as a process)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from clipper.cli import cli
from clipper.errors import InvalidValue
from clipper.exporters import (
    EXPORT_FORMATS,
    ExportSelection,
    export_statuses,
    export_to_path,
    export_to_stream,
)
from clipper.importers import read_file, read_pasted_text
from clipper.library import import_article
from clipper.model import CLAIMED_BY, RATING, STATUSES
from clipper.operations.merge import merge_export
from clipper.store import Store
from clipper.store.export_queries import count_by_tag_and_status

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
#: What :func:`seed` stores: 3 accepted, 2 pending, 1 rejected.
ACCEPTED, PENDING, REJECTED = 3, 2, 1


def seed(store: Store) -> None:
    """The crane article coded by hand, then "Suggest for this article" added guesses;
    a second article has only an unreviewed suggestion."""
    crane = import_article(store, read_file(ARTICLES / "wikinews_news_crane.txt"))
    text = crane.text

    def span(needle: str) -> tuple[int, int]:
        start = text.index(needle)
        return start, start + len(needle)

    store.add_annotation(crane.id, *span("107"), "figure")
    claim = store.add_annotation(crane.id, *span("Mecca"), "claim", attributes={RATING: "True"})
    store.add_annotation(crane.id, *span("crane"), "person")
    guess = store.add_annotation(
        crane.id, *span("killed"), "person", origin="suggested", status="pending"
    )
    store.add_relation(claim.id, guess.id, CLAIMED_BY)  # a guess must not be cited
    store.add_annotation(
        crane.id,
        *span("collapse"),
        "claim",
        origin="suggested",
        status="rejected",
        attributes={RATING: "False"},
    )
    other = import_article(store, read_pasted_text("Minister quits\n\nShe said 12 % agreed."))
    store.add_annotation(other.id, 24, 28, "figure", origin="suggested", status="pending")


@pytest.fixture
def seeded(db_path: Path) -> Path:
    with Store(db_path) as store:
        seed(store)
    return db_path


def csv_statuses(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [row["status"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "w3c", "qdpx"])
def test_exports_write_accepted_annotations_only_by_default(
    seeded: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"out{EXPORT_FORMATS[fmt].suffix}"
    with Store(seeded) as store:
        assert export_to_path(store, out, fmt) == ACCEPTED
        uuids = {a.uuid for a in store.list_annotations() if a.status != "accepted"}
    data = zipfile.ZipFile(out).read("project.qde") if fmt == "qdpx" else out.read_bytes()
    assert not any(uuid.encode() in data for uuid in uuids)
    if fmt == "csv":
        assert csv_statuses(out) == ["accepted"] * ACCEPTED


def test_asked_statuses_are_written_and_counted(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with Store(seeded) as store:
        for asked, expected in (
            (("pending",), ["pending"] * PENDING),
            (("rejected", "pending"), sorted(["pending"] * PENDING + ["rejected"])),
            ((), sorted(["accepted"] * ACCEPTED + ["pending"] * PENDING + ["rejected"])),
        ):
            count = export_to_path(store, out, "csv", ExportSelection(statuses=asked))
            assert count == len(expected)
            assert sorted(csv_statuses(out)) == expected
        tagged = ExportSelection(tags=["figure"], statuses=("pending",))
        assert export_to_path(store, out, "jsonl", tagged) == 1
        lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert {line["status"] for line in lines if line["type"] == "annotation"} == {"pending"}


def test_counts_by_tag_and_status(seeded: Path) -> None:
    with Store(seeded) as store:
        counts = count_by_tag_and_status(store, ExportSelection())
        assert counts == {
            ("figure", "accepted"): 1,
            ("figure", "pending"): 1,
            ("claim", "accepted"): 1,
            ("claim", "rejected"): 1,
            ("person", "accepted"): 1,
            ("person", "pending"): 1,
        }
        crane = ExportSelection(article_ids=[1], statuses=("pending",))
        assert count_by_tag_and_status(store, crane) == {("person", "pending"): 1}


def test_clipper_json_round_trip_keeps_every_status_by_default(
    seeded: Path, tmp_path: Path
) -> None:
    out = tmp_path / "backup.json"
    with Store(seeded) as store:
        assert export_to_path(store, out, "json") == ACCEPTED + PENDING + REJECTED
        before = sorted((a.uuid, a.status, a.origin) for a in store.list_annotations())
    with Store(tmp_path / "copy.db") as copy:
        merge_export(copy, out)
        assert sorted((a.uuid, a.status, a.origin) for a in copy.list_annotations()) == before


def test_clipper_json_of_accepted_annotations_still_imports(seeded: Path, tmp_path: Path) -> None:
    """Asked for accepted only, JSON keeps every article; a relation to a left-out
    suggestion does not stop the file from merging."""
    out = tmp_path / "coded.json"
    with Store(seeded) as store:
        assert export_to_path(store, out, "json", ExportSelection(statuses=("accepted",))) == 3
    data = json.loads(out.read_text("utf-8"))
    assert len(data["articles"]) == 2
    with Store(tmp_path / "copy.db") as copy:
        report = merge_export(copy, out)
        assert report.annotations_added == ACCEPTED
        assert {a.status for a in copy.list_annotations()} == {"accepted"}


@pytest.mark.parametrize("fmt", ["qdpx", "claimreview"])
def test_formats_without_a_status_refuse_suggestions(
    seeded: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"out{EXPORT_FORMATS[fmt].suffix}"
    with Store(seeded) as store:
        for asked in (("pending",), (), ("accepted", "rejected")):
            with pytest.raises(InvalidValue, match="accepted annotations only"):
                export_to_path(store, out, fmt, ExportSelection(statuses=asked))
        assert not out.exists()
        export_to_path(store, out, fmt, ExportSelection(statuses=("accepted",)))
    assert out.exists()


def test_claimreview_leaves_out_suggested_ratings_and_speakers(seeded: Path) -> None:
    stream = io.StringIO()
    with Store(seeded) as store:
        assert export_to_stream(store, stream, "claimreview") == 1
    (review,) = json.loads(stream.getvalue())
    assert review["claimReviewed"] == "Mecca"
    assert "author" not in review["itemReviewed"]  # its claimed_by person is a guess


def test_the_status_rule_lives_in_the_format_table() -> None:
    assert EXPORT_FORMATS["json"].statuses == ()
    for name, fmt in EXPORT_FORMATS.items():
        if name != "json":
            assert fmt.statuses == ("accepted",)
        assert export_statuses(fmt, None) == fmt.statuses
        assert export_statuses(fmt, ("accepted",)) == ("accepted",)
    assert export_statuses(EXPORT_FORMATS["csv"], STATUSES) == ()
    with pytest.raises(InvalidValue, match="not a status"):
        export_statuses(EXPORT_FORMATS["csv"], ("maybe",))


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cli_export_status_choice(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, _, err = run(seeded, "export", "-o", str(out))
    assert code == 0 and err == f"exported 3 annotations to {out} (status: accepted)\n"
    assert csv_statuses(out) == ["accepted"] * 3
    code, _, err = run(
        seeded, "export", "-o", str(out), "--status", "pending", "--status", "rejected"
    )
    assert code == 0 and "exported 3 annotations" in err and "pending and rejected" in err
    assert sorted(csv_statuses(out)) == ["pending", "pending", "rejected"]
    code, _, err = run(seeded, "export", "-o", str(out), "--status", "any")
    assert code == 0 and err.startswith("exported 6 annotations") and "(status: any)" in err
    code, out_text, _ = run(seeded, "export", "--format", "jsonl", "--status", "pending")
    statuses = [json.loads(line).get("status") for line in out_text.splitlines()]
    assert [s for s in statuses if s] == ["pending", "pending"]
    backup = tmp_path / "backup.json"
    code, _, err = run(seeded, "export", "-o", str(backup))
    assert code == 0 and "exported 6 annotations" in err and "(status: any)" in err


def test_cli_refuses_suggestions_in_a_format_without_status(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.qdpx"
    code, _, err = run(seeded, "export", "-o", str(out), "--status", "pending")
    assert code == 1 and "accepted annotations only" in err and "csv" in err
    assert "Traceback" not in err and not out.exists()


def test_cli_export_status_as_a_real_process(seeded: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    done = subprocess.run(
        [sys.executable, "-m", "clipper", "--db", str(seeded), "export", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert csv_statuses(out) == ["accepted"] * ACCEPTED
