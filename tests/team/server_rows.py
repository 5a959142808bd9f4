"""Raw rows on a team server for the tests (articles, annotations), written with psycopg."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
from postgres_harness import PostgresServer

from clipper.operations import team_server

TEXT = "Sales rose 12% to £4.2bn, the chief executive said on Tuesday."


def add_article(conn: psycopg.Connection[Any], text: str = TEXT) -> str:
    article = str(uuid.uuid4())
    conn.execute(
        "INSERT INTO articles (uuid, title, text, length) VALUES (%s, %s, %s, %s)",
        (article, "A title", text, len(text)),
    )
    return article


def add_annotation(
    conn: psycopg.Connection[Any], article: str, coder: str, start: int = 0, end: int = 5
) -> str:
    annotation = str(uuid.uuid4())
    conn.execute(
        'INSERT INTO annotations (uuid, article_uuid, coder_uuid, start, "end", tag, text) '
        "VALUES (%s, %s, %s, %s, %s, 'figure', 'Sales')",
        (annotation, article, coder, start, end),
    )
    return annotation


@dataclass
class Team:
    """A set-up team database: urls of its administrator, coders A and B, a lead and an
    analyst; two articles; one annotation of each coder on each article."""

    admin: str
    alice: str
    bob: str
    lead: str
    analyst: str
    alice_uuid: str
    bob_uuid: str
    articles: list[str]
    #: (article index, coder name) -> annotation uuid
    annotations: dict[tuple[int, str], str]
    #: "alice", "bob", "lena", "ana" -> their coder names on the server
    names: dict[str, str]


def make_team(server: PostgresServer) -> Team:
    url = server.new_database()
    team_server.init_server(url)
    tag = uuid.uuid4().hex[:8]  # logins are cluster-wide: unique per test
    coders = {
        name: team_server.add_server_coder(url, f"{name} {tag}", role=role)
        for name, role in (
            ("alice", "coder"),
            ("bob", "coder"),
            ("lena", "lead"),
            ("ana", "analyst"),
        )
    }
    with psycopg.connect(url) as conn:
        articles = [add_article(conn), add_article(conn)]
        annotations = {
            (i, name): add_annotation(conn, article, coders[name].uuid)
            for i, article in enumerate(articles)
            for name in ("alice", "bob")
        }
    urls = {name: server.as_role(url, coder.login or "") for name, coder in coders.items()}
    return Team(
        url,
        urls["alice"],
        urls["bob"],
        urls["lena"],
        urls["ana"],
        coders["alice"].uuid,
        coders["bob"].uuid,
        articles,
        annotations,
        {name: coder.name for name, coder in coders.items()},
    )
