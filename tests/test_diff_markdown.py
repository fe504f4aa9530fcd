"""``diff --format markdown``: the reviewer's report, with the sources each row cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.release.diff import diff
from city_diplomacy.release.diffmarkdown import format_markdown
from release_repo import TINY_DESCRIPTOR, Repo

DESCRIPTOR = json.loads(json.dumps(TINY_DESCRIPTOR))
for _resource in DESCRIPTOR["resources"]:
    _resource["schema"]["fields"].append({"name": "source", "type": "string"})
DESCRIPTOR["resources"][1]["schema"]["fields"].append({"name": "other_sources", "type": "string"})


def _city(id_: str, name: str, source: str) -> dict[str, str]:
    return {"id": id_, "name_en": name, "population": "", "latitude": "", "source": source}


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path / "repo")
    repo.write_package(
        [_city("tokyo", "Tokyo", "tmg-a"), _city("beijing", "Beijing", "tmg-b")],
        [
            {
                "network": "g-nets",
                "city": "tokyo",
                "role": "member",
                "source": "tmg-a",
                "other_sources": "",
            }
        ],
        descriptor=DESCRIPTOR,
    )
    repo.commit("base")
    repo.git("branch", "base")
    repo.write_package(
        [_city("tokyo", "Tokyo | Edo", "tmg-c"), _city("kathmandu", "Kathmandu", "geonames")],
        [
            {
                "network": "g-nets",
                "city": "tokyo",
                "role": "member",
                "source": "tmg-a",
                "other_sources": "news-1 news-2",
            },
            {
                "network": "g-nets",
                "city": "kathmandu",
                "role": "member",
                "source": "tmg-c",
                "other_sources": "news-1",
            },
        ],
        descriptor=DESCRIPTOR,
    )
    repo.commit("change")
    return repo


def test_markdown_lists_rows_with_their_sources(repo: Repo) -> None:
    text = format_markdown(diff(repo.root, "base", "HEAD"))
    assert text.startswith("# Data changes\n\nFrom base (version 0.1.0, ")
    lines = text.splitlines()
    assert "## cities: 1 added, 1 removed, 1 changed" in lines
    assert "| change | id | sources | fields |" in lines
    assert "| added | kathmandu | geonames |  |" in lines
    assert "| removed | beijing | tmg-b |  |" in lines
    # A changed row cites the new source and the old one; a "|" in a value is escaped.
    assert (
        '| changed | tokyo | tmg-c, tmg-a | name\\_en: "Tokyo" → "Tokyo &#124; Edo"'
        '<br>source: "tmg-a" → "tmg-c" |'
    ) in lines
    assert "## memberships: 1 added, 0 removed, 1 changed" in lines
    assert "| added | g-nets, kathmandu | tmg-c, news-1 |  |" in lines
    assert any(
        line.startswith("| changed | g-nets, tokyo | tmg-a, news-1, news-2 | other\\_sources: ")
        for line in lines
    ), text


def test_markdown_links_sources_that_have_a_url(tmp_path: Path) -> None:
    descriptor = json.loads(json.dumps(DESCRIPTOR))
    descriptor["resources"].append(
        {
            "name": "sources",
            "path": "data/sources.csv",
            "schema": {
                "fields": [{"name": "id", "type": "string"}, {"name": "url", "type": "string"}],
                "primaryKey": ["id"],
            },
        }
    )
    repo = Repo(tmp_path / "repo")
    repo.write_package([], [], descriptor=descriptor)
    data = repo.root / "datapackage" / "data"
    (data / "sources.csv").write_text("id,url\n", encoding="utf-8")
    repo.commit("empty")
    repo.write_package([_city("oslo", "Oslo", "s1")], [], descriptor=descriptor)
    (data / "sources.csv").write_text("id,url\ns1,https://example.org/a (b)\n", encoding="utf-8")
    repo.commit("oslo")
    text = format_markdown(diff(repo.root, "HEAD~1", "HEAD"))
    assert "| added | oslo | [s1](https://example.org/a%20%28b%29) |  |" in text.splitlines()
    assert "| added | s1 | (none) |  |" in text.splitlines()


def test_cli_markdown_and_no_changes(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo.root)
    result = CliRunner().invoke(main, ["diff", "base", "HEAD", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "| added | kathmandu | geonames |  |" in result.output
    same = CliRunner().invoke(main, ["diff", "HEAD", "HEAD", "--format", "markdown"])
    assert same.output.endswith("No changes in the data.\n")
