"""Derive the simplified world land outline used by the map, once, from Natural Earth.

Input: `land-110m.json` (TopoJSON) from npm's `world-atlas` package, e.g.

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python scripts/make_land_outline.py /tmp/package/land-110m.json

Output: `src/city_diplomacy/sphinxext/static/land-110m.geojson`, one GeoJSON MultiPolygon of
`[lon, lat]` positions in degrees (WGS 84), simplified, cut at the antimeridian and rounded
so the file stays small. docs/conf.py points cd-map at it; the site build needs neither
npm nor this script.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

Point = tuple[float, float]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "src" / "city_diplomacy" / "sphinxext" / "static" / "land-110m.geojson"


def decode_arcs(topology: dict[str, object]) -> list[list[Point]]:
    """Decode quantized, delta-encoded TopoJSON arcs into absolute lon/lat points."""
    transform = topology.get("transform")
    arcs = topology["arcs"]
    assert isinstance(arcs, list)
    if not isinstance(transform, dict):
        return [[(float(x), float(y)) for x, y in arc] for arc in arcs]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded: list[list[Point]] = []
    for arc in arcs:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring_from(arc_ids: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Join the arcs of one ring; a negative id (~i) means arc i reversed."""
    ring: list[Point] = []
    for index in arc_ids:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker simplification (iterative), keeping the first and last point."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start], points[end]
        length = math.hypot(x2 - x1, y2 - y1)
        best, best_index = 0.0, -1
        for i in range(start + 1, end):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs((x2 - x1) * (y1 - py) - (x1 - px) * (y2 - y1)) / length
            if distance > best:
                best, best_index = distance, i
        if best > tolerance and best_index > 0:
            keep[best_index] = True
            stack.extend([(start, best_index), (best_index, end)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def unwrap(ring: list[Point]) -> list[Point]:
    """Make longitudes continuous across the antimeridian (TopoJSON rings may jump 360°).

    A ring that does not close after unwrapping goes round a pole (Antarctica); it is
    returned unchanged.
    """
    out = [ring[0]]
    for x, y in ring[1:]:
        previous = out[-1][0]
        while x - previous > 180:
            x -= 360
        while x - previous < -180:
            x += 360
        out.append((x, y))
    return out if abs(out[-1][0] - out[0][0]) < 180 else ring


def clip(ring: list[Point], low: float, high: float) -> list[Point]:
    """Sutherland-Hodgman clip of a ring to low <= lon <= high."""
    for bound, inside in ((low, lambda x: x >= low), (high, lambda x: x <= high)):
        if not ring:
            break
        clipped: list[Point] = []
        for (x1, y1), (x2, y2) in zip(ring[-1:] + ring[:-1], ring, strict=True):
            if inside(x2):
                if not inside(x1):
                    clipped.append((bound, y1 + (y2 - y1) * (bound - x1) / (x2 - x1)))
                clipped.append((x2, y2))
            elif inside(x1):
                clipped.append((bound, y1 + (y2 - y1) * (bound - x1) / (x2 - x1)))
        ring = clipped
    return ring


def area(ring: list[Point]) -> float:
    """Absolute planar area in square degrees (shoelace)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def _parts(ring: list[Point], tolerance: float, min_area: float) -> dict[float, list[Point]]:
    """The pieces of one ring inside -180..180, keyed by the shift that produced them."""
    whole = simplify(unwrap(ring), tolerance)
    pieces: dict[float, list[Point]] = {}
    for shift in (0.0, -360.0, 360.0):
        part = clip([(x + shift, y) for x, y in whole], -180.0, 180.0)
        part = [(round(x, 1), round(y, 1)) for x, y in part]
        part = [p for i, p in enumerate(part) if i == 0 or p != part[i - 1]]
        if len(part) >= 4 and area(part) >= min_area:
            pieces[shift] = [*part, part[0]]  # GeoJSON rings repeat their first position
    return pieces


def land_polygons(
    topology: dict[str, object], tolerance: float, min_area: float
) -> list[list[list[Point]]]:
    """Polygons (outer ring, then holes) of the `land` object, simplified, tiny islands dropped."""
    arcs = decode_arcs(topology)
    objects = topology["objects"]
    assert isinstance(objects, dict)
    polygons: list[list[list[Point]]] = []
    for geometry in objects["land"]["geometries"]:
        members = geometry["arcs"]
        if geometry["type"] == "Polygon":
            members = [members]
        for polygon in members:
            rings = [_parts(ring_from(ids, arcs), tolerance, min_area) for ids in polygon]
            outer, holes = rings[0], rings[1:]
            for shift, piece in outer.items():
                polygons.append([piece, *(hole[shift] for hole in holes if shift in hole)])
    return polygons


def main() -> None:
    """Command line entry: read the TopoJSON, write the compact ring list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="path of world-atlas land-110m.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tolerance", type=float, default=0.3, help="degrees")
    parser.add_argument("--min-area", type=float, default=1.0, help="square degrees")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    polygons = land_polygons(topology, args.tolerance, args.min_area)
    geometry = {
        "type": "MultiPolygon",
        "coordinates": [[[[x, y] for x, y in ring] for ring in polygon] for polygon in polygons],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(geometry, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    rings = sum(len(polygon) for polygon in polygons)
    points = sum(len(ring) for polygon in polygons for ring in polygon)
    print(f"{args.out}: {len(polygons)} polygons, {rings} rings, {points} points, {len(text)} B")


if __name__ == "__main__":
    main()
