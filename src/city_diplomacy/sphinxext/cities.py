"""``cd-cities``: one section per city (anchor ``city-<id>``) with all its links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.records import City, Membership, Participation
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Context
from city_diplomacy.sphinxext.countries import country_name
from city_diplomacy.sphinxext.factbox import definition_list
from city_diplomacy.sphinxext.freeze import freeze

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Cities(CdDirective):
    """Every city, by English name, with memberships, participations and GeoNames link."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        sections: list[nodes.Node] = []
        for city in sorted(cd.package.cities.values(), key=lambda c: (c.name_en, c.id)):
            section = nodes.section(classes=["cd-city", *self.options.get("class", [])])
            self.set_source_info(section)
            name = cd.name_of(city)
            title = nodes.title(
                name, "", nodes.Text(name), translatable=False, support_smartquotes=False
            )
            section += title
            if not self.register(f"city-{city.id}", section):
                continue
            section += definition_list(cd, city_facts(cd, city))
            sections.append(section)
        return freeze(self, sections)


def city_facts(cd: Context, city: City) -> list[tuple[str, list[nodes.Node]]]:
    items: list[tuple[str, list[nodes.Node]]] = [
        ("国・地域", [cdn.value(country_name(city.country, cd.lang))] if city.country else []),
        ("種別", [cd.enum("cities.kind", city.kind)]),
    ]
    memberships = cd.package.memberships_of_city(city.id)
    if memberships:
        listing = nodes.bullet_list()
        for membership in memberships:
            listing += nodes.list_item("", membership_line(cd, membership))
        items.append(("加盟・参加しているネットワーク・事業", [listing]))
    participations = cd.package.participations_of_city(city.id)
    if participations:
        by_event: dict[str, list[Participation]] = {}
        for participation in participations:  # in date order; one line per event
            by_event.setdefault(participation.event, []).append(participation)
        listing = nodes.bullet_list()
        for rows in by_event.values():
            listing += nodes.list_item("", participation_line(cd, rows))
        items.append(("参加した行事", [listing]))
    if city.geonames_id is not None:
        url = f"https://www.geonames.org/{city.geonames_id}"
        link = cdn.external_link(url, f"GeoNames {city.geonames_id}")
        items.append(("位置情報", [cdn.value(link)]))
    note = cd.text(city, "note")
    if note:
        items.append(("注記（他の出典との相違など）", [cdn.value(note)]))
    return items


def membership_line(cd: Context, membership: Membership) -> nodes.paragraph:
    organisation = cd.package.networks.get(membership.organisation) or cd.package.programmes.get(
        membership.organisation
    )
    line = cdn.value(
        cd.org_link(organisation) if organisation else membership.organisation,
        cd.punctuation.label_colon,
        cd.enum_inline("memberships.role", membership.role),
    )
    if membership.since:
        line += nodes.Text(" ")
        line += cd.label_inline("{date}から", date=cd.date(membership.since))
    if membership.until:
        line += nodes.Text(" ")
        line += cd.label_inline("{date}まで", date=cd.date(membership.until))
    if membership.as_of:
        line += nodes.Text(" ")
        line += cd.label_inline("（{date}時点）", date=cd.date(membership.as_of))
    line += nodes.Text(" ")
    line += cd.source_link(membership.source)
    return line


def participation_line(cd: Context, rows: list[Participation]) -> nodes.paragraph:
    """One event a city took part in: date, title, network, its roles, the sources."""
    event = cd.package.events[rows[0].event]
    organisation_id = event.network or event.programme or ""
    organisation = cd.package.networks.get(organisation_id) or cd.package.programmes.get(
        organisation_id
    )
    line = cdn.value(
        cd.date_node(event.date),
        " ",
        cdn.value_inline(cd.text(event, "title")),
    )
    if organisation is not None:
        line += nodes.Text(cd.punctuation.open_paren)
        line += cd.org_link(organisation)
        line += nodes.Text(cd.punctuation.close_paren)
    roles = list(dict.fromkeys(row.role for row in rows if row.role != "participant"))
    for index, role in enumerate(roles):
        line += nodes.Text(" " if index == 0 else cd.punctuation.enumeration)
        line += cd.enum_inline("participations.role", role)
    for source in dict.fromkeys(row.source for row in rows):
        line += nodes.Text(" ")
        line += cd.source_link(source)
    return line


def prune_city_toc(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the city sections out of the page's table of contents.

    Every page's navigation is cut from deep copies of each page's contents, so hundreds
    of city entries made every page of the site slower to write; a reader finds a city
    through the map, the search or the page itself.
    """
    toc = app.env.tocs.get(app.env.docname)
    if toc is None:
        return
    for item in list(toc.findall(nodes.list_item)):
        reference = next(item.findall(nodes.reference), None)
        if reference is not None and reference.get("anchorname", "").startswith("#city-"):
            parent = item.parent
            parent.remove(item)
            if not parent.children and parent.parent is not None:
                parent.parent.remove(parent)


def setup_cities(app: Sphinx) -> None:
    app.add_directive("cd-cities", Cities)
    # after Sphinx's TocTreeCollector (priority 500) has recorded the page's contents
    app.connect("doctree-read", prune_city_toc, priority=900)
