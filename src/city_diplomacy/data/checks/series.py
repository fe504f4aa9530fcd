"""Numbered series run forward in time: the 2nd plenary comes after the 1st.

Events of one network or programme and one ``kind`` that carry an ``ordinal`` must
have dates that do not go back as the ordinal rises, compared at the precision both
dates share (``2005`` and ``2005-11`` are in order either way).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from city_diplomacy.data.checks.tables import Row, Table
from city_diplomacy.data.dates import PartialDate, PartialDateError
from city_diplomacy.data.problems import Problem


def check(tables: list[Table]) -> list[Problem]:
    problems: list[Problem] = []
    for table in tables:
        if {"ordinal", "kind", "date"} <= set(table.field_names):
            problems += _table(table)
    return problems


def _table(table: Table) -> Iterator[Problem]:
    series: dict[tuple[str, str], list[tuple[int, PartialDate, Row]]] = {}
    for row in table.rows:
        organisation = table.value(row, "network") or table.value(row, "programme")
        kind, ordinal, date = (table.value(row, n) for n in ("kind", "ordinal", "date"))
        if organisation is None or kind is None or ordinal is None or date is None:
            continue
        try:
            entry = (int(ordinal), PartialDate.parse(date), row)
        except (ValueError, PartialDateError):
            continue  # reported by the type and date checks
        series.setdefault((organisation, kind), []).append(entry)
    for (organisation, kind), entries in series.items():
        entries.sort(key=lambda e: (e[0], e[2].line))
        for (n, earlier, at), (m, later, row) in pairwise(entries):
            if m > n and not earlier.covers_or_precedes(later):
                yield Problem(
                    table.file,
                    row.line,
                    "date",
                    f"{kind} no. {m} of {organisation} is dated {later}, before no. {n} "
                    f"({earlier}, line {at.line}); fix the date or the ordinal",
                    str(later),
                    "series",
                )
