"""Agreement measures against published and hand-computed values (to 3 decimals), and
against scikit-learn's Cohen's kappa and the definitions computed literally."""

from __future__ import annotations

import random
from collections.abc import Hashable

import pytest

from clipper.agreement import CodedSpan, CodedText, agreement_report, unitized_alpha
from clipper.agreement.f1 import match_spans
from clipper.agreement.kappa import CohenCounts, FleissCounts
from clipper.agreement.unitizing import pooled_alpha


def ones(values: list[int]) -> list[tuple[int, int, Hashable]]:
    """One-character units where ``values`` is 1 (gaps elsewhere)."""
    return [(i, i + 1, 1) for i, v in enumerate(values) if v]


def test_one_character_units_give_krippendorffs_published_binary_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", A: binary data,
    # two observers, ten units, no missing values: alpha = 0.095. With every unit one
    # character long, the unitizing alpha is the nominal alpha over characters.
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    result = unitized_alpha([(10, {"A": ones(first), "B": ones(second)})], ["A", "B"])
    assert result.alpha == pytest.approx(0.095, abs=5e-4)


def test_two_coders_hand_computed() -> None:
    # L = 20; a: 8..10, b: 9..12. l.. = 40; observed agreement 34 (gaps 32, units 2);
    # l_1. = 5, l_gap. = 35; weights 4 + 9 = 13 (units, squared) and 35 (gaps);
    # e_11 = 40·(25−13)/1552, e_gg = 40·(1225−35)/1552; alpha = 1 − 6/9.0206 = 0.335.
    result = unitized_alpha([(20, {"a": [(8, 10, "f")], "b": [(9, 12, "f")]})], ["a", "b"])
    assert round(result.alpha or 0, 3) == 0.335
    assert (result.units, result.characters, result.coders) == (2, 20, 2)


def test_three_coders_hand_computed() -> None:
    # L = 10; a, b: 2..6, c: 3..6. l.. = 30; observed agreement 18 + 10 = 28;
    # l_1. = 11, weights 16 + 16 + 9 = 41, gaps 19; denominator 900 − 60 = 840;
    # e_11 = 30·80/840, e_gg = 30·342/840; alpha = 1 − 2/14.9286 = 0.866.
    units = {"a": [(2, 6, "q")], "b": [(2, 6, "q")], "c": [(3, 6, "q")]}
    assert round(unitized_alpha([(10, units)], ["a", "b", "c"]).alpha or 0, 3) == 0.866


def book(units: list[tuple[int, int, int]]) -> list[tuple[int, int, Hashable]]:
    """Units printed as 1-based inclusive ``(first, last, value)`` positions, as offsets."""
    return [(first - 1, last, value) for first, last, value in units]


def test_published_three_observer_example() -> None:
    # Krippendorff (2019), Content Analysis, 4th ed., section 12.6, Figure 12.11: the
    # worked example of the 2016 coefficients (Krippendorff, Mathet, Bouvry & Widlöcher,
    # Quality & Quantity 50): observers Alex, Paul and Suzan unitize a continuum of 60
    # with values 1..7. Published: _uα = .510, |uα = .413. (Positions as reproduced in
    # the quallmer R package's tests, tests/testthat/test-alpha_u.R.)
    alex = book([(1, 7, 1), (8, 13, 2), (31, 32, 5), (33, 37, 6), (38, 44, 6), (45, 60, 7)])
    paul = book([(1, 7, 1), (8, 13, 3), (14, 21, 5), (33, 44, 6)])
    suzan = book([(1, 7, 1), (8, 13, 4), (14, 21, 5), (33, 37, 6), (38, 41, 6), (42, 44, 6)])
    result = unitized_alpha(
        [(60, {"alex": alex, "paul": paul, "suzan": suzan})], ["alex", "paul", "suzan"]
    )
    assert round(result.alpha or 0, 3) == 0.510
    # Exactly 0.41360; the book prints .413 from its rounded expected coincidences, so
    # this one holds to 3 decimals within rounding (|difference| < 0.001).
    assert result.binary_alpha == pytest.approx(0.413, abs=1e-3)
    assert (result.observed, result.units, result.characters) == (70.0, 16, 60)
    # Observed disagreement: 70 of l.. = 3 · 60 = 180 coincidences.


def test_2004_example_is_another_coefficient() -> None:
    # Krippendorff (2004), Content Analysis, 2nd ed., p. 254: two observers, a continuum
    # 150..450, values c and k (the same observer's c and k units overlap, so each value
    # is a layer of its own, as Clipper treats tags). The 2004 coefficient α_U measures
    # squared boundary distances between overlapping units and is published as
    # cα_U = .729 and α_U = .859 (reproduced by DKPro Statistics'
    # Krippendorff2004Test). The 2016 _uα implemented here counts coinciding lengths
    # instead, so it differs; hand-computed for layer c (L = 300, offsets from 150):
    #   i: 75..145, 220..250 (100 relevant); j: 70..150, 205..225, 250..270 (120).
    #   Observed: both relevant 70 + 5 = 75, both gap 300 − 145 = 155, so
    #   l.. − Σ l_cc = 600 − 2·230 = 140.
    #   Expected: l_1. = 220, l_∅. = 380; Σ w = 70² + 30² + 80² + 20² + 20² = 13,000 for
    #   units and 380 for gaps; l..² − Σ w = 346,620;
    #   e_11 = 600·(220² − 13,000)/346,620 = 61.277, e_∅∅ = 600·(380² − 380)/346,620
    #   = 249.300; l.. − Σ e_cc = 289.424; _uα = 1 − 140/289.424 = 0.516.
    c = unitized_alpha(
        [(300, {"i": [(75, 145, 1), (220, 250, 1)], "j": [(70, 150, 1), (205, 225, 1),
                                                            (250, 270, 1)]})],
        ["i", "j"],
    )  # fmt: skip
    k = unitized_alpha(
        [(300, {"i": [(30, 90, 1), (150, 200, 1)], "j": [(30, 90, 1), (150, 200, 1)]})],
        ["i", "j"],
    )
    assert c.observed == 140.0 and round(c.expected, 3) == 289.424
    assert round(c.alpha or 0, 3) == 0.516
    assert k.alpha == pytest.approx(1.0)
    # Pooled over both layers: 1 − 140 / (289.424 + 288.757).
    assert round(pooled_alpha([c, k]) or 0, 3) == 0.758


def test_perfect_agreement_and_undefined_cases() -> None:
    same = {"a": [(0, 3, "x"), (5, 9, "y")], "b": [(0, 3, "x"), (5, 9, "y")]}
    assert unitized_alpha([(12, same)], ["a", "b"]).alpha == pytest.approx(1.0)
    assert unitized_alpha([(12, same)], ["a"]).alpha is None  # one coder
    assert unitized_alpha([(12, {})], ["a", "b"]).alpha is None  # nothing identified
    with pytest.raises(ValueError, match="overlap"):
        unitized_alpha([(12, {"a": [(0, 5, "x"), (3, 6, "y")]})], ["a", "b"])


def brute_force_alpha(length: int, coders: list[list[tuple[int, int, str]]]) -> float:
    """The 2016 definitions computed literally: unit by unit, pair by pair."""
    m = len(coders)
    segments = []  # every coder's partition: units and gaps
    for units in coders:
        parts, at = [], 0
        for start, end, value in sorted(units):
            if start > at:
                parts.append((at, start, None))
            parts.append((start, end, value))
            at = end
        if at < length:
            parts.append((at, length, None))
        segments.append(parts)
    values = {v for parts in segments for _, _, v in parts}
    observed = dict.fromkeys(((c, k) for c in values for k in values), 0.0)
    for i in range(m):
        for j in range(m):
            if i != j:
                for s1, e1, c in segments[i]:
                    for s2, e2, k in segments[j]:
                        observed[c, k] += max(0, min(e1, e2) - max(s1, s2)) / (m - 1)
    total = m * length
    margin = {c: sum(e - s for parts in segments for s, e, v in parts if v == c) for c in values}
    weight = {
        c: sum(
            (e - s) ** 2 if v is not None else e - s for p in segments for s, e, v in p if v == c
        )
        for c in values
    }
    scale = total**2 - sum(weight.values())
    expected_same = sum(total * (margin[c] ** 2 - weight[c]) / scale for c in values)
    observed_same = sum(observed[c, c] for c in values)
    return 1 - (total - observed_same) / (total - expected_same)


def random_units(rng: random.Random, length: int, values: str) -> list[tuple[int, int, str]]:
    units, at = [], 0
    while True:
        start = at + rng.randint(0, 8)
        end = start + rng.randint(1, 9)
        if end > length:
            return units
        units.append((start, end, rng.choice(values)))
        at = end


@pytest.mark.parametrize("seed", range(20))
def test_alpha_matches_the_definitions_computed_literally(seed: int) -> None:
    rng = random.Random(seed)
    m = rng.randint(2, 4)
    coders = [random_units(rng, 60, "xyz") for _ in range(m)]
    names = [f"c{i}" for i in range(m)]
    fast = unitized_alpha([(60, dict(zip(names, coders, strict=True)))], names)
    assert fast.alpha == pytest.approx(brute_force_alpha(60, coders), abs=1e-9)


def texts_from(spans: list[tuple[str, str, int, int]], length: int) -> list[CodedText]:
    return [CodedText(length, [CodedSpan(*s) for s in spans])]


def test_report_kappa_and_f1_hand_counts() -> None:
    # Two coders, L = 20: quote identical; figure 8..10 against 9..12.
    spans = [("a", "q", 0, 5), ("b", "q", 0, 5), ("a", "f", 8, 10), ("b", "f", 9, 12)]
    report = agreement_report(texts_from(spans, 20), ["a", "b"], ["q", "f"])
    quote, figure = report.tags
    assert (quote.alpha_u, quote.kappa, quote.f1_exact) == (1.0, 1.0, 1.0)
    # Characters: both out 16, a only 1, both 1, b only 2: p_o = 0.85, p_e = 0.78.
    assert round(figure.kappa or 0, 3) == 0.318 and figure.kappa_kind == "Cohen"
    assert (figure.f1_exact, figure.f1_overlap) == (0.0, 1.0)
    assert round(figure.alpha_u or 0, 3) == 0.335
    overall = report.overall
    assert (overall.units, overall.characters, overall.coders) == (4, 20, 2)
    assert overall.f1_exact == 0.5  # 1 exact match of 2 + 2 spans
    # Pooled kappa over (character, tag) items: 40 items, 37 agreed; a marked 7, b 8:
    # p_e = 0.175·0.2 + 0.825·0.8 = 0.695.
    assert round(overall.kappa or 0, 3) == round((0.925 - 0.695) / (1 - 0.695), 3) == 0.754


def test_three_coders_fleiss_and_mean_pairwise_f1() -> None:
    spans = [("a", "q", 2, 6), ("b", "q", 2, 6), ("c", "q", 3, 6)]
    [row] = agreement_report(texts_from(spans, 10), ["a", "b", "c"], ["q"]).tags
    assert row.kappa_kind == "Fleiss" and round(row.kappa or 0, 3) == 0.856
    assert round(row.alpha_u or 0, 3) == 0.866
    assert round(row.f1_exact or 0, 3) == 0.333 and row.f1_overlap == 1.0
    assert (row.units, row.coders) == (3, 3)


def test_overall_pools_the_tags() -> None:
    spans = [("a", "q", 0, 6), ("b", "q", 1, 6), ("a", "f", 2, 3), ("b", "f", 2, 4)]
    report = agreement_report(texts_from(spans, 30), ["a", "b"], ["q", "f"])
    per_tag = [
        unitized_alpha([(30, {"a": [(0, 6, 1)], "b": [(1, 6, 1)]})], ["a", "b"]),
        unitized_alpha([(30, {"a": [(2, 3, 1)], "b": [(2, 4, 1)]})], ["a", "b"]),
    ]
    assert report.overall.alpha_u == pytest.approx(pooled_alpha(per_tag))


def test_span_f1_overlap_counts_each_side() -> None:
    matches = match_spans([(0, 5), (10, 12), (20, 25)], [(4, 8), (30, 31)])
    assert (matches.first_overlapped, matches.second_overlapped) == (1, 1)
    # recall 1/3, precision 1/2 -> F1 = 0.4
    assert round(matches.f1_overlap() or 0, 3) == 0.4
    assert matches.f1_exact() == 0.0


def per_character(length: int, spans: list[tuple[int, int]]) -> list[int]:
    marks = [0] * length
    for start, end in spans:
        for i in range(start, end):
            marks[i] = 1
    return marks


def fleiss_literally(table: list[list[int]]) -> float:
    """Fleiss (1971), equations (2)–(5) and (8), over a subjects × categories table of counts."""
    n = sum(table[0])
    subjects = len(table)
    p_j = [sum(row[j] for row in table) / (subjects * n) for j in range(len(table[0]))]
    p_i = [(sum(c * c for c in row) - n) / (n * (n - 1)) for row in table]
    p_bar, p_e = sum(p_i) / subjects, sum(p * p for p in p_j)
    return (p_bar - p_e) / (1 - p_e)


@pytest.mark.parametrize("seed", range(5))
def test_kappa_agrees_with_scikit_learn_and_fleiss_definitions(seed: int) -> None:
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    rng = random.Random(seed)
    length = 200
    coders = {c: [(s, e) for s, e, _ in random_units(rng, length, "q")] for c in "abc"}
    spans = [(c, "q", s, e) for c, found in coders.items() for s, e in found]
    marks = {c: per_character(length, found) for c, found in coders.items()}
    two = agreement_report(texts_from(spans, length), ["a", "b"], ["q"]).tags[0]
    assert two.kappa == pytest.approx(sklearn_metrics.cohen_kappa_score(marks["a"], marks["b"]))
    three = agreement_report(texts_from(spans, length), ["a", "b", "c"], ["q"]).tags[0]
    table = [
        [sum(1 - marks[c][i] for c in "abc"), sum(marks[c][i] for c in "abc")]
        for i in range(length)
    ]
    assert three.kappa == pytest.approx(fleiss_literally(table))


def fleiss_of(table: list[tuple[int, ...]]) -> float | None:
    """Clipper's Fleiss' kappa over a subjects × categories table of counts."""
    sums = FleissCounts(sum(table[0]))
    for row in table:
        sums.add(1, [category for category, n in enumerate(row) for _ in range(n)])
    return sums.kappa()


# Fleiss (1971), "Measuring nominal scale agreement among many raters", Psychological
# Bulletin 76(5), Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses; kappa = .430.
FLEISS_1971_TABLE_1 = [
    (0, 0, 0, 6, 0), (0, 3, 0, 0, 3), (0, 1, 4, 0, 1), (0, 0, 0, 0, 6), (0, 3, 0, 3, 0),
    (2, 0, 4, 0, 0), (0, 0, 4, 0, 2), (2, 0, 3, 1, 0), (2, 0, 0, 4, 0), (0, 0, 0, 0, 6),
    (1, 0, 0, 5, 0), (1, 1, 0, 4, 0), (0, 3, 3, 0, 0), (1, 0, 0, 5, 0), (0, 2, 0, 3, 1),
    (0, 0, 5, 0, 1), (3, 0, 0, 1, 2), (5, 1, 0, 0, 0), (0, 2, 0, 4, 0), (1, 0, 2, 0, 3),
    (0, 0, 0, 0, 6), (0, 1, 0, 5, 0), (0, 2, 0, 1, 3), (2, 0, 0, 4, 0), (1, 0, 0, 4, 1),
    (0, 5, 0, 1, 0), (4, 0, 0, 0, 2), (0, 2, 0, 4, 0), (1, 0, 5, 0, 0), (0, 0, 0, 0, 6),
]  # fmt: skip

# The example of Wikipedia's "Fleiss' kappa" article (and many textbooks after it): 10
# subjects, 14 raters, 5 categories; P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210.
FLEISS_WIKIPEDIA = [
    (0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0), (2, 2, 8, 1, 1),
    (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2), (6, 5, 2, 1, 0), (0, 2, 2, 3, 7),
]  # fmt: skip


def test_fleiss_kappa_published_examples() -> None:
    assert sum(map(sum, FLEISS_1971_TABLE_1)) == 180  # the table as printed: 30 x 6
    assert round(fleiss_of(FLEISS_1971_TABLE_1) or 0, 3) == 0.430
    assert round(fleiss_of(FLEISS_WIKIPEDIA) or 0, 3) == 0.210


def test_cohen_kappa_published_example() -> None:
    # Cohen (1960), "A coefficient of agreement for nominal scales", Table 2: 200 cases,
    # three categories, p_o = .70, p_c = .41, kappa = .492.
    counts = CohenCounts()
    table = [(1, 1, 88), (1, 2, 14), (1, 3, 18), (2, 1, 10), (2, 2, 40), (2, 3, 10),
             (3, 1, 2), (3, 2, 6), (3, 3, 12)]  # fmt: skip
    for first, second, n in table:
        counts.add(n, first, second)
    assert round(counts.kappa() or 0, 3) == 0.492
