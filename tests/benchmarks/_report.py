"""Benchmark output: one JSON object per line, then a readable table."""

from __future__ import annotations

import json
import os
from typing import Any

_rows: list[dict[str, Any]] = []


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    """Print one figure as a JSON line and remember it for the table."""
    record: dict[str, Any] = {"name": name, "value": round(value, 4), "unit": unit, **extra}
    _rows.append(record)
    print(json.dumps(record), flush=True)


def table(title: str) -> None:
    """Print every figure emitted so far as an aligned table."""
    width = max((len(r["name"]) for r in _rows), default=10)
    print(f"\n{title}")
    print("-" * (width + 30))
    for r in _rows:
        goal = f"  (goal {r['goal']})" if "goal" in r else ""
        print(f"{r['name']:<{width}}  {r['value']:>12,}  {r['unit']}{goal}")


def peak_rss_mb() -> float:
    """Peak resident memory of this process since the last :func:`reset_peak_rss`."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def current_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak_rss() -> None:
    """Linux: make VmHWM start again from the current RSS."""
    with open(f"/proc/{os.getpid()}/clear_refs", "w") as refs:
        refs.write("5")
