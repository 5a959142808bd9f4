"""The test corpus with annotations whose counts are known by hand."""

from __future__ import annotations

from corpus_fixture import Corpus, build_corpus, tag

from clipper.store import Store

CRANE = "wikinews_news_crane.txt"
HILL = "wikinews_interview_hill.txt"
SEED = "seed_alibaba_ai_investment.txt"


def annotated_corpus(store: Store) -> Corpus:
    """By coder ann (accepted unless said): in the crane story 2 persons, 2 quotes (one with
    a ``speaker`` attribute, one ``said_by`` a person whose later mention is ``same_as``
    the full name), 2 figures (unit ``people``); in the pound clipping 2 figures (GBP,
    EUR) and 1 claim; in the Hill interview 1 person and 1 quote by coder bob; and one
    pending (suggested) and one rejected figure that the views leave out by default."""
    corpus = build_corpus(store)
    session = corpus.session
    tag(corpus, CRANE, "Suleiman al-Amr", "person")
    speaker = {"speaker": "Suleiman al-Amr"}
    tag(corpus, CRANE, '"All those who were wounded', "quote", attributes=speaker)
    maeena = tag(corpus, CRANE, "Khaled Al-Maeena", "person")
    quote = tag(corpus, CRANE, '"Had it happened an hour later', "quote")
    session.add_relation(quote, maeena, "said_by")
    tag(corpus, CRANE, "107", "figure", attributes={"value": 107, "unit": "people"})
    tag(corpus, CRANE, "238", "figure", attributes={"value": 238, "unit": "people"})
    tag(corpus, "Pound and euro", "£5bn", "figure", attributes={"value": 5e9, "unit": "GBP"})
    tag(corpus, "Pound and euro", "€5.8bn", "figure", attributes={"value": 5.8e9, "unit": "EUR"})
    tag(corpus, "Pound and euro", "a rise of 12%", "claim")
    tag(corpus, HILL, "Christopher Hill", "person", coder="bob")
    tag(
        corpus,
        HILL,
        "My Presidential qualifications",
        "quote",
        coder="bob",
        attributes={"speaker": "Christopher Hill"},
    )
    tag(
        corpus,
        "Inflation",
        "3.2%",
        "figure",
        status="pending",
        origin="suggested",
        attributes={"value": 3.2, "unit": "percent"},
    )
    tag(corpus, "Inflation", "5.25%", "figure", status="rejected", origin="suggested")
    return corpus
