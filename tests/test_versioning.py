"""One version number, read from datapackage.json; published releases in releases.json."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

import city_diplomacy
from city_diplomacy._version import read_version
from city_diplomacy.cli import main
from city_diplomacy.data.load import SHIPPED_DESCRIPTOR
from city_diplomacy.release.versioning import (
    NO_HISTORY,
    Version,
    VersionError,
    development_version,
    file_version,
    is_development,
    missing_history,
    record_release,
    recorded_releases,
    releases_path,
    tree_version,
)
from release_repo import CITIES_V1, MEMBERSHIPS_V1, Repo

REPO = SHIPPED_DESCRIPTOR.parents[1]


def test_the_version_lives_only_in_the_descriptor() -> None:
    version = json.loads(SHIPPED_DESCRIPTOR.read_text(encoding="utf-8"))["version"]
    Version.parse(version)
    assert city_diplomacy.__version__ == version == read_version()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project
    assert "version" in project["dynamic"]


def test_cli_version_is_the_data_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert city_diplomacy.__version__ in result.output


def test_repository_releases_are_well_formed() -> None:
    releases = recorded_releases(REPO)
    assert [r.semver for r in releases] == sorted(r.semver for r in releases)
    current = Version.parse(city_diplomacy.__version__)
    assert all(r.semver <= current for r in releases)
    if (REPO / ".git").exists():
        for release in releases:
            found = subprocess.run(
                ["git", "-C", str(REPO), "cat-file", "-e", f"{release.commit}^{{commit}}"],
                check=False,
            )
            assert found.returncode == 0, f"{release.version}: commit {release.commit} not found"


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        ("1.0.0", "1.0.1"),
        ("1.0.9", "1.0.10"),
        ("1.0.0-rc.1", "1.0.0"),
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-alpha.2", "1.0.0-alpha.10"),
        ("1.0.0-alpha.beta", "1.0.0-beta"),
        ("1.9.0", "1.10.0"),
    ],
)
def test_semver_precedence(older: str, newer: str) -> None:
    assert Version.parse(older) < Version.parse(newer)
    assert str(Version.parse(newer)) == newer


@pytest.mark.parametrize("text", ["1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0 ", ""])
def test_semver_rejects(text: str) -> None:
    with pytest.raises(VersionError):
        Version.parse(text)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.write_package(CITIES_V1, MEMBERSHIPS_V1, version="0.1.0")
    repo.commit("data 0.1.0")
    return repo


def test_record_release_writes_head_commit_and_date(repo: Repo) -> None:
    assert recorded_releases(repo.root) == []
    head = repo.git("rev-parse", "HEAD")
    release = record_release(repo.root, "0.1.0")
    assert (release.version, release.commit) == ("0.1.0", head)
    assert release.date == "2024-04-30"  # 08:30 in Tokyo is 23:30 UTC the day before
    assert recorded_releases(repo.root) == [release]
    data = json.loads(releases_path(repo.root).read_text(encoding="utf-8"))
    assert data["releases"] == {"0.1.0": {"commit": head, "date": "2024-04-30"}}


def test_record_refuses_bad_requests(repo: Repo) -> None:
    with pytest.raises(VersionError, match=r"says version 0\.1\.0"):
        record_release(repo.root, "0.2.0")
    with pytest.raises(VersionError, match="semantic version"):
        record_release(repo.root, "0.1")
    record_release(repo.root, "0.1.0")
    with pytest.raises(VersionError, match="already recorded"):
        record_release(repo.root, "0.1.0")
    repo.commit("record 0.1.0")
    repo.write_package(CITIES_V1[:1], MEMBERSHIPS_V1, version="0.2.0")
    with pytest.raises(VersionError, match="uncommitted"):
        record_release(repo.root, "0.2.0")


def test_releases_accumulate_in_version_order(repo: Repo) -> None:
    first = record_release(repo.root, "0.1.0")
    repo.commit("record 0.1.0")
    repo.write_package(CITIES_V1[:2], MEMBERSHIPS_V1, version="0.2.0")
    repo.commit("data 0.2.0")
    second = record_release(repo.root, "0.2.0")
    assert recorded_releases(repo.root) == [first, second]
    assert second.date == "2024-05-02"


def test_cli_record(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root)
    runner = CliRunner()
    result = runner.invoke(main, ["release", "--record", "0.1.0"])
    assert result.exit_code == 0, result.output
    assert repo.git("rev-parse", "HEAD") in result.output
    again = runner.invoke(main, ["release", "--record", "0.1.0"])
    assert again.exit_code == 1
    assert "already recorded" in again.output


def test_broken_releases_file_is_reported(tmp_path: Path) -> None:
    releases_path(tmp_path).write_text('{"releases": {"1.0": {}}}', encoding="utf-8")
    with pytest.raises(VersionError, match="semantic version"):
        recorded_releases(tmp_path)
    releases_path(tmp_path).write_text('{"releases": {"1.0.0": {"commit": "abc"', "utf-8")
    with pytest.raises(VersionError, match="line 1"):
        recorded_releases(tmp_path)


def test_pages_workflow_builds_with_full_history() -> None:
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in build if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # recorded releases are rebuilt from history
    python = next(s for s in build if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert str(python["with"]["python-version"]) == "3.11"
    site = next(s for s in build if str(s.get("run", "")).startswith("make site"))
    # the sitemap's absolute URLs come from the Pages URL (actions/configure-pages)
    pages = next(s for s in build if str(s.get("uses", "")).startswith("actions/configure-pages"))
    assert f"steps.{pages['id']}.outputs.base_url" in site["run"]
    upload = next(s for s in build if "upload-pages-artifact" in str(s.get("uses", "")))
    assert upload["with"]["path"] == "build/site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in str(s.get("uses", "")) for s in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_only_the_recorded_commit_carries_the_release_number(repo: Repo) -> None:
    head = repo.git("rev-parse", "--short=12", "HEAD")
    # nothing recorded yet: the descriptor's 0.1.0 is work towards 0.1.0
    assert tree_version(repo.root, "0.1.0") == f"0.1.0-dev+g{head}"
    record_release(repo.root, "0.1.0")
    assert tree_version(repo.root, "0.1.0") == "0.1.0"
    repo.commit("record 0.1.0")
    repo.write_package(CITIES_V1[:2], MEMBERSHIPS_V1, version="0.1.0")
    # a data change, uncommitted: the patch after the release, marked dirty
    head = repo.git("rev-parse", "--short=12", "HEAD")
    assert tree_version(repo.root, "0.1.0") == f"0.1.1-dev+g{head}.dirty"
    repo.commit("data change")
    head = repo.git("rev-parse", "--short=12", "HEAD")
    version = tree_version(repo.root, "0.1.0")
    assert version == f"0.1.1-dev+g{head}"
    assert tree_version(repo.root, "0.1.0") == version  # same commit, same version
    assert Version.parse("0.1.0") < Version.parse(version) < Version.parse("0.1.1")
    assert is_development(version) and not is_development("0.1.0")
    assert file_version(version) == "0.1.1-dev" and file_version("0.1.0") == "0.1.0"
    # a descriptor already saying the next version: development towards it
    assert development_version(repo.root, "0.3.0") == f"0.3.0-dev+g{head}"
    # building a recorded release by its number (the commit's own worktree)
    assert tree_version(repo.root, "0.1.0", as_release="0.1.0") == "0.1.0"
    with pytest.raises(VersionError, match=r"not 0\.2\.0"):
        tree_version(repo.root, "0.1.0", as_release="0.2.0")


def test_development_version_without_git(tmp_path: Path) -> None:
    assert development_version(tmp_path, "1.0.0") == "1.0.0-dev+unknown"


def test_missing_history_tells_a_copy_from_a_wrong_record(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write_package(CITIES_V1, MEMBERSHIPS_V1)
    commit = repo.commit("first")
    never = "0" * 40
    # a full clone: its own commits are there; a commit it never had is a wrong record
    assert missing_history(repo.root, [commit]) == ([], "")
    missing, reason = missing_history(repo.root, [commit, never])
    assert missing == [never] and "no such commit" in reason
    # a folder inside that repository, and a folder outside any, have no history of their own
    inner = repo.root / "datapackage"
    assert missing_history(inner, [commit]) == ([commit], NO_HISTORY)
    plain = tmp_path / "export"
    plain.mkdir()
    assert missing_history(plain, [commit]) == ([commit], NO_HISTORY)
