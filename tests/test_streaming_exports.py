"""Streaming: exports and ``clipper annotations --json`` hold what one batch or one article
needs, not the whole database (issues 11 and 13).

Behaviour across batch boundaries (an article longer than a fetch batch) and a real
subprocess's peak memory at N against 4N annotations (slow)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clipper.exporters import ExportSelection, export_to_path
from clipper.model import ImportedArticle, content_hash, new_uuid
from clipper.store import Store, export_queries, now
from clipper.store.export_queries import BATCH

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "tests" / "fixtures" / "articles" / "wikinews_news_nasa.txt").read_text("utf-8")
TAGS = ("figure", "quote", "person", "claim")


def fill(store: Store, articles: int, per_article: int, seed: int = 5) -> None:
    """``articles`` articles with ``per_article`` annotations each: every fourth with two
    attributes, one in ten with a note, one in twenty related to the one before."""
    rng = random.Random(seed)
    stamp = now()
    with store.bulk_writes(), store.transaction():
        relations = []
        for number in range(articles):
            text = f"Clipping {number} «ü»\n\n{TEXT}"
            article = store.add_article(ImportedArticle(text, f"Clipping {number}", "a.txt", "txt"))
            spans: set[tuple[int, int, str]] = set()
            while len(spans) < per_article:
                start = rng.randrange(0, len(text) - 60)
                spans.add((start, start + rng.randrange(1, 60), rng.choice(TAGS)))
            rows: list[Any] = []
            for index, (s, e, t) in enumerate(sorted(spans)):
                ident = new_uuid()
                attributes = {"value": s * 1.5, "unit": "EUR"} if index % 4 == 0 else None
                note = "a note" if index % 10 == 0 else ""
                rows.append((s, e, t, text[s:e], note, stamp, stamp, None, ident, None, "manual"))
                rows[-1] += (None, "accepted", attributes, None)
                if index % 20 == 1:
                    relations.append(("said_by", ident, rows[index - 1][8], None))
            store.merge_annotations(article.id, rows)
        store.merge_relations(relations)


def test_an_article_longer_than_a_batch_streams_whole(store: Store, tmp_path: Path) -> None:
    fill(store, 3, 2 * BATCH + 17)
    store.add_article(ImportedArticle("No annotations here.", "Empty", "e.txt", "txt"))
    total = 3 * (2 * BATCH + 17)
    # JSON Lines: each article's line once, before its annotations, then every annotation.
    assert export_to_path(store, tmp_path / "out.jsonl", "jsonl") == total
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    kinds = [line["type"] for line in lines]
    assert kinds.count("article") == 4 and kinds.count("annotation") == total
    seen: set[int] = set()
    for line in lines[1:]:
        if line["type"] == "article":
            seen.add(line["id"])
        else:
            assert line["article_id"] in seen
    # W3C: every annotation once, its quote and context cut from the article's text.
    assert export_to_path(store, tmp_path / "out.jsonld", "w3c") == total
    items = json.loads((tmp_path / "out.jsonld").read_text("utf-8"))["first"]["items"]
    assert len(items) == total == len({item["id"] for item in items})
    texts = {
        f"urn:sha256:{content_hash(text)}": text
        for text in (store.get_article(a.id).text for a in store.list_articles())
    }
    for item in items:
        text = texts[item["target"]["source"]]
        position, quote = item["target"]["selector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert quote["prefix"] == text[max(start - 32, 0) : start]
        assert quote["suffix"] == text[end : end + 32]


def test_the_stream_of_everything_carries_each_annotations_attributes(store: Store) -> None:
    fill(store, 4, 300)
    streamed = list(store.iter_annotations())
    ids = sorted(a.id for a in store.list_articles())
    assert streamed == [a for article_id in ids for a in store.list_annotations(article_id)]
    assert sum(1 for a in streamed if a.attributes) == 4 * 75
    assert list(store.iter_annotations(tags=["quote"])) == [a for a in streamed if a.tag == "quote"]


#: Runs the CLI in this process (argv after -c), then prints its peak RSS in kB.
_PEAK = """
import sys
from clipper.cli import cli
try:
    cli.main(sys.argv[1:], prog_name="clipper")
except SystemExit as exit:
    assert not exit.code, exit.code
with open("/proc/self/status") as status:
    print(next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")), file=sys.stderr)
"""


def _peak_kb(db: Path, *args: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, "--db", str(db), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=600,
    )
    return int(done.stderr.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_memory_stays_flat_from_n_to_4n_annotations(tmp_path: Path) -> None:
    """A subprocess listing or exporting 4× the annotations peaks within a few MB of the
    one with N (holding them, or their attributes and relations, would add ~10-40 MB)."""
    sizes = {}
    for label, articles in (("n", 20), ("4n", 80)):
        db = tmp_path / f"{label}.db"
        with Store(db) as store:
            fill(store, articles, 1000)
        sizes[label] = {
            "annotations": _peak_kb(db, "annotations", "--json"),
            "jsonl": _peak_kb(db, "export", "--format", "jsonl", "-o", str(tmp_path / "x.jsonl")),
            "w3c": _peak_kb(db, "export", "--format", "w3c", "-o", str(tmp_path / "x.jsonld")),
            "json": _peak_kb(db, "export", "--format", "json", "-o", str(tmp_path / "x.json")),
        }
    for what, small in sizes["n"].items():
        assert sizes["4n"][what] - small < 6_000, (what, sizes)


def test_json_reads_large_articles_row_by_row_with_the_same_bytes(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Articles are rendered whole by SQLite up to GROUPED_MAX annotations, larger ones in
    batches: both give the same file, for every selection."""
    fill(store, 3, 40)
    store.add_article(ImportedArticle("No annotations here.", "Empty", "e.txt", "txt"))
    selections = [
        ExportSelection(),
        ExportSelection(tags=("quote",)),
        ExportSelection(article_ids=(2, 4)),
    ]

    def exports() -> list[str]:
        found = []
        for number, selection in enumerate(selections):
            path = tmp_path / f"{number}.json"
            export_to_path(store, path, "json", selection)
            text = path.read_text("utf-8")
            found.append(text[: text.index('"exported_at"')] + text[text.index('"offsets"') :])
        return found

    grouped = exports()
    monkeypatch.setattr(export_queries, "GROUPED_MAX", 7)
    assert exports() == grouped
    whole = json.loads(grouped[0])
    assert [len(a["annotations"]) for a in whole["articles"]] == [40, 40, 40, 0]
    assert [a["id"] for a in json.loads(grouped[2])["articles"]] == [2, 4]
    quotes = json.loads(grouped[1])["articles"]
    assert {n["tag"] for a in quotes for n in a["annotations"]} == {"quote"}
    for article in whole["articles"]:
        spans = [(n["start"], n["end"], n["tag"]) for n in article["annotations"]]
        assert spans == sorted(spans)
        assert all(
            article["text"][n["start"] : n["end"]] == n["text"] for n in article["annotations"]
        )
