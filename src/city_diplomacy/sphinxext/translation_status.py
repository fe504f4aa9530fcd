"""``cd-translation-status``: languages, percentage translated and pages left.

The site build counts the catalogs (the ``translations`` part of the build context,
:mod:`.context`); this directive renders the counts. Without a context the table keeps
its header and has no rows, with a warning.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from city_diplomacy.sphinxext.config import get_context
from city_diplomacy.sphinxext.context import TranslationEntry

logger = logging.getLogger(__name__)

# Column labels are Japanese source text with source info, so they reach the catalogs;
# the figures have none, so changing numbers never change a msgid.
HEADERS = ("言語", "翻訳率", "翻訳済み／全メッセージ", "言語切替に表示", "翻訳が残るページ")
SHOWN, HIDDEN = "✓", "—"


class TranslationStatus(SphinxDirective):
    """Table of every target language with its progress, read from the catalogs."""

    has_content = False
    required_arguments = 0

    def _label(self, text: str) -> nodes.paragraph:
        para = nodes.paragraph("", text)
        self.set_source_info(para)
        return para

    def _pages(self, pages: list[str]) -> nodes.paragraph:
        para = nodes.paragraph()
        for i, page in enumerate(pages):
            if i:
                para += nodes.Text(", ")
            if page in self.env.found_docs:
                xref = addnodes.pending_xref(
                    "", refdomain="std", reftype="doc", reftarget="/" + page, refexplicit=False
                )
                xref += nodes.inline("", page)
                para += xref
            else:
                para += nodes.Text(page)
        return para

    def _row(self, cells: list[nodes.Node]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += cell
            row += entry
        return row

    def _body_row(self, item: TranslationEntry) -> nodes.row:
        return self._row(
            [
                nodes.paragraph("", f"{item['name']} ({item['code']})"),
                nodes.paragraph("", f"{item['percent']:.1f} %"),
                nodes.paragraph("", f"{item['translated']} / {item['total']}"),
                nodes.paragraph("", SHOWN if item["offered"] else HIDDEN),
                self._pages(item["pages_left"]),
            ]
        )

    def _warn(self, message: str, subtype: str) -> None:
        logger.warning(
            message,
            type="city_diplomacy",
            subtype=subtype,
            location=self.get_location(),
        )

    def run(self) -> list[nodes.Node]:
        context = get_context(self.env)
        part = context.get("translations") if context else None
        result: list[TranslationEntry] = []
        if part is None:
            self._warn(
                "the translation status left out: no build context (city_diplomacy_context); "
                "`city-diplomacy build` computes it",
                "context",
            )
        elif part["error"]:
            self._warn(f"translation status unavailable: {part['error']}", "translation_status")
            return []
        else:
            result = part["languages"]
        table = nodes.table(classes=["cd-translation-status"])
        tgroup = nodes.tgroup(cols=len(HEADERS))
        table += tgroup
        tgroup.extend(nodes.colspec(colwidth=1) for _ in HEADERS)
        thead = nodes.thead()
        thead += self._row([self._label(text) for text in HEADERS])
        tbody = nodes.tbody()
        tbody.extend(self._body_row(item) for item in result)
        tgroup += thead
        tgroup += tbody
        self.set_source_info(table)
        return [table]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.setup_extension("city_diplomacy.sphinxext.config")
    app.add_directive("cd-translation-status", TranslationStatus)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


# The package's setup() wires components through setup_<name>(app).
setup_translation_status = setup
