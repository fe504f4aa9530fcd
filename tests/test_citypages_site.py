"""City pages on the real site: one per row of cities.csv in each language, switchers,
the index rows that keep the old anchors, and (Chromium) how they fit small screens."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from site_support import BuiltSite

LANGUAGES = ("ja", "en")
#: Height in CSS px of ``cities.html`` at 1280 px wide before the city pages, measured
#: in Chromium on main's build (every city a section of the index): the index must be
#: at most a third of it now.
HEIGHT_BEFORE_CITY_PAGES = {"ja": 53_512, "en": 62_010}
#: Scripts every table wrapper that a reader would have to scroll sideways.
TOO_WIDE = """() => [...document.querySelectorAll('article .table-wrapper, article table')]
    .filter(node => node.scrollWidth > node.clientWidth)
    .map(node => node.className + ' ' + node.scrollWidth + '>' + node.clientWidth)"""


def city_ids(site: BuiltSite) -> list[str]:
    path = site.project / "datapackage" / "data" / "cities.csv"
    with path.open(encoding="utf-8") as stream:
        return [row["id"] for row in csv.DictReader(stream)]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_city_has_a_page_in_every_language(built_site: BuiltSite) -> None:
    ids = city_ids(built_site)
    assert len(ids) > 50
    for code in LANGUAGES:
        folder = built_site.out / code / "latest" / "cities"
        assert {p.stem for p in folder.glob("*.html")} == set(ids), code


def test_switcher_of_a_city_page_goes_to_the_same_city(built_site: BuiltSite) -> None:
    for code, other in (("ja", "en"), ("en", "ja")):
        for ident in ("tokyo", city_ids(built_site)[0]):
            path = built_site.out / code / "latest" / "cities" / f"{ident}.html"
            link = soup(path).select_one(f"nav.cd-language-switcher a[hreflang={other}]")
            assert link is not None
            target = (path.parent / str(link["href"])).resolve()
            assert target == (built_site.out / other / "latest" / "cities" / f"{ident}.html")
            assert target.is_file()


def test_index_rows_keep_the_old_anchors(built_site: BuiltSite) -> None:
    for code in LANGUAGES:
        index = soup(built_site.out / code / "latest" / "cities.html")
        for ident in city_ids(built_site):
            row = index.select_one(f"tr#city-{ident}")
            assert row is not None, (code, ident)
            assert row.select_one(f'a[href="cities/{ident}.html"]') is not None, (code, ident)


def test_city_names_on_other_pages_link_to_city_pages(built_site: BuiltSite) -> None:
    page = (built_site.out / "en" / "latest" / "timeline.html").read_text(encoding="utf-8")
    assert 'href="cities/tokyo.html"' in page
    assert "cities.html#city-" not in page


def test_manifest_lists_the_city_pages(built_site: BuiltSite) -> None:
    import json

    manifest = json.loads((built_site.out / "versions.json").read_text(encoding="utf-8"))
    for code in LANGUAGES:
        pages = set(manifest["trees"][code]["latest"]["pages"])
        assert {f"cities/{ident}.html" for ident in city_ids(built_site)} <= pages


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_table_scrolls_sideways_at_390_px(
    built_site: BuiltSite, browser: Browser, code: str
) -> None:
    small = min(
        city_ids(built_site),
        key=lambda i: (built_site.out / code / "latest" / "cities" / f"{i}.html").stat().st_size,
    )
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        for name in ("cities.html", "cities/tokyo.html", f"cities/{small}.html"):
            page.goto(f"{built_site.url}{code}/latest/{name}")
            if name == "cities.html" or name.endswith("tokyo.html"):
                assert page.locator("article table").count() > 0, name
            assert page.evaluate(TOO_WIDE) == [], name
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, name
    finally:
        page.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_index_is_a_third_of_its_old_height(
    built_site: BuiltSite, browser: Browser, code: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{built_site.url}{code}/latest/cities.html")
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= HEIGHT_BEFORE_CITY_PAGES[code] / 3, height
        assert page.evaluate(TOO_WIDE) == []
    finally:
        page.close()
