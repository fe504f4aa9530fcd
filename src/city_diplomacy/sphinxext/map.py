"""``cd-map``: an SVG map of the cities, computed at build time (no script, no tiles).

Projection: equirectangular (x = longitude, y = -latitude), cropped to the cities with a
margin. Land outlines are pluggable: a GeoJSON or TopoJSON file (``city_diplomacy_land``,
or ``static/land.geojson`` / ``static/land.json`` of this extension); without one the map
draws a graticule only.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.records import City
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective
from city_diplomacy.sphinxext.config import STATIC_DIR, get_config
from city_diplomacy.sphinxext.skip import SKIP_MAP, skippable

if TYPE_CHECKING:
    from sphinx.application import Sphinx

Ring = list[tuple[float, float]]
SCALE = 4.0  # SVG units per degree
#: Half the width and height, in degrees, of a city page's locator map.
LOCATOR_LON, LOCATOR_LAT = 40.0, 20.0


class cd_map(nodes.General, nodes.Element):  # type: ignore[misc]
    """Placeholder for the SVG; ``points`` are (target key, name, x, y)."""


def land_file(configured: str) -> Path | None:
    if configured:
        return Path(configured)
    for name in ("land.geojson", "land.json"):
        if (STATIC_DIR / name).is_file():
            return STATIC_DIR / name
    return None


def read_land(path: Path) -> list[Ring]:
    """Rings of every (Multi)Polygon in a GeoJSON or TopoJSON file, as (lon, lat)."""
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if isinstance(data, dict) and data.get("type") == "Topology":
        return list(_topology_rings(data))
    return list(_rings(data))


def _topology_rings(topology: dict[str, Any]) -> Iterator[Ring]:
    """Decode TopoJSON (quantized, delta-encoded arcs; e.g. npm's world-atlas)."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology.get("arcs", []):
        points: Ring = []
        x = y = 0.0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)

    def ring(indices: list[int]) -> Ring:
        out: Ring = []
        for index in indices:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            out.extend(part if not out else part[1:])
        return out

    def walk(geometry: dict[str, Any]) -> Iterator[Ring]:
        kind = geometry.get("type")
        if kind == "GeometryCollection":
            for child in geometry.get("geometries", []):
                yield from walk(child)
        elif kind == "Polygon":
            for indices in geometry["arcs"]:
                yield ring(indices)
        elif kind == "MultiPolygon":
            for polygon in geometry["arcs"]:
                for indices in polygon:
                    yield ring(indices)

    for geometry in topology.get("objects", {}).values():
        yield from walk(geometry)


def _rings(data: Any) -> Iterator[Ring]:
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        for feature in data.get("features", []):
            yield from _rings(feature)
    elif kind == "Feature":
        yield from _rings(data.get("geometry") or {})
    elif kind == "GeometryCollection":
        for geometry in data.get("geometries", []):
            yield from _rings(geometry)
    elif kind == "Polygon":
        for ring in data["coordinates"]:
            yield [(float(p[0]), float(p[1])) for p in ring]
    elif kind == "MultiPolygon":
        for polygon in data["coordinates"]:
            for ring in polygon:
                yield [(float(p[0]), float(p[1])) for p in ring]
    elif kind not in ("Point", "MultiPoint", "LineString", "MultiLineString"):
        raise ValueError(f"not GeoJSON or TopoJSON (type {kind!r})")


def _x(lon: float) -> float:
    return round((lon + 180.0) * SCALE, 1)


def _y(lat: float) -> float:
    return round((90.0 - lat) * SCALE, 1)


def ring_path(ring: Ring) -> str:
    if len(ring) < 3:
        return ""
    head, *tail = ring
    return (
        f"M{_x(head[0])} {_y(head[1])}"
        + "".join(f"L{_x(lon)} {_y(lat)}" for lon, lat in tail)
        + "Z"
    )


def graticule(step: int = 30) -> str:
    parts = [f"M{_x(lon)} {_y(90)}V{_y(-90)}" for lon in range(-180, 181, step)]
    parts += [f"M{_x(-180)} {_y(lat)}H{_x(180)}" for lat in range(-90, 91, step)]
    return "".join(parts)


def view_box(points: list[tuple[float, float]], margin: float) -> tuple[float, ...]:
    """The cities' extent in degrees plus ``margin``, clamped to the world."""
    if not points:
        return (_x(-180), _y(90), 360 * SCALE, 180 * SCALE)
    west = max(-180.0, min(p[0] for p in points) - margin)
    east = min(180.0, max(p[0] for p in points) + margin)
    south = max(-90.0, min(p[1] for p in points) - margin)
    north = min(90.0, max(p[1] for p in points) + margin)
    return (_x(west), _y(north), round((east - west) * SCALE, 1), round((north - south) * SCALE, 1))


class Map(CdDirective):
    """The cities with coordinates, each a link to its section on the cities page.

    Options: ``:margin:`` degrees around the cities (default 12), ``:world:`` the whole
    world instead of the cities' extent, ``:class:``.
    """

    option_spec = {  # noqa: RUF012 - docutils API
        "margin": directives.nonnegative_int,
        "world": directives.flag,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        cities = [
            c
            for c in sorted(cd.package.cities.values(), key=lambda c: c.name_en)
            if c.latitude is not None and c.longitude is not None
        ]
        lonlat = [(float(c.longitude or 0), float(c.latitude or 0)) for c in cities]
        land = ""
        path = land_file(get_config(self.env).land)
        if path is not None:
            self.env.note_dependency(path)
            try:
                land = "".join(ring_path(r) for r in read_land(path))
            except (OSError, ValueError, KeyError, TypeError) as error:
                cd.warn(f"cannot read land outlines {path}: {error}", "map")
        placeholder = cd_map(
            points=[
                (cdn.CITY_PAGE + c.id, cd.name_of(c), _x(lon), _y(lat))
                for c, (lon, lat) in zip(cities, lonlat, strict=True)
            ],
            land=land,
            grid=graticule(),
            viewbox=" ".join(
                str(v)
                for v in view_box(
                    [] if "world" in self.options else lonlat, self.options.get("margin", 12)
                )
            ),
        )
        figure = nodes.figure(classes=["cd-map", *self.options.get("class", [])])
        self.set_source_info(figure)
        figure += placeholder
        text = "都市の位置（{count}都市、各点は都市のページへのリンク）"
        caption = nodes.caption(text, text, cd_values={"count": str(len(cities))})
        caption.source, caption.line = cd.source, cd.line
        figure += caption
        anchor = f"cd-after-map-{self.env.new_serialno('cd-map')}"
        return skippable(cd, SKIP_MAP, anchor, [figure])


#: A ring's bounding box (west, east, south, north) and its SVG path.
Outline = tuple[float, float, float, float, str]


@lru_cache(maxsize=4)
def _outlines(path: Path, mtime_ns: int) -> tuple[Outline, ...]:
    """The rings of a land file with their bounding boxes, read once per file version."""
    found = []
    for ring in read_land(path):
        d = ring_path(ring)
        if d:
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            found.append((min(lons), max(lons), min(lats), max(lats), d))
    return tuple(found)


def land_near(path: Path, west: float, east: float, south: float, north: float) -> str:
    """The SVG path of the land rings that meet the box (the others are left out)."""
    return "".join(
        d
        for w, e, s, n, d in _outlines(path, path.stat().st_mtime_ns)
        if w <= east and e >= west and s <= north and n >= south
    )


def locator_map(directive: CdDirective, city: City, caption: str) -> list[nodes.Node]:
    """A small map of the region around one city (no link: it is the page's own city)."""
    if city.latitude is None or city.longitude is None:
        return []
    lon, lat = float(city.longitude), float(city.latitude)
    west, east = max(-180.0, lon - LOCATOR_LON), min(180.0, lon + LOCATOR_LON)
    north, south = min(90.0, lat + LOCATOR_LAT), max(-90.0, lat - LOCATOR_LAT)
    land = ""
    path = land_file(get_config(directive.env).land)
    if path is not None:
        directive.env.note_dependency(path)
        try:
            land = land_near(path, west, east, south, north)
        except (OSError, ValueError, KeyError, TypeError) as error:
            directive.cd.warn(f"cannot read land outlines {path}: {error}", "map")
    placeholder = cd_map(
        points=[("", directive.cd.name_of(city), _x(lon), _y(lat))],
        land=land,
        grid=graticule(),
        viewbox=" ".join(
            str(v)
            for v in (
                _x(west),
                _y(north),
                round((east - west) * SCALE, 1),
                round((north - south) * SCALE, 1),
            )
        ),
        radius=5.0,
    )
    figure = nodes.figure(classes=["cd-map", "cd-map-locator"])
    directive.set_source_info(figure)
    figure += placeholder
    figure += nodes.caption("", "", nodes.Text(caption), translatable=False)
    return [figure]


def render_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """SVG for HTML builders; a list of linked city names for the others.

    Runs on ``doctree-resolved`` before :func:`.nodes.resolve_refs`.
    """
    links_from_page = cdn.TargetLinks(app, docname)
    html_output = app.builder.format == "html"
    for node in list(doctree.findall(cd_map)):
        if not html_output:
            listing = nodes.bullet_list()
            for key, name, *_ in node["points"]:
                listing += nodes.list_item(
                    "", cdn.value(cdn.pending_ref(key, cdn.value_inline(name)))
                )
            node.replace_self(listing)
            continue
        caption = node.parent.next_node(nodes.caption) if node.parent else None
        label = caption.astext() if caption is not None else ""
        links = []
        width = float(node["viewbox"].split()[2])
        radius = node.get("radius") or round(max(2.0, min(6.0, width / 150)), 1)
        for key, name, x, y in node["points"]:
            uri = links_from_page.uri(key)
            circle = f'<circle cx="{x}" cy="{y}" r="{radius}"/>'
            title = f"<title>{html.escape(name)}</title>"
            if uri is None:
                links.append(f'<g class="cd-map-city">{title}{circle}</g>')
                continue
            links.append(
                f'<a class="cd-map-city" href="{html.escape(uri)}" '
                f'aria-label="{html.escape(name)}">{title}{circle}</a>'
            )
        land = f'<path class="cd-map-land" d="{node["land"]}"/>' if node["land"] else ""
        svg = (
            f'<svg class="cd-map-svg" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="{node["viewbox"]}" aria-label="{html.escape(label)}">'
            f'<rect class="cd-map-sea" x="-10000" y="-10000" width="20000" height="20000"/>'
            f'<path class="cd-map-grid" d="{node["grid"]}"/>{land}{"".join(links)}</svg>'
        )
        node.replace_self(nodes.raw("", svg, format="html"))


def setup_map(app: Sphinx) -> None:
    app.add_directive("cd-map", Map)
    app.add_node(cd_map)
