"""JSON-LD in a page's ``<head>``: a hidden node in the doctree, written by the page context.

A directive returns :class:`cd_jsonld` with the document (a dict); writers skip the
node, and on ``html-page-context`` its script (escaped by
:func:`city_diplomacy.release.citation.jsonld_script`, so no value can close the element) is
appended to ``metatags``, which the theme puts in the ``<head>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from city_diplomacy.release.citation import jsonld_script

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class cd_jsonld(nodes.Invisible, nodes.Element):  # type: ignore[misc]
    """Holds ``node['document']``, a JSON-LD object for the page head; renders nothing."""


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
