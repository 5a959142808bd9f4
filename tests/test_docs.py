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
def test_every_command_has_help_with_an_example_and_is_in_the_readme(
    name: str, command: click.Command
) -> None:
    assert command.help and "Example: clipper " in command.help, name
    assert f"clipper [--db PATH] {name.split()[0]}" in README, name


def test_ci_runs_the_readme_test_command() -> None:
    [test_command] = re.findall(r"^(.*pytest.*?)\s+# runs the tests", README, re.MULTILINE)
    assert test_command.strip() in (ROOT / ".ci" / "run").read_text("utf-8")


def test_changelog_has_the_current_version() -> None:
    from clipper import __version__

    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text("utf-8")
