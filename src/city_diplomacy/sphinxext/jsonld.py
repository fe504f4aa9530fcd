"""JSON-LD in a page's ``<head>``: a hidden node in the doctree, written by the page context.

A directive returns :class:`cd_jsonld` with the document (a dict); writers skip the
node, and on ``html-page-context`` its script (escaped by
:func:`jsonld_script`, so no value can close the element) is
appended to ``metatags``, which the theme puts in the ``<head>``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class cd_jsonld(nodes.Invisible, nodes.Element):  # type: ignore[misc]
    """Holds ``node['document']``, a JSON-LD object for the page head; renders nothing."""


def jsonld_script(document: Mapping[str, Any]) -> str:
    """``<script type="application/ld+json">`` for an HTML head, safe for any data value.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no value can close the
    script element or open a comment.
    """
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or app.builder.name.startswith("epub"):
        return  # an e-book has no use for search-engine metadata
    scripts = [jsonld_script(node["document"]) for node in doctree.findall(cd_jsonld)]
    if scripts:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(scripts) + "\n"


def setup_jsonld(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(cd_jsonld, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.connect("html-page-context", _page_context)
