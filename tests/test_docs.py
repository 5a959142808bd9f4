"""Every command has help with an example and is documented; README and CI agree."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from clipper.cli import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text("utf-8")


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += commands(command, prefix + name + " ")
    return found


@pytest.mark.parametrize(("name", "command"), commands(cli))
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    assert command.help and "Example: clipper " in command.help, name


def readme_command_block(readme: str = README) -> dict[str, str]:
    """The README's "Command line" block: each top-level command's usage (its line and the
    indented lines after it), by command name."""
    section = readme.split("## Command line", 1)[1]
    block = section.split("```", 2)[1]
    usage: dict[str, str] = {}
    name = None
    for line in block.splitlines():
        found = re.match(r"clipper \[--db PATH\] ([a-z-]+)", line)
        if found:
            name = found.group(1)
            usage[name] = usage.get(name, "") + line + "\n"
        elif name is not None and line.startswith(" "):
            usage[name] += line + "\n"
        else:
            name = None
    return usage


def options(command: click.Command) -> list[list[str]]:
    """The options a user types (each with its spellings, e.g. -o and --output), but
    --help and --db."""
    return [
        p.opts
        for p in command.params
        if isinstance(p, click.Option) and not {"--help", "--db"} & set(p.opts)
    ]


# Not strict: the README is written by the project's lead from the text this branch
# reports (helpers do not edit it); it passes against that text.
@pytest.mark.parametrize(("name", "command"), commands(cli))
def test_every_command_and_option_is_in_the_readme_command_block(
    name: str, command: click.Command
) -> None:
    usage = readme_command_block()
    top, *sub = name.split()
    assert top in usage, f"{name} is not in the README's command block"
    if sub:
        assert re.search(rf"\b{re.escape(sub[0])}\b", usage[top]), name
    for spellings in options(command):
        assert any(
            re.search(rf"(?<![-\w]){re.escape(option)}(?![-\w])", usage[top])
            for option in spellings
        ), f"{name} {spellings[-1]}"


def test_ci_runs_the_readme_test_command() -> None:
    [test_command] = re.findall(r"^(.*pytest.*?)\s+# runs the tests", README, re.MULTILINE)
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text("utf-8")


def test_changelog_has_the_current_version() -> None:
    from clipper import __version__

    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text("utf-8")


def test_every_export_column_is_documented() -> None:
    """The README's "Export columns" table names every column of the one column table
    (CSV columns and JSON members alike)."""
    from clipper.store.export_queries import COLUMNS

    section = README.split("### Export columns", 1)[1].split("\n#", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)`", section, re.MULTILINE))
    assert {c.name for c in COLUMNS} <= documented
    assert {"attributes", "relations"} <= documented  # the JSON-only members
