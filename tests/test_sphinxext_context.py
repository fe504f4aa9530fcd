"""The build context and the settings: what the extension does without, or with a bad, one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

from city_diplomacy.sitebuild.context import build_context, write_context
from city_diplomacy.sphinxext.context import ContextError, read_context
from test_sphinxext import FIXTURE, make_project, run_build, text_of

PAGES = {
    "index.md": "# トップ\n\n```{toctree}\ndownloads\ncite\nchangelog\nstatus\nmembers\n```\n",
    "downloads.md": "# ダウンロード\n\n```{cd-downloads}\n```\n",
    "cite.md": "# 引用\n\n```{cd-citation}\n```\n",
    "changelog.md": "# 変更履歴\n\n```{cd-changelog}\n```\n",
    "status.md": "# 翻訳\n\n```{cd-translation-status}\n```\n",
    "members.md": "# 会員\n\n```{cd-members} anmc21\n```\n",
}


def test_without_a_context_pages_build_and_each_part_warns(tmp_path: Path) -> None:
    src = make_project(tmp_path, PAGES, context=False)
    result = run_build(src)
    lines = [line for line in result.warnings.splitlines() if line.strip()]
    assert len(lines) == 4, result.warnings
    assert all("[city_diplomacy.context]" in line for line in lines)
    for page in ("downloads.md", "cite.md", "changelog.md", "status.md"):
        assert any(page in line for line in lines), page
    downloads = result.page("downloads.html")
    assert "データファイル" in text_of(downloads)  # the data files are the package's own
    assert "リリースファイル" not in text_of(downloads)
    assert "application/ld+json" not in downloads
    assert "変更履歴" in text_of(result.page("changelog.html"))


def test_context_file_round_trips_and_is_rewritten_only_on_change(tmp_path: Path) -> None:
    context = build_context(FIXTURE.parent, FIXTURE / "datapackage.json")
    path = write_context(tmp_path / "c.json", context)
    assert read_context(path) == json.loads(json.dumps(context))
    before = path.stat().st_mtime_ns
    write_context(path, context)
    assert path.stat().st_mtime_ns == before
    names = [entry["filename"] for entry in context["release"]["files"]]
    assert names[-1] == "SHA256SUMS"
    urls = [entry["contentUrl"] for entry in context["dataset"]["jsonld"]["distribution"]]
    assert "/" not in "".join(urls)  # file names only: the page adds its own prefix


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "cannot read the build context"), ('{"schema": 99}', "schema 99")],
)
def test_a_bad_context_file_is_named_with_its_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "context.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContextError, match=message) as caught:
        read_context(path)
    assert str(path) in str(caught.value)
    src = make_project(
        tmp_path / "p",
        {"index.md": "# t\n"},
        context=False,
        conf=f"city_diplomacy_context = {str(path)!r}\n",
    )
    with pytest.raises(ConfigError, match=message):
        run_build(src)


def test_settings_are_checked_at_config_time(tmp_path: Path) -> None:
    src = make_project(tmp_path, {"index.md": "# t\n"}, context=False)
    with pytest.raises(ConfigError, match="city_diplomacy_version_label must not be empty"):
        run_build(src, city_diplomacy_version_label=" ")
    with pytest.raises(ConfigError, match="city_diplomacy_offered must be a list"):
        run_build(src, city_diplomacy_offered=3)


def test_a_language_without_data_columns_shows_japanese_marked_so(tmp_path: Path) -> None:
    src = make_project(tmp_path, {"index.md": "# 会員\n\n```{cd-members} anmc21\n```\n"})
    result = run_build(src, language="fr")
    assert result.warnings == ""
    soup = BeautifulSoup(result.page("index.html"), "html.parser")
    block = soup.select_one("div.cd-members")
    assert block is not None and block.get("lang") == "ja"
    assert "東京" in block.get_text()  # the Japanese column, not the English one
    assert "Tokyo" not in block.get_text()
    english = BeautifulSoup(run_build(src, language="en").page("index.html"), "html.parser")
    members = english.select_one("div.cd-members")
    assert members is not None and members.get("lang") is None
    assert "Tokyo" in members.get_text()
