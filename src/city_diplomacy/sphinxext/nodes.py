"""Node kinds the directives emit, and the transforms that finish them.

Two kinds of text, kept apart so that gettext sees exactly the right strings:

* **labels** (``設立``, ``状況``, enum values): a ``paragraph`` or an ``inline`` with
  ``translatable=True``, with ``source``/``line`` and ``rawsource`` equal to the text.
  :func:`sphinx.util.nodes.is_translatable` accepts them, so the gettext builder
  extracts them and the ``Locale`` transform replaces them from the catalog.
* **values** from the data (names, titles, dates): a ``paragraph`` with
  ``translatable=False`` (skipped by ``is_translatable``), or an ``inline`` without a
  ``translatable`` attribute (inline nodes are skipped unless they carry one). The text
  is a ``nodes.Text``, which every writer escapes, and it is shown as the data has it:
  ``support_smartquotes=False`` keeps Sphinx from curling its quotes.

A label may hold placeholders (``{date}時点``): the msgid keeps the placeholder and
:class:`FillPlaceholders` puts the value in after the translation.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

WARNING_TYPE = "city_diplomacy"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def label(
    text: str, source: str, line: int | None, translation: str | None = None, **values: str
) -> nodes.paragraph:
    """A translatable paragraph; ``values`` fill ``{name}`` placeholders after translation.

    With ``translation`` (looked up by :mod:`.labelcatalog`), the paragraph already holds
    it and ``Locale`` passes it by.
    """
    if translation is None:
        node = nodes.paragraph(text, text, translatable=True)
    else:
        node = nodes.paragraph(text, translation, translatable=False, translated=True)
    node.source, node.line = source, line
    if values:
        node["cd_values"] = dict(values)
    return node


def label_inline(
    text: str, source: str, line: int | None, translation: str | None = None, **values: str
) -> nodes.inline:
    """A translatable inline label (for a label sharing a line with values).

    Sphinx's ``RemoveTranslatableInline`` unwraps an inline that has a ``translatable``
    attribute by appending its children to the *end* of its parent, so the label sits
    alone inside a plain wrapper inline to keep its place.
    """
    if translation is None:
        node = nodes.inline(text, text, translatable=True)
    else:
        # translatable=False keeps it from Locale; like an untranslated label it is
        # unwrapped by Sphinx's RemoveTranslatableInline (it has the attribute)
        node = nodes.inline(text, translation, translatable=False, translated=True)
    node.source, node.line = source, line
    if values:
        node["cd_values"] = dict(values)
    return nodes.inline("", "", node, classes=["cd-label"])


def value(*children: nodes.Node | str, language: str | None = None) -> nodes.paragraph:
    """An untranslatable paragraph of data values (strings become escaped text)."""
    node = nodes.paragraph("", "", translatable=False, support_smartquotes=False)
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    if language:
        node["classes"].append(f"language-{language}")
    return node


def value_inline(text: str, *classes: str, language: str | None = None) -> nodes.inline:
    """Inline data text; no ``translatable`` attribute, so gettext skips it."""
    node = nodes.inline("", "", nodes.Text(text), classes=list(classes), support_smartquotes=False)
    if language:
        node["classes"].append(f"language-{language}")
    return node


def external_link(url: str, *children: nodes.Node | str) -> nodes.Node:
    """A link to an http(s) address; anything else is shown as text only."""
    content = [nodes.Text(c) if isinstance(c, str) else c for c in children] or [nodes.Text(url)]
    if not re.match(r"^https?://[^\s]+$", url):
        return nodes.inline("", "", *content)
    return nodes.reference("", "", *content, refuri=url, classes=["external"])


class cd_ref(nodes.Inline, nodes.Element):  # type: ignore[misc]
    """A link to a target another directive registers (``city-<id>``, ``source-<id>`` …).

    Resolved by :class:`ResolveRefs` once every page is read; without a target the
    content stays as plain text.
    """


def pending_ref(target: str, *children: nodes.Node | str) -> cd_ref:
    node = cd_ref("", target=target)
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


class cd_row(nodes.row):  # type: ignore[misc]
    """A table row with ``data-*`` attributes in HTML (``node['data']``)."""


def visit_cd_row_html(self: Any, node: cd_row) -> None:
    self.visit_row(node)
    # replace the <tr> tag visit_row wrote by one carrying the data attributes
    attributes = {f"data-{k}": v for k, v in node.get("data", {}).items()}
    self.body[-1] = self.starttag(node, "tr", "", **attributes)


def visit_cd_row(self: Any, node: cd_row) -> None:
    self.visit_row(node)


def depart_cd_row(self: Any, node: cd_row) -> None:
    self.depart_row(node)


# --- targets -----------------------------------------------------------------------

_TARGETS = "city_diplomacy_targets"
#: Target key prefix of a city's own page (``city-page-<id>``); ``city-<id>`` is its
#: row on the cities index.
CITY_PAGE = "city-page-"


def targets(env: Any) -> dict[str, tuple[str, str]]:
    """Registered targets: key -> (docname, anchor id)."""
    found: dict[str, tuple[str, str]] | None = getattr(env, _TARGETS, None)
    if found is None:
        found = {}
        setattr(env, _TARGETS, found)
    return found


def register_target(env: Any, document: Any, key: str, node: nodes.Element, location: str) -> bool:
    """Give ``node`` the anchor ``key`` and record it; warn about duplicates."""
    registry = targets(env)
    if key in registry and registry[key][0] != env.docname:
        logger.warning(
            "%s is already defined in %s; this second one is not linked",
            key,
            registry[key][0],
            type=WARNING_TYPE,
            subtype="duplicate-target",
            location=location,
        )
        return False
    if key in document.ids:
        logger.warning(
            "id %s is used twice on this page",
            key,
            type=WARNING_TYPE,
            subtype="duplicate-target",
            location=location,
        )
        return False
    node["ids"].append(key)
    document.ids[key] = node
    registry[key] = (env.docname, key)
    return True


def register_page(env: Any, key: str) -> None:
    """Record the current page itself as the target ``key`` (links go to its top)."""
    targets(env)[key] = (env.docname, "")


def purge_targets(app: Any, env: Any, docname: str) -> None:
    registry = targets(env)
    for key in [k for k, (doc, _) in registry.items() if doc == docname]:
        del registry[key]


def merge_targets(app: Any, env: Any, docnames: set[str], other: Any) -> None:
    registry = targets(env)
    for key, (doc, anchor) in targets(other).items():
        if doc in docnames:
            registry[key] = (doc, anchor)


# --- transforms --------------------------------------------------------------------


class FillPlaceholders(SphinxTransform):
    """Put values into ``{name}`` placeholders of labels, after ``Locale`` (priority 20)."""

    default_priority = 22

    def apply(self, **kwargs: Any) -> None:
        fill_placeholders(self.document)


def fill_placeholders(root: nodes.Element) -> None:
    """Fill the placeholders of every label under ``root`` from its ``cd_values``."""
    for node in list(root.findall(nodes.Element)):
        if node.get("cd_values"):
            fill_label(node)


def fill_label(node: nodes.Element) -> None:
    """Fill the placeholders of one label from its ``cd_values`` (then dropped)."""
    values = node["cd_values"]
    seen: set[str] = set()
    for text in list(node.findall(nodes.Text)):
        parts = _PLACEHOLDER.split(str(text))
        if len(parts) == 1:
            continue
        replacement: list[nodes.Node] = []
        for index, part in enumerate(parts):
            if index % 2 == 0:
                if part:
                    replacement.append(nodes.Text(part))
            else:
                seen.add(part)
                replacement.append(nodes.Text(values.get(part, "{" + part + "}")))
        text.parent.replace(text, replacement)
    missing = sorted(set(values) - seen)
    if missing:
        logger.warning(
            "the translation of %r lacks the placeholder(s) %s",
            node.rawsource,
            ", ".join("{" + m + "}" for m in missing),
            type=WARNING_TYPE,
            subtype="placeholder",
            location=node,
        )
    del node["cd_values"]


class TargetLinks:
    """Addresses of registered targets as seen from one page being written."""

    def __init__(self, app: Any, docname: str) -> None:
        self._app = app
        self._docname = docname
        self._registry = targets(app.env)
        self._pages: dict[str, str] = {docname: ""}

    def uri(self, key: str) -> str | None:
        """``page.html#anchor`` relative to the page (``#anchor`` on it); None if unknown.

        A key ``doc:<docname>`` is a whole page of the project.
        """
        if key.startswith("doc:"):
            document = key.removeprefix("doc:")
            if document not in self._app.env.found_docs:
                return None
            return str(self._app.builder.get_relative_uri(self._docname, document))
        found = self._registry.get(key)
        if found is None and key.startswith(CITY_PAGE):
            # no page per city in this build: the city's entry on the cities index
            found = self._registry.get("city-" + key.removeprefix(CITY_PAGE))
        if found is None:
            return None
        target_doc, anchor = found
        page = self._pages.get(target_doc)
        if page is None:
            page = self._app.builder.get_relative_uri(self._docname, target_doc)
            self._pages[target_doc] = page
        if not anchor:
            return page or "#"
        return f"{page}#{anchor}"


def resolve_refs(app: Any, doctree: nodes.document, docname: str) -> None:
    """Give each :class:`cd_ref` its address relative to the page being written.

    Runs on ``doctree-resolved`` (it needs the builder to compute relative URIs). HTML
    builders write a resolved ``cd_ref`` as a link themselves (:func:`visit_cd_ref_html`),
    so the node stays in place: replacing tens of thousands of nodes on the big list pages
    cost more than writing them. Other builders get plain ``reference`` nodes.
    """
    links = TargetLinks(app, docname)
    in_place = app.builder.format == "html"
    for node in list(doctree.findall(cd_ref)):
        uri = links.uri(node["target"])
        if uri is None:
            if not in_place:
                node.replace_self(nodes.inline("", "", *node.children))
            continue
        if in_place:
            node["refuri"] = uri
        else:
            node.replace_self(nodes.reference("", "", *node.children, refuri=uri, internal=True))


class cd_cell(nodes.entry):  # type: ignore[misc]
    """A table cell that carries its column's label (``data-label``) for narrow screens."""


def visit_cd_cell_html(self: Any, node: cd_cell) -> None:
    start = len(self.body)
    self.visit_entry(node)
    label = node.get("label", "")
    if label:
        tag = self.body[start]
        name = "<th" if tag.startswith("<th") else "<td"
        self.body[start] = tag.replace(name, f'{name} data-label="{self.attval(label)}"', 1)


def visit_cd_cell(self: Any, node: cd_cell) -> None:
    self.visit_entry(node)


def depart_cd_cell(self: Any, node: cd_cell) -> None:
    self.depart_entry(node)


def visit_cd_ref_html(self: Any, node: cd_ref) -> None:
    """A resolved reference is a link; an unresolved one is its text alone."""
    if "refuri" in node:
        self.body.append(
            self.starttag(node, "a", "", CLASS="reference internal", href=node["refuri"])
        )


def depart_cd_ref_html(self: Any, node: cd_ref) -> None:
    if "refuri" in node:
        self.body.append("</a>")
