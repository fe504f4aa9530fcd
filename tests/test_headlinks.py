"""Canonical, hreflang, OpenGraph and stable links of the assembled site (headlinks)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from city_diplomacy.sitebuild.headlinks import copy_stable, rewrite_site
from city_diplomacy.sitebuild.manifest import version_order
from city_diplomacy.translations.registry import Language

LANGUAGES = [
    Language("ja", "日本語", "東京 <都>", "説明", stable_notice="安定版は {stable} です。"),
    Language("en", "English", "Tokyo & co", "About", stable_notice="Stable: {stable}."),
]
BASE = "https://example.org/cd/"


def _page(code: str, version: str, page: str) -> str:
    depth = "../" * (page.count("/") + 2)
    alternates = "".join(
        f'<link rel="alternate" hreflang="{other}" href="{depth}{other}/{version}/{page}">\n'
        for other in ("ja", "en")
    )
    notice = (
        f'<p class="cd-old-version" role="note">old {version}</p>' if version != "latest" else ""
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{code}"><head>\n<title>T {page}</title>\n'
        f'<meta name="description" content="D &amp; d">\n{alternates}</head>\n'
        f"<body>{notice}<p>{version}</p></body></html>\n"
    )


def _site(root: Path) -> tuple[Path, dict[str, Any]]:
    pages = {"latest": ["index.html", "new.html", "a/b.html"], "1.1.0": ["index.html", "a/b.html"]}
    pages["1.0.0"] = ["index.html", "a/b.html", "gone.html"]
    for code in ("ja", "en"):
        for version, names in pages.items():
            for name in names:
                path = root / code / version / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(_page(code, version, name), encoding="utf-8")
    copy_stable(root, ["ja", "en"], "1.1.0")
    pages["stable"] = pages["1.1.0"]
    manifest = {
        "versions": version_order(pages),
        "stable": "1.1.0",
        "trees": {
            code: {v: {"path": f"{code}/{v}/", "pages": sorted(p)} for v, p in pages.items()}
            for code in ("ja", "en")
        },
    }
    return root, manifest


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_stable_is_a_copy_listed_after_latest(tmp_path: Path) -> None:
    site, manifest = _site(tmp_path)
    assert manifest["versions"] == ["latest", "stable", "1.1.0", "1.0.0"]
    for code in ("ja", "en"):
        for page in ("index.html", "a/b.html"):
            stable = (site / code / "stable" / page).read_bytes()
            assert stable == (site / code / "1.1.0" / page).read_bytes()


def test_with_base_url_canonical_points_at_stable(tmp_path: Path) -> None:
    site, manifest = _site(tmp_path)
    rewrite_site(site, manifest, LANGUAGES, BASE)
    cases = {
        # page in stable: canonical is stable's; page not there: the page itself
        ("en", "latest", "a/b.html"): f"{BASE}en/stable/a/b.html",
        ("en", "latest", "new.html"): f"{BASE}en/latest/new.html",
        ("ja", "1.0.0", "gone.html"): f"{BASE}ja/1.0.0/gone.html",
        ("ja", "1.1.0", "index.html"): f"{BASE}ja/stable/index.html",
        ("ja", "stable", "index.html"): f"{BASE}ja/stable/index.html",
    }
    for (code, version, page), expected in cases.items():
        soup = _soup(site / code / version / page)
        canonical = soup.select("link[rel=canonical]")
        assert [link["href"] for link in canonical] == [expected]
        assert soup.select_one("meta[property='og:url']")["content"] == expected  # type: ignore[index]
        hreflang = {a["hreflang"]: a["href"] for a in soup.select("link[hreflang]")}
        assert hreflang == {c: f"{BASE}{c}/{version}/{page}" for c in ("ja", "en")}
        title = soup.select_one("meta[property='og:title']")
        assert title is not None and title["content"] == f"T {page}"
        description = soup.select_one("meta[property='og:description']")
        assert description is not None and description["content"] == "D & d"
        assert soup.select_one("meta[name='twitter:card']") is not None


def test_without_base_url_nothing_points_at_a_host(tmp_path: Path) -> None:
    site, manifest = _site(tmp_path)
    before = (site / "en" / "latest" / "a" / "b.html").read_text(encoding="utf-8")
    rewrite_site(site, manifest, LANGUAGES, "")
    after = (site / "en" / "latest" / "a" / "b.html").read_text(encoding="utf-8")
    assert after == before
    soup = _soup(site / "ja" / "1.0.0" / "a" / "b.html")
    assert soup.select("link[rel=canonical]") == []
    assert soup.select("meta[property^='og:']") == []
    assert soup.select_one("link[hreflang=en]")["href"] == "../../../en/1.0.0/a/b.html"  # type: ignore[index]


def test_old_releases_name_and_link_the_stable_one(tmp_path: Path) -> None:
    site, manifest = _site(tmp_path)
    rewrite_site(site, manifest, LANGUAGES, "")
    page = site / "en" / "1.0.0" / "a" / "b.html"
    notice = _soup(page).select_one(".cd-stable-version")
    assert notice is not None and notice.get_text() == "Stable: 1.1.0."
    link = notice.select_one("a[data-cd-stable]")
    assert link is not None
    assert (page.parent / str(link["href"])).resolve() == site / "en" / "stable" / "a" / "b.html"
    # a page the stable release lacks links to its home page
    gone = _soup(site / "ja" / "1.0.0" / "gone.html").select_one(".cd-stable-version a")
    assert gone is not None and gone["href"] == "../../ja/stable/index.html"
    assert (site / "ja" / "1.0.0" / str(gone["href"])).resolve().is_file()
    # the stable release itself, its alias and latest carry no such notice
    for version in ("1.1.0", "stable", "latest"):
        assert _soup(site / "ja" / version / "index.html").select(".cd-stable-version") == []


def test_rewriting_twice_changes_nothing(tmp_path: Path) -> None:
    site, manifest = _site(tmp_path)
    rewrite_site(site, manifest, LANGUAGES, BASE)
    first = {p: p.read_bytes() for p in sorted(site.rglob("*.html"))}
    assert rewrite_site(site, manifest, LANGUAGES, BASE) == 0
    assert {p: p.read_bytes() for p in sorted(site.rglob("*.html"))} == first


def test_search_page_outside_the_manifest_gets_absolute_alternates(tmp_path: Path) -> None:
    site, manifest = _site(tmp_path)
    for code in ("ja", "en"):
        (site / code / "latest" / "search.html").write_text(
            _page(code, "latest", "search.html"), encoding="utf-8"
        )
    assert "search.html" not in manifest["trees"]["en"]["latest"]["pages"]
    rewrite_site(site, manifest, LANGUAGES, BASE)
    soup = _soup(site / "en" / "latest" / "search.html")
    hreflang = {a["hreflang"]: a["href"] for a in soup.select("link[hreflang]")}
    assert hreflang == {c: f"{BASE}{c}/latest/search.html" for c in ("ja", "en")}
    assert [link["href"] for link in soup.select("link[rel=canonical]")] == [
        f"{BASE}en/latest/search.html"
    ]
