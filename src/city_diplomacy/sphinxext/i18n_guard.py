"""Drop raw HTML that a translation brought in and the Japanese source does not have.

``i18n check`` rejects such catalogs before a build; this transform is the second line,
so a catalog that skipped the check still cannot put live markup on a page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from city_diplomacy.sphinxext._i18n_root import source_code

logger = logging.getLogger(__name__)


def _translated(node: nodes.Node) -> bool:
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, nodes.Element) and parent.get("translated"):
            return True
        parent = parent.parent
    return False


class DropTranslatedRawHtml(SphinxTransform):
    """On a translated build, remove raw HTML that is not in the page's source file."""

    default_priority = 27  # after sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs: Any) -> None:
        language = self.config.language
        if not language or language == source_code(self.env):
            return
        source = Path(self.env.doc2path(self.env.docname)).read_text(encoding="utf-8")
        for raw in list(self.document.findall(nodes.raw)):
            if "html" not in raw.get("format", "").split() or not _translated(raw):
                continue
            if raw.astext().strip() and raw.astext().strip() in source:
                continue
            logger.warning(
                "raw HTML from a translation removed (not in the source): %r",
                raw.astext()[:80],
                type="city_diplomacy",
                subtype="i18n_html",
                location=raw if raw.line else raw.parent,
            )
            raw.parent.remove(raw)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the transform."""
    app.setup_extension("city_diplomacy.sphinxext.config")
    app.add_transform(DropTranslatedRawHtml)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


# The package's setup() wires components through setup_<name>(app).
setup_i18n_guard = setup
