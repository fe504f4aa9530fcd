"""The Sphinx extension: every directive and role, built for real on a fixture package."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp

from city_diplomacy import load
from city_diplomacy.data.published import published_files
from city_diplomacy.sitebuild.context import build_context, write_context
from city_diplomacy.sitecheck import check_html
from city_diplomacy.sphinxext.countries import country_name
from city_diplomacy.sphinxext.data import PackageCache
from city_diplomacy.sphinxext.overview import first_sentence
from city_diplomacy.sphinxext.roles import count

FIXTURE = Path(__file__).parent / "fixtures" / "sphinx" / "datapackage"
CONTEXT = "city-diplomacy-context.json"
CONTEXT_INPUTS = "context-inputs.json"

PAGES = {
    "index.md": """\
# トップ

```{cd-overview}
:changelog: data
```

名前 {cd-name}`anmc21`、設立 {cd-date}`networks.anmc21.founded`、
会員 {cd-count}`members:anmc21`、2003年 {cd-count}`members:anmc21@2003`、
U20 {cd-count}`members:u20`、都市 {cd-count}`cities`、都市 {cd-name}`city:tokyo`。

```{toctree}
networks/anmc21
networks/u20
cities
timeline
data
```
""",
    "networks/anmc21.md": """\
# ANMC21

```{cd-factbox} anmc21
```

```{cd-members} anmc21
```

```{cd-events} anmc21
```
""",
    "networks/u20.md": """\
# U20

```{cd-factbox} u20
```

```{cd-factbox} g20
```

```{cd-factbox} youth-football
```

```{cd-chart-regions} u20
```

```{cd-members} u20
```

```{cd-events} u20
```

```{cd-programmes}
```

```{cd-networks}
```

```{cd-themes}
```
""",
    "cities.md": """\
# 都市

```{cd-map}
```

```{cd-cities}
```
""",
    "timeline.md": """\
# 年表

```{cd-chart-events}
```

```{cd-timeline}
```
""",
    "data.md": """\
# データ

## 辞書

```{cd-datadict}
```

## ダウンロード

```{cd-downloads}
```

## 出典

```{cd-sources}
```
""",
}


@dataclass
class Build:
    outdir: Path
    warnings: str

    def page(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


def make_project(
    root: Path,
    pages: Mapping[str, str],
    *,
    datapackage: Path = FIXTURE,
    catalogs: Mapping[str, Mapping[str, str]] | None = None,
    conf: str = "",
    repository: Path | None = None,
    context: bool = True,
    site: Mapping[str, Any] | None = None,
) -> Path:
    """Write a small Sphinx project (conf.py, pages, optional English .po files).

    With ``context``, the project renders from a build context, computed (as the site
    build does) before every :func:`run_build` from ``repository`` (default: the folder
    above the package) and the package; ``site`` is the context's site part (what the
    tree is: its version, the stable release, the base URL), none by default.
    """
    src = root / "src"
    src.mkdir(parents=True)
    if context:
        conf += f"city_diplomacy_context = {str(root / CONTEXT)!r}\n"
        inputs = {
            "repository": str(repository or datapackage.parent),
            "descriptor": str(datapackage / "datapackage.json"),
            "site": dict(site) if site is not None else None,
        }
        (root / CONTEXT_INPUTS).write_text(json.dumps(inputs), encoding="utf-8")
    (src / "conf.py").write_text(
        "project = 'test'\n"
        "language = 'ja'\n"
        "extensions = ['myst_parser', 'city_diplomacy.sphinxext']\n"
        f"city_diplomacy_datapackage = {str(datapackage / 'datapackage.json')!r}\n"
        "locale_dirs = ['locales']\n"
        "html_theme = 'furo'\n"
        "gettext_compact = False\n" + conf,
        encoding="utf-8",
    )
    for name, text in pages.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for domain, messages in (catalogs or {}).items():
        po = src / "locales" / "en" / "LC_MESSAGES" / f"{domain}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        body = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        for msgid, msgstr in messages.items():
            body += f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n'
        po.write_text(body, encoding="utf-8")
    return src


def refresh_context(src: Path) -> None:
    """Compute the project's build context again (see :func:`make_project`)."""
    inputs_file = src.parent / CONTEXT_INPUTS
    if not inputs_file.is_file():
        return
    inputs = json.loads(inputs_file.read_text(encoding="utf-8"))
    repository = Path(inputs["repository"])
    try:
        context = build_context(repository, Path(inputs["descriptor"]), site=inputs.get("site"))
    except (OSError, ValueError, KeyError):  # a broken package: the build says so
        context = build_context(repository)
    write_context(src.parent / CONTEXT, context)


def run_build(src: Path, builder: str = "html", *, parallel: int = 0, **overrides: Any) -> Build:
    refresh_context(src)
    warnings = StringIO()
    app = SphinxTestApp(
        builder,
        srcdir=src,
        builddir=src.parent / "_build",
        confoverrides=dict(overrides),
        status=StringIO(),
        warning=warnings,
        parallel=parallel,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Build(app.outdir, warnings.getvalue())


def build(
    tmp_path: Path,
    pages: Mapping[str, str] = PAGES,
    builder: str = "html",
    **overrides: Any,
) -> Build:
    return run_build(make_project(tmp_path, pages), builder, **overrides)


def text_of(page: str) -> str:
    """Visible text of a page, tags dropped and entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    result = build(tmp_path_factory.mktemp("site"))
    assert result.warnings == ""
    return result


def test_build_has_no_warnings_and_unique_ids(site: Build) -> None:
    for page in site.outdir.rglob("*.html"):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8"))
        duplicates = {i for i in ids if ids.count(i) > 1}
        assert not duplicates, f"{page.name}: {duplicates}"


def test_static_files_are_copied_and_linked(site: Build) -> None:
    assert (site.outdir / "_static" / "city_diplomacy.css").is_file()
    assert (site.outdir / "_static" / "city_diplomacy.js").is_file()
    index = site.page("index.html")
    assert "_static/city_diplomacy.css" in index
    assert "_static/city_diplomacy.js" in index


def test_factbox(site: Build) -> None:
    page = site.page("networks/anmc21.html")
    text = text_of(page)
    assert 'id="network-anmc21"' in page
    for expected in ("設立", "2001年10月", "活動休止中", "創設メンバー", "2001年10月から"):
        assert expected in text
    assert "他の出典では2000年設立とする（src-b）。" in text
    # each cited source: its document and its row on the sources page
    assert 'href="https://example.org/a"' in page
    assert 'href="../data.html#source-src-a"' in page
    u20 = site.page("networks/u20.html")
    assert 'href="#network-g20"' in u20  # parent body on the same page
    assert "エンゲージメント・グループとして所属" in text_of(u20)
    assert 'href="https://example.org/tg"' in u20
    assert 'href="anmc21.html#network-anmc21"' in u20  # the programme's network


def test_factbox_status_source_and_last_activity(site: Build) -> None:
    factbox = site.page("networks/anmc21.html").split("cd-factbox", 1)[1].split("</dl>", 1)[0]
    text = text_of(factbox)
    assert "（2024年3月時点）" in text  # the status's own date
    # the latest held event (the withdrawal, 2005-08-30), after the status
    assert "記録上の最後の活動" in text
    assert text.index("活動休止中") < text.index("記録上の最後の活動")
    assert text.index("記録上の最後の活動") < text.index("2005年8月30日")
    # the status source: its document and its row on the sources page
    status = factbox.split("状況の出典", 1)[1]
    assert 'href="https://example.org/b"' in status
    assert 'href="../data.html#source-src-b"' in status
    u20 = site.page("networks/u20.html").split('id="network-u20"', 1)[1].split("</dl>", 1)[0]
    assert "状況の出典" not in u20  # no status source in the data: no row
    assert "2018年10月30日" in text_of(u20)  # last activity: the summit's last day


def test_event_details_list_outcome_documents(site: Build) -> None:
    anmc = details_of(site.page("networks/anmc21.html"))[0]
    text = text_of(anmc)
    assert "成果文書" in text
    assert "試験設立宣言（宣言）" in text
    assert "試験ネットワークの設立を定めた。" in text
    assert "手元の資料には" not in text
    (u20,) = details_of(site.page("networks/u20.html"))
    text = text_of(u20)
    assert "試験コミュニケ（コミュニケ）" in text
    assert "手元の資料には、この文書の内容が書かれていません。" in text
    assert u20.count('href="../data.html#source-src-b"') == 2  # the event's and the document's
    withdrawal = details_of(site.page("networks/anmc21.html"))[1]
    assert "成果文書" not in text_of(withdrawal)


def test_outcomes_in_english(tmp_path: Path) -> None:
    result = build(tmp_path, language="en")
    assert result.warnings == ""
    anmc = details_of(result.page("networks/anmc21.html"))[0]
    assert "Test Founding Declaration" in anmc
    assert "Sets up the test network." in anmc
    assert "試験設立宣言" not in anmc
    (u20,) = details_of(result.page("networks/u20.html"))
    assert '<span class="cd-outcome-name">Test Communiqué</span>' in u20
    assert "試験コミュニケ" not in u20


def test_members_grouped_by_list_date(site: Build) -> None:
    text = text_of(site.page("networks/u20.html"))
    assert "2018年10月時点（2都市）" in text
    assert "2020年11月時点（1都市）" in text
    anmc = site.page("networks/anmc21.html")
    assert "加盟・脱退の記録（3都市）" in text_of(anmc)
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*cities/beijing(?:(?!</tr>).)*</tr>", anmc, re.S)
    assert row is not None
    assert "2005年8月30日" in text_of(row.group(0))  # withdrawal
    assert "台湾" in text_of(anmc)


def test_members_of_one_list_date(tmp_path: Path) -> None:
    pages = {"index.md": "# t\n\n```{cd-members} u20\n:as-of: 2020-11\n```\n"}
    result = build(tmp_path, pages)
    assert result.warnings == ""
    text = text_of(result.page("index.html"))
    assert "2020年11月時点（1都市）" in text
    assert "2018年10月時点" not in text


def test_members_unknown_list_date_warns(tmp_path: Path) -> None:
    pages = {"index.md": "# t\n\n```{cd-members} u20\n:as-of: 1999\n```\n"}
    result = build(tmp_path, pages)
    assert "u20 has no member list dated '1999' (lists: 2018-10, 2020-11)" in result.warnings


def details_of(page: str) -> list[str]:
    return re.findall(r'<details class="cd-event-more">.*?</details>', page, re.S)


def summary_of(details: str) -> str:
    found = re.search(r"<summary>(.*?)</summary>", details, re.S)
    assert found is not None, details
    return text_of(found.group(1))


def test_events_are_compact_lines_with_details(site: Build) -> None:
    page = site.page("networks/u20.html")
    text = text_of(page)
    assert "2018年10月29日〜30日" in text  # a range writes its year and month once
    events = page.split("cd-events", 1)[1].split("cd-programmes", 1)[0]
    assert "<table" not in events  # lines, not a table
    # one line per event: date, title, host city, then a summary with the count
    (details,) = details_of(page)
    assert summary_of(details) == "2都市"
    # the cities with their roles, the kind, the mode and the source open on demand
    assert 'href="../cities/seoul.html"' in details
    assert "ソウル（議長）" in text_of(details)
    assert "ハイブリッド" in text_of(details)
    assert 'href="../data.html#source-src-b"' in details
    for label in ("日付", "名称", "開催都市", "参加都市・詳細"):
        assert f"<p>{label}</p>" in page.split("cd-event-head", 1)[1]
    anmc = site.page("networks/anmc21.html")
    summaries = [summary_of(d) for d in details_of(anmc)]
    assert summaries == ["3都市", "出典"]  # the withdrawal has only its source
    assert "cd-note" not in anmc.split("cd-events", 1)[1]  # no italic notes in cells


def test_event_counts_and_notes(tmp_path: Path) -> None:
    """A count larger than the cities named, written the page language's way; a note."""
    data = tmp_path / "datapackage"
    shutil.copytree(FIXTURE, data)
    events = data / "data" / "events.csv"
    before = "試験設立会議,Test founding meeting,,,3,,,src-a,,,,"
    after = (
        "試験設立会議,Test founding meeting,試験会場,Test Hall,1234,,,src-a,,"
        "試験の注記,A test note,"
    )
    text = events.read_text(encoding="utf-8")
    assert before in text
    events.write_text(text.replace(before, after), encoding="utf-8")
    catalog = {
        "{count}都市": "{count} cities",
        "1都市": "1 city",
        "注記": "Note",
        "計{count}都市（資料に名前のある{listed}都市を掲載）": "{count} in total ({listed} listed)",
    }
    for language, summary, venue, note, total in (
        (
            "ja",
            "1,234都市、注記",
            "試験会場",
            "試験の注記",
            "計1,234都市（資料に名前のある3都市を掲載）",
        ),
        ("en", "1,234 cities, Note", "Test Hall", "A test note", "1,234 in total (3 listed)"),
    ):
        pages = {"index.md": PAGES["networks/anmc21.md"]}
        src = make_project(
            tmp_path / language, pages, datapackage=data, catalogs={"index": catalog}
        )
        result = run_build(src, language=language)
        page = result.page("index.html")
        first = details_of(page)[0]
        assert summary_of(first) == summary
        for expected in (venue, note, total):
            assert expected in text_of(first)


def test_lists(site: Build) -> None:
    text = text_of(site.page("networks/u20.html"))
    assert text.index("試験サッカー事業") < text.index("試験研修")
    assert "東京都が参加するネットワーク・フォーラム" in text
    assert "関連する国際機関・枠組み" in text


def test_cities_and_map(site: Build) -> None:
    page = site.page("cities.html")
    for city in ("tokyo", "beijing", "taipei", "seoul"):
        assert f'id="city-{city}"' in page
        assert f'href="cities/{city}.html"' in page
    assert "Province of China" not in page
    assert "中国領" not in page
    assert "台湾" in text_of(page)
    assert 'href="https://www.geonames.org/1850147"' in site.page("cities/tokyo.html")
    svg = re.search(r"<svg class=\"cd-map-svg\".*?</svg>", page, re.S)
    assert svg is not None
    # No role="img": it would hide the links inside (axe: nested-interactive).
    assert "role=" not in svg.group(0).split(">", 1)[0]
    assert 'aria-label="都市の位置（4都市' in svg.group(0)
    assert '<a class="cd-map-city" href="cities/tokyo.html"' in svg.group(0)
    assert svg.group(0).count("<a ") == 4
    assert "<title>東京</title>" in svg.group(0)
    assert "cd-map-land" not in svg.group(0)  # no outline file in the fixture


def test_map_links_from_another_page(tmp_path: Path) -> None:
    pages = {
        "index.md": "# t\n\n```{cd-map}\n```\n\n```{toctree}\ncities\n```\n",
        "cities.md": "# c\n\n```{cd-cities}\n```\n",
    }
    result = build(tmp_path, pages)
    assert result.warnings == ""
    assert 'href="cities/tokyo.html"' in result.page("index.html")


def test_map_world_option_shows_the_whole_world(tmp_path: Path) -> None:
    result = build(tmp_path, {"index.md": "# t\n\n```{cd-map}\n:world:\n```\n"})
    assert result.warnings == ""
    assert 'viewBox="0.0 0.0 1440.0 720.0"' in result.page("index.html")


def test_map_draws_land_outlines(tmp_path: Path) -> None:
    land = tmp_path / "land.geojson"
    land.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
        '{"type": "Polygon", "coordinates": [[[120, 20], [140, 20], [140, 40], [120, 20]]]}}]}',
        encoding="utf-8",
    )
    pages = {"index.md": "# t\n\n```{cd-map}\n```\n"}
    result = build(tmp_path, pages, city_diplomacy_land=str(land))
    assert result.warnings == ""
    assert re.search(
        r'<path class="cd-map-land" d="M1200.0 280.0L1280.0 280.0', result.page("index.html")
    )


def test_map_reads_topojson_land(tmp_path: Path) -> None:
    from city_diplomacy.sphinxext.map import read_land

    topology = tmp_path / "land.json"
    # one square from two arcs, quantized and delta-encoded, the second used reversed
    topology.write_text(
        '{"type": "Topology", "transform": {"scale": [10, 10], "translate": [100, 0]},'
        ' "objects": {"land": {"type": "GeometryCollection", "geometries": [{"type":'
        ' "Polygon", "arcs": [[0, -2]]}]}},'
        ' "arcs": [[[0, 0], [1, 0], [0, 1]], [[0, 0], [0, 1], [1, 0]]]}',
        encoding="utf-8",
    )
    assert read_land(topology) == [
        [(100.0, 0.0), (110.0, 0.0), (110.0, 10.0), (100.0, 10.0), (100.0, 0.0)]
    ]


def test_map_warns_about_an_unreadable_land_file(tmp_path: Path) -> None:
    land = tmp_path / "land.json"
    land.write_text('{"type": "Nonsense"}', encoding="utf-8")
    result = build(
        tmp_path, {"index.md": "# t\n\n```{cd-map}\n```\n"}, city_diplomacy_land=str(land)
    )
    assert "cannot read land outlines" in result.warnings
    assert "[city_diplomacy.map]" in result.warnings


def test_timeline(site: Build) -> None:
    page = site.page("timeline.html")
    events = re.findall(r'<div class="cd-event" data-network="([^"]+)" id="event-([^"]+)"', page)
    assert events == [
        ("anmc21", "anmc21-founding"),
        ("anmc21", "anmc21-beijing-withdrawal"),
        ("u20", "u20-summit-1"),
        ("youth-football", "football-2019"),
    ]
    # grouped by year, with a jump list of the years
    years = ["2001", "2005", "2018", "2019"]
    assert re.findall(r'<section class="cd-year" id="year-(\d+)">\s*<h2>', page) == years
    jump = page.split('class="cd-years', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'href="#year-(\d+)"', jump) == years
    assert "年から探す" in jump
    # under its year heading a date leaves the year out; the network follows the title
    text = text_of(page)
    assert "10月29日〜30日" in text
    assert "2018年10月29日" not in text
    assert 'href="networks/u20.html#network-u20"><span>TG</span>' in page  # abbreviation
    assert len(details_of(page)) == 4
    # the script's filter still finds the block and its events
    assert '<div class="cd-filter" hidden>' in page
    assert '<option value="u20">試験グループ</option>' in page
    assert re.search(r'<label for="cd-timeline-\d+-filter">', page)
    table = re.search(r'data-table="(cd-timeline-\d+)"', page)
    assert table is not None
    assert f'container" id="{table.group(1)}"' in page


def test_tables_name_their_columns_in_each_cell(site: Build) -> None:
    page = site.page("networks/anmc21.html")
    members = page.split("cd-members-table", 1)[1]
    assert '<td data-label="都市">' in members
    assert '<td data-label="出典">' in members


def test_themes(site: Build) -> None:
    text = text_of(site.page("networks/u20.html"))
    assert re.search(r"スポーツ\s*試験サッカー事業", text)


def test_datadict(site: Build) -> None:
    page = site.page("data.html")
    text = text_of(page)
    descriptor = (FIXTURE / "datapackage.json").read_text(encoding="utf-8")
    for name in re.findall(r'"name": "([a-z_]+)",\s*"type": "table"', descriptor):
        assert f'id="table-{name}"' in page
    for field in ("publisher_kind", "participant_count", "tokyo_since", "as_of"):
        assert field in text
    assert "重複不可" in text
    assert 'href="#table-sources"' in page  # foreign keys link their table
    assert 'lang="en"' in page  # English descriptions are marked as such


def test_downloads_have_size_and_sha256(site: Build) -> None:
    page = site.page("data.html")
    published = published_files(load(FIXTURE / "datapackage.json"))
    assert published["data/cities.csv"] == (FIXTURE / "data" / "cities.csv").read_bytes()
    for relative, data in published.items():
        assert hashlib.sha256(data).hexdigest() in page
        assert f"{len(data):,} B" in page
        # linked where the package is published, not to a Sphinx copy
        assert f'href="../../downloads/latest/datapackage/{relative}"' in page
    assert not (site.outdir / "_downloads").exists()
    # the data dictionary links each table's file in the same published package
    assert (
        '<a class="reference external" href="../../downloads/latest/datapackage/data/events.csv">'
        in page
    )


def test_sources_table(site: Build) -> None:
    page = site.page("data.html")
    assert re.search(r'<tr[^>]*id="source-src-a"', page)
    assert 'href="https://example.org/b"' in page
    assert "第三者" in text_of(page)
    assert "角かっこ［ ］内の題名は、原題をこのサイトが訳したものです。" in text_of(page)


def _source_cell(page: str, source: str) -> str:
    row = re.search(rf'<tr[^>]*id="source-{source}".*?</tr>', page, re.S)
    assert row is not None
    return row.group(0)


def test_source_titles_the_bibliographic_way(site: Build, tmp_path: Path) -> None:
    # Japanese page: a Japanese original alone; an English one marked, our translation after
    page = site.page("data.html")
    own = _source_cell(page, "src-a")
    assert re.search(
        r'<a [^>]*href="https://example.org/a"[^>]*><span class="cd-source-title">'
        r"試験資料A</span></a>",
        own,
    )
    assert "[" not in text_of(own).split("東京都")[0]
    english = _source_cell(page, "src-b")
    assert re.search(
        r'<span class="cd-source-title" lang="en">Fixture source B</span></a> '
        r'\[<span class="cd-source-translation">試験資料B</span>\]',
        english,
    )
    assert '<span class="cd-source-publisher">他の発行者</span>' in english
    # English page: the reverse, and the publisher in English
    result = build(tmp_path, language="en")
    page = result.page("data.html")
    own = _source_cell(page, "src-a")
    assert re.search(
        r'<span class="cd-source-title" lang="ja">試験資料A</span></a> '
        r'\[<span class="cd-source-translation">Fixture source A</span>\]',
        own,
    )
    assert '<span class="cd-source-publisher">Tokyo Metropolitan Government</span>' in own
    english = _source_cell(page, "src-b")
    assert '<span class="cd-source-title">Fixture source B</span></a>' in english
    assert "試験資料B" not in english
    # the factbox cites the same way
    factbox = result.page("networks/anmc21.html")
    assert "Fixture source A</span>]" in factbox
    assert '(<span class="cd-source-publisher">Tokyo Metropolitan Government</span>)' in factbox


def test_roles(site: Build) -> None:
    page = site.page("index.html")
    text = text_of(page)
    assert "名前 試験ネットワーク21" in text
    assert 'href="networks/anmc21.html#network-anmc21"' in page
    assert "設立 2001年10月" in text
    assert "会員 2、2003年 3、" in text
    assert "U20 1、都市 4" in text
    assert 'href="cities/tokyo.html"' in page


def test_english_build_uses_english_columns(tmp_path: Path) -> None:
    result = build(tmp_path, language="en")
    assert result.warnings == ""
    text = text_of(result.page("networks/anmc21.html"))
    assert "Test Network 21" in text
    assert "October 2001" in text
    assert "Another source gives 2000 (src-b)." in text
    assert "試験ネットワーク21" not in text
    cities = text_of(result.page("cities.html"))
    assert "Taiwan" in cities
    assert "South Korea" in cities
    assert "東京" not in cities


def test_escaping_of_data_values(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    cities = package / "data" / "cities.csv"
    evil = "<script>alert(1)</script>"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace(",東京,", f",{evil},"), encoding="utf-8"
    )
    networks = package / "data" / "networks.csv"
    networks.write_text(
        networks.read_text(encoding="utf-8").replace("試験用の要約です。", '"<b onclick=""x"">"'),
        encoding="utf-8",
    )
    pages = {
        "index.md": "# t\n\n```{cd-map}\n```\n\n```{cd-cities}\n```\n\n"
        "```{cd-factbox} anmc21\n```\n\n```{cd-members} anmc21\n```\n\n"
        "```{cd-timeline}\n```\n\n{cd-name}`tokyo`\n",
    }
    result = run_build(make_project(tmp_path / "p", pages, datapackage=package))
    assert result.warnings == ""
    page = result.page("index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<b onclick" not in page
    assert "&lt;b onclick=" in page


def test_unknown_id_is_a_typed_warning_naming_the_line(tmp_path: Path) -> None:
    pages = {"index.md": "# t\n\n```{cd-factbox} no-such-network\n```\n\n{cd-name}`nowhere`\n"}
    result = build(tmp_path, pages)
    assert "index.md:3" in result.warnings
    assert "unknown network or programme id 'no-such-network'" in result.warnings
    assert "[city_diplomacy.unknown-id]" in result.warnings
    assert "unknown id 'nowhere'" in result.warnings


def test_bad_data_package_stops_with_a_clear_message(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    events = package / "data" / "events.csv"
    events.write_text(
        events.read_text(encoding="utf-8").replace("2019-08,", "2019-13,"), encoding="utf-8"
    )
    src = make_project(
        tmp_path / "p", {"index.md": "# t\n\n```{cd-timeline}\n```\n"}, datapackage=package
    )
    with pytest.raises(ExtensionError, match=r"cannot load the data package .*2019-13"):
        run_build(src)


def test_relative_datapackage_path_is_taken_from_conf_dir(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "package")
    src = make_project(tmp_path, {"index.md": "# t\n\n都市数は{cd-count}`cities`です\n"})
    result = run_build(src, city_diplomacy_datapackage="../package/datapackage.json")
    assert result.warnings == ""
    assert "都市数は4です" in text_of(result.page("index.html"))


def test_unknown_id_fails_a_strict_build(tmp_path: Path) -> None:
    src = make_project(tmp_path, {"index.md": "# t\n\n```{cd-members} no-such-network\n```\n"})
    refresh_context(src)
    process = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode != 0
    assert "index.md:3" in process.stderr
    assert "unknown network or programme id 'no-such-network'" in process.stderr


def test_text_builder_renders_without_warnings(tmp_path: Path) -> None:
    result = build(tmp_path, builder="text")
    assert result.warnings == ""
    cities = result.page("cities.txt")
    assert "* 東京" in cities  # the map falls back to a list
    timeline = result.page("timeline.txt")
    assert "2001\n====" in timeline  # the year's heading, then its events
    assert "10月19日" in timeline


def test_data_change_rebuilds_dependent_pages(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    src = make_project(tmp_path / "p", PAGES, datapackage=package)
    first = run_build(src)
    assert "台北" in first.page("cities.html")
    cities = package / "data" / "cities.csv"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace(",台北,", ",臺北市,"), encoding="utf-8"
    )
    second = run_build(src)
    assert second.warnings == ""
    assert "臺北市" in second.page("cities.html")
    assert "臺北市" in second.page("networks/anmc21.html")


def test_parallel_build_merges_targets(tmp_path: Path) -> None:
    result = run_build(make_project(tmp_path, PAGES), parallel=2)
    assert result.warnings == ""
    assert 'href="../cities/seoul.html"' in result.page("networks/u20.html")
    assert 'href="../data.html#source-src-a"' in result.page("networks/anmc21.html")
    assert 'href="networks/anmc21.html#network-anmc21"' in result.page("index.html")


def test_package_cache_reloads_changed_files(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    cache = PackageCache()
    descriptor = package / "datapackage.json"
    first = cache.get(descriptor)
    assert cache.get(descriptor) is first
    themes = package / "data" / "themes.csv"
    themes.write_text(themes.read_text(encoding="utf-8") + "extra,追加,Extra,,\n", "utf-8")
    second = cache.get(descriptor)
    assert second is not first
    assert "extra" in second.themes
    # a resource added to the descriptor is a file of the package from then on
    descriptor_data = json.loads(descriptor.read_text(encoding="utf-8"))
    resource = descriptor_data["resources"][0]
    moved = package / "data" / "moved.csv"
    moved.write_bytes((package / resource["path"]).read_bytes())
    assert moved not in cache.files(descriptor)
    resource["path"] = "data/moved.csv"
    descriptor.write_text(json.dumps(descriptor_data, ensure_ascii=False) + "\n", "utf-8")
    assert moved in cache.files(descriptor)


def test_count_rules() -> None:
    from city_diplomacy import load

    package = load(FIXTURE / "datapackage.json")
    assert count(package, "cities") == 4
    assert count(package, "events") == 4
    assert count(package, "members:anmc21") == 2
    assert count(package, "members:anmc21@2003") == 3
    assert count(package, "members:anmc21@2006") == 2
    assert count(package, "members:u20") == 1
    assert count(package, "members:u20@2019") == 2
    with pytest.raises(KeyError):
        count(package, "members:nope")
    with pytest.raises(ValueError, match="is not"):
        count(package, "planets")


@pytest.mark.parametrize(
    ("code", "language", "expected"),
    [("TW", "ja", "台湾"), ("TW", "en", "Taiwan"), ("KR", "ja", "韓国"), ("JP", "ja", "日本")],
)
def test_country_names(code: str, language: str, expected: str) -> None:
    assert country_name(code, language) == expected


def test_rendered_markup_is_valid_html(site: Build, tmp_path: Path) -> None:
    """Every page's article (what the directives render) checked by the Nu validator."""
    for page in site.outdir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<article" not in text:
            continue
        article = text[text.index("<article") : text.index("</article>") + len("</article>")]
        fragment = tmp_path / page.relative_to(site.outdir)
        fragment.parent.mkdir(parents=True, exist_ok=True)
        fragment.write_text(
            '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>t</title>'
            f"</head><body>{article}</body></html>",
            encoding="utf-8",
        )
    findings = check_html(tmp_path)
    assert findings == [], "\n".join(map(str, findings))


def test_japanese_search_splitter_cuts_cjk_runs_into_bigrams() -> None:
    from city_diplomacy.sphinxext.search_ja import BigramSplitter

    words = BigramSplitter({}).split("気候変動とG20サミット、都 C40")
    assert words == ["気候", "候変", "変動", "動と", "G20", "サミ", "ミッ", "ット", "都", "C40"]


def test_a_city_with_several_roles_is_listed_once(tmp_path: Path) -> None:
    data = tmp_path / "datapackage"
    shutil.copytree(FIXTURE, data)
    with (data / "data" / "participations.csv").open("a", encoding="utf-8") as stream:
        stream.write("anmc21-founding,tokyo,signatory,in-person,src-a,,,,\n")
    pages = {
        "index.md": PAGES["networks/anmc21.md"] + "\n```{toctree}\ncities\n```\n",
        "cities.md": PAGES["cities.md"],
    }
    result = run_build(make_project(tmp_path / "p", pages, datapackage=data))
    assert result.warnings == ""
    events = text_of(result.page("index.html").split("cd-events", 1)[1])
    assert "北京、台北、東京（開催・署名）\n" in events  # the participants cell
    assert "東京（開催）" not in events
    # the city's own page: one row for the event, with both roles
    tokyo = text_of(result.page("cities/tokyo.html").split('id="city-events"', 1)[1])
    assert tokyo.count("試験設立会議") == 1
    assert "開催・署名" in tokyo


def test_publisher_falls_back_to_the_source_language_never_to_english() -> None:
    from city_diplomacy.data.records import Source
    from city_diplomacy.sphinxext.sourcecite import publisher_node

    source = Source(
        "s",
        "Titre",
        "試題",
        "",
        "https://example.org",
        "Éditeur",
        "発行者",
        "",
        "partner",
        "fr",
        None,
        "",
    )
    node = publisher_node(source, "en")
    assert node.astext() == "発行者"
    assert "language-ja" in node["classes"]
    assert publisher_node(source, "ja").astext() == "発行者"
    assert publisher_node(source, "ja")["classes"] == ["cd-source-publisher"]


def figures_of(page: str) -> dict[str, str]:
    """The key figures of a page: label -> value."""
    listing = re.search(r'<ul class="[^"]*cd-figures.*?</ul>', page, re.S)
    assert listing is not None
    items = re.findall(r"<li>\s*<p class=\"cd-figure\">(.*?)</p>\s*<p>(.*?)</p>", listing.group(0))
    return {text_of(label).strip(): text_of(value).strip() for value, label in items}


def test_overview(site: Build) -> None:
    page = site.page("index.html")
    assert figures_of(page) == {
        "東京都が参加するネットワーク・フォーラム": "2",
        "実務的な多都市間協力事業": "2",
        "掲載している都市": "4",
        "都市のある国・地域": "4",
        "年表の出来事": "4",
        "出来事の期間": "2001年〜2019年",
    }
    box = page[page.index('class="cd cd-overview') :]
    text = text_of(box)
    # the networks Tokyo takes part in, not the bodies named for context (g20)
    assert 'href="networks/anmc21.html#network-anmc21"' in box
    assert "試験ネットワーク21 — 試験用の要約です。" in text
    assert "#network-g20" not in box.split("cd-overview-version")[0]
    assert text.index("試験サッカー事業") < text.index("試験研修")
    assert "このページはデータセットのバージョン" in text
    assert re.search(r'<a class="reference internal" href="data.html">.*?変更履歴', box, re.S)
    # no list of every city on the home page
    assert "city-beijing" not in box.split("cd-overview-version")[0]


def test_overview_figures_follow_the_data(tmp_path: Path) -> None:
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    with (package / "data" / "cities.csv").open("a", encoding="utf-8") as stream:
        stream.write("manila,city,マニラ,Manila,PH,1701668,14.6042,120.9822,src-a,,,,\n")
    with (package / "data" / "events.csv").open("a", encoding="utf-8") as stream:
        stream.write(
            "u20-summit-2,summit,2020-11-01,,held,u20,,2,tokyo,online,第2回試験サミット,"
            "2nd Test Summit,,,,,,src-b,,,,\n"
        )
    pages = {"index.md": "# t\n\n```{cd-overview}\n```\n"}
    result = run_build(make_project(tmp_path, pages, datapackage=package))
    assert result.warnings == ""
    found = figures_of(result.page("index.html"))
    assert found["掲載している都市"] == "5"
    assert found["都市のある国・地域"] == "5"
    assert found["年表の出来事"] == "5"
    assert found["出来事の期間"] == "2001年〜2020年"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("一文目。二文目。", "ja", "一文目。"),
        ("One. Two.", "en", "One."),
        ("Uses e.g. words. Then more.", "en", "Uses e.g. words."),
        ("No end", "en", "No end"),
    ],
)
def test_first_sentence(text: str, language: str, expected: str) -> None:
    assert first_sentence(text, language) == expected


def chart_svg(page: str, kind: str) -> str:
    box = page[page.index(f'class="cd cd-chart {kind}') :]
    svg = re.search(r"<svg .*?</svg>", box, re.S)
    assert svg is not None
    return svg.group(0)


def test_events_chart(site: Build) -> None:
    page = site.page("timeline.html")
    svg = chart_svg(page, "cd-chart-events")
    assert re.match(r'<svg class="cd-chart-svg" [^>]*role="img"', svg)
    assert "<title" in svg and "<desc" in svg
    assert "2001年から2019年まで、4件の出来事" in text_of(svg)
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    # anmc21 (2001, 2005 and its programme's 2019 tournament) and u20 (2018): 4 bars
    assert svg.count('<rect class="cd-chart-bar"') == 4
    assert svg.index("試験ネットワーク21") < svg.index("試験グループ")
    assert "試験サッカー事業" not in svg  # rolled up into its network
    # each name on a line of its own above its bars: narrow enough for a 390 px phone
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))  # type: ignore[union-attr]
    assert width <= 358
    assert 'class="cd-chart-label" x="4"' in svg and 'text-anchor="end">試験' not in svg
    # the same numbers as a table, in a <details>
    details = page[page.index('<details class="cd-chart-data">') :]
    details = details[: details.index("</details>")]
    assert "<summary>数値を表で見る</summary>" in details
    row = re.search(
        r"<tr[^>]*>(?:(?!</tr>).)*試験ネットワーク21(?:(?!</tr>).)*</tr>", details, re.S
    )
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    numbers = [text_of(c).strip() for c in cells[1:]]
    assert len(numbers) == 19  # 2001 … 2019
    assert numbers[0] == "1" and numbers[4] == "1" and numbers[-1] == "1"
    assert sum(int(n) for n in numbers) == 3


def test_regions_chart_follows_the_data(site: Build, tmp_path: Path) -> None:
    svg = chart_svg(site.page("networks/u20.html"), "cd-chart-regions")
    assert ">アジア</text>" in svg and ">2</text>" in svg
    assert "ヨーロッパ" not in svg
    package = tmp_path / "package"
    shutil.copytree(FIXTURE, package)
    with (package / "data" / "cities.csv").open("a", encoding="utf-8") as stream:
        stream.write("paris,city,パリ,Paris,FR,2988507,48.85341,2.3488,src-a,,,,\n")
    with (package / "data" / "memberships.csv").open("a", encoding="utf-8") as stream:
        stream.write("u20-paris-2020,u20,,paris,member,,,2020-11,src-b,,,,\n")
    pages = {"index.md": "# t\n\n```{cd-chart-regions} u20\n```\n"}
    result = run_build(make_project(tmp_path, pages, datapackage=package))
    assert result.warnings == ""
    svg = chart_svg(result.page("index.html"), "cd-chart-regions")
    assert ">ヨーロッパ</text>" in svg
    assert svg.count('<rect class="cd-chart-bar"') == 2
