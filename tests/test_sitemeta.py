"""sitemap.xml, robots.txt and the 404 pages: rendering, configuration, the built site."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from city_diplomacy.cli import main
from city_diplomacy.sitebuild.sitemeta import (
    SiteConfigError,
    load_base_url,
    normalize_base_url,
    render_not_found,
    render_robots,
    render_sitemap,
)
from city_diplomacy.translations.registry import Language
from site_support import BuiltSite

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LANGUAGES = [Language("ja", "日本語", "題", "説明"), Language("en", "English", "Title", "About")]
MANIFEST = {
    "default_language": "ja",
    "versions": ["latest"],
    "languages": [{"code": "ja"}, {"code": "en"}],
    "trees": {
        "ja": {"latest": {"path": "ja/latest/", "pages": ["index.html", "only-ja.html"]}},
        "en": {"latest": {"path": "en/latest/", "pages": ["index.html"]}},
    },
}


def _alternates(url: ET.Element) -> dict[str, str]:
    return {
        link.get("hreflang", ""): link.get("href", "")
        for link in url.findall("x:link", NS)
        if link.get("rel") == "alternate"
    }


def test_sitemap_lists_every_page_with_hreflang_alternates() -> None:
    root = ET.fromstring(render_sitemap(MANIFEST, "https://example.org/cd/"))
    urls = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    base = "https://example.org/cd/"
    assert set(urls) == {
        base,
        f"{base}ja/latest/index.html",
        f"{base}ja/latest/only-ja.html",
        f"{base}en/latest/index.html",
    }
    assert _alternates(urls[f"{base}en/latest/index.html"]) == {
        "ja": f"{base}ja/latest/index.html",
        "en": f"{base}en/latest/index.html",
        "x-default": f"{base}ja/latest/index.html",
    }
    assert _alternates(urls[f"{base}ja/latest/only-ja.html"]) == {
        "ja": f"{base}ja/latest/only-ja.html",
        "x-default": f"{base}ja/latest/only-ja.html",
    }


def test_robots_names_the_sitemap_only_with_a_base_url() -> None:
    assert render_robots("https://example.org/") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
    )
    assert "Sitemap" not in render_robots("")


def test_not_found_pages_link_from_the_base_path() -> None:
    root = render_not_found(MANIFEST, LANGUAGES, "/cd/")
    assert 'href="/cd/ja/latest/index.html"' in root and 'href="/cd/en/latest/index.html"' in root
    english = render_not_found(MANIFEST, LANGUAGES, "/", "en")
    assert '<html lang="en">' in english and "Page not found" in english
    assert 'href="/en/latest/index.html"' in english and "ja/latest" not in english


@pytest.mark.parametrize("value", ["example.org", "ftp://example.org/", "https://x.org/?a=1"])
def test_base_url_must_be_absolute_http(value: str) -> None:
    with pytest.raises(SiteConfigError, match="base URL"):
        normalize_base_url(value)


def test_base_url_from_site_toml(tmp_path: Path) -> None:
    assert load_base_url(tmp_path) == ""
    (tmp_path / "site.toml").write_text('[site]\nbase_url = "https://a.org/b"\n', "utf-8")
    assert load_base_url(tmp_path) == "https://a.org/b/"
    (tmp_path / "site.toml").write_text('[site]\nbase_url = "a.org"\n', "utf-8")
    with pytest.raises(SiteConfigError, match=r"site\.toml"):
        load_base_url(tmp_path)


def test_cli_rejects_a_relative_base_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_path), "--base-url", "x"])
    assert result.exit_code == 2
    assert "--base-url" in result.output


def test_built_site_has_robots_and_404_pages_but_no_sitemap(built_site: BuiltSite) -> None:
    out = built_site.out
    assert (out / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    assert not (out / "sitemap.xml").exists()  # no base URL configured in the repository
    for page, home in [
        ("404.html", "/ja/latest/index.html"),
        ("ja/latest/404.html", "/ja/latest/index.html"),
        ("en/latest/404.html", "/en/latest/index.html"),
    ]:
        html = (out / page).read_text(encoding="utf-8")
        assert f'href="{home}"' in html, page
        assert (out / home.lstrip("/")).is_file()
    assert "404.html" not in (out / "versions.json").read_text(encoding="utf-8")


@pytest.mark.slow
def test_build_with_base_url_writes_sitemap(built_site: BuiltSite, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "site"
    shutil.copytree(built_site.out, out)
    result = CliRunner().invoke(
        main,
        ["build", "--project", str(built_site.project), "--out", str(out), "--lang", "en",
         "--base-url", "https://example.org/cd"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Sitemap: https://example.org/cd/sitemap.xml" in (out / "robots.txt").read_text(
        encoding="utf-8"
    )
    root = ET.parse(out / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    page = "https://example.org/cd/en/latest/networks/g-nets.html"
    assert _alternates(urls[page]) == {
        "ja": "https://example.org/cd/ja/latest/networks/g-nets.html",
        "en": page,
        "x-default": "https://example.org/cd/ja/latest/networks/g-nets.html",
    }
    assert 'href="/cd/en/latest/index.html"' in (out / "en" / "latest" / "404.html").read_text(
        encoding="utf-8"
    )
