"""Labels that a page shows only in some states, kept in its catalog in every state.

The changelog says "no release recorded yet" today and "changes from version 1.0.0
to 1.1.0" after a release; gettext only extracts what a build renders. A directive
adds the labels it may show to a :class:`cd_catalog_only` container: the gettext
builder extracts them, every other builder drops the container.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class cd_catalog_only(nodes.container):  # type: ignore[misc]
    """Labels for the catalogs only; removed from every output but gettext's."""


def drop_catalog_only(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == "gettext":
        return
    for node in list(doctree.findall(cd_catalog_only)):
        node.parent.remove(node)


def setup_catalog_only(app: Sphinx) -> None:
    app.add_node(cd_catalog_only)
    app.connect("doctree-resolved", drop_catalog_only)
