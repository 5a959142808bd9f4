"""Property: any text -> import -> annotate -> export (CSV, JSON) -> offsets still slice
exactly the exported text; and the JSON merges back into an empty database unchanged."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clipper.exporters import export_to_stream, unescape_cell
from clipper.importers import read_file
from clipper.library import import_article
from clipper.operations.merge import merge_export
from clipper.store import Store

PIECES = [
    "😀",
    "👍🏽",
    "👩‍💻",
    "中文",
    "日本語",
    "e\u0301",
    "a\u0308\u0323",
    "\r\n",
    "\r",
    "\n",
    "\u00a0",
    "“",
    "”",
    "’",
    "=",
    "+",
    "-",
    "@",
    '"',
    ",",
    ";",
    "\t",
    " ",
    "word",
    "4.5%",
    "$53",
    "é",
    "\u2028",
    "\u200d",
    "\U0001f1eb\U0001f1f7",
]
texts = (
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(st.characters(exclude_categories=["Cs", "Cc"]))),
        min_size=1,
        max_size=40,
    )
    .map("".join)
    .filter(lambda t: t.strip() != "")
)


@st.composite
def article_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    raw = draw(texts)
    stored = raw.replace("\r\n", "\n").replace("\r", "\n")
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(stored) - 1))
        end = draw(st.integers(start + 1, len(stored)))
        spans.append((start, end, draw(st.sampled_from(["figure", "quote", "person", "claim"]))))
    return raw, spans


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_and_spans())
def test_offsets_survive_import_export_and_merge(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    raw, spans = case
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "clip.txt"
        source.write_bytes(raw.encode("utf-8"))
        with Store(Path(folder) / "a.db") as store:
            article = import_article(store, read_file(source))
            text = article.text
            assert text == raw.replace("\r\n", "\n").replace("\r", "\n")
            for start, end, tag in set(spans):
                assert store.add_annotation(article.id, start, end, tag).text == text[start:end]

            for escape in (True, False):
                out = io.StringIO()
                export_to_stream(store, out, "csv", escape_formulas=escape)
                rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
                assert len(rows) == len(set(spans))
                for row in rows:
                    cell = unescape_cell(row["text"]) if escape else row["text"]
                    assert text[int(row["start"]) : int(row["end"])] == cell

            out = io.StringIO()
            export_to_stream(store, out, "json")
            exported = json.loads(out.getvalue())
            [entry] = exported["articles"]
            assert entry["text"] == text
            for annotation in entry["annotations"]:
                assert text[annotation["start"] : annotation["end"]] == annotation["text"]
            export_file = Path(folder) / "export.json"
            export_file.write_text(out.getvalue(), encoding="utf-8")

        with Store(Path(folder) / "b.db") as other:
            report = merge_export(other, export_file)
            assert report.annotations_added == len(set(spans))
            [copy] = other.list_articles()
            assert other.get_article(copy.id).text == text
            assert sorted(
                (a.start, a.end, a.tag, a.text) for a in other.list_annotations()
            ) == sorted((s, e, t, text[s:e]) for s, e, t in set(spans))
