"""The built site: trees, chooser, lang attributes, hreflang, manifest, atomic failure."""

from __future__ import annotations

import json
import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.sitebuild.build import content_pages
from city_diplomacy.translations.registry import load_languages
from site_support import ROOT, SAMPLE_PAGE, BuiltSite, copy_project

LANGUAGES = [lang.code for lang in load_languages(ROOT / "locales" / "languages.toml")]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def one(node: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching ``selector`` (fails the test if there is none)."""
    found = node.select_one(selector)
    assert found is not None, selector
    return found


def manifest(site: BuiltSite) -> dict[str, object]:
    data = json.loads((site.out / "versions.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def all_pages(site: BuiltSite) -> list[tuple[str, Path]]:
    """(language, file) of every content page of every latest tree."""
    return [
        (code, site.out / code / "latest" / page)
        for code in LANGUAGES
        for page in content_pages(site.out / code / "latest")
    ]


def test_both_languages_built(built_site: BuiltSite) -> None:
    assert LANGUAGES[:2] == ["ja", "en"]
    for code in LANGUAGES:
        tree = built_site.out / code / "latest"
        assert (tree / "index.html").is_file()
        assert (tree / SAMPLE_PAGE).is_file()
        assert (tree / "pagefind" / "pagefind-ui.js").is_file()


def test_root_index_links_every_language_without_script(built_site: BuiltSite) -> None:
    page = soup(built_site.out / "index.html")
    assert page.find("script") is None
    assert page.html is not None and page.html.get("lang") == "ja"
    links = {a["hreflang"]: a for a in page.find_all("a")}
    assert set(links) == set(LANGUAGES)
    for code, link in links.items():
        assert link["href"] == f"{code}/latest/index.html"
        assert (built_site.out / str(link["href"])).is_file()
        assert link.find_parent(attrs={"lang": code}) is not None


def test_html_lang_matches_tree(built_site: BuiltSite) -> None:
    for code, path in all_pages(built_site):
        html = soup(path).html
        assert html is not None and html.get("lang") == code, path


def test_hreflang_alternates_resolve_to_same_page(built_site: BuiltSite) -> None:
    for code, path in all_pages(built_site):
        alternates = {
            str(link["hreflang"]): str(link["href"])
            for link in soup(path).find_all("link", rel="alternate", hreflang=True)
        }
        assert set(alternates) == {*LANGUAGES, "x-default"}, path
        assert alternates["x-default"] == alternates["ja"]
        relative = path.relative_to(built_site.out / code / "latest").as_posix()
        for other in LANGUAGES:
            target = (path.parent / alternates[other]).resolve()
            assert target == (built_site.out / other / "latest" / relative).resolve()
            assert target.is_file()


def test_switcher_on_every_page(built_site: BuiltSite) -> None:
    for code, path in all_pages(built_site):
        nav = one(soup(path), "nav.cd-language-switcher")
        assert {a["hreflang"] for a in nav.select("a")} == set(LANGUAGES) - {code}, path
        assert one(nav, "[aria-current=page]")["lang"] == code


def test_interface_and_title_in_page_language(built_site: BuiltSite) -> None:
    ja = soup(built_site.out / "ja" / "latest" / SAMPLE_PAGE)
    en = soup(built_site.out / "en" / "latest" / SAMPLE_PAGE)
    assert one(ja, "input.sidebar-search")["placeholder"] == "検索"
    assert one(en, "input.sidebar-search")["placeholder"] == "Search"
    assert ja.title is not None and "東京都の多都市間都市外交" in ja.title.text
    assert en.title is not None and "Tokyo's Multilateral City Diplomacy" in en.title.text
    assert one(en, "nav.cd-language-switcher")["aria-label"] == "Languages"


def test_main_content_marked_for_pagefind(built_site: BuiltSite) -> None:
    for _, path in all_pages(built_site):
        page = soup(path)
        assert len(page.select("[data-pagefind-body]")) == 1, path
        assert one(page, "article [data-pagefind-body]").find_parent("article") is not None
        assert page.select("aside [data-pagefind-body], header [data-pagefind-body]") == []


def test_manifest_lists_pages_per_language_and_version(built_site: BuiltSite) -> None:
    data = manifest(built_site)
    assert data["default_language"] == "ja"
    assert data["versions"] == ["latest"]
    assert [lang["code"] for lang in data["languages"]] == LANGUAGES  # type: ignore[attr-defined]
    trees = data["trees"]
    assert isinstance(trees, dict)
    for code in LANGUAGES:
        entry = trees[code]["latest"]
        assert entry["path"] == f"{code}/latest/"
        assert "index.html" in entry["pages"]
        assert SAMPLE_PAGE in entry["pages"]
        assert "search.html" not in entry["pages"]
        for page in entry["pages"]:
            assert (built_site.out / entry["path"] / page).is_file()


EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def test_no_asset_from_another_origin(built_site: BuiltSite) -> None:
    """Nothing a page loads (scripts, styles, images, frames, fonts) names another origin."""
    for _, path in [*all_pages(built_site), ("", built_site.out / "index.html")]:
        page = soup(path)
        for tag in page.find_all(["script", "img", "iframe", "source", "audio", "video"]):
            assert not EXTERNAL.match(str(tag.get("src", ""))), (path, tag)
        for tag in page.find_all("link"):
            if "alternate" in tag.get_attribute_list("rel"):
                continue
            assert not EXTERNAL.match(str(tag.get("href", ""))), (path, tag)
        for style in page.find_all("style"):
            assert "url(http" not in style.text and "@import" not in style.text
    for css in built_site.out.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), css
        assert "@import url(http" not in text, css


def test_served_over_http(built_site: BuiltSite) -> None:
    with urllib.request.urlopen(built_site.url + "ja/latest/index.html") as response:
        assert response.status == 200
        assert 'lang="ja"' in response.read().decode("utf-8")


def test_failed_build_keeps_previous_site_and_names_file(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    out = tmp_path / "site"
    shutil.copytree(built_site.out, out)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    index_before = (out / "ja" / "latest" / "index.html").read_bytes()
    broken = project / "docs" / "index.md"
    lines = broken.read_text(encoding="utf-8").splitlines()
    broken.write_text(
        "\n".join([*lines, "", "```{no-such-directive}", "```", ""]), encoding="utf-8"
    )
    line = len(lines) + 2

    result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(out)])

    assert result.exit_code == 1, result.output
    assert f"docs/index.md:{line}" in result.output
    assert "no-such-directive" in result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert (out / "ja" / "latest" / "index.html").read_bytes() == index_before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--lang", "xx"])
    assert result.exit_code == 2
    assert "unknown language xx" in result.output
    assert not (project / "build").exists()


@pytest.mark.parametrize("command", ["build", "serve"])
def test_commands_have_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) > 3


def test_map_draws_the_land_outline_inline(built_site: BuiltSite) -> None:
    for code in LANGUAGES:
        page = soup(built_site.out / code / "latest" / "cities.html")
        land = one(page, "svg path.cd-map-land")
        assert str(land.get("d", "")).count("Z") >= 50  # the continents, not an empty path
