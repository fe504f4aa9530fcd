"""The changelog page: CHANGELOG.md notes beside the data diff of each release (real git)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from city_diplomacy.release.versioning import Release, dump_releases
from release_repo import Repo
from test_sphinxext import FIXTURE, Build, make_project, run_build, text_of

CHANGELOG = """\
# Changelog

Intro text that is not shown.

## Unreleased

- Renamed a theme in `themes.csv`.
- Escaping check: <script>alert(1)</script> and [a link](https://example.org/notes).

## [1.1.0] - 2024-05-02

- Tokyo's English name
  spelled out in full.

## 1.0.0

- First release.
"""

PAGES = {"index.md": "# 変更履歴\n\n```{cd-changelog}\n```\n"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_repo(root: Path) -> Repo:
    """Releases 1.0.0 and 1.1.0 of the fixture package, then an unreleased edit."""
    repo = Repo(root)
    shutil.copytree(FIXTURE, root / "datapackage")
    (root / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    first = repo.commit("1.0.0")
    cities = root / "datapackage" / "data" / "cities.csv"
    _edit(cities, "東京,Tokyo,", "東京,Tokyo Metropolis,")
    _edit(root / "datapackage" / "datapackage.json", '"version": "1.0.0"', '"version": "1.1.0"')
    second = repo.commit("1.1.0")
    releases = [Release("1.0.0", first, "2024-05-01"), Release("1.1.0", second, "2024-05-02")]
    (root / "releases.json").write_text(dump_releases(releases), encoding="utf-8")
    repo.commit("record releases")
    _edit(root / "datapackage" / "data" / "themes.csv", ",Sport,", ",Sports,")
    return repo


def build_changelog(tmp_path: Path, repository: Path, package: Path) -> Build:
    src = make_project(tmp_path / "project", PAGES, datapackage=package, repository=repository)
    result = run_build(src)
    assert result.warnings == ""
    return result


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    end = page.find("<section", start)
    return text_of(page[start : end if end > 0 else len(page)])


def test_each_release_shows_its_notes_and_data_diff(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    page = build_changelog(tmp_path, repo.root, repo.root / "datapackage").page("index.html")
    assert re.findall(r'<section[^>]* id="(changelog-[^"]+)"', page) == [
        "changelog-unreleased",
        "changelog-1-1-0",
        "changelog-1-0-0",
    ]
    release = section(page, "changelog-1-1-0")
    assert "Tokyo's English name spelled out in full." in release
    assert "バージョン 1.0.0 から 1.1.0 への変更" in release
    assert "cities 追加 0 行、削除 0 行、変更 1 行" in release
    assert "name_en: Tokyo → Tokyo Metropolis" in release
    assert "themes" not in release
    unreleased = section(page, "changelog-unreleased")
    assert "最新の公開版 1.1.0 から現在のデータへの変更" in unreleased
    assert "name_en: Sport → Sports" in unreleased
    assert "cities" not in unreleased
    assert "最初の公開版" in section(page, "changelog-1-0-0")
    # notes are English, escaped, and keep code spans and links
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://example.org/notes"' in page
    assert "<code" in page and "themes.csv" in page
    assert re.search(r'<h2 lang="en">Unreleased', page)
    assert "Intro text" not in page


def test_without_git_or_releases_a_sentence_explains(tmp_path: Path) -> None:
    repository = tmp_path / "plain"
    shutil.copytree(FIXTURE, repository / "datapackage")
    (repository / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    page = build_changelog(tmp_path, repository, repository / "datapackage").page("index.html")
    assert "公開版がまだ記録されていないため" in text_of(page)
    # releases recorded, but no git history to read them from
    repo = make_repo(tmp_path / "repo")
    shutil.rmtree(repo.root / ".git")
    other = tmp_path / "second"
    other.mkdir()
    page = build_changelog(other, repo.root, repo.root / "datapackage").page("index.html")
    assert "git のリポジトリの外で実行された" in text_of(page)
    assert "Tokyo's English name" in text_of(page)


def test_missing_changelog_is_said_not_fatal(tmp_path: Path) -> None:
    page = build_changelog(tmp_path, tmp_path / "nowhere", FIXTURE).page("index.html")
    assert "CHANGELOG.md" in text_of(page) and "見つかりません" in text_of(page)


def test_changelog_prose_stays_out_of_the_catalog(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    src = make_project(
        tmp_path / "project", PAGES, datapackage=repo.root / "datapackage", repository=repo.root
    )
    pot = (run_build(src, "gettext").outdir / "index.pot").read_text(encoding="utf-8")
    assert "Tokyo's English name" not in pot
    assert "Unreleased" not in pot
    assert 'msgid "データの変更"' in pot
    assert 'msgid "バージョン {old} から {new} への変更"' in pot


def test_editing_the_changelog_rebuilds_the_page(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    src = make_project(
        tmp_path / "project", PAGES, datapackage=repo.root / "datapackage", repository=repo.root
    )
    run_build(src)
    _edit(repo.root / "CHANGELOG.md", "- First release.", "- The very first release.")
    page = run_build(src).page("index.html")
    assert "The very first release." in text_of(page)
