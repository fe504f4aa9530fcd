"""``cd-events``: the events of one network or programme, one compact line each.

Date, title and host city on the line; the number of cities opens into the cities with
their roles, the notes and the source (:mod:`.eventlist`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.sphinxext.base import CdDirective
from city_diplomacy.sphinxext.eventlist import event_line, header
from city_diplomacy.sphinxext.freeze import freeze

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Events(CdDirective):
    """Date range | title | host city | cities and details."""

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
        box += header(cd, organisation=False)
        for event in events:
            box += event_line(cd, event, timeline=False)
        return freeze(self, [box])


def setup_events(app: Sphinx) -> None:
    app.add_directive("cd-events", Events)
