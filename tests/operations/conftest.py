"""A session over a real database file with two articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store

TEXT = "Sales rose 12% to £4.2bn, the chief executive said on Tuesday."
OTHER = "The minister said: “We will not raise taxes.” Critics disagreed."


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    with Store(db_path) as store:
        store.add_article(ImportedArticle(TEXT, "Sales", "sales.txt", "txt", outlet="Paper"))
        store.add_article(ImportedArticle(OTHER, "Taxes", "taxes.txt", "txt"))
        yield Session(store)
