"""Warnings about loose ends: sources nothing cites and cities that take part in nothing.

Neither makes the package invalid (the data is still true), so both are warnings: an
editor either cites the source (or removes it, if it was added by mistake) or records
what the city takes part in. A source counts as cited when a source column names it
(a field with a foreign key to ``sources``, a ``source`` field, or a space-separated
list in a field named ``*sources`` such as ``other_sources``).
A city counts as taking part when any foreign key to ``cities`` names it (a membership,
a participation, an event's host).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from city_diplomacy.data.checks.references import foreign_keys
from city_diplomacy.data.checks.tables import Table
from city_diplomacy.data.problems import WARNING, Problem

CHECK = "orphans"
_LIST_SEPARATORS = re.compile(r"[\s,;]+")


def check(tables: list[Table]) -> list[Problem]:
    """One warning per uncited source and per city that takes part in nothing."""
    by_name = {t.name: t for t in tables}
    problems: list[Problem] = []
    if (sources := by_name.get("sources")) is not None:
        problems += _uncited(sources, tables)
    if (cities := by_name.get("cities")) is not None:
        problems += _idle(cities, tables)
    return problems


def _key_fields(table: Table, resource: str) -> list[str]:
    """Fields of ``table`` that a one-field foreign key points at ``resource``."""
    fields: list[str] = []
    for key in foreign_keys(table):
        reference: Mapping[str, Any] = key.get("reference") or {}
        if reference.get("resource") != resource:
            continue
        names = key.get("fields")
        names = [names] if isinstance(names, str) else names
        if isinstance(names, list) and len(names) == 1 and isinstance(names[0], str):
            fields.append(names[0])
    return fields


def _cited(tables: list[Table]) -> set[str]:
    cited: set[str] = set()
    for table in tables:
        names = set(table.field_names)
        columns = set(_key_fields(table, "sources"))
        if table.name != "sources" and "source" in names:
            columns.add("source")
        lists = {n for n in names if n.endswith("sources")} - columns
        for row in table.rows:
            for name in columns:
                if (value := table.value(row, name)) is not None:
                    cited.add(value)
            for name in lists:
                if (value := table.value(row, name)) is not None:
                    cited.update(_LIST_SEPARATORS.split(value.strip()))
    return cited


def _uncited(sources: Table, tables: list[Table]) -> Iterator[Problem]:
    cited = _cited(tables)
    for row in sources.rows:
        source = sources.value(row, "id")
        if source is not None and source not in cited:
            yield Problem(
                sources.file,
                row.line,
                "id",
                f"source {source!r} is cited by no row (cite it in the "
                "row it supports, or remove it if it supports nothing)",
                source,
                CHECK,
                WARNING,
            )


def _idle(cities: Table, tables: list[Table]) -> Iterator[Problem]:
    used: set[str] = set()
    for table in tables:
        for name in _key_fields(table, "cities"):
            used.update(v for row in table.rows if (v := table.value(row, name)) is not None)
    for row in cities.rows:
        city = cities.value(row, "id")
        if city is not None and city not in used:
            yield Problem(
                cities.file,
                row.line,
                "id",
                f"city {city!r} takes part in nothing (add its membership or participation, "
                "or remove the city)",
                city,
                CHECK,
                WARNING,
            )
