"""The browser gates (axe-core, requests to other origins) in real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from city_diplomacy.sitebuild.serve import serve
from city_diplomacy.sitecheck.browser import (
    COLOR_SCHEMES,
    axe_violations,
    foreign_requests,
    load_page,
    uncounted_fetches,
)
from city_diplomacy.sitecheck.kinds import pages_by_kind
from city_diplomacy.sitecheck.weight import page_weights

pytestmark = pytest.mark.browser

SITES = Path(__file__).parent / "fixtures" / "site"


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


@pytest.fixture(scope="module")
def good_url() -> Iterator[str]:
    """The good site served at the root, as the real site is."""
    with serve(SITES / "good") as url:
        yield url


def test_static_weight_counts_what_chromium_fetches(browser: Browser, good_url: str) -> None:
    for weight in page_weights(SITES / "good"):
        load = load_page(browser, good_url, weight.page.path)
        assert load.total_bytes == weight.total_bytes
        assert uncounted_fetches(load, weight) == []


def test_fetch_the_static_weight_missed_is_a_finding(browser: Browser, good_url: str) -> None:
    # The root page's weight does not cover what the Japanese home page loads.
    [weight] = [w for w in page_weights(SITES / "good") if w.page.path == "index.html"]
    load = load_page(browser, good_url, "ja/latest/index.html")
    findings = uncounted_fetches(load, weight)
    assert {f.message.split(" (")[0] for f in findings} == {
        "Chromium fetched /ja/latest/index.html",
        "Chromium fetched /_static/map.svg",
    }
