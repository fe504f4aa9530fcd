"""Listing directives: ``cd-programmes``, ``cd-networks``, ``cd-themes``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.records import Network, Programme
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def tokyo_networks(cd: Context) -> tuple[list[Network], list[Network]]:
    """Networks Tokyo takes part in (by founding date), then the bodies named for context."""
    networks = sorted(
        cd.package.networks.values(), key=lambda n: (n.founded is None, n.founded, n.id)
    )
    return (
        [n for n in networks if n.tokyo_role != "none"],
        [n for n in networks if n.tokyo_role == "none"],
    )


class Programmes(CdDirective):
    """The programmes in the order of the source page, linked."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        rows: list[list[Cell]] = []
        for programme in cd.package.programmes_in_order():
            rows.append(
                [
                    str(programme.position),
                    cd.org_link(programme),
                    theme_name(cd, programme),
                    cd.date(programme.started),
                    cd.enum("status", programme.status),
                ]
            )
        box = self.container("cd-programmes", *self.options.get("class", []))
        box += cd.table(["番号", "名称", "テーマ", "開始時期", "状況"], rows, "cd-programmes-table")
        return [box]


class Networks(CdDirective):
    """Networks Tokyo takes part in, then the related bodies, linked."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        box = self.container("cd-networks", *self.options.get("class", []))
        own, related = tokyo_networks(cd)
        for caption, networks in (
            ("東京都が参加するネットワーク・フォーラム", own),
            ("関連する国際機関・枠組み", related),
        ):
            if not networks:
                continue
            rows: list[list[Cell]] = [
                [
                    cd.org_link(n),
                    n.abbreviation,
                    cd.enum("networks.kind", n.kind),
                    cd.date(n.founded),
                    cd.enum("status", n.status),
                    cd.enum("networks.tokyo_role", n.tokyo_role),
                ]
                for n in networks
            ]
            heading = cd.label(caption)
            heading["classes"].append("cd-caption")
            box += heading
            headers = ["名称", "略称", "種別", "設立時期", "状況", "東京都の役割"]
            box += cd.table(headers, rows, "cd-networks-table")
        return [box]


class Themes(CdDirective):
    """Networks and programmes grouped by theme."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        box = self.container("cd-themes", *self.options.get("class", []))
        listing = nodes.definition_list(classes=["cd-facts"])
        for theme in cd.package.themes.values():
            members: list[Network | Programme] = [
                n for n in cd.package.networks.values() if n.theme == theme.id
            ]
            members += [p for p in cd.package.programmes_in_order() if p.theme == theme.id]
            if not members:
                continue
            name = cd.text(theme, "name")
            term = nodes.term(name, "", nodes.Text(name), translatable=False)
            items = nodes.bullet_list()
            for record in members:
                items += nodes.list_item("", cdn.value(cd.org_link(record)))
            definition = nodes.definition()
            description = cd.text(theme, "description")
            if description:
                definition += cdn.value(description)
            definition += items
            listing += nodes.definition_list_item("", term, definition)
        box += listing
        return [box]


def theme_name(cd: Context, record: Network | Programme) -> str:
    if not record.theme:
        return ""
    theme = cd.package.themes.get(record.theme)
    if theme is None:
        cd.warn(f"unknown theme id {record.theme!r}", "unknown-id")
        return record.theme
    return cd.text(theme, "name")


def setup_lists(app: Sphinx) -> None:
    app.add_directive("cd-programmes", Programmes)
    app.add_directive("cd-networks", Networks)
    app.add_directive("cd-themes", Themes)
