"""The built site in real Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from site_support import SAMPLE_PAGE, SEARCH_CASES, BuiltSite, SearchCase

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, built_site: BuiltSite) -> Iterator[Page]:
    """A fresh page that records every request and fails the test on any foreign origin."""
    context = browser.new_context()
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    yield tab
    context.close()
    site = urlsplit(built_site.url)
    foreign = [
        url
        for url in requests
        if urlsplit(url).scheme not in {"file", "data", "blob", "about"}
        and urlsplit(url).netloc != site.netloc
    ]
    assert requests, "the recorder saw no request at all"
    assert foreign == []


def test_switcher_lands_on_same_page_in_other_language(page: Page, built_site: BuiltSite) -> None:
    page.goto(f"{built_site.url}ja/latest/{SAMPLE_PAGE}")
    page.click(".cd-language-switcher a[hreflang=en]")
    assert page.url == f"{built_site.url}en/latest/{SAMPLE_PAGE}"
    assert page.get_attribute("html", "lang") == "en"
    assert page.evaluate("document.body.dataset.theme") == "light"  # furo, light by default
    page.click(".cd-language-switcher a[hreflang=ja]")
    assert page.url == f"{built_site.url}ja/latest/{SAMPLE_PAGE}"


def test_switcher_works_from_file_urls(page: Page, built_site: BuiltSite) -> None:
    start = (built_site.out / "en" / "latest" / SAMPLE_PAGE).as_uri()
    page.goto(start)
    page.click(".cd-language-switcher a[hreflang=ja]")
    expected = (built_site.out / "ja" / "latest" / SAMPLE_PAGE).as_uri()
    assert page.url == expected
    assert page.get_attribute("html", "lang") == "ja"
    # The HTTP origin is never contacted here; the recorder check still needs a request.


def test_root_chooser_leads_to_each_language(page: Page, built_site: BuiltSite) -> None:
    page.goto(built_site.url)
    page.click("a[hreflang=en]")
    assert page.url == f"{built_site.url}en/latest/index.html"


def _results(page: Page) -> list[str]:
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    links = page.eval_on_selector_all(
        ".pagefind-ui__result-link", "links => links.map(a => a.href)"
    )
    return [str(link) for link in links]


@pytest.mark.parametrize("case", SEARCH_CASES, ids=lambda c: f"{c.language}-{c.query}")
def test_search_finds_page(page: Page, built_site: BuiltSite, case: SearchCase) -> None:
    """Type into the theme's search box, land on the Pagefind page, open the hit."""
    tree = f"{built_site.url}{case.language}/latest/"
    page.goto(f"{tree}index.html")
    page.fill("input.sidebar-search", case.query)
    page.press("input.sidebar-search", "Enter")
    page.wait_for_url(f"{tree}search.html?*")
    expected = f"{tree}{case.page}"
    assert expected in _results(page)
    page.click(f".pagefind-ui__result-link[href='{urlsplit(expected).path}']")
    page.wait_for_url(f"{expected}*")
    assert page.get_attribute("html", "lang") == case.language


def test_search_ui_typing_on_search_page(page: Page, built_site: BuiltSite) -> None:
    case = SEARCH_CASES[0]
    page.goto(f"{built_site.url}{case.language}/latest/search.html")
    page.fill(".pagefind-ui__search-input", case.query)
    assert f"{built_site.url}{case.language}/latest/{case.page}" in _results(page)
    titles = page.eval_on_selector_all(".pagefind-ui__result-link", "ls => ls.map(a => a.text)")
    assert not any("¶" in str(title) for title in titles)  # permalinks are not indexed


def test_english_query_does_not_search_japanese_tree(page: Page, built_site: BuiltSite) -> None:
    english = next(c for c in SEARCH_CASES if c.language == "en")
    page.goto(f"{built_site.url}en/latest/search.html?q={english.query}")
    assert all("/en/latest/" in link for link in _results(page))


def test_map_has_a_linked_point_per_city(page: Page, built_site: BuiltSite) -> None:
    """One linked point per city that has coordinates (unknown coordinates stay empty)."""
    from city_diplomacy import load

    cities = load(built_site.project / "datapackage" / "datapackage.json").cities.values()
    located = {c.id for c in cities if c.latitude is not None and c.longitude is not None}
    assert located
    for language in ("ja", "en"):
        page.goto(f"{built_site.url}{language}/latest/cities.html")
        points = page.locator("svg a")
        assert points.count() == len(located)
        hrefs = [str(points.nth(i).get_attribute("href")) for i in range(points.count())]
        assert {href.removeprefix("cities/").removesuffix(".html") for href in hrefs} == located
    point = points.first
    href = str(point.get_attribute("href"))
    point.click()
    page.wait_for_url(f"**/{href}")
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("case", SEARCH_CASES, ids=lambda c: f"{c.language}-{c.query}")
def test_search_from_file_url_falls_back_to_sphinx_index(
    page: Page, built_site: BuiltSite, case: SearchCase
) -> None:
    """Opened without a server, the search page still finds compound Japanese words."""
    search = (built_site.out / case.language / "latest" / "search.html").as_uri()
    page.goto(f"{search}?q={case.query}")
    # Sphinx lists hits one by one and stops its progress pulse when the list is complete.
    page.wait_for_function(
        "typeof Search !== 'undefined' && Search._index !== null"
        " && Search._pulse_status === -1"
        " && document.querySelector('#search-results ul.search') !== null",
        timeout=60_000,  # a bound, not a timing assertion: loaded CI machines are slow
    )
    links = page.eval_on_selector_all("#search-results a", "links => links.map(a => a.href)")
    expected = (built_site.out / case.language / "latest" / case.page).as_uri()
    assert any(str(link).split("?")[0] == expected for link in links), links
