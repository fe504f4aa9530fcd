"""Sphinx extension: fix two accessibility defects of the Sphinx/Furo page chrome.

The quality gates (``city_diplomacy.sitecheck``) found them on every page:

* Sphinx writes toctree captions as ``<p class="caption" role="heading">`` without
  ``aria-level``, which ARIA requires for a heading (axe-core ``aria-required-attr``);
  we add ``aria-level="2"`` (the caption sits under the page's ``h1``).
* Furo gives the sidebar's expand checkboxes ``role="switch"`` without ``aria-checked``
  (a Nu Html Checker error); a plain checkbox already exposes its checked state, so we
  drop the role.

Registered in ``docs/conf.py``; it runs after Furo's own ``html-page-context`` handler.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

_CAPTION = re.compile(r'<p class="caption" role="heading">')
_SWITCH = re.compile(r'(<input\b[^>]*?class="toctree-checkbox"[^>]*?) role="switch"')
#: Template context entries that hold pre-rendered HTML.
_HTML_KEYS = ("body", "toc", "furo_navigation_tree")


def fix_html(html: str) -> str:
    """Apply both fixes to one HTML fragment."""
    html = _CAPTION.sub('<p aria-level="2" class="caption" role="heading">', html)
    return _SWITCH.sub(r"\1", html)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    for key in _HTML_KEYS:
        value = context.get(key)
        if isinstance(value, str):
            context[key] = fix_html(value)


def setup(app: Sphinx) -> dict[str, Any]:
    # Furo computes its navigation tree at the default priority (500); run after it.
    app.connect("html-page-context", _page_context, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
