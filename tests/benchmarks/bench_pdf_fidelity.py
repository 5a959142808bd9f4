"""Text fidelity of the PDF importer: word-level agreement with a reference text.

Run: ``python tests/benchmarks/bench_pdf_fidelity.py [--label NAME] [--save FILE]``
(``CLIPPER_CODE=/path/to/main`` measures another checkout's importer: "before"). Files: every PDF in
tests/fixtures/pdfs and ../shared/corpus/pdfs that imports (has a text layer, opens
without a password). Reference: a hand-checked transcript in
tests/fixtures/pdf_references/<name>.txt when there is one (the hard cases, where
pdftotext itself is wrong: margin line numbers, letter-spaced small caps, Arabic in
reversed order), else
``pdftotext -enc UTF-8`` (no ``-layout``; needs poppler-utils, only this benchmark does).

Both texts are normalised the same way (NFKC, a line-end hyphen before a lower-case
letter joined, white space split; Chinese, Japanese and Korean characters count one
by one). Figures per file and overall (weighted by reference
words):

- ``words``: the multiset F1 of the words (order ignored): spaces inside words, glued
  words, lost or invented text all cost;
- ``order``: the share of reference words found in the same order (longest matching
  blocks, difflib), i.e. reading order.

Asserts nothing. One JSON line per figure, then a table.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from _report import emit, table

ROOT = Path(__file__).resolve().parents[2]
#: Measure another checkout's importer (e.g. main, for "before"): CLIPPER_CODE=/path/to/it.
sys.path.insert(0, os.environ.get("CLIPPER_CODE", str(ROOT)))

from clipper.errors import ClipperError  # noqa: E402
from clipper.importers.pdf import read_pdf  # noqa: E402

PDFS = ROOT / "tests" / "fixtures" / "pdfs"
REFERENCES = ROOT / "tests" / "fixtures" / "pdf_references"
CORPUS = next(
    (
        p
        for p in (ROOT.parent / "shared" / "corpus" / "pdfs", Path("/work/shared/corpus/pdfs"))
        if p.is_dir()
    ),
    None,
)
_HYPHEN_BREAK = re.compile(r"(\w)-\n(?=[a-z])")


#: Scripts written without spaces between words: compared character by character.
_UNSPACED = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\uff00-\uffef])")


def words(text: str) -> list[str]:
    # invisible format characters (bidi embeddings pdftotext writes) are no words
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    text = unicodedata.normalize("NFKC", text)
    text = _HYPHEN_BREAK.sub(r"\1", text)
    text = _UNSPACED.sub(r" \1 ", text)
    return text.split()


def f1(ours: list[str], reference: list[str]) -> float:
    if not ours or not reference:
        return 0.0
    common = sum((Counter(ours) & Counter(reference)).values())
    precision, recall = common / len(ours), common / len(reference)
    return 0.0 if common == 0 else 2 * precision * recall / (precision + recall)


def in_order(ours: list[str], reference: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, reference, ours, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(reference) if reference else 0.0


def reference_text(pdf: Path) -> tuple[str, str] | None:
    """The reference and where it came from, or ``None`` (no pdftotext)."""
    hand = REFERENCES / f"{pdf.stem}.txt"
    if hand.exists():
        return hand.read_text(encoding="utf-8"), "hand-checked"
    if shutil.which("pdftotext") is None:
        return None
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=False
    )
    return done.stdout.decode("utf-8", "replace"), "pdftotext"


def candidates() -> list[Path]:
    seen: dict[str, Path] = {}
    for folder in (PDFS, CORPUS):
        if folder is None:
            continue
        for pdf in sorted(folder.glob("*.pdf")):
            seen.setdefault(pdf.name, pdf)
    return list(seen.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--save", type=Path, help="also write the per-file figures here (JSON)")
    parser.add_argument("--label", default="", help="prefix of the figures' names")
    args = parser.parse_args()
    label = f"{args.label} " if args.label else ""
    results = {}
    total_words = total_f1 = total_order = 0.0
    for pdf in candidates():
        try:
            text = read_pdf(pdf, workers=1).text
        except ClipperError:
            continue  # no text layer, encrypted, broken: nothing to compare
        found = reference_text(pdf)
        if found is None:
            print("pdftotext is not installed: apt-get install -y poppler-utils", file=sys.stderr)
            return
        reference, source = found
        ours, ref = words(text), words(reference)
        if not ref:
            continue
        score, order = f1(ours, ref), in_order(ours, ref)
        results[pdf.name] = {"words": score, "order": order, "reference": source}
        emit(f"{label}{pdf.stem} words F1 vs {source}", score, "ratio")
        emit(f"{label}{pdf.stem} order vs {source}", order, "ratio")
        total_words += len(ref)
        total_f1 += score * len(ref)
        total_order += order * len(ref)
    if total_words:
        emit(f"{label}all files words F1 (weighted)", total_f1 / total_words, "ratio")
        emit(f"{label}all files order (weighted)", total_order / total_words, "ratio")
    if args.save:
        args.save.write_text(json.dumps(results, indent=1), encoding="utf-8")
    table("PDF text fidelity: agreement with the reference")


if __name__ == "__main__":
    main()
