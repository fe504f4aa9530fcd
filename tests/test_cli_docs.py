"""Every command of ``city-diplomacy`` has help text, and the README documents it.

Like sqlite-utils' ``tests/test_docs.py``: the command tree is walked, so a new command
without help or without a line in the README's command table fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


COMMANDS = _commands(main)


def _readme_commands() -> set[str]:
    """The command named first in each row of the README's ``city-diplomacy`` table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## The `city-diplomacy` command", 1)[1].split("\n## ", 1)[0]
    return {cell.split(" ")[0] for cell in re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)}


def test_the_tree_is_walked() -> None:
    assert ("validate",) in COMMANDS
    assert ("i18n", "check") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="city-diplomacy")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: city-diplomacy {' '.join(path)}")
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden and param.name != "help":
            assert param.help, f"{' '.join(path)} {param.opts[0]} has no help text"


@pytest.mark.parametrize("path", [p for p in COMMANDS if len(p) == 1], ids=" ".join)
def test_readme_documents_command(path: tuple[str, ...]) -> None:
    documented = _readme_commands()
    command = main.commands[path[0]]
    if isinstance(command, click.Group):
        subcommands = sorted(command.commands)
        row = re.search(
            rf"^\| `{path[0]} ([^`]+)` \|", README.read_text(encoding="utf-8"), flags=re.M
        )
        assert row, f"the README's command table has no row for `{path[0]}`"
        for sub in subcommands:
            assert sub in row.group(1), f"the README's `{path[0]}` row does not name {sub}"
    else:
        assert path[0] in documented, f"the README's command table has no row for `{path[0]}`"
