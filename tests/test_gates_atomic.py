"""Gate: a failed build leaves the previous site intact and names the cause."""

from __future__ import annotations

import csv
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from site_support import BuiltSite, copy_project

pytestmark = pytest.mark.slow


def _snapshot(tree: Path) -> dict[str, str]:
    return {
        p.relative_to(tree).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(tree.rglob("*"))
        if p.is_file()
    }


def _bad_data(project: Path) -> str:
    """A membership of a city that the cities table does not have."""
    path = project / "datapackage" / "data" / "memberships.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rows.append({**rows[0], "id": "gate-bad-membership", "city": "no-such-city"})
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return "no-such-city"


def _bad_catalog(project: Path) -> str:
    """An English catalog that gettext cannot parse (an unterminated string)."""
    path = sorted((project / "locales" / "en" / "LC_MESSAGES").rglob("*.po"))[0]
    with path.open("a", encoding="utf-8") as stream:
        stream.write('\nmsgid "gate broken entry"\nmsgstr "unterminated\n')
    return path.name


def _broken_page(project: Path) -> str:
    """A fact box for a network the data does not have."""
    path = project / "docs" / "about.md"
    with path.open("a", encoding="utf-8") as stream:
        stream.write("\n```{cd-factbox} no-such-network\n```\n")
    return "about.md"


@pytest.mark.parametrize(
    "breaker",
    [
        _bad_data,
        _bad_catalog,
        _broken_page,
    ],
)
def test_failed_build_leaves_previous_site_and_names_cause(
    built_site: BuiltSite, tmp_path: Path, breaker: Callable[[Path], str]
) -> None:
    project: Path = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    shutil.copytree(built_site.out, out)
    before = _snapshot(out)
    cause = breaker(project)

    result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(out)])

    assert result.exit_code == 1, result.output
    assert cause in result.output
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]
