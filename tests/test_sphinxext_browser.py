"""The timeline filter in real Chromium: works with script, every event shown without."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from test_sphinxext import PAGES, make_project, run_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> str:
    src = make_project(tmp_path_factory.mktemp("browser"), PAGES)
    result = run_build(src)
    assert result.warnings == ""
    return (result.outdir / "timeline.html").as_uri()


def visible_rows(page: Page, selector: str = ".cd-timeline .cd-event") -> int:
    rows = page.locator(selector)
    return sum(1 for i in range(rows.count()) if rows.nth(i).is_visible())


def test_filter_hides_other_networks(timeline: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(timeline)
    select = page.get_by_label("ネットワーク・事業で絞り込む")
    assert select.is_visible()
    assert visible_rows(page) == 4
    assert visible_rows(page, "section.cd-year") == 4
    select.select_option("u20")
    assert visible_rows(page) == 1
    # a year left without events is hidden with them
    assert visible_rows(page, "section.cd-year") == 1
    select.select_option("")
    assert visible_rows(page) == 4
    assert visible_rows(page, "section.cd-year") == 4
    page.close()


def test_without_script_every_row_is_shown(timeline: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(timeline)
    assert not page.locator(".cd-filter").is_visible()
    assert visible_rows(page) == 4
    context.close()
