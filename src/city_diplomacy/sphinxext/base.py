"""What every directive and role shares: the package, the language, labels, links, tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from city_diplomacy import Package, PartialDate
from city_diplomacy.data.dates import format_range
from city_diplomacy.data.records import City, Network, Programme, Source
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.config import get_context
from city_diplomacy.sphinxext.data import get_package, localized, page_language
from city_diplomacy.sphinxext.labelcatalog import translate
from city_diplomacy.sphinxext.labels import ENUMS
from city_diplomacy.sphinxext.language import Punctuation, base_code, punctuation
from city_diplomacy.sphinxext.sourcecite import publisher_node, title_nodes
from city_diplomacy.sphinxext.tags import cd_entry

logger = logging.getLogger(__name__)

_FALLBACK_TOLD = "_city_diplomacy_fallback_told"

Cell: TypeAlias = "nodes.Node | str | Sequence[nodes.Node | str] | None"


class Context:
    """Rendering helpers bound to one place in a document (a directive or a role)."""

    def __init__(self, env: Any, source: str, line: int | None) -> None:
        self.env = env
        self.source = source
        self.line = line
        self.package: Package = get_package(env)
        #: the language of the data shown (the page's, or the source language's)
        self.lang = page_language(env)
        self.punctuation: Punctuation = punctuation(self.lang)
        #: True when the page's language has no data columns: the data is shown in the
        #: source language (and marked so)
        self.fell_back = self.lang != base_code(env.config.language)
        if self.fell_back and not getattr(env, _FALLBACK_TOLD, False):
            # said once per process, not a warning: a new site language builds (strictly)
            # before its data columns exist, its pages showing the data in Japanese
            setattr(env, _FALLBACK_TOLD, True)
            logger.info(
                "no data columns or punctuation for language %r: the data is shown in %r",
                env.config.language,
                self.lang,
            )

    @property
    def dataset_version(self) -> str:
        """The version this tree's data carries: the build context's (a development
        version for an unreleased tree), else the descriptor's (a bare build)."""
        context = get_context(self.env)
        site = context.get("site") if context else None
        return site["version"] if site else self.package.version

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def warn(self, message: str, subtype: str) -> None:
        logger.warning(message, type=cdn.WARNING_TYPE, subtype=subtype, location=self.location)

    def warn_no_context(self, what: str) -> None:
        """Say that ``what`` is left out: the build handed over no context (a bare build)."""
        self.warn(
            f"{what} left out: no build context (city_diplomacy_context); "
            "`city-diplomacy build` computes it",
            "context",
        )

    # labels and values ------------------------------------------------------------

    def label(self, text: str, **values: str) -> nodes.paragraph:
        translation = translate(self.env, text)
        return cdn.label(text, self.source, self.line, translation, **values)

    def label_inline(self, text: str, **values: str) -> nodes.inline:
        translation = translate(self.env, text)
        return cdn.label_inline(text, self.source, self.line, translation, **values)

    def enum_text(self, field: str, code: str) -> str:
        labels = ENUMS.get(field, {})
        if code not in labels:
            self.warn(f"no label for {field} value {code!r}", "unknown-value")
            return code
        return labels[code]

    def enum(self, field: str, code: str) -> nodes.paragraph:
        return self.label(self.enum_text(field, code))

    def enum_inline(self, field: str, code: str) -> nodes.inline:
        return self.label_inline(self.enum_text(field, code))

    def text(self, record: object, column: str) -> str:
        return localized(record, column, self.lang)

    def date(self, when: PartialDate | None) -> str:
        return when.format(self.lang) if when is not None else ""

    def date_range(
        self, start: PartialDate, end: PartialDate | None, *, compact: bool = False
    ) -> str:
        return format_range(start, end, self.lang, compact=compact)

    def date_node(self, when: PartialDate | None) -> nodes.inline:
        node = cdn.value_inline(self.date(when), "cd-date")
        if when is not None:
            node["classes"].append(f"cd-precision-{when.precision}")
        return node

    # lookups ----------------------------------------------------------------------

    def organisation(self, ident: str) -> Network | Programme | None:
        found = self.package.networks.get(ident) or self.package.programmes.get(ident)
        if found is None:
            self.warn(
                f"unknown network or programme id {ident!r} (not in networks.csv or "
                "programmes.csv)",
                "unknown-id",
            )
        return found

    def city(self, ident: str) -> City | None:
        found = self.package.cities.get(ident)
        if found is None:
            self.warn(f"unknown city id {ident!r} (not in cities.csv)", "unknown-id")
        return found

    # links ------------------------------------------------------------------------

    def name_of(self, record: Network | Programme | City) -> str:
        return self.text(record, "name")

    def org_key(self, record: Network | Programme) -> str:
        return ("network-" if isinstance(record, Network) else "programme-") + record.id

    def org_link(self, record: Network | Programme) -> cdn.cd_ref:
        return cdn.pending_ref(self.org_key(record), cdn.value_inline(self.name_of(record)))

    def org_link_text(self, record: Network | Programme, text: str) -> cdn.cd_ref:
        """A link to a network or programme with another text (its abbreviation)."""
        return cdn.pending_ref(self.org_key(record), cdn.value_inline(text))

    def city_link(self, city_id: str) -> nodes.Node:
        city = self.city(city_id)
        if city is None:
            return nodes.Text(city_id)
        return cdn.pending_ref(cdn.CITY_PAGE + city.id, cdn.value_inline(self.name_of(city)))

    def source_link(self, source_id: str) -> nodes.Node:
        """The short citation of a source, linked to its row on the sources page."""
        source = self.package.sources.get(source_id)
        if source is None:
            self.warn(f"unknown source id {source_id!r} (not in sources.csv)", "unknown-id")
            return nodes.Text(source_id)
        return cdn.pending_ref(f"source-{source.id}", cdn.value_inline(source.id, "cd-source-id"))

    def source_full(self, source: Source) -> nodes.paragraph:
        """``Original [our translation] (publisher)``, then a link to the sources table row."""
        return cdn.value(
            *title_nodes(source, self.lang),
            " (",
            publisher_node(source, self.lang),
            ") — ",
            cdn.pending_ref(f"source-{source.id}", cdn.value_inline(source.id, "cd-source-id")),
        )

    def joined(self, items: Sequence[nodes.Node | str]) -> list[nodes.Node | str]:
        """Items separated the way the page language separates a list."""
        separator = self.punctuation.list_separator
        out: list[nodes.Node | str] = []
        for index, item in enumerate(items):
            if index:
                out.append(separator)
            out.append(item)
        return out

    # tables -----------------------------------------------------------------------

    def table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell] | tuple[dict[str, str], Sequence[Cell]]],
        *classes: str,
    ) -> nodes.table:
        """A table with a header row of labels; cells are values or ready nodes.

        No ``<caption>``: Sphinx gives a captioned table an id and furo copies a table's
        ids onto its wrapper, which would duplicate ids; a label paragraph precedes instead.
        """
        table = nodes.table(classes=["cd-table", *classes])
        group = nodes.tgroup(cols=len(headers))
        table += group
        for _ in headers:
            group += nodes.colspec(colwidth=20)  # characters, for the text builder
        head = nodes.thead()
        group += head
        header_row = nodes.row()
        head += header_row
        for header in headers:
            header_row += nodes.entry("", self.label(header))
        # each cell names its column, for rows that stack on narrow screens
        names = [translate(self.env, header) or header for header in headers]
        body = nodes.tbody()
        group += body
        for row in rows:
            data: dict[str, str] = {}
            if isinstance(row, tuple):
                data, cells = row
            else:
                cells = row
            row_node = cdn.cd_row(data=data) if data else nodes.row()
            for index, cell in enumerate(cells):
                name = names[index] if index < len(names) else ""
                row_node += cd_entry("", *_cell_nodes(cell), label=name)
            body += row_node
        return table


def _cell_nodes(cell: Cell) -> list[nodes.Node]:
    if cell is None or cell == "":
        return []
    if isinstance(cell, str):
        return [cdn.value(cell)]
    if isinstance(cell, nodes.Node):
        return [cell if _is_block(cell) else cdn.value(cell)]
    out: list[nodes.Node] = []
    inline: list[nodes.Node | str] = []
    for item in cell:
        if isinstance(item, nodes.Node) and _is_block(item):
            if inline:
                out.append(cdn.value(*inline))
                inline = []
            out.append(item)
        else:
            inline.append(item)
    if inline:
        out.append(cdn.value(*inline))
    return out


def _is_block(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Body | nodes.Structural) and not isinstance(node, nodes.Inline)


class CdDirective(SphinxDirective):
    """Base of the directives: a :class:`Context` at the directive's line."""

    @property
    def cd(self) -> Context:
        context: Context | None = getattr(self, "_cd_context", None)
        if context is None:
            source, line = self.get_source_info()
            context = Context(self.env, source, line)
            self._cd_context = context
        return context

    def register(self, key: str, node: nodes.Element) -> bool:
        return cdn.register_target(self.env, self.state.document, key, node, self.get_location())

    def container(self, *classes: str) -> nodes.container:
        node = nodes.container(classes=["cd", *classes])
        if self.cd.fell_back:  # the data is in the source language (the writer sets lang)
            node["classes"].append(f"language-{self.cd.lang}")
        self.set_source_info(node)
        return node
