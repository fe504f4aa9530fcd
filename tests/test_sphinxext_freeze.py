"""Frozen data blocks: written at read time, yet the same pages as the node path."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from test_sphinxext import PAGES, Build, make_project, run_build, text_of
from test_sphinxext_i18n import COMPENDIUM, ascii_pages

NAV = re.compile(r'<div class="sidebar-tree">.*?</div>', re.S)


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def html_pages(result: Build) -> dict[str, str]:
    return {
        path.relative_to(result.outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(result.outdir.rglob("*.html"))
        if "_static" not in path.parts
    }


def compendium() -> dict[str, str]:
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(COMPENDIUM))}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_frozen_pages_equal_the_node_rendering(tmp_path: Path, language: str) -> None:
    pages = ascii_pages() if language == "en" else dict(PAGES)
    catalogs = {name.removesuffix(".md"): compendium() for name in pages}
    built = {}
    for freeze in (True, False):
        src = make_project(tmp_path / str(freeze), pages, catalogs=catalogs)
        result = run_build(src, language=language, city_diplomacy_freeze=freeze)
        assert result.warnings == ""
        built[freeze] = html_pages(result)
    assert built[True].keys() == built[False].keys()
    compared = 0
    for name, page in built[True].items():
        if "<article" not in page:
            continue
        assert article(page) == article(built[False][name]), name
        compared += 1
    assert compared >= 5
    # the blocks really were frozen: no placeholder is left, and the timeline's events,
    # year sections and details are there
    assert not any("cd-ref:" in page for page in built[True].values())
    timeline = built[True]["timeline.html"]
    assert timeline.count('<div class="cd-event" data-network=') == 4
    assert timeline.count('<section class="cd-year"') == 4
    assert timeline.count('<details class="cd-event-more">') == 4


def test_frozen_links_are_relative_to_their_page(tmp_path: Path) -> None:
    result = run_build(make_project(tmp_path, PAGES))
    assert result.warnings == ""
    anmc = result.page("networks/anmc21.html")
    members = anmc[anmc.index("cd-members") :]
    assert 'href="../cities/taipei.html"' in members
    cities = result.page("cities.html")
    assert re.search(r'href="networks/anmc21\.html#network-anmc21"', cities)


def test_a_link_without_a_target_is_its_text_alone(tmp_path: Path) -> None:
    pages = {"index.md": PAGES["networks/anmc21.md"]}  # no cities page: no city targets
    result = run_build(make_project(tmp_path, pages))
    page = result.page("index.html")
    members = page[page.index("cd-members") :]
    assert "台北" in text_of(members)
    assert "city-taipei" not in members
    assert "cd-ref:" not in page


def test_untranslated_labels_of_a_frozen_block_are_marked_japanese(tmp_path: Path) -> None:
    catalogs = {"cities": {"都市": "City"}}  # every other label of the page is missing
    pages = {"index.md": "# i\n\n```{toctree}\ncities\n```\n", "cities.md": PAGES["cities.md"]}
    result = run_build(make_project(tmp_path, pages, catalogs=catalogs), language="en")
    page = result.page("cities.html")
    assert "cd-untranslated-notice" in page
    assert '<th class="head"><p lang="ja">国・地域</p></th>' in page
    assert '<th class="head"><p>City</p></th>' in page


def test_cities_stay_out_of_the_navigation(tmp_path: Path) -> None:
    result = run_build(make_project(tmp_path, PAGES))
    for name in ("index.html", "cities.html", "timeline.html", "cities/tokyo.html"):
        page = result.page(name)
        navigation = NAV.search(page)
        assert navigation is not None, name
        assert "city-" not in navigation.group(0), name
        assert "cities/" not in navigation.group(0), name
    # the index rows are still on the page, with their anchors
    assert 'id="city-tokyo"' in result.page("cities.html")


def test_garbage_collection_is_tuned_only_from_the_defaults() -> None:
    import gc

    from city_diplomacy.sphinxext import (
        BUILD_GC_THRESHOLDS,
        DEFAULT_GC_THRESHOLDS,
        tune_garbage_collection,
    )

    saved = gc.get_threshold()
    try:
        gc.set_threshold(*DEFAULT_GC_THRESHOLDS)
        tune_garbage_collection()
        assert gc.get_threshold() == BUILD_GC_THRESHOLDS
        gc.set_threshold(1000, 5, 5)  # a process's own choice is kept
        tune_garbage_collection()
        assert gc.get_threshold() == (1000, 5, 5)
    finally:
        gc.set_threshold(*saved)
