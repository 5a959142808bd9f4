"""Krippendorff's alpha for unitized continua, as defined by Krippendorff, Mathet, Bouvry &
Widlöcher (2016), "On the reliability of unitizing textual continua: Further developments",
*Quality & Quantity* 50: 2347–2364, and restated in Krippendorff (2019), *Content Analysis*,
4th ed., section 12.6: the nominal ``_uα`` and the binary ``|uα`` of that family (not its
``_cuα`` or ``(k)uα``).

This is **not** the α_U of Krippendorff (1995, *Sociological Methodology* 25) and (2004,
*Content Analysis*, 2nd ed., section 12.4), which sums squared boundary distances between
overlapping units of one value at a time and misbehaves with more than two coders (the
reason for the 2016 revision); the two give different values on the same data (the 2004
book's example: published α_U = .859, ``_uα`` here .758 pooled over its two values). The
tests reproduce the 2019 book's worked example (Figure 12.11: ``_uα`` = .510, ``|uα`` =
.413) and hand-computed cases.

Every coder partitions the continuum (here: the texts one after another) into *units*, each
with a value (a tag), and *gaps* (value ``None``). With ``m`` coders:

* observed coincidences: ``l_ck = Σ_i Σ_j≠i Σ_g Σ_h [c_ig = c][k_jh = k] |s_ig ∩ s_jh| / (m − 1)``:
  how many characters coder ``i`` gave ``c`` while another coder gave ``k``; ``l_c.`` is the
  length all coders gave value ``c``, ``l.. = m · L``;
* expected coincidences:
  ``e_ck = l.. (l_c. l_.k − [c = k] Σ_ig [c_ig = c] w_ig) / (l..² − Σ_ig w_ig)``, where a
  unit weighs its length squared (``w = l²``: a unit pairs only with other units) and a gap
  its length (``w = l``: a gap has no structure, any part of it may pair);
* ``_uα = 1 − (l.. − Σ_c l_cc) / (l.. − Σ_c e_cc)`` (nominal: any two different values differ);
* ``|uα``, the binary coefficient (relevant matter against gaps, values ignored):
  ``1 − (l_∅. − l_∅∅) / (e_∅. − e_∅∅)``.

Undefined values (fewer than two coders, nothing to disagree about) are ``None``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from clipper.agreement.segments import Unit, check_units, pieces

__all__ = ["AlphaResult", "Coincidences", "pooled_alpha", "unitized_alpha"]


@dataclass(frozen=True, slots=True)
class AlphaResult:
    """``_uα`` and ``|uα`` with what they are made of."""

    #: ``_uα`` (``None`` when undefined).
    alpha: float | None
    #: ``|uα``, units against gaps (``None`` when undefined, e.g. no gaps at all).
    binary_alpha: float | None
    #: Observed and expected disagreement: ``l.. − Σ l_cc`` and ``l.. − Σ e_cc``.
    observed: float
    expected: float
    coders: int
    #: How many units the coders identified.
    units: int
    #: The length of the continuum ``L`` (characters).
    characters: int


class Coincidences:
    """Accumulates the coincidences of ``coders`` coders over sections of a continuum."""

    def __init__(self, coders: int) -> None:
        self.coders = coders
        self.characters = 0
        self.units = 0
        self._pairs: defaultdict[tuple[Hashable | None, Hashable | None], float] = defaultdict(
            float
        )
        self._lengths: defaultdict[Hashable | None, int] = defaultdict(int)
        self._weights: defaultdict[Hashable | None, int] = defaultdict(int)

    def add(
        self, length: int, coders_units: Sequence[Sequence[Unit]]
    ) -> list[tuple[int, tuple[Hashable | None, ...]]]:
        """One section (a text) of ``length`` characters: each coder's units in it. Returns
        the section's pieces (see :func:`~clipper.agreement.segments.pieces`)."""
        if len(coders_units) != self.coders:
            raise ValueError(f"expected the units of {self.coders} coders")
        checked = [check_units(units, length) for units in coders_units]
        self.characters += length
        for units in checked:
            covered = 0
            for start, end, value in units:
                self._lengths[value] += end - start
                self._weights[value] += (end - start) ** 2
                covered += end - start
            self.units += len(units)
            self._lengths[None] += length - covered
            self._weights[None] += length - covered  # gaps weigh their length
        pairs = self._pairs
        cut = list(pieces(length, checked))
        for width, values in cut:
            counts = Counter(values)
            for c, n_c in counts.items():
                for k, n_k in counts.items():
                    together = n_c * (n_k - 1) if c == k else n_c * n_k
                    if together:
                        pairs[c, k] += width * together
        return cut

    def result(self) -> AlphaResult:
        m = self.coders
        total = float(m * self.characters)  # l..
        if m < 2 or total == 0:
            return AlphaResult(None, None, 0.0, 0.0, m, self.units, self.characters)
        observed_same = sum(v for (c, k), v in self._pairs.items() if c == k) / (m - 1)
        weights = sum(self._weights.values())
        scale = total * total - weights
        if scale <= 0:
            return AlphaResult(None, None, 0.0, 0.0, m, self.units, self.characters)
        expected_same = sum(
            total * (self._lengths[c] ** 2 - self._weights[c]) / scale for c in self._lengths
        )
        observed = total - observed_same
        expected = total - expected_same
        alpha = 1 - observed / expected if expected > 0 else None
        gaps = float(self._lengths[None])
        binary_observed = gaps - self._pairs.get((None, None), 0.0) / (m - 1)
        binary_expected = total * gaps * (total - gaps) / scale
        binary = 1 - binary_observed / binary_expected if binary_expected > 0 else None
        return AlphaResult(alpha, binary, observed, expected, m, self.units, self.characters)


def unitized_alpha(
    sections: Iterable[tuple[int, Mapping[str, Sequence[Unit]]]], coders: Sequence[str]
) -> AlphaResult:
    """``_uα`` and ``|uα`` of ``coders`` over ``sections``: ``(length, {coder: units})``
    pairs, units being one coder's non-overlapping ``(start, end, value)`` (a coder missing
    from a section identified nothing there)."""
    sums = Coincidences(len(coders))
    for length, units in sections:
        sums.add(length, [units.get(coder, ()) for coder in coders])
    return sums.result()


def pooled_alpha(results: Iterable[AlphaResult]) -> float | None:
    """One ``_uα`` over several layers of the same continuum (e.g. one per tag, when tags
    may overlap): ``1 − Σ observed / Σ expected``."""
    observed = expected = 0.0
    for result in results:
        if result.alpha is not None:
            observed += result.observed
            expected += result.expected
    return 1 - observed / expected if expected > 0 else None
