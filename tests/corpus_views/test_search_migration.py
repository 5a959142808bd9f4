"""Migration ``0004_corpus_search`` indexes the articles an older database holds."""

from __future__ import annotations

import shutil
from pathlib import Path

from clipper.store import Store
from clipper.store.schema import MIGRATION_NAMES

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_an_older_database_is_searchable_for_symbols_after_the_upgrade(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "schema_v2.db", old)  # no Store has it open
    with Store(old) as store:
        assert store.applied_migrations() == list(MIGRATION_NAMES)
        from clipper.operations import Session

        session = Session(store)
        hits = session.search_corpus("$53", limit=5)
        assert [(h.article_id, h.text) for h in hits] == [(3, "$53")]
        emoji = session.search_corpus("中文", limit=5)
        assert [(h.article_id, h.text) for h in emoji] == [(4, "中文")]
        text = store.get_article(4).text
        assert text[emoji[0].start : emoji[0].end] == "中文"  # code points, not UTF-16
        assert emoji[0].start == text.index("中文")
