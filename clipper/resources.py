"""Find bundled files (icons, style sheets, the sample clipping) wherever Clipper runs.

In a source checkout they live in the top-level ``resources/`` folder; the wheel build
copies that folder into the package as ``clipper/resources`` (see ``pyproject.toml``);
a PyInstaller bundle puts it beside the frozen package.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

SAMPLE_CLIPPING = "samples/wikinews_news_crane.txt"
SAMPLE_META = {
    "title": "At least 107 killed in Mecca crane collapse",
    "outlet": "Wikinews",
    "published": "2015-09-12",
    "url": "https://en.wikinews.org/wiki/At_least_107_killed_in_Mecca_crane_collapse",
}
SAMPLE_ATTRIBUTION = "Wikinews, CC BY 2.5 — " + SAMPLE_META["url"]


@cache
def resources_dir() -> Path:
    """The folder holding Clipper's resources."""
    package = Path(__file__).resolve().parent
    candidates = [package / "resources", package.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "clipper" / "resources")
    for candidate in candidates:
        if (candidate / SAMPLE_CLIPPING).is_file():
            return candidate
    raise FileNotFoundError(
        "Clipper's resources folder is missing; tried: " + ", ".join(map(str, candidates))
    )


def resource_path(relative: str) -> Path:
    """The path of one bundled file, e.g. ``resource_path("icons/clipper.svg")``."""
    path = resources_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"bundled resource not found: {relative}")
    return path
