"""``cd-timeline``: every event by date; rows carry ``data-network`` for a small filter.

The table is complete without script; ``city_diplomacy.js`` shows a select box (hidden
in the markup) that hides the rows of other networks.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.sphinxext.base import CdDirective, Cell
from city_diplomacy.sphinxext.events import host_cell, title_cell
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
        table_id = f"cd-timeline-{serial}"
        events = cd.package.events_of()
        used: dict[str, str] = {}
        rows: list[tuple[dict[str, str], list[Cell]]] = []
        for event in events:
            organisation_id = event.network or event.programme or ""
            organisation = cd.package.networks.get(organisation_id) or cd.package.programmes.get(
                organisation_id
            )
            if organisation is not None:
                used.setdefault(organisation.id, cd.name_of(organisation))
            rows.append(
                (
                    {"network": organisation_id},
                    [
                        cd.date_range(event.date, event.date_end),
                        title_cell(cd, event),
                        cd.org_link(organisation) if organisation else None,
                        cd.enum("events.kind", event.kind),
                        host_cell(cd, event),
                        cd.source_link(event.source),
                    ],
                )
            )
        form = cd_filter(
            table=table_id,
            options=sorted(used.items(), key=lambda item: item[1]),
        )
        form += cd.label("ネットワーク・事業で絞り込む")
        form += cd.label("すべて")
        box += form
        table = cd.table(
            ["日付", "名称", "ネットワーク・事業", "種別", "開催都市", "出典"],
            rows,
            "cd-timeline-table",
        )
        box.extend(freeze(self, [table]))
        # the id goes on the box: furo copies a table's ids onto its wrapper div
        box["ids"].append(table_id)
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
