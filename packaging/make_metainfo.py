"""Keep the AppStream ``<releases>`` in step with CHANGELOG.md.

    python packaging/make_metainfo.py          # rewrite the <releases> block
    python packaging/make_metainfo.py --check  # exit 1 if it is stale (CI, tests)

CHANGELOG.md follows "Keep a Changelog": one ``## [X.Y.Z] - YYYY-MM-DD`` heading per
release (``## X.Y.Z - date`` and ``## [X.Y.Z] (date)`` are accepted too), newest first,
with ``-``/``*`` bullets (optionally under ``### Added``-style subheadings). An
``## [Unreleased]`` section is left out: AppStream releases need a date.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHANGELOG = ROOT / "CHANGELOG.md"
METAINFO = ROOT / "packaging" / "io.github.clipper.Clipper.metainfo.xml"

HEADING = re.compile(
    r"^##\s+\[?(?P<version>\d+\.\d+(?:\.\d+)?[0-9A-Za-z.+-]*)\]?"
    r"\s*(?:[-–—(]\s*(?P<date>\d{4}-\d{2}-\d{2})\)?)?\s*$"
)
RELEASES = re.compile(r"(?P<indent>[ \t]*)<releases>.*?</releases>", re.DOTALL)
INLINE_MARKUP = re.compile(r"(\*\*|__|`)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


@dataclass
class Release:
    """One dated release from the changelog."""

    version: str
    date: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    def add_item(self, item: str) -> None:
        """Append a bullet to the current section (an untitled one if none yet)."""
        if not self.sections:
            self.sections.append(("", []))
        self.sections[-1][1].append(item)

    def extend_item(self, text: str) -> None:
        """Continue the last bullet (Markdown wrapped it over lines)."""
        items = self.sections[-1][1]
        items[-1] += " " + text


def _plain(text: str) -> str:
    """Markdown inline markup dropped: AppStream descriptions take plain text."""
    return INLINE_MARKUP.sub("", LINK.sub(r"\1", text)).strip()


def _xml(text: str) -> str:
    return escape(text, quote=False)


def parse_changelog(text: str) -> list[Release]:
    """The dated releases in ``text``, newest first, with their bullet items."""
    releases: list[Release] = []
    current: Release | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            match = HEADING.match(line.strip())
            current = None
            if match and match["date"]:
                current = Release(match["version"], match["date"])
                releases.append(current)
            elif match:
                raise ValueError(f"CHANGELOG.md: release heading without a date: {line!r}")
            continue
        if current is None:
            continue
        stripped = line.strip()
        if stripped.startswith("### "):
            current.sections.append((_plain(stripped[4:]), []))
        elif stripped.startswith(("- ", "* ")):
            current.add_item(_plain(stripped[2:]))
        elif stripped and line[:1].isspace() and current.sections and current.sections[-1][1]:
            current.extend_item(_plain(stripped))
    return releases


def releases_xml(releases: list[Release], indent: str = "  ") -> str:
    """The ``<releases>`` element for ``releases``, indented to sit at ``indent``."""
    lines = [f"{indent}<releases>"]
    for release in releases:
        lines.append(f'{indent}  <release version="{release.version}" date="{release.date}">')
        lines.append(f"{indent}    <description>")
        pad = indent + "      "
        for title, items in release.sections:
            if not items:
                continue
            if title:
                lines.append(f"{pad}<p>{_xml(title)}:</p>")
            lines.append(f"{pad}<ul>")
            lines += [f"{pad}  <li>{_xml(item)}</li>" for item in items]
            lines.append(f"{pad}</ul>")
        if not any(items for _, items in release.sections):
            lines.append(f"{pad}<p>Release {release.version}.</p>")
        lines.append(f"{indent}    </description>")
        lines.append(f"{indent}  </release>")
    lines.append(f"{indent}</releases>")
    return "\n".join(lines)


def updated_metainfo(metainfo: str, releases: list[Release]) -> str:
    """``metainfo`` with its ``<releases>`` block replaced."""
    match = RELEASES.search(metainfo)
    if match is None:
        raise ValueError("the metainfo file has no <releases> element to replace")
    block = releases_xml(releases, match["indent"])
    return metainfo[: match.start()] + block + metainfo[match.end() :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--changelog", type=Path, default=CHANGELOG)
    parser.add_argument("--metainfo", type=Path, default=METAINFO)
    args = parser.parse_args(argv)
    try:
        releases = parse_changelog(args.changelog.read_text(encoding="utf-8"))
        current = args.metainfo.read_text(encoding="utf-8")
        wanted = updated_metainfo(current, releases)
    except (OSError, ValueError) as exc:
        print(f"make_metainfo: {exc}", file=sys.stderr)
        return 2
    if not releases:
        print(f"make_metainfo: no dated release in {args.changelog}", file=sys.stderr)
        return 2
    if wanted == current:
        print(f"{args.metainfo.name}: releases up to date ({len(releases)})")
        return 0
    if args.check:
        print(
            f"{args.metainfo.name}: <releases> differ from {args.changelog.name}; "
            "run python packaging/make_metainfo.py",
            file=sys.stderr,
        )
        return 1
    args.metainfo.write_text(wanted, encoding="utf-8")
    print(f"{args.metainfo.name}: wrote {len(releases)} release(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
