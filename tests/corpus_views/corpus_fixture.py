"""A small real corpus for the corpus-view tests: the Wikinews fixture articles (see
tests/fixtures/ATTRIBUTION.md) with annotations by two coders, and short clippings with
currency signs, percentages and Chinese text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from clipper.model import ImportedArticle
from clipper.operations import Session
from clipper.store import Store

ARTICLES = Path(__file__).parent.parent / "fixtures" / "articles"

#: (file, outlet, date): the MANIFEST's metadata.
REAL = (
    ("wikinews_news_crane.txt", "Wikinews", "2015-09-12"),
    ("wikinews_news_taxes.txt", "Wikinews", "2015-08-02"),
    ("wikinews_news_nasa.txt", "Wikinews", "2011-04-13"),
    ("wikinews_interview_hill.txt", "Wikinews", "2015-01-06"),
    ("seed_alibaba_ai_investment.txt", None, "2025-02"),
)

#: Short clippings in the style of a business page (written for these tests).
SYMBOLS = (
    (
        "Pound and euro",
        "Daily Ledger",
        "2024-03-05",
        "The deal is worth £5bn, or about €5.8bn, a rise of 12% on last year's £4.4bn.",
    ),
    (
        "Inflation",
        "Daily Ledger",
        "2024-04-10",
        "Inflation fell to 3.2% in March; the Bank kept rates at 5.25%.",
    ),
    (
        "人民银行",
        "新华社",
        "2024-05-01",
        "中国人民银行宣布下调存款准备金率0.5个百分点，释放长期资金约1万亿元。",
    ),
)


@dataclass
class Corpus:
    session: Session
    ids: dict[str, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)


def build_corpus(store: Store) -> Corpus:
    session = Session(store, coder="ann")
    corpus = Corpus(session)
    for name, outlet, date in REAL:
        text = (ARTICLES / name).read_text(encoding="utf-8")
        title = text.splitlines()[0][:80]
        article = store.add_article(
            ImportedArticle(
                text=text,
                title=title,
                source_name=name,
                source_kind="txt",
                outlet=outlet,
                published=date,
            )
        )
        corpus.ids[name] = article.id
        corpus.texts[article.id] = article.text
    for title, outlet, date, text in SYMBOLS:
        article = store.add_article(
            ImportedArticle(
                text=text,
                title=title,
                source_name=title,
                source_kind="txt",
                outlet=outlet,
                published=date,
            )
        )
        corpus.ids[title] = article.id
        corpus.texts[article.id] = article.text
    return corpus


def tag(corpus: Corpus, article: str, phrase: str, tag_name: str, **kwargs: object) -> int:
    """Tag the first occurrence of ``phrase``; returns the annotation id."""
    article_id = corpus.ids[article]
    start = corpus.texts[article_id].index(phrase)
    changes = corpus.session.add_annotation(
        article_id,
        start,
        start + len(phrase),
        tag_name,
        **kwargs,  # type: ignore[arg-type]
    )
    return changes.annotations_added[0].id
