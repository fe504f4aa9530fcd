"""``cd-factbox``: the key facts of one network or programme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.records import Network, Programme
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Context
from city_diplomacy.sphinxext.labelcatalog import translate

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def definition_list(
    cd: Context, items: list[tuple[str, list[nodes.Node]]]
) -> nodes.definition_list:
    """A ``<dl>``: translatable label terms, value definitions; empty values are left out."""
    listing = nodes.definition_list(classes=["cd-facts"])
    for term_text, body in items:
        if not body:
            continue
        translation = translate(cd.env, term_text)
        if translation is None:
            term = nodes.term(term_text, term_text, translatable=True)
        else:  # already translated: Locale passes it by (see labelcatalog)
            term = nodes.term(term_text, translation, translatable=False, translated=True)
        term.source, term.line = cd.source, cd.line
        listing += nodes.definition_list_item("", term, nodes.definition("", *body))
    return listing


class FactBox(CdDirective):
    """Kind, founded/started, status, Tokyo's role, parent, site, summary, notes, sources."""

    required_arguments = 1
    has_content = False
    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        record = cd.organisation(self.arguments[0])
        if record is None:
            return []
        box = self.container("cd-factbox", *self.options.get("class", []))
        self.register(cd.org_key(record), box)
        # translatable=False: the label inside translates itself. A translatable rubric
        # would be a message of its own (Sphinx copies its text, already translated, into
        # its rawsource), missing from every catalog, and so "untranslated" on every page
        # with a factbox.
        box += nodes.rubric("", "", cd.label_inline("基本情報"), translatable=False)
        items: list[tuple[str, list[nodes.Node]]] = []
        items.append(("名称", [cdn.value(cd.name_of(record))]))
        if isinstance(record, Network):
            items += self._network(cd, record)
        else:
            items += self._programme(cd, record)
        if record.homepage:
            items.append(("公式サイト", [cdn.value(cdn.external_link(record.homepage))]))
        summary = cd.text(record, "summary")
        if summary:
            items.append(("概要", [cdn.value(summary)]))
        note = cd.text(record, "note")
        if note:
            note_node = cdn.value(note)
            note_node["classes"].append("cd-note")
            items.append(("注記（他の出典との相違など）", [note_node]))
        own = cd.package.source_of(record)
        if own is None:
            cd.warn(f"unknown source id {record.source!r} (not in sources.csv)", "unknown-id")
        else:
            items.append(("出典", [cd.source_full(own)]))
        others = [s for s in cd.package.sources_cited_by(record.id) if s is not own]
        if others:
            listing = nodes.bullet_list(classes=["cd-sources"])
            for source in others:
                listing += nodes.list_item("", cd.source_full(source))
            items.append(("行事・会員の出典", [listing]))
        box += definition_list(cd, items)
        return [box]

    def _network(self, cd: Context, record: Network) -> list[tuple[str, list[nodes.Node]]]:
        items: list[tuple[str, list[nodes.Node]]] = []
        if record.abbreviation:
            items.append(("略称", [cdn.value(record.abbreviation)]))
        items.append(("種別", [cd.enum("networks.kind", record.kind)]))
        if record.theme:
            items.append(("テーマ", self._theme(cd, record.theme)))
        if record.founded:
            items.append(("設立時期", [cdn.value(cd.date_node(record.founded))]))
        items += self._status(cd, record)
        role: list[nodes.Node] = [cd.enum("networks.tokyo_role", record.tokyo_role)]
        if record.tokyo_since:
            role.append(cd.label("{date}から", date=cd.date(record.tokyo_since)))
        items.append(("東京都の役割", role))
        if record.parent:
            parent = cd.package.networks.get(record.parent)
            if parent is None:
                cd.warn(f"unknown parent network id {record.parent!r}", "unknown-id")
            else:
                body: list[nodes.Node] = [cdn.value(cd.org_link(parent))]
                if record.parent_relation:
                    body.append(cd.enum("networks.parent_relation", record.parent_relation))
                items.append(("上位・関連組織", body))
        children = cd.package.children_of(record.id)
        if children:
            items.append(
                ("関連する組織", [cdn.value(*cd.joined([cd.org_link(c) for c in children]))])
            )
        return items

    def _programme(self, cd: Context, record: Programme) -> list[tuple[str, list[nodes.Node]]]:
        items: list[tuple[str, list[nodes.Node]]] = []
        items.append(("テーマ", self._theme(cd, record.theme)))
        if record.started:
            items.append(("開始時期", [cdn.value(cd.date_node(record.started))]))
        items += self._status(cd, record)
        if record.network:
            network = cd.package.networks.get(record.network)
            if network is None:
                cd.warn(f"unknown network id {record.network!r}", "unknown-id")
            else:
                items.append(("関連ネットワーク", [cdn.value(cd.org_link(network))]))
        return items

    def _status(
        self, cd: Context, record: Network | Programme
    ) -> list[tuple[str, list[nodes.Node]]]:
        """The status, the last recorded activity and the status's own source."""
        status: list[nodes.Node] = [cd.enum("status", record.status)]
        if record.status_as_of:
            status.append(cd.label("（{date}時点）", date=cd.date(record.status_as_of)))
        items: list[tuple[str, list[nodes.Node]]] = [("状況", status)]
        last = cd.package.last_activity(record.id)
        if last is not None:
            when = cd.date_node(last.date_end or last.date)
            items.append(("記録上の最後の活動", [cdn.value(when)]))
        if record.status_source:
            source = cd.package.sources.get(record.status_source)
            if source is None:
                cd.warn(
                    f"unknown status source id {record.status_source!r} (not in sources.csv)",
                    "unknown-id",
                )
            else:
                items.append(("状況の出典", [cd.source_full(source)]))
        return items

    def _theme(self, cd: Context, theme_id: str) -> list[nodes.Node]:
        theme = cd.package.themes.get(theme_id)
        if theme is None:
            cd.warn(f"unknown theme id {theme_id!r}", "unknown-id")
            return []
        return [cdn.value(cd.text(theme, "name"))]


def setup_factbox(app: Sphinx) -> None:
    app.add_directive("cd-factbox", FactBox)
