"""The version switcher in real Chromium, over HTTP and from file://."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import VersionedSite
from versions_support import NEW_PAGE, SHARED_PAGE

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def _base(site: VersionedSite, scheme: str) -> str:
    return site.url if scheme == "http" else f"{site.out.as_uri()}/"


def _menu(page: Page) -> list[str]:
    entries = page.locator(".cd-version-switcher li [data-cd-version]").all()
    return [str(entry.get_attribute("data-cd-version")) for entry in entries]


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize(
    ("start", "target"), [("1.0.0", "latest"), ("latest", "1.1.0"), ("1.1.0", "1.0.0")]
)
def test_switcher_lands_on_the_same_page_in_the_other_version(
    page: Page, versioned_site: VersionedSite, scheme: str, start: str, target: str
) -> None:
    base = _base(versioned_site, scheme)
    page.goto(f"{base}ja/{start}/{SHARED_PAGE}")
    assert _menu(page) == ["latest", "stable", "1.1.0", "1.0.0"]
    current = page.locator(".cd-version-switcher [aria-current=page]")
    assert current.text_content() == start
    page.click(f".cd-version-switcher a[data-cd-version='{target}']")
    page.wait_for_url(f"{base}ja/{target}/{SHARED_PAGE}")
    assert page.locator(".cd-version-switcher [aria-current=page]").text_content() == target
    assert (page.locator(".cd-old-version").count() == 0) == (target == "latest")


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_switcher_falls_back_to_the_home_page(
    page: Page, versioned_site: VersionedSite, scheme: str
) -> None:
    base = _base(versioned_site, scheme)
    page.goto(f"{base}en/latest/{NEW_PAGE}")
    page.click(".cd-version-switcher a[data-cd-version='1.1.0']")
    page.wait_for_url(f"{base}en/1.1.0/index.html")


def test_old_version_notice_leads_to_the_newest(page: Page, versioned_site: VersionedSite) -> None:
    base = _base(versioned_site, "http")
    page.goto(f"{base}en/1.0.0/{SHARED_PAGE}")
    notice = page.locator(".cd-old-version")
    assert "1.0.0" in (notice.text_content() or "")
    notice.locator("a[data-cd-newest]").click()
    page.wait_for_url(f"{base}en/latest/{SHARED_PAGE}")


def test_old_release_notice_leads_to_the_stable_one(
    page: Page, versioned_site: VersionedSite
) -> None:
    base = _base(versioned_site, "http")
    page.goto(f"{base}ja/1.0.0/{SHARED_PAGE}")
    page.locator(".cd-old-version a[data-cd-stable]").click()
    page.wait_for_url(f"{base}ja/stable/{SHARED_PAGE}")
    assert page.locator(".cd-version-switcher [aria-current=page]").text_content() == "1.1.0"


def test_without_script_the_switcher_links_the_version_list(
    browser: Browser, versioned_site: VersionedSite
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{versioned_site.url}ja/1.1.0/{SHARED_PAGE}")
        assert tab.locator(".cd-version-switcher li").count() == 0
        assert tab.locator(".cd-old-version a[data-cd-newest]").count() == 1
        # 1.1.0 is the stable release: its notice names no other stable one
        assert tab.locator(".cd-old-version a[data-cd-stable]").count() == 0
        tab.click(".cd-version-switcher a.cd-version-index")
        tab.wait_for_url(f"{versioned_site.url}index.html")
        assert tab.locator(".cd-versions a").count() == 8  # latest, stable, 2 releases
    finally:
        context.close()
