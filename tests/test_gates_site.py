"""Every gate on the real site: all pages of every language and version the build makes.

The site is built once per session (the ``built_site`` fixture). HTML validity, links,
origins and weight run on every page; axe-core and the request recorder run in
Chromium on one page of each kind per language and version (every page would take
minutes), in the light and the dark colour scheme.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from city_diplomacy import sitecheck
from city_diplomacy.sitecheck.browser import (
    COLOR_SCHEMES,
    axe_violations,
    load_page,
    uncounted_fetches,
)
from city_diplomacy.sitecheck.kinds import pages_by_kind
from site_support import BuiltSite

pytestmark = pytest.mark.slow


def _report(findings: list[sitecheck.Finding]) -> str:
    return "\n".join(str(f) for f in findings)


def test_gates_see_every_language_and_version(built_site: BuiltSite) -> None:
    pages = {p.relative_to(built_site.out).parts[:2] for p in sitecheck.html_pages(built_site.out)}
    assert {("ja", "latest"), ("en", "latest")} <= pages
    kinds = pages_by_kind(built_site.out)
    assert "ja/latest/index" in kinds
    assert "en/latest/networks/*" in kinds


def test_real_site_html_is_valid(built_site: BuiltSite) -> None:
    findings = sitecheck.check_html(built_site.out)
    assert not findings, _report(findings)


def test_real_site_links_and_anchors_resolve(built_site: BuiltSite) -> None:
    findings = sitecheck.check_links(built_site.out)
    assert not findings, _report(findings)


def test_real_site_loads_nothing_from_other_origins(built_site: BuiltSite) -> None:
    findings = sitecheck.check_origins(built_site.out)
    assert not findings, _report(findings)


def test_real_site_within_weight_budget(built_site: BuiltSite) -> None:
    findings = sitecheck.check_weight(built_site.out, sitecheck.load_budget())
    assert not findings, _report(findings)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_real_site_accessible(built_site: BuiltSite, browser: Browser, scheme: str) -> None:
    findings = [
        finding
        for page in pages_by_kind(built_site.out).values()
        for finding in axe_violations(browser, built_site.url, page, scheme)
    ]
    assert not findings, _report(findings)


@pytest.mark.browser
def test_real_site_first_loads_in_chromium(built_site: BuiltSite, browser: Browser) -> None:
    """No request leaves the origin; the weight gate counted every file Chromium fetched."""
    weights = {w.page.path: w for w in sitecheck.page_weights(built_site.out)}
    findings = []
    for page in pages_by_kind(built_site.out).values():
        load = load_page(browser, built_site.url, page)
        findings += [sitecheck.Finding("origins", page, f"requested {u}") for u in load.foreign]
        findings += uncounted_fetches(load, weights[page])
    assert not findings, _report(findings)
