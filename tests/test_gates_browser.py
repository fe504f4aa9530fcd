"""The browser gates (axe-core, requests to other origins) in real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from city_diplomacy.sitecheck.browser import (
    COLOR_SCHEMES,
    axe_violations,
    foreign_requests,
    launch_chromium,
    load_page,
    loaded_weight,
)
from city_diplomacy.sitecheck.budget import Budget
from city_diplomacy.sitecheck.kinds import pages_by_kind
from city_diplomacy.sitecheck.serve import serve
from city_diplomacy.sitecheck.weight import page_weight

pytestmark = pytest.mark.browser

SITES = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def fixtures_url() -> Iterator[str]:
    """All fixture sites under one server: ``<url>/<site>/<page>``."""
    with serve(SITES) as url:
        yield url


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_good_site_has_no_violation(browser: Browser, fixtures_url: str, scheme: str) -> None:
    for page in pages_by_kind(SITES / "good").values():
        assert axe_violations(browser, fixtures_url, f"good/{page}", scheme) == []


def test_image_without_alt_fails_axe(browser: Browser, fixtures_url: str) -> None:
    findings = axe_violations(browser, fixtures_url, "image-without-alt/index.html")
    assert [f.gate for f in findings] == ["a11y"]
    assert "image-alt" in findings[0].message
    assert "img" in findings[0].message


def test_dark_scheme_is_checked_separately(browser: Browser, fixtures_url: str) -> None:
    page = "dark-low-contrast/index.html"
    assert axe_violations(browser, fixtures_url, page, "light") == []
    dark = axe_violations(browser, fixtures_url, page, "dark")
    assert len(dark) == 1
    assert dark[0].message.startswith("dark: color-contrast")


def test_good_site_requests_only_its_own_origin(browser: Browser, fixtures_url: str) -> None:
    for page in pages_by_kind(SITES / "good").values():
        assert foreign_requests(browser, fixtures_url, f"good/{page}") == []


@pytest.mark.parametrize(
    ("site", "url"),
    [
        ("external-script", "https://cdn.example.com/tracker.js"),
        # Built by a script at run time: only the browser gate can see it.
        ("external-fetch", "https://analytics.example.net/hit"),
    ],
)
def test_request_to_other_origin_is_recorded(
    browser: Browser, fixtures_url: str, site: str, url: str
) -> None:
    findings = foreign_requests(browser, fixtures_url, f"{site}/index.html")
    assert [f.message for f in findings] == [f"requested {url}"]


def test_static_weight_matches_what_chromium_fetches(browser: Browser, fixtures_url: str) -> None:
    site = SITES / "good"
    for page in pages_by_kind(site).values():
        load = load_page(browser, fixtures_url, f"good/{page}")
        assert load.total_bytes == page_weight(site.resolve(), site.resolve() / page).total_bytes


def test_loaded_weight_over_budget_is_a_finding(browser: Browser, fixtures_url: str) -> None:
    load = load_page(browser, fixtures_url, "good/ja/latest/index.html")
    assert load.total_bytes > 0
    assert loaded_weight(load, Budget(load.total_bytes, 10**6, 10**6)) == []
    findings = loaded_weight(load, Budget(load.total_bytes - 1, 10**6, 10**6))
    assert len(findings) == 1
    assert "/good/_static/site.css" in findings[0].message
