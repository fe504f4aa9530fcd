"""``cd-datadict``: the data dictionary, read from the descriptor's table schemas."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives

from city_diplomacy.data.published import PUBLISHED_DIR
from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import CdDirective, Cell, Context
from city_diplomacy.sphinxext.config import get_config
from city_diplomacy.sphinxext.downloads import downloads_prefix
from city_diplomacy.sphinxext.factbox import definition_list

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Labels of Table Schema constraint names.
CONSTRAINTS = {
    "required": "必須",
    "unique": "重複不可",
    "pattern": "パターン",
    "enum": "値の一覧",
    "minLength": "最小文字数",
    "maxLength": "最大文字数",
    "minimum": "最小値",
    "maximum": "最大値",
}


def constraints_cell(cd: Context, field: Mapping[str, Any]) -> list[nodes.Node | str]:
    items: list[nodes.Node | str] = []
    for key, raw in field.get("constraints", {}).items():
        item = nodes.inline(classes=["cd-constraint"])
        item += cd.label_inline(CONSTRAINTS[key]) if key in CONSTRAINTS else nodes.literal(key, key)
        if raw is not True:
            shown = ", ".join(str(v) for v in raw) if isinstance(raw, list) else str(raw)
            item += nodes.Text(": ")
            item += nodes.literal(shown, shown)
        items.append(item)
    if field.get("format"):
        items.append(nodes.literal(f"format: {field['format']}", f"format: {field['format']}"))
    return cd.joined(items) if items else []


class DataDictionary(CdDirective):
    """Each table: title, description, keys, and a row per field."""

    option_spec = {"class": directives.class_option}  # noqa: RUF012 - docutils API

    def run(self) -> list[nodes.Node]:
        cd = self.cd
        published = downloads_prefix(self.env.docname, get_config(self.env).version_label)
        published += PUBLISHED_DIR + "/"
        sections: list[nodes.Node] = []
        for resource in cd.package.descriptor.get("resources", []):
            schema: Mapping[str, Any] = resource.get("schema", {})
            name = str(resource.get("name", ""))
            section = nodes.section(classes=["cd-datadict", *self.options.get("class", [])])
            self.set_source_info(section)
            section += nodes.title(name, "", nodes.literal(name, name), translatable=False)
            if not self.register(f"table-{name}", section):
                continue
            facts: list[tuple[str, list[nodes.Node]]] = [
                ("ファイル", [cdn.value(published_link(published, str(resource.get("path", ""))))]),
                ("名称", [cdn.value(str(resource.get("title", "")), language="en")]),
                ("説明", [cdn.value(str(resource.get("description", "")), language="en")]),
                ("主キー", [cdn.value(*_literals(cd, schema.get("primaryKey", [])))]),
            ]
            keys = schema.get("foreignKeys", [])
            if keys:
                listing = nodes.bullet_list()
                for key in keys:
                    reference = key.get("reference", {})
                    target = str(reference.get("resource", ""))
                    listing += nodes.list_item(
                        "",
                        cdn.value(
                            *_literals(cd, key.get("fields", [])),
                            " → ",
                            cdn.pending_ref(f"table-{target}", nodes.literal(target, target)),
                            ".",
                            *_literals(cd, reference.get("fields", [])),
                        ),
                    )
                facts.append(("外部キー", [listing]))
            section += definition_list(cd, facts)
            rows: list[list[Cell]] = []
            for field in schema.get("fields", []):
                field_name = str(field.get("name", ""))
                rows.append(
                    [
                        nodes.literal(field_name, field_name),
                        nodes.literal(str(field.get("type", "")), str(field.get("type", ""))),
                        constraints_cell(cd, field),
                        cdn.value(str(field.get("description", "")), language="en"),
                    ]
                )
            section += cd.table(["項目", "型", "制約", "説明"], rows, "cd-datadict-table")
            sections.append(section)
        return sections


def published_link(prefix: str, path: str) -> nodes.reference:
    """A link to the file in the published package (``downloads/<version>/datapackage/``)."""
    return nodes.reference("", "", nodes.literal(path, path), refuri=prefix + path)


def _literals(cd: Context, names: Any) -> list[nodes.Node | str]:
    if isinstance(names, str):
        names = [names]
    return cd.joined([nodes.literal(str(n), str(n)) for n in names])


def setup_datadict(app: Sphinx) -> None:
    app.add_directive("cd-datadict", DataDictionary)
