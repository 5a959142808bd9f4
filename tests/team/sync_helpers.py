"""What the sync tests share: a team (server set up, coders' URLs) and small local edits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from postgres_harness import PostgresServer

from clipper.model import ImportedArticle
from clipper.operations.sync import SyncReport, sync
from clipper.operations.team_server import add_server_coder, init_server
from clipper.store import Store


@dataclass
class Team:
    """A set-up team server: the lead's (owner's) URL and each coder's."""

    lead: str
    coders: dict[str, str]


def make_team(server: PostgresServer, *names: str) -> Team:
    url = server.new_database()
    init_server(url)
    coders = {}
    for name in names:
        login = f"{name}_{url.rsplit('_', 1)[-1]}_{url.rsplit('_', 2)[-2]}"
        add_server_coder(url, name, login=login)
        coders[name] = server.as_role(url, login)
    return Team(lead=url, coders=coders)


def article(n: int, words: int = 40) -> ImportedArticle:
    text = " ".join(f"word{n}x{i}" for i in range(words))
    return ImportedArticle(
        text=text, title=f"Article {n}", source_name=f"a{n}.txt", source_kind="text", outlet="Daily"
    )


def run_sync(db: Path, url: str, coder: str | None = None) -> SyncReport:
    with Store(db) as store:
        return sync(store, url, coder=coder)


def annotation_rows(db: Path) -> set[tuple[object, ...]]:
    """Every annotation as (uuid, article uuid, coder, start, end, tag, note, status,
    attributes JSON, text)."""
    with Store(db) as store:
        return set(
            store.db.execute(
                'SELECT n.uuid, a.uuid, c.name, n.start, n."end", n.tag, n.note, n.status, '
                "(SELECT json_group_object(key, value) FROM (SELECT key, value FROM "
                "annotation_attributes x WHERE x.annotation_id = n.id ORDER BY key)), n.text "
                "FROM annotations n JOIN articles a ON a.id = n.article_id "
                "JOIN coders c ON c.id = n.coder_id"
            ).fetchall()
        )


def relation_rows(db: Path) -> set[tuple[object, ...]]:
    with Store(db) as store:
        return set(
            store.db.execute(
                "SELECT r.uuid, f.uuid, t.uuid, r.type FROM relations r "
                "JOIN annotations f ON f.id = r.from_id JOIN annotations t ON t.id = r.to_id"
            ).fetchall()
        )


def bulk_annotate(path: Path, coder: str, per_article: int) -> set[str]:
    """``per_article`` annotations by ``coder`` in every article (every 10th with an
    attribute), stored with the store's bulk merge; their uuids."""
    stamp = "2026-12-01T00:00:00.000Z"
    made: set[str] = set()
    with Store(path) as store, store.bulk_writes(), store.transaction():
        for number, summary in enumerate(store.list_articles()):
            text = store.get_article(summary.id).text
            step = len(text) // per_article
            rows = []
            for i in range(per_article):
                uuid = f"00000000-0000-4000-8000-{number * per_article + i:012x}"
                start, end = i * step, i * step + step - 1
                attributes = {"value": i} if i % 10 == 0 else None
                rows.append(
                    (start, end, "figure", text[start:end], "", stamp, stamp, None, uuid,
                     coder, "manual", None, "accepted", attributes, None)
                )  # fmt: skip
                made.add(uuid)
            store.merge_annotations(summary.id, rows)
    return made
