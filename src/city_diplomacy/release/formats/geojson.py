"""The GeoJSON export: a FeatureCollection of the cities that have coordinates."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from city_diplomacy.data.package import Package


@dataclass(frozen=True)
class GeoJSONResult:
    """The document and the cities left out for lack of coordinates."""

    document: dict[str, Any]
    without_coordinates: tuple[str, ...]

    def to_bytes(self) -> bytes:
        text = json.dumps(self.document, indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")


def _organisation(package: Package, org_id: str) -> tuple[str, str, str]:
    network = package.networks.get(org_id)
    if network is not None:
        return "network", network.name_ja, network.name_en
    programme = package.programmes.get(org_id)
    if programme is not None:
        return "programme", programme.name_ja, programme.name_en
    return "", "", ""


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def city_features(package: Package) -> GeoJSONResult:
    """One Point feature per city, ``[longitude, latitude]`` (RFC 7946 order), by city id."""
    features: list[dict[str, Any]] = []
    missing: list[str] = []
    for city_id in sorted(package.cities):
        city = package.cities[city_id]
        if city.latitude is None or city.longitude is None:
            missing.append(city_id)
            continue
        memberships = []
        for m in package.memberships_of_city(city_id):
            kind, name_ja, name_en = _organisation(package, m.organisation)
            memberships.append(
                {
                    "id": m.id,
                    "organisation": m.organisation,
                    "organisation_kind": kind,
                    "organisation_name_ja": name_ja,
                    "organisation_name_en": name_en,
                    "role": m.role,
                    "since": _iso(m.since),
                    "until": _iso(m.until),
                    "as_of": _iso(m.as_of),
                }
            )
        participations = [
            {"event": p.event, "role": p.role, "mode": p.mode}
            for p in package.participations_of_city(city_id)
        ]
        features.append(
            {
                "type": "Feature",
                "id": city.id,
                "geometry": {"type": "Point", "coordinates": [city.longitude, city.latitude]},
                "properties": {
                    "id": city.id,
                    "kind": city.kind,
                    "name_ja": city.name_ja,
                    "name_en": city.name_en,
                    "country": city.country,
                    "geonames_id": city.geonames_id,
                    "memberships": memberships,
                    "participations": participations,
                },
            }
        )
    document = {"type": "FeatureCollection", "features": features}
    return GeoJSONResult(document, tuple(missing))
