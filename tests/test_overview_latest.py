"""The home page's "latest release" block, from the build context (real git, real Sphinx)."""

from __future__ import annotations

import re
from pathlib import Path

from test_publish_changelog import make_repo
from test_sphinxext import FIXTURE, make_project, run_build, text_of

PAGES = {
    "index.md": "# 概要\n\n```{cd-overview}\n:changelog: changelog\n```\n",
    "changelog.md": "---\norphan: true\n---\n\n# 変更履歴\n\n```{cd-changelog}\n```\n",
}


def latest_block(page: str) -> str:
    match = re.search(r'<div class="[^"]*cd-overview-latest[^"]*">(.*?)</div>', page, re.S)
    assert match, "no latest-release block"
    return match.group(1)


def test_latest_release_shows_version_date_counts_and_notes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    src = make_project(
        tmp_path / "project", PAGES, datapackage=repo.root / "datapackage", repository=repo.root
    )
    result = run_build(src)
    assert result.warnings == ""
    block = latest_block(result.page("index.html"))
    text = text_of(block)
    assert "最新の公開版 1.1.0(2024-05-02)" in text
    assert "cities +0 \u22120 ~1" in text
    assert "themes" not in text  # the unreleased edit is not part of the release
    assert "Tokyo's English name spelled out in full." in text
    assert "First release." not in text
    assert 'href="changelog.html"' in block


def test_no_recorded_release_shows_no_block(tmp_path: Path) -> None:
    src = make_project(tmp_path / "project", PAGES, datapackage=FIXTURE)
    result = run_build(src)
    page = result.page("index.html")
    assert "cd-overview-version" in page
    assert "cd-overview-latest" not in page
    assert "最新の公開版" not in text_of(page)


def test_latest_release_label_in_english(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    catalogs = {"index": {"最新の公開版 {version}({date})": "Latest release: {version} ({date})"}}
    src = make_project(
        tmp_path / "project",
        PAGES,
        datapackage=repo.root / "datapackage",
        repository=repo.root,
        catalogs=catalogs,
    )
    result = run_build(src, language="en")
    text = text_of(latest_block(result.page("index.html")))
    assert "Latest release: 1.1.0 (2024-05-02)" in text
    assert "最新の公開版" not in text
