"""Skip links past the map and long member lists, with the keyboard in real Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from site_support import BuiltSite

pytestmark = pytest.mark.browser

#: Tab presses from the top of the page within which the skip link must be reached
#: (the header's links, the search box, the language and version switchers come first).
EARLY = 40
#: Whether the focused element comes after the map's figure in the document.
_AFTER_MAP = """() => {
  const map = document.querySelector("figure.cd-map");
  const active = document.activeElement;
  return !map.contains(active)
    && Boolean(map.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def _tab_to(page: Page, selector: str, limit: int) -> int:
    """Press Tab until the focused element matches ``selector``; the presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"{selector} not focused after {limit} Tab presses (at {focused})")


@pytest.mark.parametrize(
    ("code", "page_name", "label"),
    [
        ("ja", "cities.html", "地図を飛ばす"),
        ("en", "cities.html", "Skip the map"),
        ("en", "index.html", "Skip the map"),
    ],
)
def test_skip_link_jumps_past_the_map(
    page: Page, built_site: BuiltSite, code: str, page_name: str, label: str
) -> None:
    page.goto(f"{built_site.url}{code}/latest/{page_name}")
    link = page.locator("a.cd-skip-link").first
    # hidden until focused: one pixel, clipped
    assert (link.bounding_box() or {"width": 0})["width"] <= 1
    points = page.locator("a.cd-map-city").count()
    assert points > 50
    presses = _tab_to(page, "a.cd-skip-link", EARLY)
    assert link.inner_text() == label
    box = link.bounding_box()
    assert box is not None and box["width"] > 20, "the focused skip link is not shown"
    # before the map in the focus order: fewer presses than the map has points
    assert presses < points
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.className") == "cd-skip-target"
    assert page.evaluate(_AFTER_MAP)
    page.keyboard.press("Tab")
    assert page.evaluate(_AFTER_MAP), "Tab after the skip link went back into the map"
    assert not page.evaluate("document.activeElement.matches('a.cd-map-city')")
    if page_name == "cities.html":
        # the city list, reached with far fewer presses than there are points on the map
        inside = page.evaluate("Boolean(document.activeElement.closest('.cd-cities, .cd-city'))")
        assert inside, page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
        assert presses + 2 < points


def test_long_member_list_has_a_skip_link(page: Page, built_site: BuiltSite) -> None:
    page.goto(f"{built_site.url}en/latest/networks/u20.html")
    link = page.locator("a.cd-skip-link")
    assert link.count() == 1 and link.inner_text() == "Skip the list of cities"
    target = str(link.get_attribute("href"))
    assert target.startswith("#cd-after-members-u20")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == target[1:]
    after = page.evaluate(
        "() => document.querySelector('.cd-members').compareDocumentPosition("
        "document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert after
