"""Rows that say the same thing twice, beyond what the primary keys catch.

* Names: no two rows of ``networks`` and ``programmes`` (one namespace: pages link
  both by name), of ``cities`` or of ``themes`` share a ``name_ja`` or a ``name_en``.
* Numbered events: no two events of one network or programme share ``kind`` and
  ``ordinal`` (two "2nd plenary" rows).
* Participations: one city in one role at one event is one row, except a city that took
  part both at the venue and online (one row per stated mode); a ``not-stated`` or
  ``hybrid`` row next to another row for the same city and role is a duplicate.
* Sources: a URL appears once, except a later reading of the same page (a snapshot);
  such rows must differ in ``date`` or ``date_note``, which say which reading it is.

Each problem is reported on the later row and names the earlier one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from city_diplomacy.data.checks.tables import Row, Table
from city_diplomacy.data.problems import Problem

#: Tables whose rows share one set of names.
NAMESPACES = (("networks", "programmes"), ("cities",), ("themes",))
#: Modes that cannot stand next to another row of the same city and role.
VAGUE_MODES = frozenset({"not-stated", "hybrid"})

Key = Callable[[Table, Row], tuple[str, ...] | None]


def check(tables: list[Table]) -> list[Problem]:
    by_name = {t.name: t for t in tables}
    problems: list[Problem] = []
    for namespace in NAMESPACES:
        members = [by_name[n] for n in namespace if n in by_name]
        for column in ("name_ja", "name_en"):
            if members and all(column in t.field_names for t in members):
                problems += _repeats(members, (column,), _columns(column), _name_message)
    events = by_name.get("events")
    if events is not None and {"kind", "ordinal"} <= set(events.field_names):
        problems += _repeats([events], ("ordinal",), _numbered, _ordinal_message)
    participations = by_name.get("participations")
    if participations is not None and "mode" in participations.field_names:
        problems += _participations(participations)
    sources = by_name.get("sources")
    if sources is not None and "url" in sources.field_names:
        problems += _repeats([sources], ("url",), _reading, _url_message)
    return problems


def _columns(*names: str) -> Key:
    def key(table: Table, row: Row) -> tuple[str, ...] | None:
        values = [table.value(row, n) for n in names]
        return None if any(v is None for v in values) else tuple(v or "" for v in values)

    return key


def _numbered(table: Table, row: Row) -> tuple[str, ...] | None:
    organisation = table.value(row, "network") or table.value(row, "programme")
    ordinal, kind = table.value(row, "ordinal"), table.value(row, "kind")
    if organisation is None or ordinal is None or kind is None:
        return None
    return organisation, kind, ordinal


def _reading(table: Table, row: Row) -> tuple[str, ...] | None:
    url = table.value(row, "url")
    if url is None:
        return None
    return url, table.value(row, "date") or "", table.value(row, "date_note") or ""


Message = Callable[[Table, Row, tuple[str, ...], str], str]


def _repeats(
    tables: Sequence[Table], fields: tuple[str, ...], key: Key, message: Message
) -> Iterator[Problem]:
    first: dict[tuple[str, ...], tuple[Table, Row]] = {}
    for table in tables:
        for row in table.rows:
            value = key(table, row)
            if value is None:
                continue
            if value not in first:
                first[value] = (table, row)
                continue
            earlier_table, earlier = first[value]
            where = (
                f"line {earlier.line}"
                if earlier_table is table
                else f"{earlier_table.file}:{earlier.line}"
            )
            yield Problem(
                table.file,
                row.line,
                fields[0],
                message(table, row, value, where),
                table.value(row, fields[0]),
                "unique",
            )


def _name_message(table: Table, row: Row, value: tuple[str, ...], where: str) -> str:
    return (
        f"{value[0]!r} is also the name of the row at {where}; names must tell rows apart "
        "(add what distinguishes them, e.g. the country or the years)"
    )


def _ordinal_message(table: Table, row: Row, value: tuple[str, ...], where: str) -> str:
    organisation, kind, ordinal = value
    return (
        f"{organisation} already has a {kind} numbered {ordinal} (at {where}); "
        "fix the ordinal, or merge the two rows"
    )


def _url_message(table: Table, row: Row, value: tuple[str, ...], where: str) -> str:
    return (
        f"the URL is also cited by the source at {where} with the same date and date_note; "
        "cite that source, or say in date or date_note which reading of the page this is"
    )


def _participations(table: Table) -> Iterator[Problem]:
    groups: dict[tuple[str, ...], list[Row]] = {}
    key = _columns("event", "city", "role")
    for row in table.rows:
        value = key(table, row)
        if value is not None:
            groups.setdefault(value, []).append(row)
    for (event, city, role), rows in groups.items():
        if len(rows) < 2:
            continue
        for row in rows[1:]:
            modes = {table.value(r, "mode") for r in rows}
            if modes & VAGUE_MODES:
                yield Problem(
                    table.file,
                    row.line,
                    "mode",
                    f"{city} is already a {role} of {event} at line {rows[0].line}; "
                    "several rows for one city and role must each state a distinct mode "
                    "(in-person, online), never not-stated or hybrid: merge the rows",
                    table.value(row, "mode"),
                    "unique",
                )
