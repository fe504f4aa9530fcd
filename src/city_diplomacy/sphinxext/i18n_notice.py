"""Mark paragraphs that fell back to Japanese and say so at the top of the page."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from city_diplomacy.sphinxext._i18n_root import notice_for, source_code

NOTICE_CLASS = "cd-untranslated-notice"
_SOURCE_ALT = "cd_source_alt"


def _fell_back(node: nodes.Element) -> bool:
    """True when Locale left this translatable node in the source language."""
    if node.get("translated") is not False:
        return False
    # Locale never marks an addnodes.translatable (a toctree) as translated; compare its
    # caption with the original instead.
    if isinstance(node, addnodes.toctree):
        return bool(node.get("rawcaption")) and node.get("caption") == node.get("rawcaption")
    # Locale puts a translated alt text in but leaves the image translated=False; compare
    # the alt text with the source's (kept by RememberImageAlt) instead.
    if isinstance(node, nodes.image) and _SOURCE_ALT in node:
        return bool(node["alt"]) and node["alt"] == node[_SOURCE_ALT]
    return not isinstance(node, addnodes.translatable)


class RememberImageAlt(SphinxTransform):
    """Before ``Locale``: keep each image's source alt text for :func:`_fell_back`."""

    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        for image in self.document.findall(nodes.image):
            if image.get("alt"):
                image[_SOURCE_ALT] = image["alt"]


class UntranslatedNotice(SphinxTransform):
    """On a translated build, add ``lang`` to untranslated nodes and a notice to the page.

    Sphinx's ``Locale`` transform sets ``translated=False`` on every translatable node
    whose catalog entry is missing, empty or fuzzy; those are the Japanese fallbacks.
    """

    default_priority = 26  # after Locale (20) and TranslationProgressTotaliser (25)

    def apply(self, **kwargs: Any) -> None:
        language = self.config.language
        if not language or language == source_code(self.env):
            return
        fallback = [node for node in self.document.findall(nodes.Element) if _fell_back(node)]
        if not fallback:
            return
        for node in fallback:
            node["classes"].append("language-ja")  # the HTML writer turns it into lang="ja"
        notice = nodes.attention("", nodes.paragraph("", notice_for(self.env, language)))
        notice["classes"].append(NOTICE_CLASS)
        section = self.document.next_node(nodes.section)
        if section is not None and isinstance(section[0], nodes.title):
            section.insert(1, notice)
        else:
            self.document.insert(0, notice)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the notice transform and the raw-HTML guard."""
    app.setup_extension("city_diplomacy.sphinxext.config")
    app.setup_extension("city_diplomacy.sphinxext.i18n_guard")
    app.add_transform(RememberImageAlt)
    app.add_transform(UntranslatedNotice)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


# The package's setup() wires components through setup_<name>(app).
setup_i18n_notice = setup
