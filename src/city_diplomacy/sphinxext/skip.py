"""Skip links past long interactive blocks (the map, long member lists).

A keyboard user meets every city of the map (85 and more links) or every row of a long
member table before the rest of the page. :func:`skippable` puts a link before such a
block, hidden until it has the focus (``.cd-skip-link`` in the stylesheet), that jumps
to an anchor right after the block; the anchor takes the focus (``tabindex="-1"``), so
the next Tab goes on from there, in the page's visual order. The link text is a label
(translated like every other, see :mod:`.labelcatalog`).
"""

from __future__ import annotations

import html

from docutils import nodes

from city_diplomacy.sphinxext import nodes as cdn
from city_diplomacy.sphinxext.base import Context

#: Labels of the skip links, in Japanese (English from the catalogs).
SKIP_MAP = "地図を飛ばす"
SKIP_MEMBERS = "都市の一覧を飛ばす"


def skip_link(cd: Context, text: str, anchor: str) -> nodes.paragraph:
    """The link to ``#anchor`` (a paragraph of class ``cd-skip``)."""
    link = nodes.reference("", "", cd.label_inline(text), refuri=f"#{anchor}")
    link["classes"].append("cd-skip-link")
    paragraph = cdn.value(link)
    paragraph["classes"].append("cd-skip")
    return paragraph


def skip_target(anchor: str) -> nodes.raw:
    """The place the link jumps to: focusable by script and by the link, not by Tab."""
    markup = f'<div id="{html.escape(anchor)}" class="cd-skip-target" tabindex="-1"></div>'
    return nodes.raw("", markup, format="html")


def skippable(cd: Context, text: str, anchor: str, block: list[nodes.Node]) -> list[nodes.Node]:
    """``block`` with a skip link before it and its target after it."""
    return [skip_link(cd, text, anchor), *block, skip_target(anchor)]
