"""``cd-city``: the page of one city (``cities/<id>``, see :mod:`.citydocs`).

Name (the other script beside it, with its own ``lang``), kind, country, GeoNames link,
a locator map, the networks and programmes it belongs to (roles, dates), Tokyo's role in
each network (on Tokyo's page), the events it took part in, its note and its sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.records import City, Membership, Network, Participation
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context
from city_diplomacy.sphinxext.cardtable import card_table
from city_diplomacy.sphinxext.countries import country_name
from city_diplomacy.sphinxext.factbox import definition_list
from city_diplomacy.sphinxext.freeze import freeze
from city_diplomacy.sphinxext.labelcatalog import translate
from city_diplomacy.sphinxext.map import locator_map

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The city whose page shows Tokyo's role in each network.
TOKYO = "tokyo"

#: Anchors of the parts of a city page, by heading.
SECTION_IDS = {
    "加盟・参加しているネットワーク・事業": "memberships",
    "東京都の役割": "tokyo-role",
    "参加した行事": "events",
    "注記（他の出典との相違など）": "note",
    "出典一覧": "sources",
}

#: Every label a city page may show (the cities index adds them to its catalog).
LABELS = (
    "種別",
    "国・地域",
    "位置情報",
    "{name}の位置",
    "加盟・参加しているネットワーク・事業",
    "ネットワーク・事業",
    "役割",
    "時期",
    "{date}から",
    "{date}まで",
    "（{date}時点）",
    "関与の開始",
    "出典",
    "出典一覧",
    "東京都の役割",
    "参加した行事",
    "日付",
    "行事",
    "注記（他の出典との相違など）",
    "この都市についての記録はまだありません。",
    "都市一覧に戻る",
)
#: Enum fields whose labels a city page shows.
ENUM_FIELDS = ("cities.kind", "memberships.role", "participations.role", "networks.tokyo_role")


class CityPage(CdDirective):
    """The page of the city named by the argument, or by the page's name (``cities/<id>``)."""

    optional_arguments = 1
    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        ident = self.arguments[0] if self.arguments else self.env.docname.rpartition("/")[2]
        city = cd.city(ident)
        if city is None:
            return []
        section = nodes.section(
            ids=[f"city-page-{city.id}"], classes=["cd-city-page", *self.options.get("class", [])]
        )
        self.set_source_info(section)
        name = cd.name_of(city)
        section += nodes.title(
            name, "", nodes.Text(name), translatable=False, support_smartquotes=False
        )
        cdn.register_page(self.env, cdn.CITY_PAGE + city.id)
        other_language = "en" if cd.lang == "ja" else "ja"
        other = city.name_en if cd.lang == "ja" else city.name_ja
        head: list[nodes.Node] = []
        if other and other != name:
            head.append(cdn.value(other, language=other_language))
            head[-1]["classes"].append("cd-city-other-name")
        head.append(definition_list(cd, facts(cd, city)))
        section.extend(self.frozen(head))
        caption = translate(cd.env, "{name}の位置") or "{name}の位置"
        section += locator_map(self, city, caption.replace("{name}", name))
        section.extend(self.frozen(self.parts(cd, city)))
        return [section]

    def parts(self, cd: Context, city: City) -> list[nodes.Node]:
        """What the page holds below the map: records, note, sources, a link back."""
        parts: list[nodes.Node] = []
        memberships = cd.package.memberships_of_city(city.id)
        participations = cd.package.participations_of_city(city.id)
        if memberships:
            parts.append(
                self.subsection(
                    cd, "加盟・参加しているネットワーク・事業", membership_table(cd, memberships)
                )
            )
        if city.id == TOKYO:
            tokyo = tokyo_table(cd)
            if tokyo is not None:
                parts.append(self.subsection(cd, "東京都の役割", tokyo))
        if participations:
            parts.append(self.subsection(cd, "参加した行事", event_table(cd, participations)))
        if not memberships and not participations:
            parts.append(cd.label("この都市についての記録はまだありません。"))
        note = cd.text(city, "note")
        if note:
            parts.append(self.subsection(cd, "注記（他の出典との相違など）", cdn.value(note)))
        cited = sources_list(cd, city, memberships, participations)
        parts.append(self.subsection(cd, "出典一覧", cited))
        back = cdn.value(cdn.pending_ref(f"city-{city.id}", cd.label_inline("都市一覧に戻る")))
        back["classes"].append("cd-city-back")
        parts.append(back)
        return parts

    def frozen(self, content: list[nodes.Node]) -> list[nodes.Node]:
        """``content`` written to HTML at once (:mod:`.freeze`), inside the page's section.

        There are as many city pages as cities, so the transforms every page goes
        through should not walk their tables; the subsections come out as ``<h2>``.
        """
        memo = self.state.memo
        level = getattr(memo, "section_level", 0)
        memo.section_level = level + 1
        try:
            return freeze(self, content)
        finally:
            memo.section_level = level

    def subsection(self, cd: Context, heading: str, *body: nodes.Node) -> nodes.section:
        node = nodes.section(ids=[f"city-{SECTION_IDS[heading]}"])
        node += nodes.title("", "", cd.label_inline(heading))
        node.extend(body)
        return node


def facts(cd: Context, city: City) -> list[tuple[str, list[nodes.Node]]]:
    items: list[tuple[str, list[nodes.Node]]] = [
        ("種別", [cd.enum("cities.kind", city.kind)]),
        ("国・地域", [cdn.value(country_name(city.country, cd.lang))] if city.country else []),
    ]
    if city.geonames_id is not None:
        url = f"https://www.geonames.org/{city.geonames_id}"
        link = cdn.external_link(url, f"GeoNames {city.geonames_id}")
        items.append(("位置情報", [cdn.value(link)]))
    return items


def organisation_cell(cd: Context, ident: str) -> Cell:
    organisation = cd.package.networks.get(ident) or cd.package.programmes.get(ident)
    return cd.org_link(organisation) if organisation is not None else ident


def membership_table(cd: Context, memberships: list[Membership]) -> nodes.table:
    """One row per network or programme: its roles, the dates of each list, its sources."""
    by_organisation: dict[str, list[Membership]] = {}
    for membership in memberships:
        by_organisation.setdefault(membership.organisation, []).append(membership)
    rows: list[tuple[nodes.row | None, list[Cell]]] = []
    for organisation, group in by_organisation.items():
        roles = list(dict.fromkeys(m.role for m in group))
        dated = [parts for m in group if (parts := membership_dates(cd, m))]
        dates: list[nodes.Node | str] = []
        for index, parts in enumerate(dated):
            if index:
                dates.append(cd.punctuation.list_separator)
            dates.extend(parts)
        sources = list(dict.fromkeys(m.source for m in group))
        rows.append(
            (
                None,
                [
                    organisation_cell(cd, organisation),
                    roles_cell(cd, roles, "memberships.role"),
                    dates,
                    cd.joined([cd.source_link(s) for s in sources]),
                ],
            )
        )
    headers = ("ネットワーク・事業", "役割", "時期", "出典")
    return card_table(cd, headers, rows, "cd-city-memberships")


def membership_dates(cd: Context, membership: Membership) -> list[nodes.Node | str]:
    """``2001年10月から 2005年8月まで``, ``（2018年10月時点）``: what the row dates."""
    parts: list[nodes.Node | str] = []
    for label, when in (
        ("{date}から", membership.since),
        ("{date}まで", membership.until),
        ("（{date}時点）", membership.as_of),
    ):
        if when is not None:
            if parts:
                parts.append(" ")
            parts.append(cd.label_inline(label, date=cd.date(when)))
    return parts


def tokyo_networks(cd: Context) -> list[Network]:
    """The networks Tokyo has a role in, first founded first."""
    networks = [n for n in cd.package.networks.values() if n.tokyo_role != "none"]
    return sorted(networks, key=lambda n: (n.founded is None, n.founded, n.id))


def tokyo_table(cd: Context) -> nodes.table | None:
    networks = tokyo_networks(cd)
    if not networks:
        return None
    rows: list[tuple[nodes.row | None, list[Cell]]] = [
        (
            None,
            [
                cd.org_link(network),
                cd.enum_inline("networks.tokyo_role", network.tokyo_role),
                cd.date_node(network.tokyo_since) if network.tokyo_since else None,
                cd.source_link(network.source),
            ],
        )
        for network in networks
    ]
    headers = ("ネットワーク・事業", "東京都の役割", "関与の開始", "出典")
    return card_table(cd, headers, rows, "cd-city-tokyo")


def event_table(cd: Context, participations: list[Participation]) -> nodes.table:
    by_event: dict[str, list[Participation]] = {}
    for participation in participations:  # in date order; one row per event
        by_event.setdefault(participation.event, []).append(participation)
    rows: list[tuple[nodes.row | None, list[Cell]]] = []
    for event_id, group in by_event.items():
        event = cd.package.events[event_id]
        roles = list(dict.fromkeys(row.role for row in group))
        sources = list(dict.fromkeys(row.source for row in group))
        rows.append(
            (
                None,
                [
                    cd.date_node(event.date),
                    cdn.value_inline(cd.text(event, "title")),
                    organisation_cell(cd, event.network or event.programme or ""),
                    roles_cell(cd, roles),
                    cd.joined([cd.source_link(s) for s in sources]),
                ],
            )
        )
    headers = ("日付", "行事", "ネットワーク・事業", "役割", "出典")
    return card_table(cd, headers, rows, "cd-city-events")


def roles_cell(
    cd: Context, roles: list[str], field: str = "participations.role"
) -> list[nodes.Node | str]:
    """Roles the way the event lists join them: ``開催・署名``, ``host, signatory``."""
    separator = cd.punctuation.enumeration
    out: list[nodes.Node | str] = []
    for index, role in enumerate(roles):
        if index:
            out.append(separator)
        out.append(cd.enum_inline(field, role))
    return out


def sources_list(
    cd: Context, city: City, memberships: list[Membership], participations: list[Participation]
) -> nodes.bullet_list:
    """Every source the page cites: the city row's, then the memberships', then the events'."""
    cited = [city.source, *(m.source for m in memberships), *(p.source for p in participations)]
    listing = nodes.bullet_list(classes=["cd-sources"])
    for ident in dict.fromkeys(cited):
        source = cd.package.sources.get(ident)
        if source is None:
            cd.warn(f"unknown source id {ident!r} (not in sources.csv)", "unknown-id")
            continue
        listing += nodes.list_item("", cd.source_full(source))
    return listing


def catalog_labels(cd: Context) -> list[nodes.Node]:
    """The labels of every city page, for the catalog of the cities index."""
    from city_diplomacy.sphinxext.labels import ENUMS

    texts = [*LABELS, *(label for f in ENUM_FIELDS for label in ENUMS.get(f, {}).values())]
    return [cd.label(text) for text in dict.fromkeys(texts)]


def setup_city_page(app: Sphinx) -> None:
    app.add_directive("cd-city", CityPage)
