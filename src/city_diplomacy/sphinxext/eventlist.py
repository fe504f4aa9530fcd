"""Events as compact lines: what the timeline and the meetings of a network show.

Each event is one line (date, title, network or programme, host city) ending in a
``<details>`` whose summary gives the number of cities ("47 cities"); opened, it shows
the venue, kind, mode, the participating cities with their roles, the notes and the
source across the whole width. Without script, without a table: the line is a grid on
wide screens and stacks on narrow ones (``static/events.css``).
"""

from __future__ import annotations

from docutils import nodes

from city_diplomacy.data.dates import format_in_year
from city_diplomacy.data.records import Event, Network, Programme
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext import tags
from city_diplomacy.sphinxext.base import Context
from city_diplomacy.sphinxext.factbox import definition_list
from city_diplomacy.sphinxext.numbers import format_count
from city_diplomacy.sphinxext.outcomes import outcome_list


def participant_roles(cd: Context, event: Event) -> dict[str, list[str]]:
    """City id -> its roles other than plain participation, each city once, in order."""
    roles: dict[str, list[str]] = {}
    for participation in cd.package.participants(event.id):
        found = roles.setdefault(participation.city, [])
        if participation.role != "participant" and participation.role not in found:
            found.append(participation.role)
    return roles


def participants_line(cd: Context, roles: dict[str, list[str]]) -> list[nodes.Node | str]:
    """Linked city names, separated as the language separates, roles in brackets."""
    items: list[nodes.Node | str] = []
    for city, city_roles in roles.items():
        if not city_roles:
            items.append(cd.city_link(city))
            continue
        entry = nodes.inline("", "", cd.city_link(city))
        entry += nodes.Text(cd.punctuation.open_paren)
        for index, role in enumerate(city_roles):
            if index:
                entry += nodes.Text(cd.punctuation.enumeration)
            entry += cd.enum_inline("participations.role", role)
        entry += nodes.Text(cd.punctuation.close_paren)
        items.append(entry)
    return cd.joined(items)


def city_count(cd: Context, count: int) -> nodes.inline:
    """The label for one city or for ``count`` cities (number written the language's way)."""
    if count == 1:
        return cd.label_inline("1都市")
    return cd.label_inline("{count}都市", count=format_count(count, cd.lang))


def header(cd: Context, *, organisation: bool) -> tags.cd_block:
    """The column labels above the lines (wide screens only; each line repeats its own)."""
    line = tags.block("div")
    line["classes"] += ["cd-event-head"]
    name = [cd.label("名称")]
    if organisation:
        name.append(cd.label("ネットワーク・事業"))
        name[-1]["classes"].append("cd-event-org")
    for kind, labels in (
        ("date", [cd.label("日付")]),
        ("name", name),
        ("host", [cd.label("開催都市")]),
        ("more", [cd.label("参加都市・詳細")]),
    ):
        cell = tags.block("div", *labels)
        cell["classes"].append(f"cd-event-{kind}")
        line.append(cell)
    return line


def event_line(cd: Context, event: Event, *, timeline: bool) -> tags.cd_block:
    """One event: the line and its ``<details>``; ``data-network`` names its owner.

    On the timeline (``timeline``) the line sits under a heading with its year, so the
    date leaves the year out, and the network or programme follows the title in the
    same cell, so that a short title and its network share one line.
    """
    owner_id = event.network or event.programme or ""
    box = tags.block("div", data={"network": owner_id})
    box["classes"] += ["cd-event"]
    box.append(_date(cd, event, in_year=timeline))
    title = cdn.value(cdn.value_inline(cd.text(event, "title")))
    title["classes"].append("cd-event-title")
    name = tags.block("div", title)
    name["classes"].append("cd-event-name")
    if timeline:
        owner = cd.package.networks.get(owner_id) or cd.package.programmes.get(owner_id)
        if owner is not None:
            name.append(_labelled(cd, "org", "ネットワーク・事業", short_link(cd, owner)))
    box.append(name)
    host = tags.block("div")
    host["classes"].append("cd-event-host")
    if event.host_city:
        host.append(_labelled(cd, "host-city", "開催都市", cd.city_link(event.host_city)))
    else:
        host["classes"].append("cd-event-empty")
    box.append(host)
    box.append(more(cd, event))
    return box


def short_link(cd: Context, record: Network | Programme) -> nodes.Node:
    """A network by its abbreviation (``ANMC21``), a programme by its name; linked."""
    if isinstance(record, Network) and record.abbreviation:
        return cdn.pending_ref(cd.org_key(record), cdn.value_inline(record.abbreviation))
    return cd.org_link(record)


def _date(cd: Context, event: Event, *, in_year: bool) -> tags.cd_block:
    """The date cell: the date or range; under a year heading without that year."""
    if in_year:
        text = format_in_year(event.date, event.date_end, cd.lang)
    else:
        text = cd.date_range(event.date, event.date_end, compact=True)
    node = cdn.value_inline(text, "cd-date", f"cd-precision-{event.date.precision}")
    cell = tags.block("div", cdn.value(node))
    cell["classes"].append("cd-event-date")
    return cell


def _labelled(cd: Context, kind: str, label: str, value: nodes.Node) -> nodes.paragraph:
    """A value whose label shows only where the lines stack (narrow screens)."""
    text = cd.label_inline(label)
    text["classes"].append("cd-event-label")
    line = cdn.value(text, value)
    line["classes"].append(f"cd-event-{kind}")
    return line


def more(cd: Context, event: Event) -> tags.cd_block:
    """``<details>``: summary "47 cities, notes"; body: venue … note, outcomes, source."""
    roles = participant_roles(cd, event)
    count = event.participant_count if event.participant_count is not None else len(roles)
    note = cd.text(event, "note")
    parts: list[nodes.Node | str] = []
    if count:
        parts.append(city_count(cd, count))
    if note:
        parts.append(cd.label_inline("注記"))
    if not parts:
        parts.append(cd.label_inline("出典"))
    head = tags.summary(*cd.joined(parts))
    items: list[tuple[str, list[nodes.Node]]] = []
    venue = cd.text(event, "venue")
    if venue:
        items.append(("会場", [cdn.value(venue)]))
    items.append(("種別", [cd.enum("events.kind", event.kind)]))
    items.append(("形式", [cd.enum("mode", event.mode)]))
    if roles:
        body: list[nodes.Node] = [cdn.value(*participants_line(cd, roles))]
        if event.participant_count is not None and event.participant_count != len(roles):
            body.append(
                cd.label(
                    "計{count}都市（資料に名前のある{listed}都市を掲載）",
                    count=format_count(event.participant_count, cd.lang),
                    listed=format_count(len(roles), cd.lang),
                )
            )
        items.append(("参加都市", body))
    elif event.participant_count is not None:
        items.append(("参加都市", [cd.label("計{count}都市", count=format_count(count, cd.lang))]))
    if note:
        items.append(("注記", [cdn.value(note)]))
    items.append(("成果文書", outcome_list(cd, event)))
    items.append(("出典", [cdn.value(cd.source_link(event.source))]))
    details = tags.block("details", head, definition_list(cd, items))
    details["classes"].append("cd-event-more")
    return details
