"""No console error and no failed request on any kind of page, in real Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

from city_diplomacy.sitecheck.kinds import pages_by_kind
from site_support import BuiltSite

pytestmark = pytest.mark.browser


@dataclass
class Trouble:
    """What went wrong while pages loaded: console errors, failed or refused requests."""

    errors: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def failed(self, request: Request) -> None:
        self.errors.append(f"failed: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def watched(browser: Browser) -> Iterator[tuple[Page, Trouble]]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    trouble = Trouble()
    page.on("console", trouble.console)
    page.on("pageerror", lambda error: trouble.errors.append(f"page error: {error}"))
    page.on("requestfailed", trouble.failed)
    page.on("response", trouble.response)
    yield page, trouble
    context.close()


def _visit(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def test_no_console_error_or_failed_request_on_any_page_kind(
    watched: tuple[Page, Trouble], built_site: BuiltSite
) -> None:
    page, trouble = watched
    kinds = {
        kind: path
        for kind, path in pages_by_kind(built_site.out).items()
        if kind.startswith(("ja/latest/", "en/latest/")) or "/" not in path
    }
    # every kind the issue names, in both languages, is among them
    for code in ("ja", "en"):
        for kind in ("index", "networks/*", "programmes/*", "cities", "cities/*", "timeline"):
            assert f"{code}/latest/{kind}" in kinds, kind
    assert "index.html" in kinds.values()
    seen = []
    for kind, path in sorted(kinds.items()):
        _visit(page, built_site.url + path)
        seen.append(kind)
        assert not trouble.errors, (kind, path, trouble.errors)
    assert len(seen) > 30


@pytest.mark.parametrize("code", ["ja", "en"])
def test_search_loads_its_index_without_errors(
    watched: tuple[Page, Trouble], built_site: BuiltSite, code: str
) -> None:
    page, trouble = watched
    _visit(page, f"{built_site.url}{code}/latest/search.html?q=G-NETS")
    results = page.locator(".pagefind-ui__result, #search-results li")
    results.first.wait_for(timeout=15_000)
    page.wait_for_load_state("networkidle")
    assert results.count() > 0
    assert not trouble.errors, trouble.errors


def test_a_missing_page_answers_with_the_site_404_page(
    watched: tuple[Page, Trouble], built_site: BuiltSite
) -> None:
    page, trouble = watched
    response = page.goto(f"{built_site.url}en/latest/no-such-page.html")
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    # the 404 itself is expected (Chromium also logs it); nothing it loads may fail
    missing = f"HTTP 404: {built_site.url}en/latest/no-such-page.html"
    assert missing in trouble.errors
    others = [e for e in trouble.errors if e != missing and "status of 404" not in e]
    assert others == []
    assert len(trouble.errors) <= 2
    assert page.locator("link[rel=icon]").count() > 0
