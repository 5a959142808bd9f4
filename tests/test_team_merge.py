"""clipper merge: coders' databases (and exports) into a team database."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from clipper.errors import Cancelled, ClipperError
from clipper.exporters import export_to_path
from clipper.library import open_sample
from clipper.model import ImportedArticle, content_hash
from clipper.operations.merge import merge_files, total_report
from clipper.store import Store, attached_merge
from clipper.store.schema import MIGRATION_NAMES

FIXTURES = Path(__file__).parent / "fixtures"
OTHER = FIXTURES / "articles" / "wikinews_news_nasa.txt"


def coder_database(path: Path, coder: str, spans: list[tuple[int, int, str]]) -> None:
    """A coder's own database: the sample article, coded by ``coder``, plus an article of
    their own; the first span gets an attribute, the second a relation to the first."""
    with Store(path) as store:
        article = open_sample(store)
        made = [
            store.add_annotation(article.id, s, e, tag, coder=coder, note=f"{coder} {s}")
            for s, e, tag in spans
        ]
        store.set_attributes(made[0].id, {"value": len(coder)})
        if len(made) > 1:
            store.add_relation(made[1].id, made[0].id, "said_by")
        own = store.add_article(
            ImportedArticle(f"{coder}'s own clipping, coded alone.", f"{coder} notes", "", "txt")
        )
        store.add_annotation(own.id, 0, len(coder), "person", coder=coder)


def identities(path: Path) -> dict[str, tuple[str, str, int, int, dict[str, object]]]:
    with Store(path, create=False) as store:
        return {
            a.uuid: (a.coder, a.tag, a.start, a.end, dict(a.attributes))
            for a in store.list_annotations()
        }


def relations(path: Path) -> set[tuple[str, str, str]]:
    with Store(path, create=False) as store:
        uuid = {a.id: a.uuid for a in store.list_annotations()}
        return {(uuid[r.from_id], uuid[r.to_id], r.type) for r in store.list_relations()}


@pytest.fixture
def three_coders(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / f"{name}.db" for name in ("alice", "bob", "carol")]
    coder_database(paths[0], "alice", [(0, 8, "figure"), (9, 12, "person"), (20, 30, "quote")])
    coder_database(paths[1], "bob", [(0, 8, "figure"), (9, 14, "person")])
    coder_database(paths[2], "carol", [(0, 9, "figure"), (20, 30, "quote")])
    return paths


def test_no_annotation_lost_across_a_three_coder_merge(
    tmp_path: Path, three_coders: list[Path]
) -> None:
    team = tmp_path / "team.db"
    with Store(team) as store:
        reports = merge_files(store, three_coders)
    expected: dict[str, tuple[str, str, int, int, dict[str, object]]] = {}
    expected_relations: set[tuple[str, str, str]] = set()
    for path in three_coders:
        expected |= identities(path)
        expected_relations |= relations(path)
    assert identities(team) == expected  # every identity, coder, tag, span, attribute
    assert relations(team) == expected_relations
    total = total_report(reports)
    assert total.annotations_added == len(expected) == 10
    assert (total.articles_created, total.articles_matched) == (4, 2)  # sample shared
    assert total.relations_added == 3 and not total.conflicts


def test_merging_again_adds_nothing(tmp_path: Path, three_coders: list[Path]) -> None:
    team = tmp_path / "team.db"
    with Store(team) as store:
        merge_files(store, three_coders)
        counts = (store.count_articles(), store.count_annotations(), len(store.list_relations()))
        again = total_report(merge_files(store, three_coders))
        assert again.annotations_added == again.relations_added == again.articles_created == 0
        assert again.annotations_skipped == 10 and not again.conflicts
        assert (
            store.count_articles(),
            store.count_annotations(),
            len(store.list_relations()),
        ) == counts


def test_sources_are_not_changed(tmp_path: Path, three_coders: list[Path]) -> None:
    before = [identities(p) for p in three_coders]
    with Store(tmp_path / "team.db") as store:
        merge_files(store, three_coders)
    assert [identities(p) for p in three_coders] == before


def test_conflicts_are_reported_and_the_output_keeps_its_values(
    tmp_path: Path, three_coders: list[Path]
) -> None:
    alice, bob = three_coders[0], tmp_path / "alice-edited.db"
    shutil.copy(alice, bob)  # not open in this process: a plain copy is safe
    with Store(bob) as edited:
        figure = next(a for a in edited.list_annotations() if a.tag == "figure")
        edited.update_annotation(figure.id, tag="claim", note="edited")
        edited.set_attributes(figure.id, {"value": 99})
        edited.update_article(figure.article_id, outlet="The Other Paper", author="Someone")
    team = tmp_path / "team.db"
    with Store(team) as store:
        merge_files(store, [alice])
        report = total_report(merge_files(store, [bob]))
        kept = next(a for a in store.list_annotations() if a.uuid == figure.uuid)
        article = store.get_article(kept.article_id)
    fields = sorted((c.kind, c.field) for c in report.conflicts)
    assert fields == [
        ("annotation", "attributes"),
        ("annotation", "note"),
        ("annotation", "tag"),
        ("article", "outlet"),
    ]
    tag = next(c for c in report.conflicts if c.field == "tag")
    assert (tag.kept, tag.other, tag.source, tag.uuid) == ("figure", "claim", bob.name, figure.uuid)
    assert (kept.tag, kept.note, dict(kept.attributes)) == ("figure", "alice 0", {"value": 5})
    assert article.outlet == "Wikinews"  # kept
    assert article.author == "Someone"  # an empty field is filled in


def test_same_identity_with_another_text_is_a_conflict(tmp_path: Path) -> None:
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    with Store(first) as one:
        article = one.add_article(ImportedArticle("The first text.", "Text", "", "txt"))
    with Store(second) as two:
        two.add_article(ImportedArticle("Another text.", "Text", "", "txt"), uuid=article.uuid)
    with Store(tmp_path / "team.db") as store:
        report = total_report(merge_files(store, [first, second]))
        assert store.count_articles() == 2
    assert [(c.kind, c.field) for c in report.conflicts] == [("article", "text")]


def copied_fixture(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def test_databases_at_older_schema_versions_are_upgraded_then_merged(tmp_path: Path) -> None:
    v1 = copied_fixture(tmp_path, "schema_v1.db")
    v2 = copied_fixture(tmp_path, "schema_v2.db")
    spans = set()
    for path in (v1, v2):
        conn = sqlite3.connect(path)
        spans |= {
            (content_hash(text), *rest)
            for text, *rest in conn.execute(
                'SELECT a.text, n.start, n."end", n.tag FROM annotations n '
                "JOIN articles a ON a.id = n.article_id"
            )
        }
        conn.close()
    with Store(tmp_path / "team.db") as store:
        report = total_report(merge_files(store, [v1, v2]))
        merged = {
            (store.get_article(a.article_id).content_hash, a.start, a.end, a.tag)
            for a in store.list_annotations()
        }
    assert merged == spans and report.annotations_added == len(spans)
    for path in (v1, v2):  # upgraded in place, the old file backed up beside it
        with Store(path, create=False) as source:
            assert source.applied_migrations() == list(MIGRATION_NAMES)
        assert list(tmp_path.glob(f"{path.name}.backup-v*.db"))


def test_a_json_export_merges_the_same_way(tmp_path: Path, three_coders: list[Path]) -> None:
    export = tmp_path / "bob.json"
    with Store(three_coders[1], create=False) as bob:
        export_to_path(bob, export, "json")
    with Store(tmp_path / "team.db") as store:
        merge_files(store, [three_coders[0], export])
    expected = identities(three_coders[0]) | identities(three_coders[1])
    assert identities(tmp_path / "team.db") == expected


def test_bad_sources_change_nothing(tmp_path: Path, three_coders: list[Path]) -> None:
    foreign = tmp_path / "other.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE things (x)")
    conn.close()
    team = tmp_path / "team.db"
    with Store(team) as store:
        for bad, words in [
            ([three_coders[0], foreign], "another program's SQLite database"),
            ([three_coders[0], tmp_path / "missing.db"], "no such file"),
            ([three_coders[0], team], "cannot be merged into itself"),
            ([], "nothing to merge"),
        ]:
            with pytest.raises(ClipperError, match=words):
                merge_files(store, bad)
            assert (store.count_articles(), store.count_annotations()) == (0, 0)


def test_set_based_and_row_by_row_merges_store_the_same(
    tmp_path: Path, three_coders: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Databases are merged through ATTACH (one INSERT … SELECT each); over SQLite's limit
    # of attached databases the rest go article by article. Both must store the same.
    def merged(name: str) -> tuple[object, ...]:
        team = tmp_path / name
        with Store(team) as store:
            first = total_report(merge_files(store, three_coders))
            again = total_report(merge_files(store, three_coders))
        summary = (first.annotations_added, first.relations_added, first.articles_created)
        return identities(team), relations(team), summary, again.annotations_skipped

    attached = merged("attached.db")
    monkeypatch.setattr(attached_merge, "MAX_ATTACHED", 1)
    assert merged("row_by_row.db") == attached


def test_a_cancelled_set_based_merge_changes_nothing(
    tmp_path: Path, three_coders: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attached_merge, "_CANCEL_STEPS", 1)
    asked = [0]

    def cancel() -> bool:  # let the articles be matched, then stop SQLite mid-copy
        asked[0] += 1
        return asked[0] > 3

    with Store(tmp_path / "team.db") as store:
        with pytest.raises(Cancelled):
            merge_files(store, three_coders[:1], cancel=cancel)
        assert (store.count_articles(), store.count_annotations()) == (0, 0)
        assert asked[0] > 3
        merge_files(store, three_coders[:1])  # the connection is usable: nothing left over
        assert store.count_annotations() == 4


def test_a_source_whose_name_looks_like_a_uri_is_attached_as_a_file(
    tmp_path: Path, three_coders: list[Path]
) -> None:
    odd = tmp_path / "alice?mode=memory#1.db"
    shutil.copy(three_coders[0], odd)  # not open in this process: a plain copy is safe
    with Store(tmp_path / "team.db") as store:
        report = total_report(merge_files(store, [odd]))
    assert report.annotations_added == 4 and report.sources == (odd.name,)
    assert identities(tmp_path / "team.db") == identities(three_coders[0])
