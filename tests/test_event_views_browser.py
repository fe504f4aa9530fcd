"""The timeline and the meetings of the real site in Chromium: wide and narrow screens.

At 390 px no table, table wrapper or event line of the timeline, a network page and a
programme page is wider than its box (nothing scrolls sideways); at 1280 px the
timeline is at most a third of the height it had before events became compact lines;
the details of an event open without script; axe finds nothing on these pages. The
charts fit a phone at their own size: no chart is shrunk (its labels stay 12 px), none
is wider than its box.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from city_diplomacy.sitecheck.browser import CHROMIUM, COLOR_SCHEMES, axe_violations
from site_support import BuiltSite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

PAGES = ("timeline.html", "networks/g-nets.html", "programmes/apaf.html")
LANGUAGES = ("ja", "en")

#: Height of the timeline at 1280 x 900 in this Chromium before this change (one table
#: row per event, notes inside the name cell), measured on main at a4b1343.
TIMELINE_HEIGHT_BEFORE = {"ja": 15_213, "en": 29_616}

#: Boxes that must not be wider than the space they have.
WIDE = """() => [...document.querySelectorAll(
    'article table, article .table-wrapper, article .cd-event, article details,'
    + 'article .cd-timeline, article .cd-events, article .cd-members')]
  .filter(e => e.scrollWidth > e.clientWidth)
  .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`)"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_scrolls_sideways_at_390_px(
    built_site: BuiltSite, browser: Browser, language: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        for name in PAGES:
            page.goto(f"{built_site.url}{language}/latest/{name}")
            # opened details take the width of the line too
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            checked = page.evaluate(
                "document.querySelectorAll('article table, article .cd-event').length"
            )
            assert checked > 0, name
            assert page.evaluate(WIDE) == [], name
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (name, width)
    finally:
        page.close()


#: For each chart SVG: its viewBox width, its drawn width, its box's width, and the
#: drawn size of its labels.
CHARTS = """() => [...document.querySelectorAll('article svg.cd-chart-svg')].map(svg => {
  const drawn = svg.getBoundingClientRect().width;
  const scale = drawn / svg.viewBox.baseVal.width;
  const label = parseFloat(getComputedStyle(svg.querySelector('text')).fontSize);
  const box = svg.parentElement;
  return {view: svg.viewBox.baseVal.width, drawn, box: box.clientWidth,
          label: label * scale, scrolls: box.scrollWidth > box.clientWidth};
})"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_charts_are_readable_on_a_phone(
    built_site: BuiltSite, browser: Browser, language: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844})
    try:
        for name in ("timeline.html", "networks/g-nets.html", "networks/anmc21.html"):
            page.goto(f"{built_site.url}{language}/latest/{name}")
            charts = page.evaluate(CHARTS)
            assert len(charts) == 1, name
            for chart in charts:
                assert chart["drawn"] == pytest.approx(chart["view"], abs=0.5), (name, chart)
                assert chart["drawn"] <= chart["box"], (name, chart)
                assert chart["label"] >= 12, (name, chart)
                assert not chart["scrolls"], (name, chart)
    finally:
        page.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_timeline_is_a_third_of_its_former_height(
    built_site: BuiltSite, browser: Browser, language: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{built_site.url}{language}/latest/timeline.html")
        events = page.locator(".cd-event")
        assert events.count() > 50
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height * 3 <= TIMELINE_HEIGHT_BEFORE[language], height
        # the year links lead to the year headings
        page.locator(".cd-years-list a").last.click()
        heading = page.locator("section.cd-year").last.locator("h2")
        assert heading.is_visible()
        assert page.url.endswith(f"#{page.locator('section.cd-year').last.get_attribute('id')}")
    finally:
        page.close()


def test_details_open_without_script(built_site: BuiltSite, browser: Browser) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(f"{built_site.url}en/latest/networks/g-nets.html")
        event = page.locator(".cd-events .cd-event").first
        cities = event.locator("details dd").filter(has_text="Tokyo").first
        assert not cities.is_visible()
        event.locator("summary").click()
        assert cities.is_visible()
        assert event.locator("summary").inner_text().split(",")[0].endswith("cities")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", COLOR_SCHEMES)
def test_event_pages_are_accessible(built_site: BuiltSite, browser: Browser, scheme: str) -> None:
    findings = [
        str(finding)
        for language in LANGUAGES
        for name in PAGES
        for finding in axe_violations(browser, built_site.url, f"{language}/latest/{name}", scheme)
    ]
    assert findings == []
