"""Data diff between two versions: exactly the changed rows and fields."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR
from city_diplomacy.release.diff import DataDiff, DiffError, FieldChange, diff, format_text
from city_diplomacy.release.versioning import record_release
from release_repo import CITIES_V1, CITIES_V2, MEMBERSHIPS_V1, MEMBERSHIPS_V2, Repo


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.write_package(CITIES_V1, MEMBERSHIPS_V1, version="0.1.0")
    repo.commit("data 0.1.0")
    record_release(repo.root, "0.1.0")
    repo.commit("record 0.1.0")
    repo.write_package(CITIES_V2, MEMBERSHIPS_V2, version="0.2.0")
    repo.commit("data 0.2.0")
    return repo


def _check_expected(result: DataDiff) -> None:
    cities = result.table("cities")
    assert cities.added == (("manila",),)
    assert cities.removed == (("beijing",),)
    assert [c.key for c in cities.changed] == [("tokyo",)]
    assert cities.changed[0].changes == (FieldChange("population", 14000000, 14100000),)
    memberships = result.table("memberships")
    assert memberships.added == (("g-nets", "manila"),)
    assert memberships.removed == (("anmc21", "beijing"),)
    assert [(c.key, c.changes) for c in memberships.changed] == [
        (("g-nets", "tokyo"), (FieldChange("role", "member", "founder"),))
    ]
    assert result.has_changes


def test_diff_between_a_release_and_head(repo: Repo) -> None:
    result = diff(repo.root, "0.1.0", "HEAD")
    _check_expected(result)
    assert (result.old.version, result.new.version) == ("0.1.0", "0.2.0")
    assert result.old.label == "release 0.1.0"
    assert result.old.commit == repo.git("rev-parse", "HEAD~2")


def test_diff_by_commit_and_by_path(repo: Repo, tmp_path: Path) -> None:
    first = repo.git("rev-parse", "HEAD~2")
    _check_expected(diff(repo.root, first, "HEAD"))
    copy = tmp_path / "copy"
    shutil.copytree(repo.root / "datapackage", copy)
    _check_expected(diff(repo.root, first, str(copy / "datapackage.json")))
    _check_expected(diff(repo.root, first, str(copy)))


def test_same_data_has_no_changes(repo: Repo) -> None:
    result = diff(repo.root, "HEAD~1", "0.1.0")  # the record commit: same data
    assert not result.has_changes
    assert "No changes" in format_text(result)


def test_new_empty_column_changes_no_row_but_is_reported(repo: Repo) -> None:
    from release_repo import TINY_DESCRIPTOR

    descriptor = json.loads(json.dumps(TINY_DESCRIPTOR))
    descriptor["resources"][0]["schema"]["fields"].append({"name": "note", "type": "string"})
    repo.write_package(CITIES_V2, MEMBERSHIPS_V2, version="0.2.1", descriptor=descriptor)
    repo.commit("add a note column")
    result = diff(repo.root, "HEAD~1", "HEAD")
    cities = result.table("cities")
    assert cities.fields_added == ("note",)
    assert cities.changed == () and cities.added == () and cities.removed == ()


def test_unknown_side_is_an_error(repo: Repo) -> None:
    with pytest.raises(DiffError, match="neither a recorded release"):
        diff(repo.root, "9.9.9", "HEAD")


def test_cli_text_and_json(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root)
    runner = CliRunner()
    text = runner.invoke(main, ["diff", "0.1.0", "HEAD"])
    assert text.exit_code == 0, text.output
    assert "cities: 1 added, 1 removed, 1 changed" in text.output
    assert "population: 14000000 -> 14100000" in text.output
    assert '~ g-nets, tokyo\n      role: "member" -> "founder"' in text.output
    as_json = runner.invoke(main, ["diff", "--json", "0.1.0", "HEAD"])
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["tables"]["cities"]["added"] == ["manila"]
    assert data["tables"]["memberships"]["removed"] == [["anmc21", "beijing"]]
    assert data["tables"]["cities"]["changed"] == [
        {"key": "tokyo", "fields": {"population": {"old": 14000000, "new": 14100000}}}
    ]
    bad = runner.invoke(main, ["diff", "nope", "HEAD"])
    assert bad.exit_code == 1
    assert "nope" in bad.output
    usage = runner.invoke(main, ["diff", "HEAD"])
    assert usage.exit_code == 2


def test_diff_of_the_shipped_package_with_itself() -> None:
    result = diff(SHIPPED_DESCRIPTOR.parents[1], str(SHIPPED_DESCRIPTOR), str(SHIPPED_DESCRIPTOR))
    assert not result.has_changes
    assert {t.name for t in result.tables} >= {"cities", "networks", "memberships"}
