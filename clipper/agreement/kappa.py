"""Cohen's kappa (two coders) and Fleiss' kappa (two or more) over weighted items.

At character level every character is an item; the pieces of :mod:`.segments` are runs of
characters on which every coder's value is constant, so an item carries a weight (its
length). Both accumulate sums and may be added up over texts and tags (pooled).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

__all__ = ["CohenCounts", "FleissCounts"]


@dataclass(slots=True)
class CohenCounts:
    """The weighted confusion matrix of two coders."""

    cells: defaultdict[tuple[Hashable, Hashable], float] = field(
        default_factory=lambda: defaultdict(float)
    )

    def add(self, weight: float, first: Hashable, second: Hashable) -> None:
        self.cells[first, second] += weight

    def merge(self, other: CohenCounts) -> None:
        for key, value in other.cells.items():
            self.cells[key] += value

    def kappa(self) -> float | None:
        """``(p_o − p_e) / (1 − p_e)``; ``None`` when chance agreement is total."""
        total = sum(self.cells.values())
        if total <= 0:
            return None
        first: defaultdict[Hashable, float] = defaultdict(float)
        second: defaultdict[Hashable, float] = defaultdict(float)
        agreed = 0.0
        for (a, b), value in self.cells.items():
            first[a] += value
            second[b] += value
            if a == b:
                agreed += value
        observed = agreed / total
        chance = sum(first[c] * second.get(c, 0.0) for c in first) / (total * total)
        return (observed - chance) / (1 - chance) if chance < 1 else None


@dataclass(slots=True)
class FleissCounts:
    """Fleiss' sums over items each coded by the same ``coders`` coders."""

    coders: int
    items: float = 0.0
    agreement: float = 0.0
    categories: defaultdict[Hashable, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, weight: float, values: Sequence[Hashable]) -> None:
        m = self.coders
        counts = Counter(values)
        self.items += weight
        same = sum(n * n for n in counts.values()) - m
        self.agreement += weight * same / (m * (m - 1))
        for value, n in counts.items():
            self.categories[value] += weight * n

    def merge(self, other: FleissCounts) -> None:
        self.items += other.items
        self.agreement += other.agreement
        for key, value in other.categories.items():
            self.categories[key] += value

    def kappa(self) -> float | None:
        """``(P̄ − P̄_e) / (1 − P̄_e)``; ``None`` when undefined."""
        if self.items <= 0 or self.coders < 2:
            return None
        observed = self.agreement / self.items
        ratings = self.items * self.coders
        chance = sum((v / ratings) ** 2 for v in self.categories.values())
        return (observed - chance) / (1 - chance) if chance < 1 else None
