"""Nodes written as a chosen HTML element: ``<details>``, ``<summary>``, ``<td data-label>``.

Docutils has no node for a disclosure widget, and a ``raw`` node would hide its text
from the catalogs and from every other builder. These nodes hold ordinary children
(labels and values, see :mod:`.nodes`); the HTML writer gives them the element named
in ``node['tag']`` with the ``data-*`` attributes in ``node['data']``, and every other
writer treats them as the docutils node they derive from (a container, a paragraph,
a table entry).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class cd_block(nodes.container):  # type: ignore[misc]
    """A block element (``div``, ``details``); other writers: a container."""


class cd_summary(nodes.paragraph):  # type: ignore[misc]
    """The ``<summary>`` of a ``<details>`` (phrasing content only); others: a paragraph."""


class cd_entry(nodes.entry):  # type: ignore[misc]
    """A table cell with ``data-label`` (its column's header, for stacked rows in CSS)."""


def _visit_entry_html(self: Any, node: cd_entry) -> None:
    self.visit_entry(node)
    start = self.body[-1]  # the <td ...> tag visit_entry wrote
    if start.endswith(">") and node.get("label"):
        self.body[-1] = f'{start[:-1]} data-label="{self.attval(node["label"])}">'


def block(tag: str, *children: nodes.Node, data: dict[str, str] | None = None) -> cd_block:
    node = cd_block("", *children, tag=tag)
    if data:
        node["data"] = dict(data)
    return node


def summary(*children: nodes.Node | str) -> cd_summary:
    node = cd_summary("", "", translatable=False, support_smartquotes=False)
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


def _visit_html(self: Any, node: nodes.Element) -> None:
    tag = node.get("tag", "summary")
    attributes = {f"data-{k}": v for k, v in node.get("data", {}).items()}
    suffix = "\n" if isinstance(node, cd_block) else ""
    self.body.append(self.starttag(node, tag, suffix, **attributes))


def _depart_html(self: Any, node: nodes.Element) -> None:
    self.body.append(f"</{node.get('tag', 'summary')}>\n")


def _as(base: str) -> tuple[Callable[[Any, nodes.Node], None], Callable[[Any, nodes.Node], None]]:
    """Visitors that write the node as the writer writes ``base`` nodes."""

    def visit(self: Any, node: nodes.Node) -> None:
        getattr(self, f"visit_{base}")(node)

    def depart(self: Any, node: nodes.Node) -> None:
        getattr(self, f"depart_{base}")(node)

    return visit, depart


def setup_tags(app: Sphinx) -> None:
    entry = _as("entry")
    app.add_node(
        cd_entry,
        html=(_visit_entry_html, entry[1]),
        latex=entry,
        text=entry,
        man=entry,
        texinfo=entry,
    )
    for node_class, base in ((cd_block, "container"), (cd_summary, "paragraph")):
        others = _as(base)
        app.add_node(
            node_class,
            html=(_visit_html, _depart_html),
            latex=others,
            text=others,
            man=others,
            texinfo=others,
        )
