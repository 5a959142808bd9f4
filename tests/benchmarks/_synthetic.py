"""Synthetic coded articles for the team benchmarks (merge, agreement, sync)."""

from __future__ import annotations

import random

from clipper.model import MergedAnnotation
from clipper.store import Store

TAGS = ("figure", "quote", "person", "claim")
STAMP = "2026-12-01T00:00:00.000Z"


def article_text(number: int) -> str:
    words = [f"word{(number * 7 + i) % 997}" for i in range(600)]
    return f"Article {number}. " + " ".join(words)


def annotate_article(
    store: Store,
    article_id: int,
    text: str,
    number: int,
    per_article: int,
    seed: int,
    coder: str,
    rng: random.Random,
) -> int:
    """``per_article`` spans by ``coder`` in one article (10% with an attribute, 5% with a
    relation to the span before), UUIDs derived from ``seed`` and ``number``; how many
    were stored. Call inside the caller's transaction."""
    step = len(text) // per_article
    rows: list[MergedAnnotation] = []
    previous: str | None = None
    for i in range(per_article):
        start = i * step + rng.randint(0, 3)
        end = min(len(text), start + rng.randint(3, step - 1))
        uuid = f"{seed:08x}-0000-4000-8000-{number * per_article + i:012x}"
        attributes = {"value": i} if i % 10 == 0 else None
        relations = [("said_by", previous, None)] if previous and i % 20 == 0 else None
        rows.append(
            (start, end, TAGS[i % 4], text[start:end], "", STAMP, STAMP, None, uuid,
             coder, "manual", None, "accepted", attributes, relations)
        )  # fmt: skip
        previous = uuid
    count = store.merge_annotations(article_id, rows)
    store.merge_relations(
        (kind, r[8], to, rid) for r in rows if r[14] and r[8] for kind, to, rid in r[14]
    )
    return count
