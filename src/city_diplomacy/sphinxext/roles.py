"""Inline roles: ``cd-name``, ``cd-date``, ``cd-count``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from city_diplomacy import Package, PartialDate
from city_diplomacy.data.dates import PartialDateError
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import Context

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class CdRole(SphinxRole):
    def context(self) -> Context:
        source, line = self.get_source_info()
        return Context(self.env, source, line)


class NameRole(CdRole):
    """``{cd-name}`<id>``` : the linked name of a network, programme or city.

    ``network:``, ``programme:`` or ``city:`` before the id picks the table.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        cd = self.context()
        table, _, ident = self.text.strip().rpartition(":")
        package = cd.package
        found: list[nodes.Node] = []
        if table in ("", "network") and ident in package.networks:
            found.append(cd.org_link(package.networks[ident]))
        if table in ("", "programme") and ident in package.programmes:
            found.append(cd.org_link(package.programmes[ident]))
        if table in ("", "city") and ident in package.cities:
            found.append(cd.city_link(ident))
        if not found:
            cd.warn(f"unknown id {self.text!r} (not a network, programme or city)", "unknown-id")
            return [nodes.Text(self.text)], []
        if len(found) > 1:
            cd.warn(
                f"id {ident!r} names more than one record; write network:, programme: or city:",
                "ambiguous-id",
            )
        return [found[0]], []


class DateRole(CdRole):
    """``{cd-date}`<table>.<id>.<field>``` : a date field in the page language."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        cd = self.context()
        parts = self.text.strip().split(".")
        if len(parts) != 3:
            cd.warn(f"{self.text!r} is not <table>.<id>.<field>", "bad-reference")
            return [nodes.Text(self.text)], []
        table_name, ident, field = parts
        table = getattr(cd.package, table_name, None) if table_name != "participations" else None
        record = table.get(ident) if isinstance(table, Mapping) else None
        if record is None:
            cd.warn(f"unknown id {ident!r} in table {table_name!r}", "unknown-id")
            return [nodes.Text(self.text)], []
        if not hasattr(record, field):
            cd.warn(f"table {table_name!r} has no field {field!r}", "unknown-field")
            return [nodes.Text(self.text)], []
        when = getattr(record, field)
        if when is not None and not isinstance(when, PartialDate):
            cd.warn(f"{table_name}.{field} is not a date field", "unknown-field")
            return [nodes.Text(self.text)], []
        if when is None:
            cd.warn(f"{table_name}.{ident}.{field} is empty in the data", "empty-value")
            return [nodes.Text("")], []
        return [cd.date_node(when)], []


def count(package: Package, what: str) -> int:
    """The number ``{cd-count}`` shows; raise KeyError or ValueError for a bad request."""
    if what in ("networks", "programmes", "cities", "events", "sources", "themes"):
        return len(getattr(package, what))
    kind, _, rest = what.partition(":")
    if kind != "members" or not rest:
        raise ValueError(f"{what!r} is not networks, programmes, cities, events or members:<id>")
    organisation, _, when_text = rest.partition("@")
    if organisation not in package.networks and organisation not in package.programmes:
        raise KeyError(organisation)
    if when_text:
        return len({m.city for m in package.members_of(organisation, PartialDate.parse(when_text))})
    rows = [m for m in package.members_of(organisation) if m.until is None]
    lists = sorted({m.as_of for m in rows if m.as_of is not None})
    if lists:
        # of the dated lists, only the latest one counts
        rows = [m for m in rows if m.as_of is None or m.as_of == lists[-1]]
    return len({m.city for m in rows})


class CountRole(CdRole):
    """``{cd-count}`<what>```: networks, programmes, cities, events, members:<id>[@<date>].

    ``members:<id>`` counts distinct cities without a withdrawal date (from the latest
    list, if the rows come from dated lists); ``@<date>`` counts those holding on that date.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        cd = self.context()
        try:
            number = count(cd.package, self.text.strip())
        except KeyError as error:
            cd.warn(f"unknown network or programme id {error.args[0]!r}", "unknown-id")
            return [nodes.Text(self.text)], []
        except (ValueError, PartialDateError) as error:
            cd.warn(str(error), "bad-reference")
            return [nodes.Text(self.text)], []
        return [cdn.value_inline(str(number), "cd-count")], []


def setup_roles(app: Sphinx) -> None:
    app.add_role("cd-name", NameRole())
    app.add_role("cd-date", DateRole())
    app.add_role("cd-count", CountRole())
