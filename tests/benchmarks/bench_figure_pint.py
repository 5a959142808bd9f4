"""Figures: would pint (physical units) do the unit part better than the rules? Measured on
the DEVELOPMENT gold figures only (dev, dev2, dev3, dev4; never a held-out set).

For every gold figure, the unit as the guidelines write it (``years``, ``km``, ``working
days``, ``votes``, ...) is given to pint's parser as written in the gold unit (spaces joined
by ``_``, pint's own spelling). Printed: how many physical units pint knows, how many of
those it names as the rules do (after making its singular name plural), and how many
counted entities (``points``, ``votes``, ``people``...) it wrongly takes for a physical unit.
Our rules' figure for the same: value+unit right on the same figures (``evaluate``).

Run with ``nice python tests/benchmarks/bench_figure_pint.py`` from the project root (needs
``pip install pint``; skipped when pint is missing). Asserts nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _report import emit, table

ROOT = Path(__file__).parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
DEV = ("dev", "dev2", "dev3", "dev4")
#: Units the guidelines count as measurement (durations, distances, areas, temperatures...).
PHYSICAL = frozenset(
    ("seconds", "minutes", "hours", "days", "working days", "weeks", "months", "years",
     "decades", "centuries", "km", "miles", "meters", "metres", "feet", "square meters", "kg",
     "tonnes", "degrees Celsius")
)  # fmt: skip


def gold_units() -> list[str]:
    units = []
    for name in DEV:
        for path in sorted((GOLD / name).glob("*.jsonl")):
            for line in path.read_text("utf-8").splitlines():
                row = json.loads(line) if line.strip() else {}
                if row.get("tag") == "figure" and row.get("unit"):
                    units.append(str(row["unit"]))
    return units


def main() -> None:
    try:
        import pint
    except ImportError:
        print("pint is not installed: nothing measured", file=sys.stderr)
        return
    registry = pint.UnitRegistry()
    units = gold_units()
    physical = [u for u in units if u in PHYSICAL]
    counted = [u for u in units if u not in PHYSICAL and u not in ("percent", "fraction")]
    counted = [u for u in counted if not (len(u) == 3 and u.isupper())]  # ISO 4217 money
    known = named = false_units = 0
    for unit in physical:
        try:
            parsed = registry.parse_units(unit.replace(" ", "_"))
        except Exception:  # pint raises its own errors for unknown names
            continue
        known += 1
        name = str(parsed)
        named += name + "s" == unit or name == unit
    for unit in counted:
        try:
            registry.parse_units(unit.replace(" ", "_"))
        except Exception:  # not a unit: right
            continue
        false_units += 1
    emit("dev gold figures with a physical unit", len(physical), "figures")
    emit("pint knows the unit", 100 * known / max(1, len(physical)), "%")
    emit(
        "pint names it as the rules do (plural as written)",
        100 * named / max(1, len(physical)),
        "%",
    )
    emit("dev gold figures counting an entity", len(counted), "figures")
    emit(
        "pint takes the counted entity for a physical unit (wrong)",
        100 * false_units / max(1, len(counted)),
        "%",
    )
    table(f"pint {pint.__version__} on the dev gold units")


if __name__ == "__main__":
    main()
