"""One page per city (``cities/<id>``), and the cities index linking to them: real builds."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

import test_sphinxext as sx

PAGES = {
    "index.md": "# トップ\n\n都市 {cd-name}`city:seoul`。\n\n```{toctree}\ncities\nnetworks\n```\n",
    "cities.md": "# 都市\n\n```{cd-map}\n```\n\n```{cd-cities}\n```\n",
    "networks.md": "# ネットワーク\n\n```{cd-factbox} anmc21\n```\n\n```{cd-factbox} u20\n```\n"
    "\n```{cd-factbox} youth-football\n```\n\n```{cd-members} u20\n```\n",
}
#: A city with no coordinates, no GeoNames id and no records, added to a copy of the fixture.
LONELY = "lonely,city,寂市,Lonely Town,JP,,,,src-a,,\n"


def fixture_copy(tmp_path: Path, extra_row: str = "") -> Path:
    data = tmp_path / "datapackage"
    shutil.copytree(sx.FIXTURE, data)
    if extra_row:
        with (data / "data" / "cities.csv").open("a", encoding="utf-8") as stream:
            stream.write(extra_row)
    return data


def city_ids(datapackage: Path) -> list[str]:
    with (datapackage / "data" / "cities.csv").open(encoding="utf-8") as stream:
        return [row["id"] for row in csv.DictReader(stream)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> sx.Build:
    root = tmp_path_factory.mktemp("citypages")
    data = fixture_copy(root, LONELY)
    result = sx.run_build(sx.make_project(root, PAGES, datapackage=data))
    assert result.warnings == ""
    return result


def test_a_page_per_city_row(site: sx.Build) -> None:
    ids = city_ids(site.outdir.parents[1] / "datapackage")
    assert "lonely" in ids
    for ident in ids:
        page = site.page(f"cities/{ident}.html")
        assert f'id="city-page-{ident}"' in page
    # no city page in the navigation: they are orphans
    assert "cities/tokyo.html" not in site.page("networks.html").split("furo-main-content")[0]


def test_city_page_content(site: sx.Build) -> None:
    page = site.page("cities/tokyo.html")
    text = sx.text_of(page)
    assert re.search(r"<h1>東京<", page)
    assert '<p class="cd-city-other-name" lang="en">Tokyo</p>' in page
    for expected in (
        "種別",
        "都市",
        "国・地域",
        "日本",
        "試験ネットワーク21",
        "創設会員",
        "2001年10月",
    ):
        assert expected in text
    assert 'href="https://www.geonames.org/1850147"' in page
    # the locator map: the city's point, not a link (it is this page)
    svg = re.search(r'<svg class="cd-map-svg".*?</svg>', page, re.S)
    assert svg is not None
    assert 'aria-label="東京の位置"' in svg.group(0)
    assert '<g class="cd-map-city"><title>東京</title>' in svg.group(0)
    assert "<a " not in svg.group(0)
    # memberships with roles and dates, events with date, title, role, sources
    memberships = page[page.index('id="city-memberships"') : page.index('id="city-tokyo-role"')]
    assert memberships.count("<tr") == 3  # header + one row per network (3 memberships)
    u20 = re.search(r"<tr[^>]*>(?:(?!</tr>).)*network-u20(?:(?!</tr>).)*</tr>", memberships, re.S)
    assert u20 is not None
    assert "創設会員・会員" in sx.text_of(u20.group(0))  # both roles of its two lists
    assert "（2018年10月時点）、（2020年11月時点）" in sx.text_of(u20.group(0))
    assert 'href="../networks.html#network-anmc21"' in memberships
    assert 'data-label="役割"' in memberships
    events = page[page.index('id="city-events"') :]
    assert "2001年10月19日" in sx.text_of(events)
    assert "試験設立会議" in sx.text_of(events)
    assert "開催" in sx.text_of(events)
    sources = page[page.index('id="city-sources"') :]
    assert 'href="https://example.org/a"' in sources
    assert 'href="../cities.html#city-tokyo"' in page  # back to the index row


def test_tokyo_role_only_on_tokyo(site: sx.Build) -> None:
    tokyo = site.page("cities/tokyo.html")
    role = tokyo[tokyo.index('id="city-tokyo-role"') : tokyo.index('id="city-events"')]
    assert "創設メンバー" in sx.text_of(role)
    assert "2017年12月12日" in sx.text_of(role)
    assert 'id="city-tokyo-role"' not in site.page("cities/seoul.html")


def test_city_without_records_or_coordinates(site: sx.Build) -> None:
    page = site.page("cities/lonely.html")
    text = sx.text_of(page)
    assert "この都市についての記録はまだありません。" in text
    assert "geonames.org" not in page
    assert "cd-map-svg" not in page
    assert 'id="city-memberships"' not in page


def test_index_rows_keep_old_anchors_and_link_to_pages(site: sx.Build) -> None:
    page = site.page("cities.html")
    for ident in city_ids(site.outdir.parents[1] / "datapackage"):
        row = re.search(rf'<tr class="cd-city[^"]*" id="city-{ident}">(.*?)</tr>', page, re.S)
        assert row is not None, ident
        assert f'href="cities/{ident}.html"' in row.group(1)
    tokyo = re.search(r'id="city-tokyo">(.*?)</tr>', page, re.S)
    assert tokyo is not None
    cells = re.findall(r'<td data-label="([^"]+)">(.*?)</td>', tokyo.group(1), re.S)
    values = {label: sx.text_of(cell).strip() for label, cell in cells}
    assert values["国・地域"] == "日本"
    assert values["関わったネットワーク・事業"] == (
        "TN21（創設メンバー）、TG（創設メンバー）、試験サッカー事業"
    )
    assert values["行事"] == "3"
    assert (values["最初の年"], values["最後の年"]) == ("2001", "2020")
    assert 'href="cities/tokyo.html"' in page.split('class="cd-map-svg"', 1)[1]


def test_city_names_link_to_city_pages(site: sx.Build) -> None:
    assert 'href="cities/seoul.html"' in site.page("index.html")
    members = site.page("networks.html")
    assert 'href="cities/seoul.html"' in members


def test_english_page_labels_from_the_index_catalog(tmp_path: Path) -> None:
    catalog = {
        "種別": "Kind",
        "参加した行事": "Events",
        "{name}の位置": "Where {name} is",
        "開催": "host",
        "役割": "Role",
    }
    src = sx.make_project(
        tmp_path, PAGES, datapackage=fixture_copy(tmp_path), catalogs={"cities": catalog}
    )
    result = sx.run_build(src, language="en")
    page = result.page("cities/tokyo.html")
    assert re.search(r"<h1>Tokyo<", page)
    assert '<p class="cd-city-other-name" lang="ja">東京</p>' in page
    assert "<dt>Kind</dt>" in page
    assert ">Events<" in page
    assert 'aria-label="Where Tokyo is"' in page
    assert 'data-label="Role"' in page
    assert "Japan" in sx.text_of(page)
    assert not list((tmp_path / "src" / "locales" / "en" / "LC_MESSAGES").glob("cities/*"))


def test_gettext_puts_city_labels_in_the_index_catalog(tmp_path: Path) -> None:
    src = sx.make_project(tmp_path, PAGES, datapackage=fixture_copy(tmp_path))
    result = sx.run_build(src, "gettext")
    assert not (result.outdir / "cities").exists()  # no catalog per city
    pot = (result.outdir / "cities.pot").read_text(encoding="utf-8")
    for label in ("参加した行事", "{name}の位置", "東京都の役割", "共同議長", "都市一覧に戻る"):
        assert f'msgid "{label}"' in pot


def test_edited_city_row_rebuilds_its_page(tmp_path: Path) -> None:
    data = fixture_copy(tmp_path)
    src = sx.make_project(tmp_path, PAGES, datapackage=data)
    assert sx.run_build(src).warnings == ""
    cities = data / "data" / "cities.csv"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace(",ソウル,", ",ソウル特別市,") + LONELY,
        encoding="utf-8",
    )
    second = sx.run_build(src)
    assert second.warnings == ""
    assert re.search(r"<h1>ソウル特別市<", second.page("cities/seoul.html"))
    assert 'id="city-page-lonely"' in second.page("cities/lonely.html")


def test_without_city_pages_links_go_to_the_index_rows(tmp_path: Path) -> None:
    src = sx.make_project(tmp_path, PAGES, datapackage=fixture_copy(tmp_path))
    result = sx.run_build(src, city_diplomacy_city_pages=False)
    assert result.warnings == ""
    assert not (result.outdir / "cities").exists()
    assert 'href="cities.html#city-seoul"' in result.page("index.html")


def test_unknown_city_warns(tmp_path: Path) -> None:
    pages = {"index.md": "# t\n\n```{cd-city} nowhere\n```\n"}
    result = sx.build(tmp_path, pages, city_diplomacy_city_pages=False)
    assert "unknown city id 'nowhere' (not in cities.csv)" in result.warnings


def test_city_pages_stay_out_of_sphinx_search_index(site: sx.Build) -> None:
    """``:nosearch:``: Sphinx's fallback index (``file://``) finds the cities index, which
    names every city, but no word of a city page (Pagefind indexes every built page)."""
    text = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    docnames = index["docnames"]
    city, cities = docnames.index("cities/seoul"), docnames.index("cities")
    found: set[int] = set()
    for where in index["terms"].values():
        found.update(where if isinstance(where, list) else [where])
    assert cities in found
    assert city not in found
    assert index["titles"][city] == ""
