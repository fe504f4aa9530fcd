"""Tables derived for analysts, in every export format beside the source tables.

* ``<field>_precision`` (``day``, ``month`` or ``year``) after every partial-date field
  of the source tables: how much of the date the source gives. The CSVs of the data
  package keep the source columns only; the other formats carry the derived columns.
* ``participation_flat``: one row per city per event, with the event's date, year and
  precision, its network or programme and the network it rolls up to, the city's
  country (ISO code, names in Japanese and English from pycountry), its role and
  whether it hosted. Built from the source tables only, so it is the same every build.
"""

from __future__ import annotations

from collections.abc import Mapping

from city_diplomacy.data.countries import country_name
from city_diplomacy.data.dates import PartialDate
from city_diplomacy.data.package import Package
from city_diplomacy.release.formats.tables import Field, ForeignKey, Table, Value

#: The name of the flat participation table in every format.
FLAT = "participation_flat"
PRECISION_SUFFIX = "_precision"
PRECISIONS = ("day", "month", "year")
_PARTIAL_DATE = "^[0-9]{4}(-"  # the start of the schema pattern of a partial date


def is_partial_date(field: Field) -> bool:
    pattern = field.constraints.get("pattern")
    return field.type == "string" and isinstance(pattern, str) and pattern.startswith(_PARTIAL_DATE)


def precision_of(value: Value) -> str | None:
    """``day``, ``month`` or ``year`` for a partial date string; None for no date."""
    if value is None:
        return None
    return PartialDate.parse(str(value)).precision


def precision_field(field: Field) -> Field:
    return Field(
        name=field.name + PRECISION_SUFFIX,
        type="string",
        description=(
            f"Derived: how much of `{field.name}` the source gives (day, month or year); "
            "empty when the date is empty. Not in the source CSV."
        ),
        constraints={"enum": list(PRECISIONS)},
    )


def with_precision(table: Table) -> Table:
    """The table with a ``<field>_precision`` column after each partial-date field."""
    dates = [f for f in table.fields if is_partial_date(f)]
    if not dates:
        return table
    fields: list[Field] = []
    for field in table.fields:
        fields.append(field)
        if field in dates:
            fields.append(precision_field(field))
    rows = tuple(
        {
            f.name: (
                precision_of(row[f.name.removesuffix(PRECISION_SUFFIX)])
                if f not in table.fields
                else row[f.name]
            )
            for f in fields
        }
        for row in table.rows
    )
    return Table(
        name=table.name,
        title=table.title,
        description=table.description,
        path=table.path,
        fields=tuple(fields),
        primary_key=table.primary_key,
        foreign_keys=table.foreign_keys,
        rows=rows,
    )


_FLAT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("event", "string", "The event's id (events.id)."),
    (
        "date",
        "string",
        "The event's (first) date as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
    ("year", "integer", "The year of `date`."),
    ("date_precision", "string", "How much of `date` the source gives: day, month or year."),
    ("organisation", "string", "The network or programme the event belongs to (its id)."),
    ("organisation_kind", "string", "`network` or `programme`; empty if the event has neither."),
    (
        "parent_network",
        "string",
        "The network the event counts towards: the event's network, or the network its "
        "programme belongs to; empty for a programme outside any network.",
    ),
    ("city", "string", "The city's id (cities.id)."),
    ("country_code", "string", "The city's country or region, ISO 3166-1 alpha-2."),
    ("country_name_ja", "string", "The country's name in Japanese (pycountry; TW as 台湾)."),
    ("country_name_en", "string", "The country's name in English (pycountry; TW as Taiwan)."),
    ("role", "string", "The city's role at the event (participations.role)."),
    (
        "is_host",
        "boolean",
        "Whether the city hosted the event (its role is host, or it is the event's host_city).",
    ),
)
#: Events fields carried into the flat table when the events table has them.
_OPTIONAL_EVENT_FIELDS = {"status": "The event's status (events.status)."}


def flat_participation(package: Package, source_tables: Mapping[str, Table]) -> Table:
    """One row per participation, in event date order, then city and role."""
    events_table = source_tables.get("events")
    event_names = {f.name for f in events_table.fields} if events_table else set()
    extra = [name for name in _OPTIONAL_EVENT_FIELDS if name in event_names]
    specs = list(_FLAT_FIELDS)
    for name in extra:  # after date_precision
        specs.insert(4, (name, "string", _OPTIONAL_EVENT_FIELDS[name]))
    fields = tuple(
        Field(n, t, d, {"required": True} if n in ("event", "city", "role") else {})
        for n, t, d in specs
    )
    raw_events = {str(row["id"]): row for row in events_table.rows} if events_table else {}
    rows: list[dict[str, Value]] = []
    for event in package.events_of():
        for participation in package.participants(event.id):
            city = package.cities[participation.city]
            organisation = event.network or event.programme
            parent = event.network
            if event.programme is not None:
                programme = package.programmes.get(event.programme)
                parent = programme.network if programme is not None else None
            row: dict[str, Value] = {
                "event": event.id,
                "date": event.date.isoformat(),
                "year": event.date.year,
                "date_precision": event.date.precision,
                "organisation": organisation,
                "organisation_kind": (
                    "network" if event.network else "programme" if event.programme else None
                ),
                "parent_network": parent,
                "city": city.id,
                "country_code": city.country or None,
                "country_name_ja": country_name(city.country, "ja") or None,
                "country_name_en": country_name(city.country, "en") or None,
                "role": participation.role,
                "is_host": participation.role == "host" or event.host_city == city.id,
            }
            for name in extra:
                row[name] = raw_events.get(event.id, {}).get(name)
            rows.append({f.name: row[f.name] for f in fields})
    return Table(
        name=FLAT,
        title="Participation (flat)",
        description=(
            "Derived for analysis: one row per city per event, joined with the event, its "
            "network or programme, the network it rolls up to and the city's country."
        ),
        path=f"derived/{FLAT}.csv",
        fields=fields,
        primary_key=(),
        foreign_keys=(
            ForeignKey(("event",), "events", ("id",)),
            ForeignKey(("city",), "cities", ("id",)),
        ),
        rows=tuple(rows),
    )


def export_tables(package: Package, tables: list[Table]) -> list[Table]:
    """The source tables with precision columns, then the flat participation table."""
    by_name = {t.name: t for t in tables}
    return [*(with_precision(t) for t in tables), flat_participation(package, by_name)]
