"""``cd-cities``: the cities index, one table row per city (row anchor ``city-<id>``).

Each row links to the city's own page (:mod:`.citypage`): name, country, the networks
and programmes it took part in (abbreviations), the number of events, and the first and
last year the data dates anything of the city. The row keeps the anchor ``city-<id>``
that the city's section had before there were city pages, so old links land on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy import PartialDate
from city_diplomacy.data.records import City, Network, Programme
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context
from city_diplomacy.sphinxext.cardtable import card_table
from city_diplomacy.sphinxext.catalog_only import cd_catalog_only
from city_diplomacy.sphinxext.citypage import catalog_labels
from city_diplomacy.sphinxext.countries import country_name
from city_diplomacy.sphinxext.freeze import freeze

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HEADERS = ("都市", "国・地域", "関わったネットワーク・事業", "行事", "最初の年", "最後の年")


class Cities(CdDirective):
    """Every city, by English name, one row each, linked to the city's page."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        rows: list[tuple[nodes.row | None, list[Cell]]] = []
        for city in sorted(cd.package.cities.values(), key=lambda c: (c.name_en, c.id)):
            row = nodes.row(classes=["cd-city"])
            if not self.register(f"city-{city.id}", row):
                continue
            rows.append((row, city_row(cd, city)))
        table = card_table(cd, HEADERS, rows, "cd-cities", *self.options.get("class", []))
        catalog = cd_catalog_only()
        catalog.extend(catalog_labels(cd))  # the city pages' labels live in this catalog
        return [*freeze(self, [table]), catalog]


def city_row(cd: Context, city: City) -> list[Cell]:
    organisations = took_part_in(cd, city)
    events = {p.event for p in cd.package.participations_of_city(city.id)}
    years = sorted(dated_years(cd, city))
    return [
        cdn.pending_ref(cdn.CITY_PAGE + city.id, cdn.value_inline(cd.name_of(city))),
        country_name(city.country, cd.lang) if city.country else None,
        cd.joined([cd.org_link_text(o, short_name(cd, o)) for o in organisations]),
        str(len(events)) if events else None,
        str(years[0]) if years else None,
        str(years[-1]) if years else None,
    ]


def short_name(cd: Context, record: Network | Programme) -> str:
    """The abbreviation of a network, else the name."""
    abbreviation = getattr(record, "abbreviation", "")
    return abbreviation if isinstance(abbreviation, str) and abbreviation else cd.name_of(record)


def took_part_in(cd: Context, city: City) -> list[Network | Programme]:
    """Networks and programmes of the city's memberships and events, first ones first."""
    package = cd.package
    idents = [m.organisation for m in package.memberships_of_city(city.id)]
    for participation in package.participations_of_city(city.id):
        event = package.events[participation.event]
        idents.append(event.network or event.programme or "")
    found: list[Network | Programme] = []
    for ident in dict.fromkeys(idents):
        record = package.networks.get(ident) or package.programmes.get(ident)
        if record is not None:
            found.append(record)
    return found


def dated_years(cd: Context, city: City) -> set[int]:
    """Years of the city's dated records: membership dates and its events' dates."""
    package = cd.package
    dates: list[PartialDate | None] = []
    for membership in package.memberships_of_city(city.id):
        dates += [membership.since, membership.until, membership.as_of]
    for participation in package.participations_of_city(city.id):
        event = package.events[participation.event]
        dates += [event.date, event.date_end]
    return {when.year for when in dates if when is not None}


def setup_cities(app: Sphinx) -> None:
    app.add_directive("cd-cities", Cities)
