"""``cd-sources``: every source, each row anchored ``source-<id>``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell
from city_diplomacy.sphinxext.sourcecite import publisher_node, title_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class Sources(CdDirective):
    """ID | title (linked original, [our translation]) | publisher | kind | language | date."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        sources = sorted(cd.package.sources.values(), key=lambda s: s.id)
        rows: list[list[Cell]] = []
        for source in sources:
            rows.append(
                [
                    nodes.literal(source.id, source.id),
                    title_nodes(source, cd.lang),
                    publisher_node(source, cd.lang),
                    cd.enum("sources.publisher_kind", source.publisher_kind),
                    cd.enum("sources.language", source.language),
                    [
                        cd.date(source.date),
                        *([cdn.value(source.date_note, language="en")] if source.date_note else []),
                    ],
                ]
            )
        table = cd.table(
            ["ID", "題名", "発行者", "発行者の種別", "言語", "日付"], rows, "cd-sources-table"
        )
        body = table.next_node(nodes.tbody)
        for source, row in zip(sources, body.children, strict=True):
            self.register(f"source-{source.id}", row)
        box = self.container("cd-sources", *self.options.get("class", []))
        note = cd.label("角かっこ［ ］内の題名は、原題をこのサイトが訳したものです。")
        note["classes"].append("cd-note")
        box += note
        box += table
        return [box]


def setup_sources(app: Sphinx) -> None:
    app.add_directive("cd-sources", Sources)
