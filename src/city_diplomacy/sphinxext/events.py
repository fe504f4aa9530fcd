"""``cd-events``: the events of one network or programme, with their participants."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.records import Event
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context
from city_diplomacy.sphinxext.freeze import freeze

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def participants_cell(cd: Context, event: Event) -> list[nodes.Node | str]:
    """Linked city names, each once, with its roles unless it simply took part."""
    roles: dict[str, list[str]] = {}
    for participation in cd.package.participants(event.id):
        found = roles.setdefault(participation.city, [])
        if participation.role != "participant" and participation.role not in found:
            found.append(participation.role)
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
    cell = cd.joined(items)
    if event.participant_count is not None:
        count = cd.label("計{count}都市", count=str(event.participant_count))
        return [*cell, count] if cell else [count]
    return cell


def host_cell(cd: Context, event: Event) -> Cell:
    return cd.city_link(event.host_city) if event.host_city else None


def title_cell(cd: Context, event: Event) -> list[nodes.Node | str]:
    title: list[nodes.Node | str] = [cdn.value(cd.text(event, "title"))]
    venue = cd.text(event, "venue")
    if venue:
        title.append(cdn.value(venue))
    note = cd.text(event, "note")
    if note:
        paragraph = cdn.value(note)
        paragraph["classes"].append("cd-note")
        title.append(paragraph)
    return title


class Events(CdDirective):
    """Date range | title | host city | mode | participants | source."""

    required_arguments = 1
    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        record = cd.organisation(self.arguments[0])
        if record is None:
            return []
        box = self.container("cd-events", *self.options.get("class", []))
        events = cd.package.events_of(record.id)
        if not events:
            box += cd.label("記録された行事はありません。")
            return [box]
        rows: list[list[Cell]] = []
        for event in events:
            rows.append(
                [
                    cd.date_range(event.date, event.date_end),
                    title_cell(cd, event),
                    host_cell(cd, event),
                    cd.enum("mode", event.mode),
                    participants_cell(cd, event),
                    cd.source_link(event.source),
                ]
            )
        box += cd.table(
            ["日付", "名称", "開催都市", "形式", "参加都市", "出典"], rows, "cd-events-table"
        )
        return freeze(self, [box])


def setup_events(app: Sphinx) -> None:
    app.add_directive("cd-events", Events)
