"""``cd-timeline``: every event by date, a group per year, one line per event.

Above the years: the filter form (hidden in the markup; ``city_diplomacy.js`` shows it
and hides the events of other networks) and links to each year. Each event is a line
of :mod:`.eventlist` with the anchor ``event-<id>`` and ``data-network``; its notes,
cities and source open on demand. Each year is a section (``year-<yyyy>``) inside the
block, so it gets a heading of the right level but stays out of the page's contents.
"""

from __future__ import annotations

import html
from itertools import groupby
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective
from city_diplomacy.sphinxext.eventlist import event_line, header
from city_diplomacy.sphinxext.freeze import freeze

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class cd_filter(nodes.General, nodes.Element):  # type: ignore[misc]
    """Placeholder for the filter form; children: the label and the 'all' option text."""


class Timeline(CdDirective):
    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        box = self.container("cd-timeline", *self.options.get("class", []))
        serial = self.env.new_serialno("cd-timeline")
        box_id = f"cd-timeline-{serial}"
        prefix = "" if serial == 0 else f"{box_id}-"
        events = cd.package.events_of()
        used: dict[str, str] = {}
        for event in events:
            owner_id = event.network or event.programme or ""
            owner = cd.package.networks.get(owner_id) or cd.package.programmes.get(owner_id)
            if owner is not None:
                used.setdefault(owner.id, cd.name_of(owner))
        form = cd_filter(
            table=box_id,
            options=sorted(used.items(), key=lambda item: item[1]),
        )
        form += cd.label("ネットワーク・事業で絞り込む")
        form += cd.label("すべて")
        box += form
        years = [(year, list(group)) for year, group in groupby(events, lambda e: e.date.year)]
        content: list[nodes.Node] = []
        if years:
            jump = nodes.container(classes=["cd-years"])
            caption = cd.label("年から探す")
            caption["classes"].append("cd-caption")
            jump += caption
            links = nodes.bullet_list(classes=["cd-years-list"])
            for year, _ in years:
                link = nodes.reference(
                    "", "", nodes.Text(str(year)), refuri=f"#{prefix}year-{year}", internal=True
                )
                links += nodes.list_item("", cdn.value(link))
            jump += links
            content.append(jump)
            content.append(header(cd, organisation=True))
        for year, group in years:
            section = nodes.section(classes=["cd-year"], ids=[f"{prefix}year-{year}"])
            section += nodes.title(
                str(year), "", nodes.Text(str(year)), translatable=False, support_smartquotes=False
            )
            for event in group:
                line = event_line(cd, event, timeline=True)
                if serial == 0:
                    self.register(f"event-{event.id}", line)
                section += line
            content.append(section)
        box.extend(freeze(self, content))
        # the id the filter's script looks for
        box["ids"].append(box_id)
        return [box]


def render_filters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The filter as an HTML form (hidden until the script shows it); removed elsewhere."""
    for node in list(doctree.findall(cd_filter)):
        if app.builder.name == "gettext":
            continue  # keep the labels so that they reach the catalogs
        # EPUB is XHTML (no boolean attributes) and its readers may run no script
        epub = app.builder.name.startswith("epub")
        if app.builder.format != "html" or epub or len(node.children) < 2:
            node.parent.remove(node)
            continue
        label, everything = (child.astext() for child in node.children[:2])
        select_id = node["table"] + "-filter"
        options = "".join(
            f'<option value="{html.escape(key)}">{html.escape(name)}</option>'
            for key, name in node["options"]
        )
        markup = (
            '<div class="cd-filter" hidden>'
            f'<label for="{select_id}">{html.escape(label)}</label> '
            f'<select id="{select_id}" data-table="{html.escape(node["table"])}">'
            f'<option value="">{html.escape(everything)}</option>{options}</select></div>'
        )
        node.replace_self(nodes.raw("", markup, format="html"))


def setup_timeline(app: Sphinx) -> None:
    app.add_directive("cd-timeline", Timeline)
    app.add_node(cd_filter)
